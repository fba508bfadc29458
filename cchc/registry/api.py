"""JSON API of the document register."""

import datetime as dt

from ninja import Router, Schema

from cchc.registry import selectors as document_selectors

router = Router(tags=["documents"])


class DocumentOut(Schema):
    id: int
    number: str
    type: str
    issuer: str
    date: dt.date | None
    title: str


class BasisOut(Schema):
    number: str
    type: str
    date: dt.date | None
    issuer: str
    title: str
    registered: bool
    document_id: int | None
    bases: list["BasisOut"]


BasisOut.model_rebuild()


@router.get("/documents", response=list[DocumentOut])
def documents(request, q: str = "", type: str = ""):
    """Documents within the caller's scope (and public documents of outside bodies)."""
    rows = document_selectors.document_list(actor=request.user, q=q, doc_type=type or None)[:2000]
    return [
        DocumentOut(
            id=d.pk,
            number=d.number,
            type=d.doc_type,
            issuer=d.issuer,
            date=d.issued_on,
            title=d.title,
        )
        for d in rows
    ]


@router.get("/documents/{document_id}/bases", response=list[BasisOut])
def document_bases(request, document_id: int):
    """The chain of legal bases of a document: each basis with its own bases."""
    doc = document_selectors.document_get(actor=request.user, pk=document_id)
    return document_selectors.basis_chain(actor=request.user, document=doc)
