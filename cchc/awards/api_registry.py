"""API of the award registry: `GET /api/awards/registry?person=&unit=&year=`, scoped like the pages (a person or
unit outside the caller's scope is 404). Query parameters are read as text and checked here, so a bad value
answers 400 with a Vietnamese message."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Router, Schema

from cchc.awards import selectors_registry as registry
from cchc.awards.models import Award
from cchc.core.errors import DomainError
from cchc.orgs import selectors as org_selectors

router = Router(tags=["awards"])
MAX_LIMIT = 2000


class RegistryItemOut(Schema):
    id: int
    year: int
    form: str
    form_name: str
    recipient: str
    recipient_unit: str
    unit_id: int
    person_id: int | None
    decision_id: int | None
    decision_number: str
    decision_date: dt.date | None
    amount: Decimal
    revoked_on: dt.date | None
    verify_url: str
    certificate_url: str


class RegistryPage(Schema):
    count: int
    items: list[RegistryItemOut]


def _int(text: str, *, field: str, label: str) -> int | None:
    text = (text or "").strip()
    if not text:
        return None
    if not text.isdigit() or len(text) > 9:
        raise DomainError(f"{label} “{text}” không phải là số nguyên dương.", field=field)
    return int(text)


def _out(a: Award) -> dict[str, Any]:
    return {
        "id": a.pk,
        "year": a.year,
        "form": a.form,
        "form_name": registry.form_name(a.form),
        "recipient": a.recipient,
        "recipient_unit": a.recipient_unit,
        "unit_id": a.unit_id,
        "person_id": a.person_id,
        "decision_id": a.decision_id,
        "decision_number": a.decision_number or (a.decision.number if a.decision else ""),
        "decision_date": a.decision_date or (a.decision.signed_on if a.decision else None),
        "amount": a.amount,
        "revoked_on": a.revoked_on,
        "verify_url": registry.verify_url(a),
        "certificate_url": registry.certificate_url(a),
    }


@router.get("/awards/registry", response=RegistryPage)
def award_registry(
    request, person: str = "", unit: str = "", year: str = "", limit: str = "", offset: str = ""
):
    """Awards of the registry the caller may see, latest year first: `person` keeps a person's, `unit` those of
    the unit and the units below it, `year` those of an achievement year; `limit` (at most 2000, default 500)
    and `offset` page through them."""
    person_id = _int(person, field="person", label="Mã cá nhân")
    unit_id = _int(unit, field="unit", label="Mã đơn vị")
    year_value = _int(year, field="year", label="Năm")
    if year_value is not None and not 1945 <= year_value <= 2100:
        raise DomainError(f"Năm {year_value} không hợp lệ.", field="year")
    size = _int(limit, field="limit", label="Số dòng") or 500
    if size > MAX_LIMIT:
        raise DomainError(f"Mỗi lần lấy tối đa {MAX_LIMIT} dòng.", field="limit")
    start = _int(offset, field="offset", label="Vị trí bắt đầu") or 0
    qs = registry.award_list(
        actor=request.user,
        person=org_selectors.person_get(actor=request.user, pk=person_id) if person_id else None,
        unit=org_selectors.unit_get(actor=request.user, pk=unit_id) if unit_id else None,
        year=year_value,
    ).order_by("-year", "-id")
    return {"count": qs.count(), "items": [_out(a) for a in qs[start : start + size]]}
