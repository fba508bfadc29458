"""The movements on a user's home page ("Việc của tôi"): the yearly reports of the user's units overdue, due
within 7 days or coming next, the reports waiting for the user's sign-off and the registrations waiting for the
user's review.

A unit's reports are the work of the users with a standing or officer grant on that unit itself (the ward's
standing office for the ward's report to the city, an office's officer for the office's report to its ward), the
same users its reminders go to.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse

from cchc.core.scope import LEADER, OFFICER, STANDING, scope_for
from cchc.core.work import WorkItem
from cchc.emulation import deadlines, selectors
from cchc.emulation.choices import RegistrationStatus, ReportKind, ReportStatus
from cchc.emulation.models import MovementReport, Participant, Registration


def _own_participants(user: Any) -> list[Participant]:
    ids = {r.unit_id for r in scope_for(user).roots if r.role in {STANDING, OFFICER}}
    if not ids:
        return []
    return list(
        Participant.objects.filter(unit_id__in=ids)
        .select_related("unit", "movement", "movement__document")
        .order_by("pk")[:200]
    )


def work_items(*, user: Any, today: date) -> list[WorkItem]:
    """The items of the movements for `user` on `today` (see the module docstring)."""
    items: list[WorkItem] = []
    participants = _own_participants(user)
    submitted = set(
        MovementReport.objects.filter(
            unit_id__in={p.unit_id for p in participants},
            movement_id__in={p.movement_id for p in participants},
            kind=ReportKind.ANNUAL,
            status=ReportStatus.SUBMITTED,
        ).values_list("movement_id", "unit_id", "year")
    )
    for p in participants:
        for year in p.movement.years:
            if year > today.year or (p.movement_id, p.unit_id, year) in submitted:
                continue
            due = selectors.report_due(p.movement, year)
            if due.late_from is None:
                continue
            which = deadlines.reminder_for(due, today)
            section, tone = {
                "overdue": ("overdue", "danger"),
                "due": ("due_soon", "warning"),
            }.get(which or "", ("deadlines", "info"))
            items.append(
                WorkItem(
                    section=section,
                    title=f"Báo cáo phong trào năm {year} của {p.unit.name}",
                    url=reverse("emulation:report_start", args=[p.pk, year]),
                    due_on=due.on,
                    detail=f"{p.unit.name} · “{p.movement.name}” · hạn {due.label}",
                    tone=tone,
                )
            )
    scope = scope_for(user)
    leader_roots = [r.path for r in scope.roots if r.role == LEADER]
    if leader_roots and not scope.is_admin:
        awaiting = MovementReport.objects.filter(
            status=ReportStatus.AWAITING_APPROVAL,
            unit__in=selectors.units_under(leader_roots),
        ).select_related("unit", "movement")
        for r in awaiting.order_by("year", "pk")[:50]:
            items.append(
                WorkItem(
                    section="approvals",
                    title=f"Phê duyệt {r.get_kind_display().lower()} {r.year} của {r.unit.name}",
                    url=reverse("emulation:report_detail", args=[r.pk]),
                    detail=f"“{r.movement.name}”",
                    tone="primary",
                )
            )
    standing_roots = [r.path for r in scope.roots if r.role == STANDING]
    if standing_roots and not scope.is_admin:
        waiting = Registration.objects.filter(
            status=RegistrationStatus.SUBMITTED,
            unit__in=selectors.units_under(standing_roots, strictly=True),
        ).select_related("unit", "movement")
        for reg in waiting.order_by("year", "pk")[:50]:
            items.append(
                WorkItem(
                    section="approvals",
                    title=f"Duyệt đăng ký thi đua năm {reg.year} của {reg.unit.name}",
                    url=reverse("emulation:registration_detail", args=[reg.pk]),
                    due_on=reg.submitted_on,
                    detail=f"“{reg.movement.name}”",
                    tone="primary",
                )
            )
    return items
