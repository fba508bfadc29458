"""Dashboard figures of CCHC plans: one plan (a ward's, a commune's, a department's) and the overview of every
plan of a year in the actor's scope, aggregated in SQL with a fixed number of queries whatever the number of tasks.

How a task stands against its deadline is decided by `cchc.plans.timeliness.task_timeliness`; the same rule is
written here once more as ORM conditions (`timeliness_conditions`) so that the database counts it, and
`cchc/plans/tests/test_dashboard_timeliness.py` checks on a table of cases that both say the same.

The on-time rate is measured against the plan's target "100% nhiệm vụ hoàn thành đúng hạn": of the tasks that
have an outcome (done early, on time or late, or still open past their last day), the share done by the last
day. Tasks without a due date (continuous, on request) and tasks still inside their deadline are not counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Case, CharField, Count, F, Prefetch, Value, When
from django.db.models.functions import ExtractMonth, ExtractYear

from cchc.core import dates
from cchc.core.scope import scope_for
from cchc.orgs.choices import RANKED_KINDS, UnitKind
from cchc.orgs.models import Unit
from cchc.plans import figures
from cchc.plans.choices import OfficeRole, Timeliness
from cchc.plans.models import Plan, Target, Task, TaskOffice
from cchc.plans.task_conditions import (
    DayBefore,
    due_by_condition,
    timeliness_conditions,
    timeliness_expression,
)
from cchc.plans.timeliness import last_day

TARGET_RATE = 100  # Kế hoạch CCHC: "Hoàn thành, bảo đảm tiến độ, chất lượng 100% nhiệm vụ"
TARGET_LABEL = "100% nhiệm vụ hoàn thành đúng hạn"
SOON_DAYS = 30
ATTENTION_LIMIT = 100
LEVELS = (UnitKind.WARD, UnitKind.COMMUNE, UnitKind.SPECIAL_ZONE)
BUCKETS = [t.value for t in Timeliness]


def _counts(*, today: date, prefix: str = "") -> dict:
    """Aggregates: one count per timeliness value and the number of tasks done (`cchc.plans.figures`)."""
    return figures.timeliness_counts(today=today, prefix=prefix)


@dataclass
class Figures:
    """How the tasks of a plan, an area or an office stand."""

    early: int = 0
    on_time: int = 0
    late: int = 0
    overdue: int = 0
    in_progress: int = 0
    no_due: int = 0
    done: int = 0

    @classmethod
    def of(cls, values: dict) -> Figures:
        return cls(**{k: values.get(k) or 0 for k in (*BUCKETS, "done")})

    def add(self, other: Figures) -> None:
        for k in (*BUCKETS, "done"):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    @property
    def tasks(self) -> int:
        return self.early + self.on_time + self.late + self.overdue + self.in_progress + self.no_due

    @property
    def done_on_time(self) -> int:
        return self.early + self.on_time

    @property
    def assessed(self) -> int:
        """Tasks with an outcome: done (with a due date) or open past their last day."""
        return self.early + self.on_time + self.late + self.overdue

    @property
    def rate(self) -> float | None:
        """Share of the assessed tasks done by their last day, in percent (None before any is due): the
        figure `cchc.plans.figures.rate` gives, which the measure `plan_on_time_rate` reads too."""
        return figures.rate({k: getattr(self, k) for k in BUCKETS})

    @property
    def completion(self) -> float | None:
        return round(100 * self.done / self.tasks, 1) if self.tasks else None

    @property
    def meets_target(self) -> bool | None:
        return None if self.rate is None else self.rate >= TARGET_RATE

    @property
    def gap(self) -> float | None:
        return None if self.rate is None else round(TARGET_RATE - self.rate, 1)


@dataclass
class Row:
    """A labelled line of figures: an area, an office, a plan in the overview."""

    key: object
    label: str
    figures: Figures
    code: str = ""
    unit: Unit | None = None
    plan: Plan | None = None


@dataclass
class Series:
    """Cumulative figures at the end of each month of the plan year, for a chart over time."""

    labels: list[str]
    due: list[int]
    on_time: list[int | None]
    late: list[int | None]


@dataclass
class TargetLine:
    target: Target
    measure: object | None  # the latest TargetMeasure, if any


@dataclass
class PlanDashboard:
    plan: Plan
    today: date
    totals: Figures
    areas: list[Row]
    offices: list[Row]
    attention: list[Task]  # overdue first, then due within SOON_DAYS; each with `.timeliness`
    attention_more: int
    series: Series
    targets: list[TargetLine]
    target_rate: int = TARGET_RATE
    target_label: str = TARGET_LABEL
    soon_days: int = SOON_DAYS


@dataclass
class Overview:
    year: int
    today: date
    rows: list[Row]
    totals: Figures
    series: Series
    without_plan: list[Unit]
    distribution: list[tuple[str, int]]
    meeting: int = 0  # plans whose on-time rate meets the target
    sort: str = "name"
    target_rate: int = TARGET_RATE
    target_label: str = TARGET_LABEL
    extra: dict = field(default_factory=dict)


def _today(today: date | None) -> date:
    return today or dates.today()


def _last_day_part(extract):
    """The year or month of a task's last day, as SQL."""
    return Case(
        When(deadline_before=True, then=extract(DayBefore(F("due_on")))),
        default=extract("due_on"),
    )


