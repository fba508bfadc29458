"""Task reminders run by themselves: the scheduler's clock at 06:00 of a day puts the day's reminders in the
officers' inboxes without the reminder command; a second tick creates nothing twice; the next day runs again."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from cchc.notifications import schedule, selectors
from cchc.notifications.models import JobRun, Notification
from cchc.plans.choices import ReminderKind
from cchc.plans.tests.tracking_setup import build


@pytest.fixture
def t(personas):
    Notification.objects.all().delete()  # the demo day's reminders are not part of these cases
    JobRun.objects.all().delete()
    return build(personas)


def at(day: date, hour: int = 6, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


def inbox(user) -> set[tuple[int, str]]:
    return {(n.subject.no, n.kind) for n in selectors.inbox(actor=user)}


def test_at_six_in_the_morning_the_overdue_task_is_in_the_officers_inbox(t):
    schedule.tick(now=at(date(2026, 5, 20), 5, 59))
    assert inbox(t.vhxh_officer) == set()
    result = schedule.tick(now=at(date(2026, 5, 20)))
    runs = [r for r in result.runs if r.job == "task_reminders"]  # other apps' daily jobs run too
    assert len(runs) == 1 and runs[0].ok
    assert "Đã quá hạn: " in runs[0].result
    assert inbox(t.vhxh_officer) == {(2, ReminderKind.OVERDUE), (3, ReminderKind.REPORT_DUE)}
    assert selectors.unread_count(actor=t.vhxh_officer) == 2
    overdue = selectors.inbox(actor=t.vhxh_officer).get(kind=ReminderKind.OVERDUE)
    assert overdue.url == f"/nhiem-vu/{t.vhxh_task.pk}/" and overdue.unit_path == t.plan.unit.path
    assert overdue.kind_label == "Đã quá hạn"


def test_a_second_tick_the_same_day_creates_nothing_twice(t):
    schedule.tick(now=at(date(2026, 5, 20)))
    before = Notification.objects.count()
    again = schedule.tick(now=at(date(2026, 5, 20), 14, 30))
    assert again.runs == [] and Notification.objects.count() == before
    assert JobRun.objects.filter(job="task_reminders").count() == 1


def test_the_next_days_run_reminds_what_became_overdue(t):
    schedule.tick(now=at(date(2026, 5, 20)))
    assert (1, ReminderKind.DUE_SOON) in inbox(t.vp_officer)
    # Task 1 "Trước ngày 25/5/2026": its last day is 24/05, overdue from 25/05.
    result = schedule.tick(now=at(date(2026, 5, 25)))
    assert [r.day for r in result.runs if r.job == "task_reminders"] == [date(2026, 5, 25)]
    assert inbox(t.vp_officer) == {(1, ReminderKind.DUE_SOON), (1, ReminderKind.OVERDUE)}
    assert JobRun.objects.filter(job="task_reminders").count() == 2
