"""Reads of the document registry, scoped to the actor, and the chain of legal bases."""

from django.http import Http404

from cchc.core.text import fold
from cchc.plans.models import Document, DocumentBasis

MAX_CHAIN_DEPTH = 8


def document_list(*, actor, q: str = "", doc_type: str | None = None):
    qs = Document.objects.visible_to(actor).select_related("org_unit")
    if doc_type:
        qs = qs.filter(doc_type=doc_type)
    for word in fold(q).split():
        qs = qs.filter(search_text__contains=word)
    return qs


def document_get(*, actor, pk) -> Document:
    try:
        return Document.objects.visible_to(actor).select_related("org_unit", "issuer_unit").get(pk=pk)
    except (Document.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy văn bản.")


def basis_chain(*, actor, document: Document) -> list[dict]:
    """The bases of a document, each with its own bases, as nested dicts; one query per level.

    A cited document outside the actor's scope is shown as cited (number, date, issuer) without a link.
    """
    visible = set(Document.objects.visible_to(actor).values_list("pk", flat=True)) if actor is not None else None
    by_doc: dict[int, list[DocumentBasis]] = {}
    frontier = {document.pk}
    seen = set()
    for _ in range(MAX_CHAIN_DEPTH):
        frontier -= seen
        if not frontier:
            break
        seen |= frontier
        rows = list(
            DocumentBasis.objects.filter(document_id__in=frontier).select_related("cited").order_by("order", "id")
        )
        frontier = set()
        for b in rows:
            by_doc.setdefault(b.document_id, []).append(b)
            if b.cited_id:
                frontier.add(b.cited_id)

    def build(doc_id: int, path: tuple[int, ...]) -> list[dict]:
        result = []
        for b in by_doc.get(doc_id, []):
            cited = b.cited
            linked = cited is not None and (visible is None or cited.pk in visible)
            node = {
                "number": b.cited_number or (cited.number if cited else ""),
                "type": b.cited_type or (cited.doc_type if cited else ""),
                "date": b.cited_date or (cited.issued_on if cited else None),
                "issuer": b.cited_issuer or (cited.issuer if cited else ""),
                "title": b.cited_title or (cited.title if cited else ""),
                "registered": cited is not None,
                "document_id": cited.pk if linked else None,
                "bases": [],
            }
            if cited is not None and cited.pk not in path:
                node["bases"] = build(cited.pk, path + (cited.pk,))
            result.append(node)
        return result

    return build(document.pk, (document.pk,))


def cited_by(*, actor, document: Document):
    return Document.objects.visible_to(actor).filter(bases__cited=document).distinct().order_by("issued_on")