def _series(tasks, *, year: int, today: date) -> Series:
    """Per month: tasks whose last day has come, and of them those done on time and late, cumulatively.

    One grouped query (timeliness × month of the last day × month of completion), summed up here."""
    groups = (
        tasks.filter(due_on__isnull=False)
        .annotate(
            t=timeliness_expression(today=today),
            due_y=_last_day_part(ExtractYear),
            due_m=_last_day_part(ExtractMonth),
            done_y=ExtractYear("completed_on"),
            done_m=ExtractMonth("completed_on"),
        )
        .values("t", "due_y", "due_m", "done_y", "done_m")
        .annotate(n=Count("id"))
        .order_by()
    )
    due, on_time, late = [0] * 12, [0] * 12, [0] * 12

    def add(counts, y, m, n):
        start = 0 if y < year else m - 1 if y == year else 12
        for i in range(start, 12):
            counts[i] += n

    for g in groups:
        add(due, g["due_y"], g["due_m"], g["n"])
        if g["done_y"] is None:
            continue
        if g["t"] in (Timeliness.EARLY, Timeliness.ON_TIME):
            add(on_time, g["done_y"], g["done_m"], g["n"])
        elif g["t"] == Timeliness.LATE:
            add(late, g["done_y"], g["done_m"], g["n"])
    shown = [date(year, m, 1) <= today for m in range(1, 13)]  # no figures for months still to come
    return Series(
        labels=[f"T{m}/{year}" for m in range(1, 13)],
        due=due,
        on_time=[v if shown[i] else None for i, v in enumerate(on_time)],
        late=[v if shown[i] else None for i, v in enumerate(late)],
    )


# --- One plan -------------------------------------------------------------------------------------------------


def plan_tasks(*, actor, plan: Plan):
    return Task.objects.visible_to(actor).filter(plan=plan)


def _area_rows(tasks, *, today: date) -> list[Row]:
    rows = (
        tasks.values("area_id", "area__code", "area__title", "area__order")
        .annotate(**_counts(today=today))
        .order_by("area__order", "area_id")
    )
    return [
        Row(
            key=r["area_id"],
            code=r["area__code"] or "",
            label=r["area__title"] or "Chưa xếp lĩnh vực",
            figures=Figures.of(r),
        )
        for r in rows
    ]


