"""Deadlines of dossiers: "trước ngày X" ends the day before X; ad-hoc awards any time; N working days."""

from __future__ import annotations

from datetime import date

import pytest

from cchc.awards.rules.deadlines import admission, describe, due, lateness, working_days_before
from cchc.awards.rules.schema import DeadlineRule
from cchc.awards.tests.factories import programme
from cchc.awards.tests.test_fixture_programmes import prog as fixture

# (programme, year of the awards, last day on time)
SEED_DUE = [
    ("hp2162_tp_hang_nam_tap_the", 2026, date(2027, 3, 30)),
    ("hp2162_tp_hang_nam_ca_nhan", 2029, date(2030, 3, 30)),
    ("hp2162_gd_co_thi_dua", 2030, date(2030, 3, 30)),
    ("lc259_gk_hang_nam_tap_the", 2026, date(2027, 3, 14)),
    ("lc259_tp_hang_nam_ca_nhan", 2027, date(2028, 3, 14)),
    ("lc259_gd_bang_khen_tap_the", 2030, date(2030, 3, 9)),
    ("ktd_gk_hang_nam_tap_the", 2027, date(2028, 3, 30)),
    ("pl26_gk_phuong_tap_the", 2023, date(2023, 10, 2)),
    ("pl26_gk_quan_ca_nhan", 2023, date(2023, 10, 2)),
]


@pytest.mark.parametrize(("code", "year", "last_day"), SEED_DUE)
def test_the_last_day_on_time_of_each_seed_deadline(code, year, last_day):
    rule = programme(code).deadline
    assert due(rule, year) == last_day
    assert lateness(rule, year, last_day).on_time is True
    late = lateness(rule, year, date.fromordinal(last_day.toordinal() + 1))
    assert late.on_time is False
    assert "quá hạn 1 ngày" in late.message
    assert late.message.endswith(f"({rule.source})")


def test_before_the_31st_of_march_means_the_30th_is_the_last_day():
    rule = programme("hp2162_tp_hang_nam_tap_the").deadline
    assert describe(rule, 2026) == "trước ngày 31/03/2027 (ngày cuối cùng 30/03/2027)"
    on_time, message = lateness(rule, 2026, date(2027, 3, 31))
    assert on_time is False
    assert message == (
        "Nộp ngày 31/03/2027, quá hạn 1 ngày (hạn: trước ngày 31/03/2027 (ngày cuối cùng 30/03/2027)) "
        "(2162/QĐ-UBND, mục III.3.1)"
    )


@pytest.mark.parametrize(
    "code", ["hp2162_tp_ngoai_co_cau_tap_the", "lc259_dot_xuat_ca_nhan", "ktd_dot_xuat_tap_the"]
)
def test_ad_hoc_awards_are_exempt_from_deadlines(code):
    rule = programme(code).deadline
    assert due(rule, 2027) is None
    on_time, message = lateness(rule, 2027, date(2027, 12, 31))
    assert on_time is True
    assert "khen thưởng đột xuất" in message


def test_a_deadline_announced_later_is_to_check():
    rule = programme("ktd_gd_gk_tap_the").deadline
    assert due(rule, 2030) is None
    assert lateness(rule, 2030, date(2030, 3, 1)).on_time is None
    assert admission(programme("ktd_gd_gk_tap_the"), 2030, date(2030, 3, 1)).outcome == "to_check"


@pytest.mark.parametrize(
    ("submitted", "outcome"),
    [
        (date(2023, 10, 2), "accepted"),
        (date(2023, 10, 3), "refused"),
        (date(2023, 11, 1), "refused"),
    ],
)
def test_phu_luong_does_not_consider_late_dossiers(submitted, outcome):
    result = admission(programme("pl26_gk_phuong_ca_nhan"), 2023, submitted)
    assert result.outcome == outcome
    if outcome == "refused":
        assert result.message.endswith("Không xét hồ sơ nộp muộn (26/KH-UBND, mục II.5, Chú ý)")


def test_late_city_dossiers_go_to_a_person():
    result = admission(programme("hp2162_tp_hang_nam_tap_the"), 2026, date(2027, 4, 2))
    assert result.outcome == "to_check"


# (event, n, working days, last day): weekends and holidays skipped
EVENT_CASES = [
    (date(2027, 12, 20), 7, True, date(2027, 12, 9)),  # Monday 20 → back over two weekends
    (date(2027, 12, 20), 7, False, date(2027, 12, 13)),
    (date(2027, 5, 4), 3, True, date(2027, 4, 28)),  # 30/4 and 1/5 are holidays
    (date(2026, 9, 4), 2, True, date(2026, 9, 1)),  # 2/9 is a holiday
]


@pytest.mark.parametrize(("event", "n", "working", "last_day"), EVENT_CASES)
def test_n_days_before_an_event(event, n, working, last_day):
    rule = DeadlineRule(
        kind="days_before_event",
        n=n,
        working_days=working,
        event="hội nghị tổng kết",
        source="KH mẫu, mục 6",
    )
    assert due(rule, event.year, events={"hội nghị tổng kết": event}) == last_day
    assert due(rule, event.year) is None
    assert lateness(rule, event.year, last_day, events={"hội nghị tổng kết": event}).on_time is True


def test_working_days_skip_weekends():
    assert working_days_before(date(2027, 3, 15), 1) == date(2027, 3, 12)


def test_the_fixture_window_refuses_early_and_late_dossiers():
    rule = fixture("mau_bk_xa_mot_truong_hop").deadline
    assert lateness(rule, 2027, date(2027, 10, 31)).on_time is False
    assert "chưa đến thời gian nhận hồ sơ" in lateness(rule, 2027, date(2027, 10, 31)).message
    assert lateness(rule, 2027, date(2027, 12, 10)).on_time is True
    assert lateness(rule, 2027, date(2027, 12, 11)).on_time is False


def test_the_fixture_event_deadline_refuses_late_dossiers():
    p = fixture("mau_bk_tap_the")
    events = {"hội nghị tổng kết": date(2027, 12, 20)}
    assert admission(p, 2027, date(2027, 12, 9), events=events).outcome == "accepted"
    assert admission(p, 2027, date(2027, 12, 10), events=events).outcome == "refused"
    assert admission(p, 2027, date(2027, 12, 10)).outcome == "to_check"
