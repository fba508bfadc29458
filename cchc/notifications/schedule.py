"""Daily jobs that run by themselves while the system runs, registered by the apps that produce them.

An app registers its job once, in its `AppConfig.ready()`:

    schedule.register_daily("task_reminders", jobs.task_reminders, at="06:00", label="Nhắc việc nhiệm vụ CCHC")

The function is called as `func(today=<date>)` and may return a short Vietnamese summary. `tick(now=...)` runs
every job whose time of day has come and that has not run yet that day, then e-mails the notifications not sent
yet; the scheduler process (`manage.py run_scheduler`, started by `./scripts/run`) calls it every minute, and once
at start-up, so a run missed while the server was down happens when it starts again the same day. Each run first
inserts a row unique per (job, day): a restart or a second server never runs a job twice on one day.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db import IntegrityError, transaction
from django.utils import timezone

from cchc.core import dates
from cchc.notifications import services
from cchc.notifications.models import JobRun

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DailyJob:
    name: str
    func: Callable[..., object]
    at: time
    label: str

    @property
    def at_text(self) -> str:
        return self.at.strftime("%H:%M")


@dataclass
class TickResult:
    """What one tick did: the runs it started (finished, with their outcome) and the e-mails it sent."""

    now: datetime
    runs: list[JobRun] = field(default_factory=list)
    emailed: int = 0


_JOBS: dict[str, DailyJob] = {}


def _time_of_day(at: str | time) -> time:
    if isinstance(at, time):
        return at
    try:
        return datetime.strptime(at.strip(), "%H:%M").time()
    except (AttributeError, ValueError):
        raise ValueError(f"time of day must be HH:MM, not {at!r}") from None


def register_daily(
    name: str, func: Callable[..., object], *, at: str | time = "06:00", label: str = ""
):
    """Run `func(today=<date>)` once a day from `at` (local time, HH:MM). `label` is the Vietnamese name shown in
    the inbox and the scheduler's output. Registering the same name again with the same function is harmless."""
    if not name or len(name) > 80:
        raise ValueError(f"invalid daily job name {name!r}")
    job = DailyJob(name=name, func=func, at=_time_of_day(at), label=label or name)
    existing = _JOBS.get(name)
    if existing is not None and existing != job:
        raise ValueError(f"daily job {name!r} is already registered")
    _JOBS[name] = job
    return job


def registered() -> list[DailyJob]:
    """The registered daily jobs, by time of day."""
    return sorted(_JOBS.values(), key=lambda j: (j.at, j.name))


def _local(now: datetime | None) -> datetime:
    now = now or dates.now()
    return timezone.localtime(now) if timezone.is_aware(now) else now


def _claim(job: DailyJob, day: date) -> JobRun | None:
    """Insert the run of `job` for `day`; None when it exists (already run, or running on another server)."""
    try:
        with transaction.atomic():
            return JobRun.objects.create(job=job.name, day=day, started_at=timezone.now())
    except IntegrityError:
        return None


def _run(job: DailyJob, run: JobRun, day: date) -> JobRun:
    try:
        outcome = job.func(today=day)
    except Exception:  # one failing job must not stop the others nor the scheduler
        log.exception("daily job %s failed on %s", job.name, day)
        run.ok, run.result = False, traceback.format_exc(limit=5)[-4000:]
    else:
        run.ok, run.result = True, "" if outcome is None else str(outcome)[:4000]
    run.finished_at = timezone.now()
    run.save(update_fields=["ok", "result", "finished_at"])
    return run


def tick(*, now: datetime | None = None) -> TickResult:
    """Run every daily job due at `now` (default: the current time) that has not run on that day, then e-mail the
    notifications not sent yet. Calling it again the same day runs nothing twice."""
    local = _local(now)
    day = local.date()
    result = TickResult(now=local)
    for job in registered():
        if local.time() < job.at:
            continue
        run = _claim(job, day)
        if run is not None:
            result.runs.append(_run(job, run, day))
    try:
        result.emailed = services.send_emails()
    except Exception:  # the mail server or the database is down: the next tick tries again
        log.exception("sending notification e-mails failed")
    return result
