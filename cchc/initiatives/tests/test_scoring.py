"""The pure scoring rules: a member's total, the quorum, the average rounded to one decimal, the verdict and its
reason in Vietnamese; missing data is "cần kiểm tra", never a silent "không đạt"."""

from decimal import Decimal as D

import pytest

from cchc.initiatives import scoring
from cchc.initiatives.scoring import Criterion, Sheet

SHEET = [
    Criterion(1, "Tính mới", D(30)),
    Criterion(2, "Tính hiệu quả", D(40)),
    Criterion(3, "Khả năng nhân rộng", D(20)),
    Criterion(4, "Tính khả thi", D(10)),
]


def sheet(member_id: int, *points) -> Sheet:
    return Sheet(
        member_id,
        f"Thành viên {member_id}",
        {i + 1: D(str(p)) for i, p in enumerate(points) if p is not None},
    )


CASES = [
    # (name, sheets, members, quorum, threshold, status, average, text)
    (
        "three full sheets above the threshold pass",
        [sheet(1, 27, 35, 17, 9), sheet(2, 25, 32, 16, 8), sheet(3, 24, 30, 15, 8)],
        3,
        None,
        D(70),
        scoring.PASS,
        D("82.0"),
        "Điểm trung bình 82/100 ≥ ngưỡng 70 — đạt",
    ),
    (
        "an average just below the threshold fails",
        [sheet(1, 20, 28, 14, 7), sheet(2, 21, 28, 14, 6)],
        2,
        None,
        D(70),
        scoring.FAIL,
        D("69.0"),
        "Điểm trung bình 69/100 < ngưỡng 70 — không đạt",
    ),
    (
        "an average equal to the threshold passes",
        [sheet(1, 20, 30, 14, 6), sheet(2, 21, 28, 14, 7)],
        2,
        None,
        D(70),
        scoring.PASS,
        D("70.0"),
        "Điểm trung bình 70/100 ≥ ngưỡng 70 — đạt",
    ),
    (
        "two thirds of three members is two sheets",
        [sheet(1, 27, 35, 17, 9), sheet(2, 25, 32, 16, 8), sheet(3)],
        3,
        None,
        D(70),
        scoring.PASS,
        D("84.5"),
        "Điểm trung bình 84,5/100 ≥ ngưỡng 70 — đạt",
    ),
    (
        "one sheet of three is not enough",
        [sheet(1, 27, 35, 17, 9), sheet(2), sheet(3)],
        3,
        None,
        D(70),
        scoring.INCOMPLETE,
        D("88.0"),
        "Mới có 1/3 thành viên chấm điểm đầy đủ; cần ít nhất 2 (hai phần ba số thành viên chấm "
        "điểm) — chưa đủ để kết luận.",
    ),
    (
        "a partly filled sheet is listed and not counted",
        [sheet(1, 27, 35, 17, 9), sheet(2, 25, None, 16, 8), sheet(3)],
        3,
        None,
        D(70),
        scoring.INCOMPLETE,
        D("88.0"),
        None,
    ),
    (
        "the council's own quorum replaces two thirds",
        [sheet(1, 27, 35, 17, 9), sheet(2, 25, 32, 16, 8), sheet(3)],
        3,
        3,
        D(70),
        scoring.INCOMPLETE,
        D("84.5"),
        "Mới có 2/3 thành viên chấm điểm đầy đủ; cần ít nhất 3 — chưa đủ để kết luận.",
    ),
    (
        "no threshold is to check",
        [sheet(1, 27, 35, 17, 9)],
        1,
        None,
        None,
        scoring.TO_CHECK,
        D("88.0"),
        "Hội đồng chưa công bố ngưỡng công nhận — cần kiểm tra.",
    ),
    (
        "no scoring member is to check",
        [],
        0,
        None,
        D(70),
        scoring.TO_CHECK,
        None,
        "Hội đồng chưa có thành viên chấm điểm — cần kiểm tra.",
    ),
]


