"""Background wrappers over the movement services, run by the notifications scheduler (registered in `apps.py`)."""

from datetime import date

from cchc.emulation import deadlines, services


def report_reminders(*, today: date) -> str:
    """The daily reminders of movement reports due within a week or overdue; a one-line summary."""
    counts = services.reminders_send(today=today, days_ahead=deadlines.REMINDER_DAYS)
    return "; ".join(services.reminders_summary(counts))
