"""Pure scoring rules, tested with tables of cases."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.core.errors import DomainError
from cchc.par.choices import Method, Part
from cchc.par.scoring import (
    Node,
    ThresholdRow,
    band_for,
    criterion_score,
    format_thresholds,
    index_total,
    parse_number,
    parse_thresholds,
    sort_key,
    threshold_score,
    validate_tree,
)

ROWS = [ThresholdRow(D("100"), D("2")), ThresholdRow(D("80"), D("1")), ThresholdRow(D("0"), D("0"))]


@pytest.mark.parametrize(
    "figure, expected",
    [("100", "2"), ("120", "2"), ("99.99", "1"), ("80", "1"), ("79.9", "0"), ("0", "0")],
)
def test_a_threshold_criterion_scores_the_highest_threshold_the_figure_reaches(figure, expected):
    assert threshold_score(D(figure), ROWS).score == D(expected)


def test_a_figure_below_every_threshold_scores_zero_with_the_reason():
    scored = threshold_score(D("5"), [ThresholdRow(D("10"), D("1"))], "%")
    assert scored.score == 0
    assert "< 10,00 %" in scored.reason


@pytest.mark.parametrize(
    "method, maximum, value, expected",
    [
        (Method.POINTS, "2", "1.5", "1.50"),
        (Method.POINTS, "2", "2", "2.00"),
        (Method.POINTS, "2", "0", "0.00"),
        (Method.YES_NO, "1.5", "1", "1.50"),
        (Method.YES_NO, "1.5", "0", "0"),
        (Method.THRESHOLD, "2", "85", "1.00"),
        (Method.SURVEY, "20", "18.25", "18.25"),
    ],
)
def test_the_score_of_a_criterion_follows_its_method(method, maximum, value, expected):
    scored = criterion_score(
        code="1.2", method=method, max_score=D(maximum), value=D(value), thresholds=ROWS
    )
    assert scored.score == D(expected)


@pytest.mark.parametrize(
    "method, value, message",
    [
        (Method.POINTS, "2.5", "Tiêu chí 1.6: điểm 2,50 vượt điểm tối đa 2,00."),
        (Method.POINTS, "-1", "Tiêu chí 1.6: giá trị không được âm."),
        (Method.YES_NO, "2", "Tiêu chí 1.6: chỉ chọn Đạt hoặc Không đạt."),
        (Method.POINTS, "1.555", "Tiêu chí 1.6: điểm chỉ lấy đến hai chữ số thập phân."),
    ],
)
def test_a_score_above_the_maximum_or_otherwise_invalid_is_refused_naming_the_criterion(
    method, value, message
):
    with pytest.raises(DomainError) as exc:
        criterion_score(code="1.6", method=method, max_score=D("2"), value=D(value))
    assert exc.value.message == message


def _tree(*rows, app="10", survey="5"):
    nodes = []
    for code, mx, *rest in rows:
        method = rest[0] if rest else Method.POINTS
        part = Part.SURVEY if method == Method.SURVEY else Part.APPRAISED
        nodes.append(
            Node(
                code=code,
                name=code,
                max_score=D(mx),
                method=method,
                part=part,
                thresholds=rest[1] if len(rest) > 1 else [],
            )
        )
    return validate_tree(nodes, appraised_max=D(app), survey_max=D(survey))


def test_a_valid_tree_has_no_errors():
    assert (
        _tree(
            ("1", "6"),
            ("1.1", "2"),
            ("1.2", "4"),
            ("1.2.1", "1"),
            ("1.2.2", "3"),
            ("2", "4"),
            ("S1", "5", Method.SURVEY),
        )
        == []
    )


def test_children_that_do_not_add_up_are_refused_with_the_codes_named():
    errors = _tree(("1", "6"), ("1.1", "2"), ("1.2", "3"), ("2", "4"), ("S1", "5", Method.SURVEY))
    assert errors == [
        "Mục 1 (tối đa 6,00): tổng điểm tối đa các mục con 1.1, 1.2 là 5,00, phải bằng 6,00."
    ]


def test_areas_that_do_not_reach_the_declared_total_are_refused_naming_them():
    errors = _tree(("1", "6"), ("2", "3"), ("S1", "5", Method.SURVEY))
    assert errors == [
        "Tổng điểm tối đa phần thẩm định (1, 2) là 9,00, khác tổng đã khai báo 10,00."
    ]


@pytest.mark.parametrize(
    "rows, error",
    [
        (
            (("1", "10"), ("1.1.1", "10"), ("S1", "5", Method.SURVEY)),
            "Mục 1.1.1: không có mục cha 1.1.",
        ),
        ((("1", "10"), ("1", "10"), ("S1", "5", Method.SURVEY)), "Mã 1 bị trùng."),
        (
            (("1", "10", Method.THRESHOLD), ("S1", "5", Method.SURVEY)),
            "Mục 1: chấm theo ngưỡng nhưng chưa có ngưỡng nào.",
        ),
        (
            (
                ("1", "10", Method.THRESHOLD, [ThresholdRow(D("90"), D("12"))]),
                ("S1", "5", Method.SURVEY),
            ),
            "Mục 1: ngưỡng ≥ 90,00 cho 12,00 điểm, vượt điểm tối đa 10,00.",
        ),
    ],
)
def test_other_tree_errors_name_the_code(rows, error):
    assert error in _tree(*rows)


@pytest.mark.parametrize(
    "text, rows",
    [
        ("100:2; 80:1; 0:0", [("100", "2"), ("80", "1"), ("0", "0")]),
        ("≥ 90 → 3; ≥ 80 → 1,5", [("90", "3"), ("80", "1.5")]),
        ("80=1\n100=2", [("100", "2"), ("80", "1")]),
        ("", []),
    ],
)
def test_thresholds_are_read_from_text(text, rows):
    assert parse_thresholds(text) == [ThresholdRow(D(a), D(b)) for a, b in rows]


def test_a_survey_method_in_the_appraised_part_is_refused():
    nodes = [Node(code="1", name="a", max_score=D("10"), part=Part.APPRAISED, method=Method.SURVEY)]
    assert validate_tree(nodes, appraised_max=D("10"), survey_max=D("0")) == [
        "Mục 1: phương pháp “điều tra” chỉ dùng cho phần điều tra xã hội học."
    ]


def test_bad_threshold_text_is_refused():
    with pytest.raises(ValueError):
        parse_thresholds("90 hai điểm")


def test_thresholds_are_written_with_decimal_commas():
    assert (
        format_thresholds([ThresholdRow(D("80"), D("1.5")), ThresholdRow(D("100"), D("2"))])
        == "100:2; 80:1,5"
    )


@pytest.mark.parametrize(
    "text, value",
    [
        ("1,5", D("1.5")),
        ("1.5", D("1.5")),
        (" 85 % ", D("85")),
        ("", None),
        (None, None),
        (3, D("3")),
    ],
)
def test_numbers_are_read_with_a_decimal_comma_or_point(text, value):
    assert parse_number(text) == value


def test_a_word_is_not_a_number():
    with pytest.raises(ValueError):
        parse_number("tám")


@pytest.mark.parametrize(
    "appraised, survey, na, organised, expected",
    [
        ("62.5", "27.25", "0", True, ("89.75", "100.00")),
        ("60", "27", "5", True, ("91.58", "95.00")),  # 87 / 95 × 100
        ("63", "0", "0", False, ("90.00", "70.00")),  # no survey: appraised alone on 100
        ("0", "0", "70", False, ("0", "0.00")),
    ],
)
def test_the_index_is_normalised_to_the_applicable_maximum(
    appraised, survey, na, organised, expected
):
    total, applicable = index_total(
        appraised=D(appraised),
        survey=D(survey),
        appraised_max=D("70"),
        survey_max=D("30"),
        not_applicable_max=D(na),
        survey_organised=organised,
    )
    assert (total, applicable) == (D(expected[0]), D(expected[1]))


BANDS = [("Tốt", D("90")), ("Khá", D("80")), ("Trung bình", D("65")), ("Yếu", D("0"))]


@pytest.mark.parametrize(
    "total, band",
    [
        ("100", "Tốt"),
        ("90", "Tốt"),
        ("89.99", "Khá"),
        ("80", "Khá"),
        ("65", "Trung bình"),
        ("64.99", "Yếu"),
        ("0", "Yếu"),
    ],
)
def test_bands_include_their_lower_bound(total, band):
    assert band_for(D(total), BANDS) == band


def test_codes_sort_numerically_with_survey_items_last():
    codes = ["S1", "1.10", "2", "1.2", "1", "S2", "10"]
    assert sorted(codes, key=sort_key) == ["1", "1.2", "1.10", "2", "10", "S1", "S2"]


@given(st.lists(st.decimals(min_value=0, max_value=2, places=2), min_size=1, max_size=8))
def test_children_adding_up_to_the_parent_always_validate(maxima):
    total = sum(maxima, D("0"))
    nodes = [Node(code="1", name="a", max_score=total)] + [
        Node(code=f"1.{i}", name="b", max_score=m) for i, m in enumerate(maxima, start=1)
    ]
    assert validate_tree(nodes, appraised_max=total, survey_max=D("0")) == []