@pytest.mark.parametrize(
    "name,sheets,members,quorum,threshold,status,average,text",
    CASES,
    ids=[c[0] for c in CASES],
)
def test_the_verdict_of_each_case(name, sheets, members, quorum, threshold, status, average, text):
    verdict = scoring.evaluate(SHEET, sheets, threshold=threshold, members=members, quorum=quorum)
    assert verdict.status == status
    assert verdict.average == average
    if text:
        assert verdict.reasons[0] == text


def test_the_average_is_rounded_half_up_to_one_decimal_and_compared_as_shown():
    # totals 88, 81, 66 → 235 / 3 = 78,333… → 78,3
    sheets = [sheet(1, 27, 35, 17, 9), sheet(2, 25, 32, 16, 8), sheet(3, 20, 26, 14, 6)]
    verdict = scoring.evaluate(SHEET, sheets, threshold=D(70), members=3)
    assert verdict.average == D("78.3")
    assert verdict.text == "Điểm trung bình 78,3/100 ≥ ngưỡng 70 — đạt"
    # 69,95 shown as 70,0 would pass: the rounded average is what is compared
    halves = [sheet(1, 20, 29.9, 14, 6), sheet(2, 20, 30, 14, 6)]
    assert scoring.evaluate(SHEET, halves, threshold=D(70), members=2).passed


def test_a_partly_filled_sheet_is_named_in_the_reasons():
    sheets = [sheet(1, 27, 35, 17, 9), sheet(2, 25, None, 16, 8), sheet(3)]
    verdict = scoring.evaluate(SHEET, sheets, threshold=D(70), members=3)
    assert verdict.partial == ("Thành viên 2",)
    assert "Chưa chấm đủ các tiêu chí (không tính): Thành viên 2." in verdict.reasons
    assert verdict.counted == 1


def test_per_criterion_averages_use_the_full_sheets():
    sheets = [sheet(1, 27, 35, 17, 9), sheet(2, 25, 32, 16, 8)]
    verdict = scoring.evaluate(SHEET, sheets, threshold=D(70), members=2)
    assert [r.average for r in verdict.criteria] == [D("26.0"), D("33.5"), D("16.5"), D("8.5")]
    assert verdict.totals == {1: D(88), 2: D(81)}
    assert verdict.max_total == D(100)


def test_no_sheet_published_is_to_check():
    verdict = scoring.evaluate([], [sheet(1)], threshold=D(70), members=3)
    assert verdict.status == scoring.TO_CHECK
    assert verdict.text == "Hội đồng chưa công bố phiếu chấm điểm — cần kiểm tra."
    assert not verdict.decided


@pytest.mark.parametrize(
    "points,errors",
    [
        ({1: D(30), 2: D(40), 3: D(20), 4: D(10)}, []),
        ({1: D(0), 2: D(0), 3: D(0), 4: D(0)}, []),
        (
            {1: D(31), 2: D(40), 3: D(20), 4: D(10)},
            ["Điểm tiêu chí “Tính mới” là 31, vượt điểm tối đa 30."],
        ),
        ({1: D(-1), 2: D(40), 3: D(20), 4: D(10)}, ["Điểm tiêu chí “Tính mới” không được âm."]),
        (
            {1: D(30), 3: D(20), 4: D("10.5")},
            [
                "Chưa chấm tiêu chí “Tính hiệu quả”.",
                "Điểm tiêu chí “Tính khả thi” là 10,5, vượt điểm tối đa 10.",
            ],
        ),
    ],
)
def test_a_sheet_is_checked_against_the_maximum_of_each_criterion(points, errors):
    assert scoring.check_sheet(SHEET, points) == errors


@pytest.mark.parametrize(
    "members,quorum,required",
    [
        (1, None, 1),
        (2, None, 2),
        (3, None, 2),
        (5, None, 4),
        (7, None, 5),
        (3, 5, 3),
        (5, 3, 3),
        (0, None, 0),
    ],
)
def test_the_number_of_full_sheets_required(members, quorum, required):
    assert scoring.required_sheets(members, quorum) == required


@pytest.mark.parametrize(
    "value,text",
    [(D("78.30"), "78,3"), (D("70.0"), "70"), (D(100), "100"), (D("0.5"), "0,5"), (None, "—")],
)
def test_numbers_are_written_with_a_decimal_comma_and_no_trailing_zero(value, text):
    assert scoring.number(value) == text
