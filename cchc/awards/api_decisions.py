"""API routes of award decisions: a decision with its awards and total, and its Word file; scoped like the pages
(another ward's decision is 404)."""

from __future__ import annotations

import datetime as dt

from ninja import Router, Schema

from cchc.awards import files_decisions as files
from cchc.awards import selectors_decisions as selectors
from cchc.awards.choices import DecisionStatus
from cchc.awards.rules import powers
from cchc.core import dates

router = Router(tags=["awards"])


class FormOut(Schema):
    code: str
    name: str


class DecisionAwardOut(Schema):
    id: int | None
    recipient: str
    recipient_unit: str
    subject: str
    form: FormOut
    amount: int | None
    revoked: bool


class DecisionOut(Schema):
    id: int
    kind: str
    status: str
    unit_id: int
    unit: str
    title: str
    number: str
    date: dt.date | None
    signer: str
    signer_title: str
    issuer: str
    awards: list[DecisionAwardOut]
    total_amount: int


@router.get("/decisions/{decision_id}", response=DecisionOut)
def decision_detail(request, decision_id: int):
    """A decision: number, date, signer, its awards (the nominees with their expected money while a draft) and
    the total amount."""
    decision = selectors.decision_get(actor=request.user, pk=decision_id)
    if decision.status == DecisionStatus.SIGNED:
        awards = [
            DecisionAwardOut(
                id=a.pk,
                recipient=a.recipient,
                recipient_unit=a.recipient_unit,
                subject=a.subject,
                form=FormOut(code=a.form, name=powers.form_name(a.form)),
                amount=int(a.amount),
                revoked=a.revoked_on is not None,
            )
            for a in selectors.decision_awards(decision=decision)
        ]
    else:
        rows = zip(
            selectors.annex_rows(decision=decision, day=dates.today()),
            sorted(
                decision.nominations.all(),
                key=lambda n: (selectors.SUBJECT_ORDER.get(n.subject, 9), n.pk),
            ),
            strict=True,
        )
        awards = [
            DecisionAwardOut(
                id=None,
                recipient=r.name,
                recipient_unit=r.unit,
                subject=r.subject,
                form=FormOut(code=selectors.effective_form(n), name=r.form),
                amount=r.amount,
                revoked=False,
            )
            for r, n in rows
        ]
    return DecisionOut(
        id=decision.pk,
        kind=decision.kind,
        status=decision.status,
        unit_id=decision.unit_id,
        unit=decision.unit.name,
        title=decision.title,
        number=decision.number,
        date=decision.signed_on,
        signer=decision.signer_name,
        signer_title=decision.signer_title,
        issuer=decision.issuer,
        awards=awards,
        total_amount=sum(a.amount or 0 for a in awards),
    )


@router.get("/decisions/{decision_id}/docx")
def decision_docx(request, decision_id: int):
    """The decision as a Nghị định 30/2020 Word file."""
    decision = selectors.decision_get(actor=request.user, pk=decision_id)
    data = files.decision_docx(decision, day=dates.today())
    return files.docx_response(data, f"quyet-dinh-khen-thuong-{decision.pk}")
