"""Reads of CCHC plans, tasks, targets and reminders, scoped to the actor (404 outside the scope).

Timeliness is computed, never stored: the lists filter on it in SQL with the conditions of
`task_conditions.timeliness_conditions` (checked against `timeliness.task_timeliness`), so a list runs a fixed number
of queries whatever its length.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from cchc.core import dates
from cchc.core.text import fold
from cchc.orgs.models import Unit
from cchc.plans import timeliness
from cchc.plans.choices import DeadlineKind, OfficeRole, TaskStatus, Timeliness
from cchc.plans.deadlines import Deadline, describe
from cchc.plans.models import (
    Area,
    Plan,
    ProgressFile,
    ProgressReport,
    Target,
    TargetMeasure,
    Task,
    TaskOffice,
)
from cchc.plans.task_conditions import due_by_condition, timeliness_conditions
from cchc.registry.models import Document


def task_timeliness(task: Task, today: date | None = None) -> Timeliness:
    """The timeliness of one task today (Đúng hạn, Trước hạn, Quá hạn, Đang quá hạn, Trong hạn, no due date)."""
    return timeliness.task_timeliness(
        status=task.status,
        start_on=task.start_on,
        due_on=task.due_on,
        deadline_before=task.deadline_before,
        completed_on=task.completed_on,
        today=today or dates.today(),
    )


def deadline_label(task: Task) -> str:
    """The deadline as read (or as entered by hand), in words: "Trước 15/01/2026", "Thường xuyên"..."""
    return describe(
        Deadline(
            kind=task.deadline_kind,
            start=task.start_on,
            due=task.due_on,
            before=task.deadline_before,
            recurrence=task.recurrence,
            reference_number=task.deadline_reference_text.split(" ngày ")[0],
        )
    )


def decorate(tasks, today: date | None = None) -> list[Task]:
    """Attach `timeliness`, `deadline_label`, `leads` and `coordinators` to tasks whose offices are prefetched."""
    today = today or dates.today()
    tasks = list(tasks)
    for t in tasks:
        t.timeliness = task_timeliness(t, today)
        t.deadline_label = deadline_label(t)
        offices = list(t.offices.all())
        t.leads = [o for o in offices if o.role == OfficeRole.LEAD]
        t.coordinators = [o for o in offices if o.role == OfficeRole.COORDINATING]
    return tasks


def _offices() -> Prefetch:
    return Prefetch(
        "offices",
        queryset=TaskOffice.objects.select_related("unit").order_by("role", "order", "id"),
    )


# --- Plans --------------------------------------------------------------------------------------------------


def plan_list(
    *, actor, year: int | None = None, unit: Unit | None = None, q: str = ""
) -> QuerySet[Plan]:
    """Plans of the actor's units and of the levels above them, with their task counts."""
    qs = (
        Plan.objects.visible_to(actor)
        .select_related("unit", "document")
        .annotate(
            task_count=Count("tasks", distinct=True),
            done_count=Count("tasks", filter=Q(tasks__status=TaskStatus.DONE), distinct=True),
        )
    )
    if year:
        qs = qs.filter(year=year)
    if unit is not None:
        qs = qs.filter(unit=unit)
    for word in fold(q).split():
        qs = qs.filter(search_text__contains=word)
    return qs


