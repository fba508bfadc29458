"""The scheduler: a daily job runs once a day from its time (a missed run at start-up the same day), never twice
on a day even from two servers; a failing job is recorded and does not stop the others; new notifications are
e-mailed on every tick."""

from datetime import UTC, date, datetime

import pytest
from django.core import mail
from django.utils import timezone

from cchc.notifications import schedule, services
from cchc.notifications.models import JobRun
from cchc.notifications.tests.conftest import KIND


def at(day: int, hour: int, minute: int = 0, month: int = 5) -> datetime:
    return timezone.make_aware(datetime(2026, month, day, hour, minute))


@pytest.fixture
def calls(jobs, db):
    made: list[date] = []

    def count_job(*, today):
        made.append(today)
        return f"Đã chạy ngày {today:%d/%m/%Y}"

    jobs.register_daily("test_count", count_job, at="06:00", label="Việc thử")
    return made


def runs(name="test_count"):
    return list(JobRun.objects.filter(job=name).order_by("day").values_list("day", "ok"))


def test_a_daily_job_waits_for_its_time_then_runs_once_that_day(jobs, calls):
    jobs.tick(now=at(20, 5, 59))
    assert calls == [] and runs() == []
    result = jobs.tick(now=at(20, 6, 0))
    assert calls == [date(2026, 5, 20)]
    assert [r.job for r in result.runs] == ["test_count"]
    run = JobRun.objects.get(job="test_count")
    assert run.ok is True and run.result == "Đã chạy ngày 20/05/2026" and run.finished_at
    jobs.tick(now=at(20, 6, 1))
    jobs.tick(now=at(20, 23, 59))
    assert calls == [date(2026, 5, 20)]


def test_the_next_day_runs_again(jobs, calls):
    jobs.tick(now=at(20, 6))
    jobs.tick(now=at(21, 6))
    assert calls == [date(2026, 5, 20), date(2026, 5, 21)]
    assert runs() == [(date(2026, 5, 20), True), (date(2026, 5, 21), True)]


def test_a_run_missed_while_the_server_was_down_runs_at_start_up_the_same_day(jobs, calls):
    jobs.tick(now=at(20, 9, 30))  # the server started at 09:30
    assert calls == [date(2026, 5, 20)]


def test_a_run_recorded_by_another_server_is_not_run_again(jobs, calls):
    JobRun.objects.create(job="test_count", day=date(2026, 5, 20), started_at=timezone.now())
    assert jobs.tick(now=at(20, 6)).runs == []
    assert calls == []


def test_the_clock_is_read_in_local_time(jobs, calls):
    # 23:30 UTC on 19/05 is 06:30 on 20/05 in Hà Nội.
    jobs.tick(now=datetime(2026, 5, 19, 23, 30, tzinfo=UTC))
    assert calls == [date(2026, 5, 20)]


def test_a_failing_job_is_recorded_and_the_others_still_run(jobs, calls):
    def broken(*, today):
        raise RuntimeError("mất kết nối")

    jobs.register_daily("test_broken", broken, at="05:00", label="Việc hỏng")
    result = jobs.tick(now=at(20, 7))
    assert [r.job for r in result.runs] == ["test_broken", "test_count"]
    failed = JobRun.objects.get(job="test_broken")
    assert failed.ok is False and "RuntimeError: mất kết nối" in failed.result
    assert calls == [date(2026, 5, 20)]
    jobs.tick(now=at(20, 8))  # at most once a day, even after a failure
    assert JobRun.objects.filter(job="test_broken").count() == 1


def test_jobs_are_registered_once_by_name(jobs):
    def one(*, today):
        return None

    def two(*, today):
        return None

    jobs.register_daily("test_once", one, at="07:15")
    jobs.register_daily("test_once", one, at="07:15")
    with pytest.raises(ValueError, match="already registered"):
        jobs.register_daily("test_once", two, at="07:15")
    with pytest.raises(ValueError, match="HH:MM"):
        jobs.register_daily("test_bad_time", one, at="7h15")
    assert [j.at_text for j in jobs.registered() if j.name == "test_once"] == ["07:15"]


def test_the_task_reminders_are_registered_by_the_plans_app():
    job = next(j for j in schedule.registered() if j.name == "task_reminders")
    assert job.at_text == "06:00" and job.label == "Nhắc việc nhiệm vụ CCHC"


def test_every_tick_emails_the_notifications_not_sent_yet(jobs, people):
    services.notify(users=[people.alice], kind=KIND, text="Hồ sơ chờ xem xét")
    assert jobs.tick(now=at(20, 3)).emailed == 1
    assert [m.to for m in mail.outbox] == [["alice@example.test"]]
    assert jobs.tick(now=at(20, 3, 1)).emailed == 0
