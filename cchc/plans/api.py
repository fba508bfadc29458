"""JSON API of the document registry, CCHC plans, their tasks and their dashboards."""

import datetime as dt

from ninja import Router, Schema

from cchc.core.errors import PermissionDenied
from cchc.plans import dashboard, document_selectors, policies, tracking
from cchc.plans import task_selectors as tasks
from cchc.plans.choices import Timeliness

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


# --- Plans and tasks ----------------------------------------------------------------------------------------


class PlanOut(Schema):
    id: int
    title: str
    unit: str
    unit_id: int
    year: int
    document: str | None
    tasks: int
    done: int


class TaskOut(Schema):
    id: int
    no: int
    content: str
    area: str | None
    lead_units: list[str]
    deadline_text: str
    deadline_kind: str
    deadline: str
    due: dt.date | None
    status: str
    percent: int
    completed_on: dt.date | None
    timeliness: str


class ProgressIn(Schema):
    percent: int | None = None
    status: str | None = None
    text: str = ""


def _task_out(t) -> TaskOut:
    return TaskOut(
        id=t.pk,
        no=t.no,
        content=t.content,
        area=f"{t.area.code}. {t.area.title}" if t.area_id else None,
        lead_units=[str(o) for o in t.leads],
        deadline_text=t.deadline_text,
        deadline_kind=t.deadline_kind,
        deadline=t.deadline_label,
        due=t.due_on,
        status=t.status,
        percent=t.percent,
        completed_on=t.completed_on,
        timeliness=t.timeliness,
    )


@router.get("/plans", response=list[PlanOut], tags=["plans"])
def plans(request, year: int | None = None, q: str = ""):
    """CCHC plans of the caller's units and of the levels above them, with their task counts."""
    rows = tasks.plan_list(actor=request.user, year=year, q=q).order_by("-year", "unit__name")[
        :2000
    ]
    return [
        PlanOut(
            id=p.pk,
            title=p.title,
            unit=p.unit.name,
            unit_id=p.unit_id,
            year=p.year,
            document=p.document.label if p.document_id else None,
            tasks=p.task_count,
            done=p.done_count,
        )
        for p in rows
    ]


@router.get("/plans/{plan_id}/tasks", response=list[TaskOut], tags=["plans"])
def plan_tasks(
    request, plan_id: int, status: str = "", overdue: bool = False, due_within: int | None = None
):
    """The plan's tasks with their deadline as read and their computed timeliness; `overdue` keeps the tasks past
    their last day and not done, `due_within` (days) those whose last day is near."""
    plan = tasks.plan_get(actor=request.user, pk=plan_id)
    rows = tasks.task_list(
        actor=request.user,
        plan=plan,
        status=status or None,
        overdue=overdue,
        due_within_days=due_within,
    ).order_by("no")
    return [_task_out(t) for t in tasks.decorate(rows)]


@router.post("/tasks/{task_id}/progress", response=TaskOut, tags=["plans"])
def task_progress(request, task_id: int, payload: ProgressIn):
    """Report progress on a task (lead office officers, the plan's standing agency); omitted fields keep the
    task's current percent and status."""
    task = tasks.task_get(actor=request.user, pk=task_id)
    if not policies.can_report_progress(request.user, task):
        raise PermissionDenied(f"Bạn không có quyền báo cáo tiến độ nhiệm vụ {task.no}.")
    tracking.progress_report(
        actor=request.user,
        task=task,
        percent=task.percent if payload.percent is None else payload.percent,
        status=payload.status or task.status,
        text=payload.text,
    )
    return _task_out(tasks.task_get(actor=request.user, pk=task_id))


# --- Dashboards -----------------------------------------------------------------------------------------------
# The figures of `cchc.plans.dashboard`, as the report pages show them (/bao-cao/).


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


@router.get("/plans/overview", response=list[OverviewRowOut], tags=["plans"])
def plans_overview(request, year: int | None = None):
    """One row per plan of the year (default: the latest year with a plan) of the wards, communes, special zones
    and departments in the caller's scope, with the figures of the overview report."""
    year = year or dashboard.default_year(actor=request.user)
    rows = dashboard.overview_rows(actor=request.user, year=year)
    return [
        OverviewRowOut(
            plan_id=r.plan.pk, unit=r.label, year=r.plan.year, totals=_figures(r.figures)
        )
        for r in rows
    ]


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