def _office_rows(tasks, *, today: date) -> list[Row]:
    """Figures per lead office (a task led by two offices counts for each); offices kept as written apart."""
    rows = (
        TaskOffice.objects.filter(role=OfficeRole.LEAD, task__in=tasks)
        .values("unit_id", "unit__name")
        .annotate(
            written=Case(
                When(unit__isnull=True, then=F("text")), default=Value(""), output_field=CharField()
            ),
            **_counts(today=today, prefix="task__"),
        )
        .values("unit_id", "unit__name", "written", *BUCKETS, "done")
    )
    result = [
        Row(
            key=r["unit_id"] or r["written"],
            label=r["unit__name"] or r["written"],
            figures=Figures.of(r),
        )
        for r in rows
    ]
    return sorted(result, key=lambda r: (-r.figures.overdue, -r.figures.tasks, r.label))


_OFFICES = Prefetch("offices", queryset=TaskOffice.objects.select_related("unit"))


def attention_tasks(tasks, *, today: date, limit: int = ATTENTION_LIMIT) -> tuple[list[Task], int]:
    """Open tasks overdue (oldest last day first), then those due within SOON_DAYS, with their lead offices."""
    conditions = timeliness_conditions(today=today)
    soon = due_by_condition(today=today, days=SOON_DAYS)
    wanted = conditions[Timeliness.OVERDUE] | (conditions[Timeliness.IN_PROGRESS] & soon)
    qs = (
        tasks.filter(wanted)
        .annotate(
            timeliness=timeliness_expression(today=today),
            overdue_first=Case(
                When(conditions[Timeliness.OVERDUE], then=Value(0)), default=Value(1)
            ),
        )
        .select_related("area")
        .prefetch_related(_OFFICES)
        .order_by("overdue_first", "due_on", "no")
    )
    found = list(qs[: limit + 1])
    for task in found:  # days past the last day (overdue) or left before it (due soon)
        task.last = last_day(task.due_on, task.deadline_before)
        task.days = (today - task.last).days
        task.days_left = -task.days
    more = 0
    if len(found) > limit:
        found = found[:limit]
        more = qs.count() - limit
    return found, more


def _targets(plan: Plan, *, today: date) -> list[TargetLine]:
    targets = list(plan.targets.prefetch_related("measures").order_by("order", "id"))
    lines = []
    for t in targets:
        measures = [
            m for m in t.measures.all() if m.period_end <= max(today, date(plan.year, 12, 31))
        ]
        lines.append(TargetLine(target=t, measure=measures[-1] if measures else None))
    return lines


def plan_dashboard(*, actor, plan: Plan, today: date | None = None) -> PlanDashboard:
    """The plan's figures in total, by area and by lead office, the tasks needing attention, the months."""
    today = _today(today)
    tasks = plan_tasks(actor=actor, plan=plan)
    areas = _area_rows(tasks, today=today)
    totals = Figures()
    for row in areas:
        totals.add(row.figures)
    attention, more = attention_tasks(tasks, today=today)
    return PlanDashboard(
        plan=plan,
        today=today,
        totals=totals,
        areas=areas,
        offices=_office_rows(tasks, today=today),
        attention=attention,
        attention_more=more,
        series=_series(tasks, year=plan.year, today=today),
        targets=_targets(plan, today=today),
    )


def plan_task_rows(*, actor, plan: Plan, today: date | None = None):
    """Every task of the plan with its timeliness, area and offices (for the Excel file and the report)."""
    today = _today(today)
    return (
        plan_tasks(actor=actor, plan=plan)
        .annotate(timeliness=timeliness_expression(today=today))
        .select_related("area")
        .prefetch_related(_OFFICES)
        .order_by("no", "id")
    )


# --- The overview of a year -----------------------------------------------------------------------------------

SORTS = {
    "name": lambda r: (r.unit.kind != UnitKind.DEPARTMENT, r.label),
    "rate": lambda r: (r.figures.rate is None, r.figures.rate or 0, r.label),
    "-rate": lambda r: (r.figures.rate is None, -(r.figures.rate or 0), r.label),
    "-overdue": lambda r: (-r.figures.overdue, r.label),
    "-tasks": lambda r: (-r.figures.tasks, r.label),
    "-completion": lambda r: (-(r.figures.completion or 0), r.label),
}
DISTRIBUTION = [
    ("100%", 100, 101),
    ("90 – dưới 100%", 90, 100),
    ("70 – dưới 90%", 70, 90),
    ("50 – dưới 70%", 50, 70),
    ("Dưới 50%", 0, 50),
]
NOT_YET_DUE = "Chưa có nhiệm vụ đến hạn"


