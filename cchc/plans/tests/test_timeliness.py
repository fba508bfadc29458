"""Timeliness of a task against its deadline, and the reporting periods of continuous tasks."""

from datetime import date

import pytest

from cchc.plans.choices import Recurrence, TaskStatus, Timeliness
from cchc.plans.timeliness import due_within, last_day, report_periods, task_timeliness

D = date
T = Timeliness
TODAY = D(2026, 11, 22)


@pytest.mark.parametrize(
    ("status", "start", "due", "before", "completed", "expected"),
    [
        (TaskStatus.DONE, None, D(2026, 1, 15), True, D(2026, 1, 10), T.EARLY),
        (TaskStatus.DONE, None, D(2026, 1, 15), True, D(2026, 1, 14), T.ON_TIME),
        (TaskStatus.DONE, None, D(2026, 1, 15), True, D(2026, 1, 15), T.LATE),
        (TaskStatus.DONE, None, D(2026, 3, 31), False, D(2026, 3, 31), T.ON_TIME),
        (TaskStatus.DONE, D(2026, 10, 1), D(2026, 10, 31), False, D(2026, 10, 20), T.ON_TIME),
        (TaskStatus.DONE, D(2026, 10, 1), D(2026, 10, 31), False, D(2026, 9, 20), T.EARLY),
        (TaskStatus.DONE, D(2026, 10, 1), D(2026, 10, 31), False, D(2026, 11, 2), T.LATE),
        (TaskStatus.DOING, D(2026, 10, 1), D(2026, 10, 31), False, None, T.OVERDUE),
        (TaskStatus.TODO, None, D(2026, 11, 22), False, None, T.IN_PROGRESS),
        (TaskStatus.PAUSED, None, D(2026, 11, 21), False, None, T.OVERDUE),
        (TaskStatus.TODO, None, D(2026, 11, 23), True, None, T.IN_PROGRESS),
        (TaskStatus.DOING, D(2026, 1, 1), None, False, None, T.NO_DUE),
        (TaskStatus.DONE, None, None, False, D(2026, 5, 1), T.NO_DUE),
    ],
)
def test_timeliness_of_a_task_on_the_demo_day(status, start, due, before, completed, expected):
    got = task_timeliness(
        status=status,
        start_on=start,
        due_on=due,
        deadline_before=before,
        completed_on=completed,
        today=TODAY,
    )
    assert got == expected


def test_the_last_day_of_a_deadline_worded_before_is_the_day_before():
    assert last_day(D(2026, 1, 15), True) == D(2026, 1, 14)
    assert last_day(D(2026, 1, 15), False) == D(2026, 1, 15)
    assert last_day(None, True) is None


def test_due_within_counts_today_and_the_last_day_of_the_window():
    assert due_within(D(2026, 11, 29), False, TODAY, 7)
    assert due_within(D(2026, 11, 22), False, TODAY, 7)
    assert not due_within(D(2026, 11, 30), False, TODAY, 7)
    assert not due_within(D(2026, 11, 21), False, TODAY, 7)
    assert due_within(D(2026, 11, 30), True, TODAY, 7)


def test_quarterly_periods_of_a_year():
    got = report_periods(recurrence=Recurrence.QUARTERLY, start=D(2026, 1, 1), end=D(2026, 12, 31))
    assert [p[0] for p in got] == ["Quý I/2026", "Quý II/2026", "Quý III/2026", "Quý IV/2026"]
    assert got[2][1:] == (D(2026, 7, 1), D(2026, 9, 30))


def test_monthly_periods_start_at_the_month_of_the_start_date():
    got = report_periods(recurrence=Recurrence.MONTHLY, start=D(2026, 3, 15), end=D(2026, 5, 1))
    assert [(p[0], p[1], p[2]) for p in got] == [
        ("Tháng 03/2026", D(2026, 3, 1), D(2026, 3, 31)),
        ("Tháng 04/2026", D(2026, 4, 1), D(2026, 4, 30)),
        ("Tháng 05/2026", D(2026, 5, 1), D(2026, 5, 31)),
    ]


def test_half_yearly_and_yearly_periods_and_none():
    assert [
        p[0]
        for p in report_periods(
            recurrence=Recurrence.HALF_YEARLY, start=D(2026, 1, 1), end=D(2026, 12, 31)
        )
    ] == [
        "6 tháng đầu năm 2026",
        "6 tháng cuối năm 2026",
    ]
    assert (
        report_periods(recurrence=Recurrence.YEARLY, start=D(2026, 1, 1), end=D(2027, 6, 1))[1][0]
        == "Năm 2027"
    )
    assert report_periods(recurrence="", start=D(2026, 1, 1), end=D(2026, 12, 31)) == []
