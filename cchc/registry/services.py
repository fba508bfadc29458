"""Writes to the document registry: register a document with its legal bases and files."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from cchc.core import audit, versions
from cchc.core.attachments import attach
from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.scope import user_or_none
from cchc.core.text import fold_words, nfc
from cchc.registry import policies
from cchc.registry.choices import DatePrecision, DocType
from cchc.registry.models import Document, DocumentBasis, DocumentFile


@dataclass
class BasisInput:
    number: str = ""
    doc_type: str = ""
    date: dt.date | None = None
    issuer: str = ""
    title: str = ""
    raw: str = ""


def document_search_text(doc: Document) -> str:
    """Folded number, type, issuer, summary and signer of a document."""
    return fold_words(doc.number, doc.get_doc_type_display(), doc.issuer, doc.title, doc.signer)


def _registered_by_number(number: str) -> Document | None:
    if not number:
        return None
    return Document.objects.filter(number__iexact=number.strip()).order_by("id").first()


def _add_bases(doc: Document, bases: list[BasisInput]) -> None:
    seen = set()
    for order, b in enumerate(bases, start=1):
        key = (b.number or b.title or b.raw).strip().lower()
        if key in seen:
            continue
        seen.add(key)
        cited = _registered_by_number(b.number)
        if cited is not None and cited.pk == doc.pk:
            continue
        DocumentBasis.objects.create(
            document=doc,
            cited=cited,
            cited_number=b.number.strip(),
            cited_type=b.doc_type or (cited.doc_type if cited else ""),
            cited_date=b.date or (cited.issued_on if cited else None),
            cited_issuer=nfc(b.issuer) or (cited.issuer if cited else ""),
            cited_title=nfc(b.title) or (cited.title if cited else ""),
            raw=b.raw,
            order=order,
        )


@transaction.atomic
def document_register(
    *,
    actor,
    title: str,
    doc_type: str = DocType.KHAC,
    number: str = "",
    issuer: str = "",
    issued_on: dt.date | None = None,
    date_precision: str = DatePrecision.DAY,
    signer: str = "",
    signer_title: str = "",
    org_unit=None,
    issuer_unit=None,
    period_start: int | None = None,
    period_end: int | None = None,
    body: str = "",
    bases: list[BasisInput] | None = None,
    audit_it: bool = True,
) -> Document:
    """Register a document with its bases; bases citing registered documents are linked, and earlier citations of this number get linked to it."""
    if not policies.can_register_document(actor, org_unit):
        raise PermissionDenied("Bạn không có quyền đăng ký văn bản cho đơn vị này.")
    title = nfc(title)
    if not title:
        raise DomainError("Trích yếu không được để trống.", field="title")
    number = nfc(number).replace(" ", "")
    if doc_type not in DocType.values:
        raise DomainError(f"Loại văn bản “{doc_type}” không hợp lệ.", field="doc_type")
    if (
        number
        and issued_on
        and Document.objects.filter(
            number__iexact=number,
            issued_on__year=issued_on.year,
            org_unit=org_unit,
            issuer__iexact=nfc(issuer),
        ).exists()
    ):
        raise DomainError(
            f"Văn bản số {number} năm {issued_on.year} đã được đăng ký.", field="number"
        )
    seq, symbol = _split_number(number)
    doc = Document(
        number=number,
        seq=seq,
        symbol=symbol,
        doc_type=doc_type,
        issuer=nfc(issuer),
        issued_on=issued_on,
        date_precision=date_precision if issued_on else DatePrecision.NONE,
        signer=nfc(signer),
        signer_title=nfc(signer_title),
        title=title,
        org_unit=org_unit,
        issuer_unit=issuer_unit,
        period_start=period_start,
        period_end=period_end,
        body=body,
        created_by=user_or_none(actor),
    )
    doc.search_text = document_search_text(doc)
    doc.save()
    _add_bases(doc, bases or [])
    if number:
        DocumentBasis.objects.filter(cited__isnull=True, cited_number__iexact=number).exclude(
            document=doc
        ).update(cited=doc)
    if audit_it:
        audit.record(
            actor=actor,
            action="document.register",
            obj=doc,
            after={**audit.snapshot(doc), "bases": _bases_summary(doc)},
            unit_path=org_unit.path if org_unit else "",
        )
    return doc


def _split_number(number: str) -> tuple[int | None, str]:
    """(sequence number, symbol) of "259/KH-UBND"; (None, "") when there is no symbol."""
    if "/" not in number:
        return None, ""
    head, _, symbol = number.partition("/")
    return (int(head) if head.isdigit() else None), symbol


def _bases_summary(document: Document) -> list[str]:
    return [
        b.cited_number or b.cited_title[:80] or b.raw[:80]
        for b in document.bases.order_by("order", "id")
    ]


@transaction.atomic
def document_update(
    *,
    actor,
    document: Document,
    bases: list[BasisInput] | None = None,
    seen_version: int | None = None,
    **changes,
) -> Document:
    """Change a document's fields (and replace its bases when given); `seen_version` is the version the
    user edited (refused when someone saved it since)."""
    if not policies.can_edit_document(actor, document):
        raise PermissionDenied("Bạn không có quyền sửa văn bản này.")
    label = f"Văn bản {document.number}"
    new_unit = changes.get("org_unit", document.org_unit)
    if new_unit != document.org_unit and not policies.can_register_document(actor, new_unit):
        raise PermissionDenied("Bạn không có quyền chuyển văn bản sang đơn vị này.")
    before = audit.snapshot(document)
    if bases is not None:
        before["bases"] = _bases_summary(document)
    if "doc_type" in changes and changes["doc_type"] not in DocType.values:
        raise DomainError(f"Loại văn bản “{changes['doc_type']}” không hợp lệ.", field="doc_type")
    for key, value in changes.items():
        setattr(document, key, nfc(value) if isinstance(value, str) and key != "body" else value)
    document.number = document.number.replace(" ", "")
    if not document.title:
        raise DomainError("Trích yếu không được để trống.", field="title")
    document.seq, document.symbol = _split_number(document.number)
    if document.issued_on is None:
        document.date_precision = DatePrecision.NONE
    document.search_text = document_search_text(document)
    versions.check_version(document, seen_version, actor, label=label)
    document.save()
    after = audit.snapshot(document)
    if bases is not None:
        document.bases.all().delete()
        _add_bases(document, bases)
        after["bases"] = _bases_summary(document)
    if document.number:
        DocumentBasis.objects.filter(
            cited__isnull=True, cited_number__iexact=document.number
        ).exclude(document=document).update(cited=document)
    audit.record(
        actor=actor,
        action="document.update",
        obj=document,
        before=before,
        after=after,
        unit_path=document.org_unit.path if document.org_unit else "",
    )
    return document


@transaction.atomic
def document_attach(*, actor, document: Document, uploaded_file) -> DocumentFile:
    """Attach a file to a document."""
    if not policies.can_edit_document(actor, document):
        raise PermissionDenied("Bạn không có quyền đính kèm tệp cho văn bản này.")
    f = attach(DocumentFile(document=document), uploaded_file, actor=actor)
    audit.record(
        actor=actor,
        action="document.attach",
        obj=document,
        after={"file": f.name},
        unit_path=document.org_unit.path if document.org_unit else "",
    )
    return f
