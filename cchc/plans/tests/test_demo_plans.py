"""The demo plans: seed 004 for Lê Thanh Nghị and the same plan rewritten for Lê Chân and Khúc Thừa Dụ, for 2026
(closed) and 2027 (in its last weeks on the demo day, 26/11/2027)."""

import pytest

from cchc.demo.day import DEMO_DAY as DEMO_TODAY
from cchc.orgs.choices import LEVEL_KINDS
from cchc.orgs.models import Unit
from cchc.plans.choices import DeadlineKind, ReminderKind
from cchc.plans.models import Plan, TaskOffice

pytestmark = pytest.mark.django_db

WARDS = ["Lê Thanh Nghị", "Lê Chân", "Khúc Thừa Dụ"]


def plan_of(ward: str, year: int = 2026) -> Plan:
    return Plan.objects.get(unit=Unit.objects.get(short_name=ward, kind__in=LEVEL_KINDS), year=year)


@pytest.mark.parametrize("ward", WARDS)
@pytest.mark.parametrize("year", [2026, 2027])
def test_each_demo_ward_has_its_plans_with_32_tasks_in_7_areas(ward, year):
    plan = plan_of(ward, year)
    assert str(year) in plan.title
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


# The tasks each demo ward reported on in 2027 by the demo day, written out (not read back from the loader).
REPORTED_2027 = {
    "Lê Thanh Nghị": {1, 7, 8, 10, 15, 16, 25, 27},
    "Lê Chân": {1, 8, 10, 16, 25, 27},
    "Khúc Thừa Dụ": {1, 5, 7, 8, 10, 25},
}
# The 2026 tasks each ward never finished (overdue on the demo day).
UNDONE_2026 = {"Lê Thanh Nghị": {8}, "Lê Chân": {5, 10, 22}, "Khúc Thừa Dụ": {8, 21, 25}}


def models_F(name):
    from django.db.models import F

    return F(name)


@pytest.mark.parametrize("ward", WARDS)
def test_the_2026_plans_are_closed_mostly_on_time_with_a_few_late_and_a_few_never_done(ward):
    plan = plan_of(ward, 2026)
    dated = plan.tasks.filter(due_on__isnull=False)
    assert not dated.filter(reports__isnull=True).exists(), "every dated task was reported"
    open_ = set(dated.exclude(status="done").values_list("no", flat=True))
    assert open_ == UNDONE_2026[ward] & set(dated.values_list("no", flat=True))
    done = dated.filter(status="done")
    assert done.filter(completed_on__gt=models_F("due_on")).exists()
    assert done.filter(completed_on__lte=models_F("due_on")).count() > done.count() // 2


@pytest.mark.parametrize("ward", WARDS)
def test_the_2027_plans_are_under_way_on_the_demo_day(ward):
    plan = plan_of(ward, 2027)
    reported = set(plan.tasks.filter(reports__isnull=False).values_list("no", flat=True))
    assert reported == REPORTED_2027[ward]
    assert plan.tasks.filter(status="done", completed_on__lte=DEMO_TODAY).exists()
    assert plan.tasks.exclude(status="done").filter(due_on__lt=DEMO_TODAY).exists()
    assert plan.tasks.filter(due_on__gt=DEMO_TODAY).exists(), "deadlines still to come"


def test_nothing_in_the_plans_is_reported_after_the_demo_day():
    from cchc.plans.models import ProgressReport

    assert not ProgressReport.objects.filter(reported_on__gt=DEMO_TODAY).exists()
    assert not Plan.objects.filter(year__gt=DEMO_TODAY.year).exists()


def test_the_demo_wards_officers_find_reminders_of_their_overdue_tasks():
    from cchc.notifications.models import Notification

    # The task reminders among the officer's notifications (the ward's initiatives bring theirs too).
    reminders = Notification.objects.filter(
        user__username="lethanhnghi", kind__in=ReminderKind.values
    )
    assert reminders.filter(kind="task_overdue", task__plan=plan_of("Lê Thanh Nghị", 2027)).exists()
    ward_plans = Plan.objects.filter(unit__short_name="Lê Thanh Nghị")
    task_reminders = reminders.filter(kind__startswith="task_")  # movements add their own kinds
    assert not task_reminders.exclude(task__plan__in=ward_plans).exists()
    assert not reminders.filter(
        emailed_at__isnull=False
    ).exists()  # the demo accounts have no e-mail


def test_the_demo_wards_measured_two_targets_for_the_last_quarter_of_each_year():
    ltn, kt = plan_of("Lê Thanh Nghị"), plan_of("Khúc Thừa Dụ")
    assert ltn.targets.get(code="f").measures.get(period_label="Quý IV/2026").achieved is True
    assert (
        kt.targets.get(code="f").measures.get(period_label="Quý IV/2026").achieved is False
    )  # 87,4% < 90%
    assert kt.targets.get(code="e").measures.get().achieved is False  # 98,6% < 100%
    assert (
        plan_of("Lê Chân", 2027).targets.get(code="e").measures.get().period_label == "Quý III/2027"
    )
