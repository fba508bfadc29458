"""Background wrappers over the plan services, run by the notifications scheduler (registered in `apps.py`)."""

from datetime import date

from cchc.plans import tracking

REMINDER_DAYS_AHEAD = 7


def task_reminders(*, today: date) -> str:
    """The daily reminders of tasks due soon, overdue or with a report period ended; a one-line summary."""
    counts = tracking.reminders_send(today=today, days_ahead=REMINDER_DAYS_AHEAD)
    return "; ".join(tracking.reminders_summary(counts))