def plan_get(*, actor, pk) -> Plan:
    """One plan the actor may see, else 404."""
    try:
        return (
            Plan.objects.visible_to(actor)
            .select_related("unit", "document", "created_by")
            .get(pk=pk)
        )
    except (Plan.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy kế hoạch.")


def plan_areas(*, plan: Plan, today: date | None = None) -> list[dict]:
    """The plan's areas in order, each with its decorated tasks; tasks without an area come first."""
    tasks = decorate(
        plan.tasks.select_related("area").prefetch_related(_offices()).order_by("no"), today
    )
    areas = list(Area.objects.filter(plan=plan).order_by("order", "id"))
    by_area: dict[int | None, list[Task]] = {}
    for t in tasks:
        by_area.setdefault(t.area_id, []).append(t)
    sections = [{"area": a, "tasks": by_area.get(a.pk, [])} for a in areas]
    if by_area.get(None):
        sections.insert(0, {"area": None, "tasks": by_area[None]})
    return sections


def plan_targets(*, plan: Plan) -> list[Target]:
    """The plan's targets with their measures (latest last) and `latest` measure."""
    targets = list(
        plan.targets.select_related("responsible").prefetch_related(
            Prefetch("measures", queryset=TargetMeasure.objects.order_by("period_end", "id"))
        )
    )
    for t in targets:
        rows = list(t.measures.all())
        # Set for the page on each instance, like an annotation: no model field can declare it.
        t.latest = rows[-1] if rows else None  # type: ignore[attr-defined]
    return targets


def timeliness_counts(tasks: list[Task]) -> dict[str, int]:
    """How many decorated tasks stand in each timeliness, for the plan's summary."""
    counts = {value: 0 for value in Timeliness.values}
    for t in tasks:
        counts[t.timeliness] += 1  # type: ignore[attr-defined]  # attached by decorate()
    return counts


# --- Tasks --------------------------------------------------------------------------------------------------


def filter_timeliness(qs: QuerySet[Task], value: str, today: date | None = None) -> QuerySet[Task]:
    """Tasks whose computed timeliness is `value`."""
    if value not in Timeliness.values:
        return qs
    return qs.filter(timeliness_conditions(today=today or dates.today())[Timeliness(value)])


def filter_due_within(qs: QuerySet[Task], days: int, today: date | None = None) -> QuerySet[Task]:
    """Tasks not done whose last day falls between today and `days` days from now."""
    today = today or dates.today()
    in_progress = timeliness_conditions(today=today)[Timeliness.IN_PROGRESS]
    return qs.filter(in_progress & due_by_condition(today=today, days=days))


def task_list(
    *,
    actor,
    plan: Plan | None = None,
    area: Area | int | None = None,
    lead_unit: Unit | int | None = None,
    status: str | None = None,
    timeliness: str | None = None,
    due_within_days: int | None = None,
    overdue: bool = False,
    q: str = "",
    today: date | None = None,
) -> QuerySet[Task]:
    """Tasks of the plans the actor may read, with their plan, area and offices loaded (decorate the page)."""
    qs = (
        Task.objects.visible_to(actor)
        .select_related("plan__unit", "area")
        .prefetch_related(_offices())
        .order_by("-plan__year", "plan_id", "no")
    )
    if plan is not None:
        qs = qs.filter(plan=plan)
    if area is not None:
        qs = qs.filter(area=area)
    if lead_unit is not None:
        qs = qs.filter(offices__role=OfficeRole.LEAD, offices__unit=lead_unit).distinct()
    if status:
        qs = qs.filter(status=status)
    for word in fold(q).split():
        qs = qs.filter(search_text__contains=word)
    if overdue:
        qs = filter_timeliness(qs, Timeliness.OVERDUE, today)
    if timeliness:
        qs = filter_timeliness(qs, timeliness, today)
    if due_within_days is not None:
        qs = filter_due_within(qs, due_within_days, today)
    return qs


def task_get(*, actor, pk) -> Task:
    """One task the actor may see, with its plan, area and offices, else 404."""
    try:
        task = (
            Task.objects.visible_to(actor)
            .select_related("plan__unit", "plan__document", "area", "deadline_reference")
            .prefetch_related(_offices())
            .get(pk=pk)
        )
    except (Task.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy nhiệm vụ.")
    return decorate([task])[0]


def task_reports(*, task: Task) -> list[ProgressReport]:
    """The task's progress reports, latest first, with their files, product document and author."""
    return list(
        task.reports.select_related("product_document", "created_by")
        .prefetch_related(Prefetch("files", queryset=ProgressFile.objects.order_by("id")))
        .order_by("-reported_on", "-id")
    )


def progress_file_get(*, actor, pk) -> ProgressFile:
    """An evidence file of a task the actor may see, else 404."""
    f = ProgressFile.objects.filter(pk=pk, report__task__in=Task.objects.visible_to(actor)).first()
    if f is None:
        raise Http404("Không tìm thấy tệp.")
    return f


def lead_unit_choices(*, actor, plan: Plan | None = None) -> list[tuple[int, str]]:
    """(unit id, name) of the units leading at least one visible task, for the list's filter."""
    tasks = Task.objects.visible_to(actor)
    if plan is not None:
        tasks = tasks.filter(plan=plan)
    units = (
        Unit.objects.filter(task_roles__role=OfficeRole.LEAD, task_roles__task__in=tasks)
        .select_related("parent")
        .distinct()
        .order_by("parent__name", "name")
    )
    return [
        (u.pk, f"{u.name} – {u.parent.short_name or u.parent.name}" if u.parent else u.name)
        for u in units
    ]


def product_documents(*, actor, task: Task, limit: int = 200) -> list[Document]:
    """Registered documents of the task's unit the actor may pick as the product of a report, latest first."""
    return list(
        Document.objects.visible_to(actor)
        .filter(org_unit__path__startswith=task.plan.unit.path)
        .order_by("-issued_on", "-id")[:limit]
    )


def unknown_deadline(task: Task) -> bool:
    """Whether the task waits for a date entered by hand (unread deadline, or on request without a date)."""
    return task.deadline_kind == DeadlineKind.UNKNOWN or (
        task.deadline_kind == DeadlineKind.ON_REQUEST and task.due_on is None
    )


# --- Targets ------------------------------------------------------------------------------------------------


def target_get(*, actor, pk) -> Target:
    """One target of a plan the actor may see, else 404."""
    try:
        return (
            Target.objects.filter(plan__in=Plan.objects.visible_to(actor))
            .select_related("plan__unit", "responsible")
            .get(pk=pk)
        )
    except (Target.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy chỉ tiêu.")


def responsible_choices(*, plan: Plan) -> list[Unit]:
    """Active offices inside the plan's unit, for the office following a target."""
    return list(
        Unit.objects.filter(path__startswith=plan.unit.path, is_active=True)
        .exclude(pk=plan.unit_id)
        .order_by("name")
    )
