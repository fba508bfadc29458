"""JSON API of CCHC plans and their tasks."""

import datetime as dt

from ninja import Router, Schema

from cchc.core import params
from cchc.core.errors import PermissionDenied
from cchc.plans import policies, tracking
from cchc.plans import task_selectors as tasks

router = Router(tags=["plans"])


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
    version: int


class ProgressIn(Schema):
    percent: int | None = None
    status: str | None = None
    text: str = ""
    # The task's `version` as last read (GET /api/plans/{id}/tasks); without it, the version this call loads.
    version: int | None = None


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
        version=t.version,
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
    days = params.days(due_within, name="due_within", label="Số ngày đến hạn (due_within)")
    plan = tasks.plan_get(actor=request.user, pk=plan_id)
    rows = tasks.task_list(
        actor=request.user,
        plan=plan,
        status=status or None,
        overdue=overdue,
        due_within_days=days,
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
        seen_version=payload.version,
    )
    return _task_out(tasks.task_get(actor=request.user, pk=task_id))
