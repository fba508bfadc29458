"""Figures of a unit's CCHC plan that other modules read: the on-time rate and the targets met.

The on-time rate is the one the plan dashboards show (`cchc.reports.dashboard` counts with `timeliness_counts`
and turns the counts into a rate with `rate`), so the dashboard and every reader of the measure
`plan_on_time_rate` (a PAR criterion fed by the system's own data) give the same number. Of the tasks with an
outcome (done early, on time or late, or still open past their last day), the share done by the last day; tasks
without a due date and tasks still inside their deadline are not counted (Kế hoạch CCHC: "Hoàn thành, bảo đảm
tiến độ, chất lượng 100% nhiệm vụ").
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q
from django.urls import reverse

from cchc.core import dates
from cchc.core.measures import Measure, MeasureValue
from cchc.plans.choices import TaskStatus, Timeliness
from cchc.plans.models import Plan, Task
from cchc.plans.task_conditions import timeliness_conditions

ON_TIME = (Timeliness.EARLY, Timeliness.ON_TIME)
ASSESSED = (Timeliness.EARLY, Timeliness.ON_TIME, Timeliness.LATE, Timeliness.OVERDUE)


def timeliness_counts(*, today: date, prefix: str = "") -> dict:
    """Aggregates for `.annotate()` / `.aggregate()`: one count per timeliness value and the tasks done."""
    pk = f"{prefix}id"
    counts = {
        str(key.value): Count(pk, filter=cond)
        for key, cond in timeliness_conditions(today=today, prefix=prefix).items()
    }
    counts["done"] = Count(pk, filter=Q(**{f"{prefix}status": TaskStatus.DONE}))
    return counts


def rate(counts: dict) -> float | None:
    """The on-time rate in percent, one decimal, from timeliness counts (None before any task has an outcome)."""
    on_time = sum(counts.get(str(k.value)) or 0 for k in ON_TIME)
    assessed = sum(counts.get(str(k.value)) or 0 for k in ASSESSED)
    return round(100 * on_time / assessed, 1) if assessed else None


def on_time_rate(plan: Plan, today: date | None = None) -> float | None:
    """The plan's on-time rate on `today` (the plan dashboard's figure), over all its tasks; one query."""
    counts = Task.objects.filter(plan=plan).aggregate(
        **timeliness_counts(today=today or dates.today())
    )
    return rate(counts)


def unit_plan(unit, year: int) -> Plan | None:
    """The CCHC plan of a unit for a year (the latest imported when there are several)."""
    return Plan.objects.filter(unit=unit, year=year).order_by("-created_at", "-id").first()


def _no_plan(unit, year: int) -> MeasureValue:
    return MeasureValue(
        None, reason=f"{unit} chưa có kế hoạch CCHC năm {year} trong hệ thống (cần kiểm tra)."
    )


def _percent(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def measure_on_time_rate(*, unit, year: int, today: date | None = None, **_) -> MeasureValue:
    """The measure `plan_on_time_rate`: the share of the unit's plan tasks done on time, with its dashboard."""
    plan = unit_plan(unit, year)
    if plan is None:
        return _no_plan(unit, year)
    today = today or dates.today()
    value = on_time_rate(plan, today)
    source = f"Kế hoạch CCHC năm {year} của {unit}, tính đến ngày {dates.fmt(today)}"
    url = reverse("reports:plan_dashboard", args=[plan.pk])
    if value is None:
        return MeasureValue(
            None,
            source_label=source,
            source_url=url,
            reason="Chưa có nhiệm vụ nào của kế hoạch đến hạn (cần kiểm tra).",
        )
    return MeasureValue(_percent(value), source_label=source, source_url=url)


def measure_targets_met(*, unit, year: int, **_) -> MeasureValue:
    """The measure `plan_targets_met`: of the plan's targets whose latest result says met or not, the share met."""
    plan = unit_plan(unit, year)
    if plan is None:
        return _no_plan(unit, year)
    targets = list(plan.targets.prefetch_related("measures"))
    decided, met = 0, 0
    for t in targets:
        results = [m for m in t.measures.all() if m.achieved is not None]
        if results:
            decided += 1
            met += bool(results[-1].achieved)
    url = reverse("plans:plan_detail", args=[plan.pk])
    source = (
        f"Kế hoạch CCHC năm {year} của {unit}: {met}/{decided} chỉ tiêu đạt"
        f" ({len(targets) - decided} chỉ tiêu chưa đánh giá)"
    )
    if not decided:
        return MeasureValue(
            None,
            source_label=source,
            source_url=url,
            reason="Chưa có chỉ tiêu nào được đánh giá đạt hay không đạt (cần kiểm tra).",
        )
    return MeasureValue(_percent(100 * met / decided), source_label=source, source_url=url)


MEASURES = [
    Measure(
        code="plan_on_time_rate",
        label="Tỷ lệ nhiệm vụ của kế hoạch CCHC năm hoàn thành đúng hạn",
        compute=measure_on_time_rate,
        unit="%",
        description="Như bảng theo dõi kế hoạch CCHC (Báo cáo): nhiệm vụ xong đúng hạn / nhiệm vụ đã đến hạn.",
    ),
    Measure(
        code="plan_targets_met",
        label="Tỷ lệ chỉ tiêu của kế hoạch CCHC năm đạt",
        compute=measure_targets_met,
        unit="%",
        description="Chỉ tiêu có kết quả mới nhất “Đạt” / chỉ tiêu đã có kết quả đạt hay không đạt.",
    ),
]
