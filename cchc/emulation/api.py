"""JSON API of the movements: the movements the caller may see, and how their participants' reports of a year
stand against the movement's rule."""

import datetime as dt

from ninja import Router, Schema

from cchc.core import dates
from cchc.core.errors import DomainError
from cchc.emulation import selectors
from cchc.emulation.choices import ReportKind

router = Router(tags=["movements"])


class DueOut(Schema):
    text: str
    day: int | None
    month: int | None
    year: int | None
    before: bool
    label: str


class MovementOut(Schema):
    id: int
    name: str
    unit_id: int
    unit: str
    start_year: int
    end_year: int
    parent_id: int | None
    document_number: str
    report_due: DueOut


class ReportRowOut(Schema):
    unit_id: int
    unit: str
    status: str
    due: dt.date | None
    submitted_on: dt.date | None
    report_id: int | None


def _year(raw: str | None, movement) -> int:
    if raw in (None, ""):
        return selectors.default_year(movement)
    if not str(raw).isdigit():
        raise DomainError(f"Tham số year “{raw}” phải là một năm, ví dụ 2026.", field="year")
    year = int(raw)
    if year not in movement.years:
        raise DomainError(
            f"Năm {year} không thuộc {movement.period_label} của phong trào.", field="year"
        )
    return year


@router.get("/movements", response=list[MovementOut])
def movements(request, year: str | None = None):
    """Movements of the caller's units and of the levels above them; `year` keeps those running that year. The
    report rule is given as written (`text`) and as read (`day`, `month`, `year` for a one-off date, `before`
    for "trước ngày")."""
    rows = selectors.movement_list(actor=request.user).order_by("-start_year", "unit__path", "pk")
    if year not in (None, ""):
        if not str(year).isdigit():
            raise DomainError(f"Tham số year “{year}” phải là một năm, ví dụ 2026.", field="year")
        rows = rows.filter(start_year__lte=int(year), end_year__gte=int(year))
    return [
        MovementOut(
            id=m.pk,
            name=m.name,
            unit_id=m.unit_id,
            unit=m.unit.name,
            start_year=m.start_year,
            end_year=m.end_year,
            parent_id=m.parent_id,
            document_number=m.document.number if m.document else "",
            report_due=DueOut(
                text=m.report_due_text,
                day=m.report_due_day,
                month=m.report_due_month,
                year=m.report_due_year,
                before=m.report_due_before,
                label=selectors.due_rule(m).label,
            ),
        )
        for m in rows[:2000]
    ]


@router.get("/movements/{movement_id}/reports", response=list[ReportRowOut])
def movement_reports(request, movement_id: int, year: str | None = None, kind: str = "annual"):
    """Every participant the caller may see with its report of `year` (default: the latest year due): `status`
    "submitted" (on time), "late", "missing" (due passed, nothing submitted) or "pending" (not due yet, or the
    plan gives no date), the due date and the day it was submitted."""
    movement = selectors.movement_get(actor=request.user, pk=movement_id)
    if kind not in ReportKind.values:
        raise DomainError(
            f"Tham số kind “{kind}” không hợp lệ: dùng annual, mid_term hoặc final.", field="kind"
        )
    y = _year(year, movement)
    due = selectors.report_due(movement, y, kind)
    rows = selectors.report_board(
        actor=request.user, movement=movement, year=y, kind=kind, today=dates.today()
    ).order_by("order", "pk")
    return [
        {
            "unit_id": unit_id,
            "unit": name,
            "status": status,
            "due": due.on,
            "submitted_on": submitted_on,
            "report_id": report_id,
        }
        for unit_id, name, status, submitted_on, report_id in rows.values_list(
            "unit_id", "unit__name", "timeliness", "submitted_on", "report_id"
        )
    ]
