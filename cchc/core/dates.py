"""Dates as Vietnamese offices write them: dd/mm/yyyy, and "ngày 05 tháng 01 năm 2026" in documents."""

from datetime import date, datetime
from functools import lru_cache

from django.utils import timezone


def fmt(value: date | datetime | None, *, precision: str = "day") -> str:
    """dd/mm/yyyy, or mm/yyyy / yyyy when the day or month is unknown."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.strftime("%d/%m/%Y %H:%M")
    if precision == "month":
        return value.strftime("%m/%Y")
    if precision == "year":
        return str(value.year)
    return value.strftime("%d/%m/%Y")


def long_form(value: date | None, *, precision: str = "day") -> str:
    """'ngày 05 tháng 01 năm 2026' with a leading zero for days < 10 and months 1-2 (Nghị định 30/2020/NĐ-CP)."""
    if value is None:
        return "ngày … tháng … năm …"
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    if precision == "month":
        return f"ngày … tháng {month} năm {value.year}"
    if precision == "year":
        return f"năm {value.year}"
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"


def parse(text: str | None) -> date | None:
    """Parse dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, yyyy-mm-dd); None when empty or invalid."""
    if not text:
        return None
    text = str(text).strip()
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def parse_partial(text: str | None) -> tuple[date, str] | None:
    """A date that may lack its day or month: "19/06/2026" (day), "06/2026" (month) or "2026" (year).

    Returns (date, precision) with the missing parts set to 1, or None when empty or invalid.
    """
    if not text:
        return None
    text = str(text).strip()
    day = parse(text)
    if day is not None:
        return day, "day"
    for pattern in ("%m/%Y", "%m-%Y", "%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date(), "month"
        except ValueError:
            continue
    if text.isdigit() and len(text) == 4 and 1900 <= int(text) <= 2100:
        return date(int(text), 1, 1), "year"
    return None


def configured_day() -> date | None:
    """The day the system is told it is (`CCHC_TODAY`, dd/mm/yyyy, in settings), or None for the real date."""
    from django.conf import settings

    return _configured(getattr(settings, "CCHC_TODAY", "") or "")


@lru_cache(maxsize=8)
def _configured(text: str) -> date | None:
    # Read on every request (today() is everywhere): parsing once per distinct setting keeps it cheap.
    return parse(text)


def today() -> date:
    """Today for every rule of the system: the configured day when there is one (the demo's day), else the
    real local date."""
    return configured_day() or timezone.localdate()


def now() -> datetime:
    """The current moment on `today()`: the real local time of day, on the configured day when there is one."""
    moment = timezone.localtime()
    day = configured_day()
    if day is None or day == moment.date():
        return moment
    return moment.replace(year=day.year, month=day.month, day=day.day)
