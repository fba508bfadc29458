"""Reading numbers, years and dates from query strings, with Vietnamese messages instead of 500s.

A bad value raises `BadParam` (a `DomainError`, so the API answers 400 with its message); pages use
`page_int` / `page_year`, which show the message and fall back to the default.
"""

from datetime import date

from django.contrib import messages

from cchc.core import dates
from cchc.core.errors import DomainError

# Database integers (SQLite and PostgreSQL bigint) hold 8 bytes; primary keys never come near this.
MAX_ID = 2**53
MIN_YEAR = 1900
MAX_YEAR = 2100
MAX_DAYS = 36_600  # a hundred years ahead is "whenever"


class BadParam(DomainError):
    """A query parameter that cannot be read: the message names the parameter and says what it expects."""


def integer(
    value: str | int | None,
    *,
    name: str,
    label: str = "",
    minimum: int = 0,
    maximum: int = MAX_ID,
) -> int | None:
    """The integer in `value` within [minimum, maximum]; None when empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip()
    what = label or f"Tham số {name}"
    digits = text[1:] if text[:1] in "+-" else text
    if not digits.isascii() or not digits.isdigit() or len(digits) > 20:
        raise BadParam(f"{what} “{text[:40]}” không hợp lệ: cần một số nguyên.", field=name)
    number = int(text)
    if not minimum <= number <= maximum:
        raise BadParam(
            f"{what} “{text[:40]}” không hợp lệ: cần một số từ {minimum} đến {maximum}.",
            field=name,
        )
    return number


def identifier(value: str | int | None, *, name: str, label: str = "") -> int | None:
    """A primary key (a positive integer that fits the database)."""
    return integer(value, name=name, label=label, minimum=1, maximum=MAX_ID)


def year(value: str | int | None, *, name: str = "year", label: str = "Năm") -> int | None:
    """A calendar year between 1900 and 2100."""
    return integer(value, name=name, label=label, minimum=MIN_YEAR, maximum=MAX_YEAR)


def days(value: str | int | None, *, name: str, label: str = "Số ngày") -> int | None:
    """A number of days ahead (0 to a hundred years)."""
    return integer(value, name=name, label=label, minimum=0, maximum=MAX_DAYS)


def day(value: str | None, *, name: str, label: str = "Ngày") -> date | None:
    """A dd/mm/yyyy (or yyyy-mm-dd) date with a year between 1900 and 2100."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    parsed = dates.parse(text[:40])
    if parsed is None or not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise BadParam(
            f"{label} “{text[:40]}” không hợp lệ: cần một ngày dạng dd/mm/yyyy.", field=name
        )
    return parsed


def _on_page(request, exc: BadParam, default):
    messages.warning(request, f"{exc.message} Đang hiển thị theo mặc định.")
    return default


def page_year(request, default: int, *, name: str = "year", label: str = "Năm") -> int:
    """The year of a page's query string; a bad one shows a message and gives `default`."""
    try:
        value = year(request.GET.get(name), name=name, label=label)
    except BadParam as exc:
        return _on_page(request, exc, default)
    return default if value is None else value


def page_int(request, name: str, default: int | None = None, **limits) -> int | None:
    """An integer of a page's query string; a bad one shows a message and gives `default`."""
    try:
        value = integer(request.GET.get(name), name=name, **limits)
    except BadParam as exc:
        return _on_page(request, exc, default)
    return default if value is None else value
