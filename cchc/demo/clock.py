"""Building the demo on its day: while the loader runs, the system's today is the demo's day and every
timestamp it writes (created_at, submitted_at, date_joined, …) falls on that day, so nothing in the demo is dated
after it — even when the demo is built for a day already past."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone


def _first_moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(0, 0)))


def _stamped_fields(now) -> list[models.DateTimeField]:
    """Date-time fields the system fills itself with the current moment: `auto_now_add`, `auto_now`, or a default
    that is the clock (Django's `User.date_joined` holds `timezone.now` itself, so replacing the module's function
    does not reach it)."""
    return [
        f
        for model in apps.get_models()
        for f in model._meta.concrete_fields
        if isinstance(f, models.DateTimeField)
        and (f.auto_now_add or f.auto_now or f.default is now)
    ]


def settle_installed_rows(day: date) -> int:
    """Rows the migrations wrote when the database was made (the base salaries of the award catalogue, …) carry the
    moment of installation; a demo for an earlier day is installed on that day. Returns how many rows moved."""
    moment = _first_moment(day)
    end = timezone.make_aware(datetime.combine(day, time(23, 59, 59)))
    moved = 0
    for f in _stamped_fields(timezone.now):
        moved += f.model._default_manager.filter(**{f"{f.name}__gt": end}).update(
            **{f.name: moment}
        )
    return moved


def _set_default(field: models.Field, value) -> None:
    field.default = value
    # Django caches the callable it derives from the default.
    field.__dict__.pop("_get_default", None)


@contextmanager
def on_day(day: date) -> Iterator[None]:
    """Set `CCHC_TODAY` to the day and make `timezone.now()` answer its first moment (00:00 local time), so that
    whatever is done later that day comes after the demo. Fields whose default is the clock itself answer the same
    moment."""
    moment = _first_moment(day)
    previous_today = getattr(settings, "CCHC_TODAY", "")
    previous_now = timezone.now
    defaults = [f for f in _stamped_fields(previous_now) if f.default is previous_now]
    settings.CCHC_TODAY = day.strftime("%d/%m/%Y")
    timezone.now = lambda: moment  # type: ignore[assignment]
    for f in defaults:
        _set_default(f, timezone.now)
    try:
        yield
    finally:
        for f in defaults:
            _set_default(f, previous_now)
        timezone.now = previous_now  # type: ignore[assignment]
        settings.CCHC_TODAY = previous_today
