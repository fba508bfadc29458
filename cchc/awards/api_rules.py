"""API routes of the rule files, programmes, fact registers and eligibility.

`GET /api/awards/programmes?document=<number>` lists the programmes the caller may read (their level and the
levels above it), `GET /api/awards/programmes/{id}` gives one with its criteria as sentences; another level's
programme is 404.
"""

from __future__ import annotations

from ninja import Router, Schema

from cchc.awards import selectors_rules
from cchc.awards.models import Programme

router = Router(tags=["awards"])


class FormOut(Schema):
    code: str
    name: str


class DeadlineOut(Schema):
    due: str | None
    text: str
    year: int
    source: str


class ProgrammeOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    form: FormOut
    subject: str
    deadline: DeadlineOut | None
    source: str
    document: str
    unit_id: int
    unit: str
    is_active: bool


class ConflictOut(Schema):
    title: str
    text: str
    statements: list[dict[str, str]]


class ProgrammeDetailOut(ProgrammeOut):
    criteria: list[str]
    quotas: list[str]
    late_policy: str
    tie_breaks: list[str]
    dossier: list[str]
    notes: list[str]
    conflicts: list[ConflictOut]


class ProgrammePage(Schema):
    count: int
    items: list[ProgrammeOut]


def _item(p: Programme, deadline) -> dict:
    return {
        "id": p.pk,
        "code": p.code,
        "name": p.name,
        "kind": p.kind,
        "form": {"code": p.form, "name": selectors_rules.form_name(p.form)},
        "subject": p.subject,
        "deadline": (
            {
                "due": deadline.due.strftime("%d/%m/%Y") if deadline.due else None,
                "text": deadline.text,
                "year": deadline.year,
                "source": deadline.source,
            }
            if deadline
            else None
        ),
        "source": p.source,
        "document": p.rule_file.document_number,
        "unit_id": p.unit_id,
        "unit": p.unit.name,
        "is_active": p.is_active,
    }


@router.get("/awards/programmes", response=ProgrammePage)
def programme_list(request, document: str = "", active: bool | None = None):
    """Programmes the caller may read; `document` filters by the plan's number ("259/KH-UBND"), `active` by
    whether they are in force."""
    qs = selectors_rules.programme_list(actor=request.user).order_by(
        "unit__path", "rule_file_id", "order"
    )
    if document.strip():
        qs = qs.filter(rule_file__document_number__iexact=document.strip())
    if active is not None:
        qs = qs.filter(is_active=active)
    items = [_item(p, selectors_rules.programme_deadline(p)) for p in qs]
    return {"count": len(items), "items": items}


@router.get("/awards/programmes/{programme_id}", response=ProgrammeDetailOut)
def programme_detail(request, programme_id: int):
    """One programme with its criteria, quotas, deadline, late policy, tie-breaks, dossier and contradictions."""
    programme = selectors_rules.programme_get(actor=request.user, pk=programme_id)
    view = selectors_rules.programme_view(programme)
    return {
        **_item(programme, view.deadline),
        "criteria": view.criteria,
        "quotas": view.quotas,
        "late_policy": view.late_policy,
        "tie_breaks": view.tie_breaks,
        "dossier": view.dossier,
        "notes": view.notes,
        "conflicts": [
            {
                "title": c.title,
                "text": c.text,
                "statements": [{"source": s, "quote": q} for s, q in c.statements],
            }
            for c in view.conflicts
        ],
    }
