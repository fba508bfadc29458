"""API of nominations (/api/nominations…), scoped like the pages: another unit's dossier is 404.

`POST /api/nominations` adds a nominee to the proposing unit's draft dossier for the programme and year (opened
when it has none), with the initiatives named as its achievement (`initiative_ids`); `POST /api/nominations/{id}/submit` submits that dossier (its unit's staff, after the leader's
approval) or, with `received_on`, records it as a paper dossier received that day (the standing agency of the
level): 200 with the dossier's status, or 400 with the reasons that refused it (the deadline, the quota and what
fills it, the rank or the standard a nominee lacks); `GET /api/nominations` lists the nominations the caller
may see.
"""

from __future__ import annotations

from typing import Any

from ninja import Router, Schema

from cchc.awards import selectors_dossiers as selectors
from cchc.awards import services_dossiers as services
from cchc.awards.models import Nomination
from cchc.core import dates, params
from cchc.core.errors import DomainError, PermissionDenied
from cchc.orgs import selectors as org_selectors

router = Router(tags=["awards"])


class NominationIn(Schema):
    # Optional in the schema so that a caller who may not propose gets 403 before any shape check, and a
    # missing field a Vietnamese 400.
    programme_id: int | None = None
    year: int | None = None
    proposing_unit_id: int | None = None
    nominee_unit_id: int | None = None
    nominee_person_id: int | None = None
    achievement: str = ""
    initiative_ids: list[int] = []


class NominationCreated(Schema):
    id: int
    status: str
    dossier_id: int
    dossier_number: int
    verdict: str


class SubmitIn(Schema):
    received_on: str | None = None
    accept_late: bool = False


class SubmitOut(Schema):
    status: str
    dossier_id: int
    message: str
    to_check: list[str]


class ErrorOut(Schema):
    detail: str


class ReasonOut(Schema):
    text: str
    clause: str
    outcome: str


class NomineeOut(Schema):
    kind: str
    id: int
    name: str


class NominationOut(Schema):
    id: int
    status: str
    verdict: str
    form: str
    programme: dict[str, Any]
    year: int | None
    period: list[int] | None
    proposing_unit: dict[str, Any]
    nominee: NomineeOut
    dossier: dict[str, Any]
    reasons: list[ReasonOut]


@router.post("/nominations", response={201: NominationCreated, 400: ErrorOut})
def nomination_create(request, payload: NominationIn):
    """Add a collective (`nominee_unit_id`) or a person (`nominee_person_id`) to the proposing unit's draft
    dossier for the programme and year, opened when it has none."""
    if not selectors.proposing_unit_choices(actor=request.user).exists():
        raise PermissionDenied("Chỉ cán bộ của đơn vị đề nghị mới lập hồ sơ đề nghị khen thưởng.")
    if payload.programme_id is None:
        raise DomainError("Thiếu programme_id (chương trình khen thưởng).", field="programme_id")
    if payload.proposing_unit_id is None:
        raise DomainError("Thiếu proposing_unit_id (đơn vị đề nghị).", field="proposing_unit_id")
    programme = selectors.programme_get(actor=request.user, pk=payload.programme_id)
    unit = org_selectors.unit_get(actor=request.user, pk=payload.proposing_unit_id)
    if (payload.nominee_unit_id is None) == (payload.nominee_person_id is None):
        raise DomainError(
            "Ghi đúng một trong nominee_unit_id (tập thể) hoặc nominee_person_id (cá nhân).",
            field="nominee",
        )
    nominee_unit = (
        org_selectors.unit_get(actor=request.user, pk=payload.nominee_unit_id)
        if payload.nominee_unit_id is not None
        else None
    )
    person = (
        org_selectors.person_get(actor=request.user, pk=payload.nominee_person_id)
        if payload.nominee_person_id is not None
        else None
    )
    dossier = services.dossier_for_nominee(
        actor=request.user, programme=programme, proposing_unit=unit, year=payload.year
    )
    initiatives = list(
        selectors.nominee_initiatives(dossier=dossier).filter(pk__in=payload.initiative_ids)
    )
    unknown = sorted(set(payload.initiative_ids) - {i.pk for i in initiatives})
    if unknown:
        raise DomainError(
            f"Không có sáng kiến số {', '.join(map(str, unknown))} trong các sáng kiến của "
            f"{unit.name} dùng được cho hồ sơ.",
            field="initiative_ids",
        )
    n = services.nomination_add(
        actor=request.user,
        dossier=dossier,
        unit=nominee_unit,
        person=person,
        achievement=payload.achievement,
        initiatives=initiatives,
    )
    return 201, {
        "id": n.pk,
        "status": n.status,
        "dossier_id": dossier.pk,
        "dossier_number": dossier.number,
        "verdict": n.verdict,
    }


@router.post("/nominations/{int:nomination_id}/submit", response={200: SubmitOut, 400: ErrorOut})
def nomination_submit(request, nomination_id: int, payload: SubmitIn):
    """Submit the nomination's dossier, or record it as a paper dossier received on `received_on`
    (dd/mm/yyyy). Refused at submission: 400 naming the deadline, the quota or the standard."""
    nomination = selectors.nomination_get(actor=request.user, pk=nomination_id)
    received_on = None
    if payload.received_on:
        received_on = dates.parse(payload.received_on)
        if received_on is None:
            raise DomainError(
                f"Ngày tiếp nhận “{payload.received_on}” phải có dạng dd/mm/yyyy.",
                field="received_on",
            )
    dossier = nomination.dossier
    result = services.dossier_submit(
        actor=request.user,
        dossier=dossier,
        received_on=received_on,
        accept_late=payload.accept_late,
    )
    dossier.refresh_from_db()
    if result.refused:
        return 400, {"detail": result.message}
    return 200, {
        "status": dossier.status,
        "dossier_id": dossier.pk,
        "message": result.message,
        "to_check": result.to_check,
    }


def _out(n: Nomination) -> dict[str, Any]:
    d = n.dossier
    if n.person_id:
        nominee = {"kind": "person", "id": n.person_id, "name": n.name}
    else:
        nominee = {"kind": "unit", "id": n.unit_id, "name": n.name}
    return {
        "id": n.pk,
        "status": n.status,
        "verdict": n.verdict,
        "form": n.form,
        "programme": {"id": d.programme_id, "code": d.programme.code, "name": d.programme.name},
        "year": d.year,
        "period": [d.period_start, d.period_end] if d.year is None else None,
        "proposing_unit": {"id": d.proposing_unit_id, "name": d.proposing_unit.name},
        "nominee": nominee,
        "dossier": {"id": d.pk, "number": d.number, "status": d.status},
        "reasons": [
            {
                "text": r.get("text", ""),
                "clause": r.get("clause", ""),
                "outcome": r.get("outcome", ""),
            }
            for r in n.reasons
        ],
    }


@router.get("/nominations", response=list[NominationOut])
def nomination_list(request, programme: str = "", year: str = ""):
    """Nominations the caller may see; `programme` (id or code) and `year` narrow them."""
    qs = Nomination.objects.filter(
        dossier__in=selectors.dossier_list(actor=request.user).values("pk")
    ).select_related("dossier", "dossier__programme", "dossier__proposing_unit")
    programme = programme.strip()
    if programme:
        qs = (
            qs.filter(dossier__programme_id=params.identifier(programme, name="programme"))
            if programme.isdigit()
            else qs.filter(dossier__programme__code=programme)
        )
    year = year.strip()
    if year:
        qs = qs.filter(dossier__year=params.year(year))
    return [
        _out(n)
        for n in qs.order_by("dossier__programme_id", "dossier__number", "order", "id")[:2000]
    ]
