"""Building the demo on its day: while the loader runs, the system's today is the demo's day and every
timestamp it writes (created_at, submitted_at, …) falls on that day, so nothing in the demo is dated after it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time

from django.conf import settings
from django.utils import timezone


@contextmanager
def on_day(day: date) -> Iterator[None]:
    """Set `CCHC_TODAY` to the day and make `timezone.now()` answer its first moment (00:00 local time), so that
    whatever is done later that day comes after the demo."""
    moment = timezone.make_aware(datetime.combine(day, time(0, 0)))
    previous_today = getattr(settings, "CCHC_TODAY", "")
    previous_now = timezone.now
    settings.CCHC_TODAY = day.strftime("%d/%m/%Y")
    timezone.now = lambda: moment  # type: ignore[assignment]
    try:
        yield
    finally:
        timezone.now = previous_now  # type: ignore[assignment]
        settings.CCHC_TODAY = previous_today
