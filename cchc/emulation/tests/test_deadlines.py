"""The due date of a yearly movement report and how a unit's report stands against it: pure rules, table tests."""

import datetime as dt

import pytest

from cchc.emulation.deadlines import DueRule, due_for, reminder_for, report_timeliness, review_due

D = dt.date
CITY = DueRule(
    text="trước ngày 30/11 hàng năm",
    day=30,
    month=11,
    before=True,
    citation="2162/QĐ-UBND, mục IV.1",
)
BY_DAY = DueRule(text="chậm nhất ngày 15/12 hằng năm", day=15, month=12, before=False)
PHU_LUONG = DueRule(text="xong trước ngày 03/10/2023", day=3, month=10, year=2023, before=True)
UNREAD = DueRule(text="Định kỳ hằng năm", citation="259/KH-UBND, mục IV.1")


def test_trước_ngày_30_11_makes_the_30th_itself_late_and_the_29th_the_last_day_on_time():
    due = due_for(CITY, 2026)
    assert (due.on, due.late_from, due.last_on_time) == (
        D(2026, 11, 30),
        D(2026, 11, 30),
        D(2026, 11, 29),
    )
    assert due.reason == (
        "Hạn nộp trước ngày 30/11/2026 (“trước ngày 30/11 hàng năm”, 2162/QĐ-UBND, mục IV.1)."
    )
    assert due.label == "trước 30/11/2026"


def test_a_rule_written_as_by_that_day_accepts_the_day_itself():
    due = due_for(BY_DAY, 2026)
    assert (due.on, due.late_from, due.label) == (
        D(2026, 12, 15),
        D(2026, 12, 16),
        "đến hết 15/12/2026",
    )


def test_a_rule_with_its_own_year_gives_no_due_date_in_another_year():
    assert due_for(PHU_LUONG, 2023).on == D(2023, 10, 3)
    other = due_for(PHU_LUONG, 2024)
    assert (
        other.on is None
        and "chỉ ghi cho năm 2023" in other.reason
        and "cần kiểm tra" in other.reason
    )


def test_a_rule_without_a_day_gives_no_due_date_and_asks_to_check():
    due = due_for(UNREAD, 2026)
    assert due.on is None and due.late_from is None
    assert (
        "không ghi ngày" in due.reason
        and "cần kiểm tra" in due.reason
        and "259/KH-UBND" in due.reason
    )


def test_the_29th_of_february_has_no_due_date_in_a_common_year():
    rule = DueRule(text="trước ngày 29/02 hằng năm", day=29, month=2)
    assert due_for(rule, 2028).on == D(2028, 2, 29)
    assert due_for(rule, 2027).on is None and "29/2" in due_for(rule, 2027).reason


@pytest.mark.parametrize(
    "submitted, today, status, words",
    [
        (D(2026, 11, 29), D(2026, 12, 3), "submitted", "trong hạn"),
        (D(2026, 11, 30), D(2026, 12, 3), "late", "muộn 1 ngày"),
        (D(2026, 12, 5), D(2026, 12, 5), "late", "muộn 6 ngày"),
        (None, D(2026, 11, 30), "missing", "quá hạn 1 ngày"),
        (None, D(2027, 4, 15), "missing", "quá hạn 137 ngày"),
        (None, D(2026, 11, 29), "pending", "còn 1 ngày"),
        (None, D(2026, 6, 1), "pending", "còn 182 ngày"),
    ],
)
def test_a_report_is_on_time_late_missing_or_pending_against_30_11(submitted, today, status, words):
    verdict = report_timeliness(due_for(CITY, 2026), submitted, today)
    assert verdict.status == status
    assert words in verdict.reason and "30/11/2026" in verdict.reason


def test_without_a_due_date_a_report_is_never_late_nor_missing():
    due = due_for(UNREAD, 2026)
    assert report_timeliness(due, D(2027, 3, 1), D(2027, 4, 15)).status == "submitted"
    unsent = report_timeliness(due, None, D(2027, 4, 15))
    assert unsent.status == "pending" and "cần kiểm tra" in unsent.reason


def test_a_review_report_is_due_by_the_end_of_the_review_day():
    due = review_due(D(2028, 12, 20), "sơ kết")
    assert report_timeliness(due, D(2028, 12, 20), D(2028, 12, 21)).status == "submitted"
    assert report_timeliness(due, D(2028, 12, 21), D(2028, 12, 21)).status == "late"
    assert "chưa có ngày sơ kết" in review_due(None, "sơ kết").reason


@pytest.mark.parametrize(
    "today, kind",
    [
        (D(2026, 11, 22), None),
        (D(2026, 11, 23), "due"),
        (D(2026, 11, 29), "due"),
        (D(2026, 11, 30), "overdue"),
        (D(2027, 4, 15), "overdue"),
    ],
)
def test_reminders_start_seven_days_before_the_first_late_day(today, kind):
    assert reminder_for(due_for(CITY, 2026), today) == kind


def test_no_reminder_without_a_due_date():
    assert reminder_for(due_for(UNREAD, 2026), D(2027, 4, 15)) is None