def overview_plans(*, actor, year: int):
    """Plans of the year of the wards, communes, special zones and departments inside the actor's subtrees."""
    scope = scope_for(actor)
    return Plan.objects.visible_to(actor).filter(
        scope.q("unit__path"), year=year, unit__kind__in=RANKED_KINDS
    )


def unit_plans(*, actor, unit: Unit):
    """The plans of one unit the actor may read, latest year first (pk and year), to move between years."""
    return Plan.objects.visible_to(actor).filter(unit=unit).order_by("-year").values("pk", "year")


def plan_years(*, actor) -> list[int]:
    return list(
        Plan.objects.visible_to(actor).order_by("-year").values_list("year", flat=True).distinct()
    )


def _distribution(rows: list[Row]) -> list[tuple[str, int]]:
    counts = {label: 0 for label, _, _ in DISTRIBUTION}
    counts[NOT_YET_DUE] = 0
    for r in rows:
        rate = r.figures.rate
        if rate is None:
            counts[NOT_YET_DUE] += 1
            continue
        for label, low, high in DISTRIBUTION:
            if low <= rate < high:
                counts[label] += 1
                break
    return list(counts.items())


def default_year(*, actor) -> int:
    """The year a report opens on: the latest year of a plan the actor may read, else this year."""
    years = plan_years(actor=actor)
    return years[0] if years else _today(None).year


def overview_rows(*, actor, year: int, today: date | None = None, sort: str = "name") -> list[Row]:
    """One row per plan of the year in the actor's scope (see `overview_plans`) with its figures; one query."""
    today = _today(today)
    plans = (
        overview_plans(actor=actor, year=year)
        .select_related("unit")
        .annotate(**_counts(today=today, prefix="tasks__"))
    )
    rows = [
        Row(key=p.pk, label=p.unit.name, unit=p.unit, plan=p, figures=Figures.of(vars(p)))
        for p in plans
    ]
    rows.sort(key=SORTS[sort if sort in SORTS else "name"])
    return rows


def overview(*, actor, year: int, today: date | None = None, sort: str = "name") -> Overview:
    """One row per plan of the year in the actor's scope, the totals, the months, the rate distribution and the
    wards, communes and special zones without a plan."""
    today = _today(today)
    sort = sort if sort in SORTS else "name"
    plans = overview_plans(actor=actor, year=year)
    rows = overview_rows(actor=actor, year=year, today=today, sort=sort)
    totals = Figures()
    for r in rows:
        totals.add(r.figures)
    tasks = Task.objects.visible_to(actor).filter(plan__in=plans)
    without = list(
        Unit.objects.visible_to(actor)
        .filter(kind__in=LEVELS, is_active=True)
        .exclude(cchc_plans__year=year)
        .order_by("kind", "name")
    )
    return Overview(
        year=year,
        today=today,
        rows=rows,
        totals=totals,
        series=_series(tasks, year=year, today=today),
        without_plan=without,
        distribution=_distribution(rows),
        meeting=sum(1 for r in rows if r.figures.meets_target),
        sort=sort,
    )


def home_plan(*, actor, year: int) -> Plan | None:
    """The plan to show on the reports home of an actor whose subtrees hold a single ward, commune or special
    zone (or a single department); None when the actor oversees several (they get the overview)."""
    scope = scope_for(actor)
    if scope.is_admin:
        return None
    levels = (
        Unit.objects.visible_to(actor)
        .filter(kind__in=RANKED_KINDS)
        .values_list("pk", flat=True)[:2]
    )
    levels = list(levels)
    if len(levels) != 1:
        return None
    return (
        Plan.objects.visible_to(actor)
        .filter(unit_id=levels[0], year=year)
        .select_related("unit", "document")
        .first()
    )
