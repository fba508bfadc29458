"""JSON API of initiatives (/api/initiatives…), scoped like the pages: another ward's initiative is 404.

Query parameters are read as text and checked here, so that a bad value answers 400 with a Vietnamese message
(`DomainError`, see config/api.py) rather than a validation error in English.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Query, Router, Schema

from cchc.core import dates
from cchc.core.errors import DomainError
from cchc.initiatives import policies, selectors
from cchc.initiatives.choices import LEVEL_ORDER, InitiativeStatus
from cchc.initiatives.models import Initiative
from cchc.orgs import selectors as org_selectors

router = Router(tags=["initiatives"])
MAX_LIMIT = 2000


class AuthorOut(Schema):
    person_id: int | None
    name: str
    share: Decimal | None


class InitiativeOut(Schema):
    id: int
    title: str
    unit_id: int
    unit: str
    authors: list[AuthorOut]
    year: int
    status: str
    level: str | None
    recognised_on: dt.date | None


class InitiativePage(Schema):
    count: int
    items: list[InitiativeOut]


class MemberScoreOut(Schema):
    member_id: int
    name: str
    points: Decimal | None


class CriterionScoresOut(Schema):
    id: int
    name: str
    max_points: Decimal
    scores: list[MemberScoreOut]
    average: Decimal | None


class MemberOut(Schema):
    member_id: int
    name: str
    role: str
    total: Decimal | None


class VerdictOut(Schema):
    status: str
    label: str
    text: str


class ScoresOut(Schema):
    threshold: Decimal | None
    max_total: Decimal
    average: Decimal | None
    required: int
    counted: int
    members: list[MemberOut]
    criteria: list[CriterionScoresOut]
    verdict: VerdictOut


class CouncilOut(Schema):
    id: int
    name: str
    level: str
    external: bool


class DecisionOut(Schema):
    id: int
    number: str
    date: dt.date | None
    title: str


class InitiativeDetailOut(InitiativeOut):
    area: str
    kind: str
    applied_since: dt.date | None
    council: CouncilOut | None
    recognised_by: str
    decision: DecisionOut | None
    refusal_reason: str
    scores: ScoresOut | None


class UnitCountOut(Schema):
    unit_id: int
    unit: str
    count: int


class PersonCountOut(Schema):
    person_id: int
    person: str
    unit_id: int
    count: int


class CountsOut(Schema):
    start: int
    end: int
    level: str | None
    by: str
    items: list[UnitCountOut] | list[PersonCountOut]


def _int(text: str, *, field: str, label: str) -> int | None:
    text = (text or "").strip()
    if not text:
        return None
    if not text.isdigit() or len(text) > 15:
        raise DomainError(f"{label} “{text[:40]}” không phải là số nguyên dương.", field=field)
    return int(text)


def _year(text: str, *, field: str, label: str = "Năm") -> int | None:
    value = _int(text, field=field, label=label)
    if value is not None and not selectors.MIN_YEAR <= value <= selectors.MAX_YEAR:
        raise DomainError(
            f"{label} {value} không hợp lệ (từ {selectors.MIN_YEAR} đến {selectors.MAX_YEAR}).",
            field=field,
        )
    return value


def _level(text: str) -> str | None:
    level = (text or "").strip() or None
    if level and level not in LEVEL_ORDER:
        raise DomainError(
            f"Cấp công nhận “{level}” không hợp lệ; dùng một trong: {', '.join(LEVEL_ORDER)}.",
            field="level",
        )
    return level


def _bool(text: str, *, field: str) -> bool | None:
    value = (text or "").strip().lower()
    if not value:
        return None
    if value in ("true", "1", "yes", "co"):
        return True
    if value in ("false", "0", "no", "khong"):
        return False
    raise DomainError(f"“{text}” không hợp lệ: dùng true hoặc false.", field=field)


def _out(i: Initiative) -> dict[str, Any]:
    return {
        "id": i.pk,
        "title": i.title,
        "unit_id": i.unit_id,
        "unit": i.unit.name,
        "authors": [
            {
                "person_id": a.person_id,
                "name": a.person.full_name if a.person is not None else a.label,
                "share": a.share,
            }
            for a in i.authors.all()
        ],
        "year": i.year,
        "status": i.status,
        "level": i.level or None,
        "recognised_on": i.recognised_on,
    }


@router.get("/initiatives", response=InitiativePage)
def initiatives(
    request,
    unit: str = "",
    year: str = "",
    level: str = "",
    status: str = "",
    recognised: str = "",
    limit: str = "",
    offset: str = "",
):
    """Initiatives the caller may see, newest first: `unit` keeps those of the unit and the units below it,
    `level` those recognised at that level, `recognised=true` the recognised ones; `limit` (at most 2000,
    default 500) and `offset` page through them."""
    unit_id = _int(unit, field="unit", label="Mã đơn vị")
    unit_obj = org_selectors.unit_get(actor=request.user, pk=unit_id) if unit_id else None
    if status and status not in InitiativeStatus.values:
        raise DomainError(
            f"Trạng thái “{status}” không hợp lệ; dùng một trong: "
            f"{', '.join(InitiativeStatus.values)}.",
            field="status",
        )
    size = _int(limit, field="limit", label="Số dòng") or 500
    if size > MAX_LIMIT:
        raise DomainError(f"Mỗi lần lấy tối đa {MAX_LIMIT} dòng.", field="limit")
    start = _int(offset, field="offset", label="Vị trí bắt đầu") or 0
    qs = selectors.initiative_list(
        actor=request.user,
        unit=unit_obj,
        year=_year(year, field="year"),
        level=_level(level),
        status=status or None,
        recognised=_bool(recognised, field="recognised"),
    ).order_by("-year", "-id")
    return {"count": qs.count(), "items": [_out(i) for i in qs[start : start + size]]}


@router.get("/initiatives/counts", response=CountsOut)
def counts(
    request,
    start: str = Query("", alias="from"),
    end: str = Query("", alias="to"),
    level: str = "",
    by: str = "unit",
):
    """Recognised initiatives per unit (levels of local government and departments the caller may see, with
    their offices' initiatives) or, with `by=person`, per author, over the years `from`..`to` (the current
    year by default), at `level` or above."""
    first = _year(start, field="from", label="Năm bắt đầu")
    last = _year(end, field="to", label="Năm kết thúc")
    this_year = dates.today().year
    first, last = first or last or this_year, last or first or this_year
    min_level = _level(level)
    by = (by or "unit").strip()
    if by not in ("unit", "person"):
        raise DomainError("Tham số by phải là unit hoặc person.", field="by")
    selectors.check_years(first, last)
    items: list[dict[str, Any]]
    if by == "person":
        items = [
            {"person_id": r.person_id, "person": r.person, "unit_id": r.unit_id, "count": r.count}
            for r in selectors.person_counts(
                actor=request.user, start_year=first, end_year=last, min_level=min_level
            )
        ]
    else:
        items = [
            {"unit_id": r.unit_id, "unit": r.unit, "count": r.count}
            for r in selectors.unit_counts(
                actor=request.user, start_year=first, end_year=last, min_level=min_level
            )
        ]
    return {"start": first, "end": last, "level": min_level, "by": by, "items": items}


def _scores(request, initiative: Initiative) -> dict[str, Any] | None:
    table = selectors.score_table(actor=request.user, initiative=initiative)
    if table is None:
        return None
    verdict = table.verdict
    return {
        "threshold": verdict.threshold,
        "max_total": verdict.max_total,
        "average": verdict.average,
        "required": verdict.required,
        "counted": verdict.counted,
        "members": [
            {
                "member_id": m.pk,
                "name": m.display_name,
                "role": m.role,
                "total": verdict.totals.get(m.pk),
            }
            for m in table.members
        ],
        "criteria": [
            {
                "id": r.criterion.id,
                "name": r.criterion.name,
                "max_points": r.criterion.max_points,
                "scores": [
                    {"member_id": m.pk, "name": m.display_name, "points": r.points.get(m.pk)}
                    for m in table.members
                ],
                "average": r.average,
            }
            for r in verdict.criteria
        ],
        "verdict": {"status": verdict.status, "label": verdict.label, "text": verdict.text},
    }


@router.get("/initiatives/{int:initiative_id}", response=InitiativeDetailOut)
def initiative(request, initiative_id: int):
    """One initiative with its council and decision; the council's scores (per criterion: each member's
    points and the average; the threshold; the verdict) for the council and the standing agency of its
    level, else `scores` is null."""
    i = selectors.initiative_get(actor=request.user, pk=initiative_id)
    council = i.council
    doc = i.decision
    return {
        **_out(i),
        "area": i.area,
        "kind": i.kind,
        "applied_since": i.applied_since,
        "council": (
            {
                "id": council.pk,
                "name": council.name,
                "level": council.level,
                "external": council.is_external,
            }
            if council
            else None
        ),
        "recognised_by": i.recognised_by,
        "decision": (
            {"id": doc.pk, "number": doc.number, "date": doc.issued_on, "title": doc.title}
            if doc
            else None
        ),
        "refusal_reason": i.refusal_reason,
        "scores": _scores(request, i) if policies.can_see_scores(request.user, i) else None,
    }


__all__ = ["router"]
