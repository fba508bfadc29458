"""Reads of the document registry, scoped to the actor, and the chain of legal bases."""

from django.http import Http404

from cchc.core.text import fold
from cchc.registry.models import Document, DocumentBasis, DocumentFile

MAX_CHAIN_DEPTH = 8


def document_list(*, actor, q: str = "", doc_type: str | None = None):
    """Documents of the actor's units, of the levels above them, and of outside bodies."""
    qs = Document.objects.visible_to(actor).select_related("org_unit")
    if doc_type:
        qs = qs.filter(doc_type=doc_type)
    for word in fold(q).split():
        qs = qs.filter(search_text__contains=word)
    return qs


def document_get(*, actor, pk) -> Document:
    """One document the actor may see, else 404."""
    try:
        return (
            Document.objects.visible_to(actor).select_related("org_unit", "issuer_unit").get(pk=pk)
        )
    except (Document.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy văn bản.")


def document_file_get(*, actor, pk) -> DocumentFile:
    """A file attached to a document the actor may see, else 404."""
    f = DocumentFile.objects.filter(pk=pk, document__in=Document.objects.visible_to(actor)).first()
    if f is None:
        raise Http404("Không tìm thấy tệp.")
    return f


def _visible_ids(actor, ids) -> set[int]:
    if not ids:
        return set()
    return set(
        Document.objects.visible_to(actor).filter(pk__in=list(ids)).values_list("pk", flat=True)
    )


def document_bases(*, actor, document: Document) -> list[DocumentBasis]:
    """The bases of one document in order; `linked` says whether the cited document may be opened."""
    bases = list(document.bases.select_related("cited").order_by("order", "id"))
    visible = _visible_ids(actor, {b.cited_id for b in bases if b.cited_id})
    for b in bases:
        # A per-request flag on the instance, like an annotation: no model field can declare it.
        b.linked = b.cited_id in visible  # type: ignore[attr-defined]
    return bases


def _basis_graph(document: Document) -> dict[int, list[DocumentBasis]]:
    """{document id: its bases} for the document and every registered document reached through bases."""
    by_doc: dict[int, list[DocumentBasis]] = {}
    frontier = {document.pk}
    seen: set[int] = set()
    for _ in range(MAX_CHAIN_DEPTH):
        frontier -= seen
        if not frontier:
            break
        seen |= frontier
        rows = list(
            DocumentBasis.objects.filter(document_id__in=frontier)
            .select_related("cited")
            .order_by("order", "id")
        )
        frontier = set()
        for b in rows:
            by_doc.setdefault(b.document_id, []).append(b)
            if b.cited_id:
                frontier.add(b.cited_id)
    return by_doc


def _node(b: DocumentBasis, linked: bool) -> dict:
    cited = b.cited
    return {
        "number": b.cited_number or (cited.number if cited else ""),
        "type": b.cited_type or (cited.doc_type if cited else ""),
        "date": b.cited_date or (cited.issued_on if cited else None),
        "date_precision": cited.date_precision if cited and not b.cited_date else "day",
        "issuer": b.cited_issuer or (cited.issuer if cited else ""),
        "title": b.cited_title or (cited.title if cited else ""),
        "registered": cited is not None,
        "document_id": cited.pk if linked and cited is not None else None,
        "repeat": False,
        "bases": [],
    }


def basis_chain(*, actor, document: Document, collapse_repeats: bool = False) -> list[dict]:
    """The bases of a document, each with its own bases, as nested dicts; one query per level.

    A cited document outside the actor's scope is shown as cited (number, date, issuer) without a link.
    With `collapse_repeats`, a document already expanded higher up is marked `repeat` and not expanded again,
    so that a page reads as a tree rather than repeating the same branch.
    """
    by_doc = _basis_graph(document)
    cited_ids = {b.cited_id for rows in by_doc.values() for b in rows if b.cited_id}
    visible = _visible_ids(actor, cited_ids)
    expanded: set[int] = set()

    def build(doc_id: int, path: tuple[int, ...]) -> list[dict]:
        result = []
        for b in by_doc.get(doc_id, []):
            node = _node(b, b.cited_id in visible)
            cited_id = b.cited_id
            if cited_id is not None and cited_id not in path:
                if collapse_repeats and cited_id in expanded and by_doc.get(cited_id):
                    node["repeat"] = True
                else:
                    expanded.add(cited_id)
                    node["bases"] = build(cited_id, path + (cited_id,))
            result.append(node)
        return result

    return build(document.pk, (document.pk,))


def basis_lineage(*, actor, document: Document) -> list[dict]:
    """The longest line of registered documents the document rests on, oldest first, ending with the document.

    Each step is a basis citing a registered document; when two lines are equally long the one through the
    most recent document is taken (the text the document most directly implements).
    """
    by_doc = _basis_graph(document)
    cited = {b.cited_id: b for rows in by_doc.values() for b in rows if b.cited_id}
    visible = _visible_ids(actor, set(cited))
    memo: dict[int, list[int]] = {}

    def longest(doc_id: int, path: frozenset) -> list[int]:
        if doc_id in memo:
            return memo[doc_id]
        best: list[int] = []
        best_key = None
        for b in by_doc.get(doc_id, []):
            if b.cited_id is None or b.cited_id in path:
                continue
            line = longest(b.cited_id, path | {b.cited_id})
            key = (len(line), b.cited.issued_on.toordinal() if b.cited and b.cited.issued_on else 0)
            if best_key is None or key > best_key:
                best, best_key = line, key
        memo[doc_id] = [doc_id, *best]
        return memo[doc_id]

    ids = longest(document.pk, frozenset({document.pk}))
    steps = []
    for doc_id in reversed(ids[1:]):
        node = _node(cited[doc_id], doc_id in visible)
        steps.append(node)
    steps.append(
        {
            "number": document.display_number,
            "type": document.doc_type,
            "date": document.issued_on,
            "date_precision": document.date_precision,
            "issuer": document.issuer,
            "title": document.title,
            "registered": True,
            "document_id": document.pk,
            "repeat": False,
            "bases": [],
        }
    )
    return steps


def cited_by(*, actor, document: Document):
    """Visible documents that cite this one as a basis."""
    return (
        Document.objects.visible_to(actor)
        .filter(bases__cited=document)
        .distinct()
        .order_by("issued_on")
    )
