"""The demo plans: seed 004 for Lê Thanh Nghị and the same plan rewritten for Lê Chân and Khúc Thừa Dụ."""

import pytest

from cchc.demo.plans import DEMO_TODAY
from cchc.orgs.choices import LEVEL_KINDS
from cchc.orgs.models import Unit
from cchc.plans.choices import DeadlineKind, ReminderKind
from cchc.plans.models import Plan, TaskOffice

pytestmark = pytest.mark.django_db

WARDS = ["Lê Thanh Nghị", "Lê Chân", "Khúc Thừa Dụ"]


def plan_of(ward: str) -> Plan:
    return Plan.objects.get(unit=Unit.objects.get(short_name=ward, kind__in=LEVEL_KINDS), year=2026)


@pytest.mark.parametrize("ward", WARDS)
def test_each_demo_ward_has_its_2026_plan_with_32_tasks_in_7_areas(ward):
    plan = plan_of(ward)
    assert plan.tasks.count() == 32 and plan.areas.count() == 7
    assert ward in plan.title
    assert not plan.tasks.filter(deadline_kind=DeadlineKind.UNKNOWN).exists()
    assert plan.targets.filter(confirmed=True).count() == 7
    assert plan.document is not None and plan.document.org_unit == plan.unit


@pytest.mark.parametrize("ward", WARDS)
def test_every_office_of_the_rewritten_plans_is_matched_to_the_wards_own_units(ward):
    plan = plan_of(ward)
    offices = TaskOffice.objects.filter(task__plan=plan)
    assert not offices.filter(unit__isnull=True, is_group=False).exists()
    assert all(
        o.unit.path.startswith(plan.unit.path)
        for o in offices.filter(unit__isnull=False).select_related("unit")
    )
    police = offices.filter(task__no__in=[27, 28, 29], role="lead").values_list(
        "unit__code", flat=True
    )
    assert set(police) == {f"{plan.unit.code}-CA"}


def test_the_rewritten_plans_name_their_own_ward_and_chairman():
    for ward in ["Lê Chân", "Khúc Thừa Dụ"]:
        plan = plan_of(ward)
        assert "Lê Thanh Nghị" not in plan.title and "Lê Thanh Nghị" not in plan.document.title
        assert plan.document.number.endswith("/QĐ-UBND")
    assert "xã Khúc Thừa Dụ" in plan_of("Khúc Thừa Dụ").title


# The tasks each demo ward reported on, written out (not read back from the loader).
REPORTED = {
    "Lê Thanh Nghị": {1, 5, 7, 8, 10, 15, 16, 25, 27},
    "Lê Chân": {1, 8, 10, 16, 25, 27},
    "Khúc Thừa Dụ": {1, 5, 7, 8, 10, 15},
}


def test_the_demo_wards_report_progress_with_tasks_done_on_time_late_and_overdue():
    for ward in WARDS:
        plan = plan_of(ward)
        reported = set(plan.tasks.filter(reports__isnull=False).values_list("no", flat=True))
        assert reported == REPORTED[ward]
        done = plan.tasks.filter(status="done")
        assert done.filter(completed_on__lte=models_F("due_on")).exists()
        assert done.filter(completed_on__gt=models_F("due_on")).exists()
        assert plan.tasks.exclude(status="done").filter(due_on__lt=DEMO_TODAY).exists()


def models_F(name):
    from django.db.models import F

    return F(name)


def test_the_demo_wards_officers_find_reminders_of_their_overdue_tasks():
    from cchc.notifications.models import Notification

    # The task reminders among the officer's notifications (the ward's initiatives bring theirs too).
    reminders = Notification.objects.filter(
        user__username="lethanhnghi", kind__in=ReminderKind.values
    )
    assert reminders.filter(
        kind="task_overdue", task__no=8, task__plan=plan_of("Lê Thanh Nghị")
    ).exists()
    assert not reminders.exclude(task__plan=plan_of("Lê Thanh Nghị")).exists()
    assert not reminders.filter(
        emailed_at__isnull=False
    ).exists()  # the demo accounts have no e-mail


def test_the_demo_wards_measured_two_targets_for_the_third_quarter():
    ltn, kt = plan_of("Lê Thanh Nghị"), plan_of("Khúc Thừa Dụ")
    assert ltn.targets.get(code="f").measures.get(period_label="Quý III/2026").achieved is True
    assert (
        kt.targets.get(code="f").measures.get(period_label="Quý III/2026").achieved is False
    )  # 87,4% < 90%
    assert kt.targets.get(code="e").measures.get().achieved is False  # 98,6% < 100%
