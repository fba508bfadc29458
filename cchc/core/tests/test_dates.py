from datetime import UTC, date, datetime

import pytest

from cchc.core import dates


@pytest.mark.parametrize(
    "value, precision, expected",
    [
        (date(2026, 6, 19), "day", "19/06/2026"),
        (date(2026, 1, 5), "day", "05/01/2026"),
        (date(2026, 1, 1), "month", "01/2026"),
        (date(2026, 1, 1), "year", "2026"),
        (None, "day", ""),
    ],
)
def test_dates_are_written_dd_mm_yyyy_or_shorter_when_the_day_is_unknown(
    value, precision, expected
):
    assert dates.fmt(value, precision=precision) == expected


def test_a_moment_is_shown_in_vietnam_time():
    assert dates.fmt(datetime(2026, 6, 19, 1, 30, tzinfo=UTC)) == "19/06/2026 08:30"


def test_the_long_form_pads_days_and_the_first_two_months():
    assert dates.long_form(date(2026, 1, 5)) == "ngày 05 tháng 01 năm 2026"
    assert dates.long_form(date(2026, 6, 19)) == "ngày 19 tháng 6 năm 2026"
    assert dates.long_form(date(2026, 1, 1), precision="month") == "ngày … tháng 01 năm 2026"


@pytest.mark.parametrize(
    "text", ["19/06/2026", "19-06-2026", "2026-06-19", "19.06.2026", " 19/6/2026 "]
)
def test_parse_reads_the_ways_offices_type_a_date(text):
    assert dates.parse(text) == date(2026, 6, 19)


@pytest.mark.parametrize("text", ["", None, "31/02/2026", "hôm nay"])
def test_parse_returns_none_for_empty_or_invalid_text(text):
    assert dates.parse(text) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("19/06/2026", (date(2026, 6, 19), "day")),
        ("06/2026", (date(2026, 6, 1), "month")),
        ("6/2026", (date(2026, 6, 1), "month")),
        ("2026", (date(2026, 1, 1), "year")),
        ("13/2026", None),
        ("abc", None),
        ("", None),
    ],
)
def test_a_partial_date_keeps_how_precise_it_was(text, expected):
    assert dates.parse_partial(text) == expected
