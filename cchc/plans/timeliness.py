"""How a task stands against its deadline (đúng hạn, trước hạn, quá hạn, đang quá hạn), and the reporting periods
of continuous tasks. A pure rule module: computed from the task's fields, never stored.

- The last acceptable day is the due date, or the day before it when the plan says "Trước ngày ..." (the strict
  reading of "trước"; see the domain notes on deadline wording).
- A task done before its window opens (or, for a single date, before the last day) is early; done inside the window
  up to the last day, on time; after it, late. A task not done is overdue once the last day has passed.
- A task with no due date (continuous, on request before the request, per another document) has no timeliness of its
  own: continuous work is followed through its periodic reports.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from cchc.plans.choices import Recurrence, TaskStatus, Timeliness

__all__ = ["last_day", "task_timeliness", "due_within", "report_periods"]


def last_day(due_on: date | None, before: bool = False) -> date | None:
    """The last day on which the task is still on time."""
    if due_on is None:
        return None
    return due_on - timedelta(days=1) if before else due_on


def task_timeliness(
    *,
    status: str,
    start_on: date | None,
    due_on: date | None,
    deadline_before: bool,
    completed_on: date | None,
    today: date,
) -> Timeliness:
    """The timeliness of one task on `today`."""
    last = last_day(due_on, deadline_before)
    if last is None:
        return Timeliness.NO_DUE
    if status == TaskStatus.DONE:
        finished = completed_on or today
        if finished > last:
            return Timeliness.LATE
        opens = start_on if start_on is not None else last
        return Timeliness.EARLY if finished < opens else Timeliness.ON_TIME
    return Timeliness.OVERDUE if today > last else Timeliness.IN_PROGRESS


def due_within(due_on: date | None, before: bool, today: date, days: int) -> bool:
    """True when a task's last day falls between today and `days` days from now (both included)."""
    last = last_day(due_on, before)
    return last is not None and today <= last <= today + timedelta(days=days)


_MONTHS_PER: dict[str, int] = {
    Recurrence.MONTHLY: 1,
    Recurrence.QUARTERLY: 3,
    Recurrence.HALF_YEARLY: 6,
    Recurrence.YEARLY: 12,
}
_ROMAN = ["I", "II", "III", "IV"]


def _label(recurrence: str, first: date) -> str:
    if recurrence == Recurrence.MONTHLY:
        return f"Tháng {first.month:02d}/{first.year}"
    if recurrence == Recurrence.QUARTERLY:
        return f"Quý {_ROMAN[(first.month - 1) // 3]}/{first.year}"
    if recurrence == Recurrence.HALF_YEARLY:
        return f"6 tháng {'đầu' if first.month <= 6 else 'cuối'} năm {first.year}"
    return f"Năm {first.year}"


def report_periods(*, recurrence: str, start: date, end: date) -> list[tuple[str, date, date]]:
    """The reporting periods (label, first day, last day) of a continuous task between `start` and `end`,
    aligned on calendar months, quarters, halves or years ("Quý I/2026", ...); empty without a recurrence."""
    step = _MONTHS_PER.get(recurrence)
    if not step or start > end:
        return []
    month = ((start.month - 1) // step) * step + 1
    first = date(start.year, month, 1)
    periods = []
    while first <= end:
        last_month = first.month + step - 1
        last = date(first.year, last_month, calendar.monthrange(first.year, last_month)[1])
        periods.append((_label(recurrence, first), first, last))
        first = last + timedelta(days=1)
    return periods
