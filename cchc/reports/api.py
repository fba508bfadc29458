"""JSON API of the plan dashboards: one plan's figures and the overview of a year."""

import datetime as dt

from ninja import Router, Schema

from cchc.core import params
from cchc.core.api_rows import json_rows
from cchc.plans import task_selectors as tasks
from cchc.plans.choices import Timeliness
from cchc.reports import dashboard

router = Router(tags=["plans"])


class FiguresOut(Schema):
    tasks: int
    done: int
    on_time: int
    early: int
    late: int
    overdue: int
    in_progress: int
    no_due: int
    rate: (
        float | None
    )  # share of the tasks due done by their last day, in percent; None before any is due


class AreaFiguresOut(Schema):
    area_id: int | None
    code: str
    area: str
    totals: FiguresOut


class OfficeFiguresOut(Schema):
    unit_id: int | None  # None for an office kept as written in the plan, not matched to a unit
    office: str
    totals: FiguresOut


class OverdueTaskOut(Schema):
    id: int
    no: int
    content: str
    due: dt.date | None
    percent: int


class PlanDashboardOut(Schema):
    plan_id: int
    unit: str
    year: int
    totals: FiguresOut
    by_area: list[AreaFiguresOut]
    by_office: list[OfficeFiguresOut]
    overdue_tasks: list[OverdueTaskOut]


class OverviewRowOut(Schema):
    plan_id: int
    unit: str
    year: int
    totals: FiguresOut


def _figures(f: dashboard.Figures) -> FiguresOut:
    return FiguresOut(
        tasks=f.tasks,
        done=f.done,
        on_time=f.on_time,
        early=f.early,
        late=f.late,
        overdue=f.overdue,
        in_progress=f.in_progress,
        no_due=f.no_due,
        rate=f.rate,
    )


FIGURE_NAMES = [name for name in FiguresOut.model_fields if name != "rate"]


def _figures_row(f: dashboard.Figures) -> dict:
    """FiguresOut as a plain dict (api_rows: checked against the schema by the tests)."""
    row: dict = {name: getattr(f, name) for name in FIGURE_NAMES}
    row["rate"] = None if f.rate is None else float(f.rate)
    return row


@router.get("/plans/overview", response=list[OverviewRowOut], tags=["plans"])
def plans_overview(request, year: int | None = None):
    """One row per plan of the year (default: the latest year with a plan) of the wards, communes, special zones
    and departments in the caller's scope, with the figures of the overview report."""
    year = params.year(year) or dashboard.default_year(actor=request.user)
    rows = dashboard.overview_rows(actor=request.user, year=year)
    return json_rows(
        {
            "plan_id": r.plan.pk,
            "unit": r.label,
            "year": r.plan.year,
            "totals": _figures_row(r.figures),
        }
        for r in rows
    )


@router.get("/plans/{plan_id}/dashboard", response=PlanDashboardOut, tags=["plans"])
def plan_dashboard(request, plan_id: int):
    """The plan's figures in total, by area and by lead office, and its overdue tasks (oldest last day first, at
    most `dashboard.ATTENTION_LIMIT`), as on the plan's dashboard page; timeliness is computed on today's date."""
    plan = tasks.plan_get(actor=request.user, pk=plan_id)
    dash = dashboard.plan_dashboard(actor=request.user, plan=plan)
    return PlanDashboardOut(
        plan_id=plan.pk,
        unit=plan.unit.name,
        year=plan.year,
        totals=_figures(dash.totals),
        by_area=[
            AreaFiguresOut(area_id=r.key, code=r.code, area=r.label, totals=_figures(r.figures))
            for r in dash.areas
        ],
        by_office=[
            # An office matched to a unit is keyed by its id, one kept as written by its wording.
            OfficeFiguresOut(
                unit_id=r.key if isinstance(r.key, int) else None,
                office=r.label,
                totals=_figures(r.figures),
            )
            for r in dash.offices
        ],
        overdue_tasks=[
            OverdueTaskOut(id=t.pk, no=t.no, content=t.content, due=t.due_on, percent=t.percent)
            for t in dash.attention
            if t.timeliness == Timeliness.OVERDUE
        ],
    )
