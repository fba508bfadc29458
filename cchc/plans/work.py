"""The tasks on a user's home page ("Việc của tôi"): overdue, and due within 7 days.

A user's tasks are those they answer for: the tasks led by an office an officer grant covers, and every task of
the plan of a unit the user is the standing agency of (not the plans of the units below it: the city's Sở Nội vụ
follows the wards' plans on the dashboards, not one task at a time).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q
from django.urls import reverse

from cchc.core.dates import fmt
from cchc.core.scope import OFFICER, STANDING, scope_for
from cchc.core.work import WorkItem
from cchc.plans.choices import OfficeRole, Timeliness
from cchc.plans.models import Task
from cchc.plans.task_conditions import due_by_condition, timeliness_conditions

DUE_SOON_DAYS = 7


def my_tasks(*, user: Any):
    """The tasks the user answers for (see the module docstring), as a queryset."""
    scope = scope_for(user)
    standing = [r.unit_id for r in scope.roots if r.role == STANDING]
    officer = [r.path for r in scope.roots if r.role == OFFICER]
    cond = Q(plan__unit_id__in=standing)
    for path in officer:
        cond |= Q(offices__role=OfficeRole.LEAD, offices__unit__path__startswith=path)
    if not standing and not officer:
        return Task.objects.none()
    return Task.objects.visible_to(user).filter(cond).distinct()


def work_items(*, user: Any, today: date) -> list[WorkItem]:
    """Overdue tasks and tasks whose last day comes within 7 days."""
    tasks = my_tasks(user=user).select_related("plan__unit")
    conditions = timeliness_conditions(today=today)
    items = []
    for t in tasks.filter(conditions[Timeliness.OVERDUE]).order_by("due_on")[:50]:
        items.append(
            WorkItem(
                section="overdue",
                title=f"Nhiệm vụ {t.no}: {t.content[:120]}",
                url=reverse("plans:task_detail", args=[t.pk]),
                due_on=t.due_on,
                detail=f"{t.plan.unit.name} · hạn {fmt(t.due_on)}",
                tone="danger",
            )
        )
    soon = tasks.filter(
        conditions[Timeliness.IN_PROGRESS] & due_by_condition(today=today, days=DUE_SOON_DAYS)
    )
    for t in soon.order_by("due_on")[:50]:
        items.append(
            WorkItem(
                section="due_soon",
                title=f"Nhiệm vụ {t.no}: {t.content[:120]}",
                url=reverse("plans:task_detail", args=[t.pk]),
                due_on=t.due_on,
                detail=f"{t.plan.unit.name} · hạn {fmt(t.due_on)}",
                tone="warning",
            )
        )
    return items
