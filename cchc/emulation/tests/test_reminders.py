"""Reminders of the yearly movement report: a week before the first late day and once it has passed, run every
day by the scheduler (`schedule.tick`) and never sent twice; a submitted report stops them."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from cchc.emulation import services
from cchc.emulation.choices import ReminderKind
from cchc.emulation.tests.conftest import participant, submit_report
from cchc.notifications import schedule
from cchc.notifications.models import JobRun, Notification

pytestmark = pytest.mark.django_db


def at(day: date, hour: int = 6, minute: int = 30) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


def reminders(user) -> list[tuple[str, str]]:
    return list(
        Notification.objects.filter(user=user, kind__startswith="movement_report")
        .order_by("pk")
        .values_list("kind", "text")
    )


def test_the_scheduler_reminds_the_ward_a_week_before_and_after_the_due_date(
    personas, city_movement
):
    schedule.tick(now=at(date(2026, 11, 22)))
    assert reminders(personas.ward_a_officer) == []  # 8 days before the 30th: not yet
    schedule.tick(now=at(date(2026, 11, 23)))
    due = reminders(personas.ward_a_officer)
    assert [k for k, _ in due] == [ReminderKind.DUE_SOON]
    assert "Phường An Bình" in due[0][1] and "trước 30/11/2026, còn 7 ngày" in due[0][1]
    assert JobRun.objects.filter(job="movement_report_reminders", day=date(2026, 11, 23)).exists()
    schedule.tick(now=at(date(2026, 11, 24)))
    assert len(reminders(personas.ward_a_officer)) == 1  # the same due date: not again
    schedule.tick(now=at(date(2026, 11, 30)))
    kinds = [k for k, _ in reminders(personas.ward_a_officer)]
    assert kinds == [ReminderKind.DUE_SOON, ReminderKind.OVERDUE]
    assert "đã quá hạn 1 ngày" in reminders(personas.ward_a_officer)[1][1]
    schedule.tick(now=at(date(2026, 12, 5)))
    assert len(reminders(personas.ward_a_officer)) == 2


def test_before_six_in_the_morning_the_job_waits(personas, city_movement):
    schedule.tick(now=at(date(2026, 11, 30), hour=5))
    assert reminders(personas.ward_a_officer) == []


def test_a_submitted_report_stops_the_reminders_of_its_unit(personas, city_movement):
    submit_report(
        staff=personas.ward_a_officer,
        leader=personas.ward_a_leader,
        participant=participant(city_movement, personas.ward_a),
        on=date(2026, 11, 20),
    )
    counts = services.reminders_send(today=date(2026, 12, 1))
    assert reminders(personas.ward_a_officer) == []
    assert [k for k, _ in reminders(personas.ward_b_officer)] == [ReminderKind.OVERDUE]
    assert counts[ReminderKind.OVERDUE] >= 1


def test_reminders_go_to_the_units_own_staff_not_to_the_city_nor_the_leader(
    personas, city_movement
):
    services.reminders_send(today=date(2026, 12, 1))
    assert reminders(personas.ward_b_officer)
    for user in (personas.city_officer, personas.ward_a_leader, personas.ward_a_viewer):
        assert reminders(user) == []


def test_a_movement_without_a_due_date_sends_no_reminder(personas, city_movement):
    city_movement.report_due_day = city_movement.report_due_month = None
    city_movement.save()
    services.reminders_send(today=date(2026, 12, 1))
    assert reminders(personas.ward_a_officer) == []
