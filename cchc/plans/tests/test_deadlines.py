"""Deadlines written in words: the wordings of seed 004, of other provinces' plans, and any text at all."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc.plans.choices import DeadlineKind, Recurrence
from cchc.plans.deadlines import Deadline, describe, parse_deadline

D = date
K = DeadlineKind

# (wording, kind, start, due, before)
CASES = [
    # seed 004, as written in its appendix
    ("Trước ngày 15/01/2026", K.BY_DATE, None, D(2026, 1, 15), True),
    ("Theo yêu cầu của TP", K.ON_REQUEST, None, None, False),
    ("Cả năm 2026", K.PERIOD, D(2026, 1, 1), D(2026, 12, 31), False),
    ("Quý I/2026", K.PERIOD, D(2026, 1, 1), D(2026, 3, 31), False),
    ("Quý III, IV/2026", K.PERIOD, D(2026, 7, 1), D(2026, 12, 31), False),
    ("Tháng 11/2026", K.PERIOD, D(2026, 11, 1), D(2026, 11, 30), False),
    ("Tháng 10/2026", K.PERIOD, D(2026, 10, 1), D(2026, 10, 31), False),
    ("Theo thời gian thành phố yêu cầu", K.ON_REQUEST, None, None, False),
    ("Quý I năm 2026", K.PERIOD, D(2026, 1, 1), D(2026, 3, 31), False),
    ("Thường xuyên", K.CONTINUOUS, D(2026, 1, 1), None, False),
    ("Tháng 01/2026 đến tháng 5/2026", K.PERIOD, D(2026, 1, 1), D(2026, 5, 31), False),
    ("Theo thời gian của TP", K.ON_REQUEST, None, None, False),
    # other provinces' wordings
    ("Trong quý II", K.PERIOD, D(2026, 4, 1), D(2026, 6, 30), False),
    ("Trước 30/6", K.BY_DATE, None, D(2026, 6, 30), True),
    ("6 tháng đầu năm", K.PERIOD, D(2026, 1, 1), D(2026, 6, 30), False),
    ("6 tháng cuối năm 2026", K.PERIOD, D(2026, 7, 1), D(2026, 12, 31), False),
    ("9 tháng đầu năm 2026", K.PERIOD, D(2026, 1, 1), D(2026, 9, 30), False),
    ("Năm 2026", K.PERIOD, D(2026, 1, 1), D(2026, 12, 31), False),
    ("Trong năm", K.PERIOD, D(2026, 1, 1), D(2026, 12, 31), False),
    ("Cả năm 2027", K.PERIOD, D(2027, 1, 1), D(2027, 12, 31), False),
    ("Quý IV", K.PERIOD, D(2026, 10, 1), D(2026, 12, 31), False),
    ("Quý 2/2026", K.PERIOD, D(2026, 4, 1), D(2026, 6, 30), False),
    ("Quý I và quý II/2026", K.PERIOD, D(2026, 1, 1), D(2026, 6, 30), False),
    ("Quý I-II/2027", K.PERIOD, D(2027, 1, 1), D(2027, 6, 30), False),
    ("Tháng 9-10/2026", K.PERIOD, D(2026, 9, 1), D(2026, 10, 31), False),
    ("Tháng 6 năm 2026", K.PERIOD, D(2026, 6, 1), D(2026, 6, 30), False),
    ("Từ tháng 3 đến tháng 6/2026", K.PERIOD, D(2026, 3, 1), D(2026, 6, 30), False),
    ("Từ ngày 01/3/2026 đến ngày 30/6/2026", K.PERIOD, D(2026, 3, 1), D(2026, 6, 30), False),
    ("Chậm nhất ngày 31/3/2026", K.BY_DATE, None, D(2026, 3, 31), False),
    ("Đến ngày 31/3/2026", K.BY_DATE, None, D(2026, 3, 31), False),
    ("Hạn chót 20/12/2026", K.BY_DATE, None, D(2026, 12, 20), False),
    ("ngày 05 tháng 01 năm 2026", K.BY_DATE, None, D(2026, 1, 5), False),
    ("15/01/26", K.BY_DATE, None, D(2026, 1, 15), False),
    ("xong trước ngày 03/10/2023", K.BY_DATE, None, D(2023, 10, 3), True),
    ("Trước ngày 31/3/2030", K.BY_DATE, None, D(2030, 3, 31), True),
    ("Cuối tháng 6/2026", K.BY_DATE, None, D(2026, 6, 30), False),
    ("Giữa tháng 5", K.BY_DATE, None, D(2026, 5, 15), False),
    ("Cuối năm 2026", K.BY_DATE, None, D(2026, 12, 31), False),
    ("Giữa năm", K.BY_DATE, None, D(2026, 6, 30), False),
    ("Cuối quý II/2026", K.BY_DATE, None, D(2026, 6, 30), False),
    ("Trước quý III/2026", K.BY_DATE, None, D(2026, 7, 1), True),
    ("Trước tháng 6", K.BY_DATE, None, D(2026, 6, 1), True),
    ("Giai đoạn 2026-2030", K.PERIOD, D(2026, 1, 1), D(2030, 12, 31), False),
    ("2026 - 2030", K.PERIOD, D(2026, 1, 1), D(2030, 12, 31), False),
    ("Khi có yêu cầu", K.ON_REQUEST, None, None, False),
    ("Đột xuất", K.ON_REQUEST, None, None, False),
    ("Theo chỉ đạo của UBND thành phố", K.ON_REQUEST, None, None, False),
    ("Liên tục", K.CONTINUOUS, D(2026, 1, 1), None, False),
    ("Định kỳ hằng quý", K.CONTINUOUS, D(2026, 1, 1), None, False),
    ("Hằng tháng", K.CONTINUOUS, D(2026, 1, 1), None, False),
    ("Theo Quyết định của UBND thành phố", K.PER_REFERENCE, None, None, False),
    # what cannot be read is unknown, never a guess
    ("", K.UNKNOWN, None, None, False),
    ("abc xyz", K.UNKNOWN, None, None, False),
    ("Trước 31/02/2026", K.UNKNOWN, None, None, False),
    ("Tháng 13/2026", K.UNKNOWN, None, None, False),
    ("Sau khi hoàn thành sáp nhập", K.UNKNOWN, None, None, False),
]


@pytest.mark.parametrize(("text", "kind", "start", "due", "before"), CASES)
def test_each_wording_is_read_as_its_kind_and_window(text, kind, start, due, before):
    got = parse_deadline(text, year=2026)
    assert (got.kind, got.start, got.due, got.before) == (kind, start, due, before), got


def test_a_deadline_per_a_cited_plan_keeps_its_number_and_date():
    got = parse_deadline(
        "Theo Kế hoạch số 310/KH-UBND ngày 24/11/2025 của UBND thành phố và các văn bản khác liên quan",
        year=2026,
    )
    assert got.kind == K.PER_REFERENCE
    assert (got.reference_number, got.reference_date) == ("310/KH-UBND", D(2025, 11, 24))
    assert describe(got) == "Theo văn bản số 310/KH-UBND ngày 24/11/2025"


@pytest.mark.parametrize(
    ("text", "recurrence"),
    [
        ("Định kỳ hằng quý", Recurrence.QUARTERLY),
        ("Hằng tháng", Recurrence.MONTHLY),
        ("Thường xuyên, báo cáo hằng quý", Recurrence.QUARTERLY),
        ("Định kỳ 6 tháng", Recurrence.HALF_YEARLY),
        ("Trước ngày 31/3 hàng năm", Recurrence.YEARLY),
        ("Thường xuyên", ""),
    ],
)
def test_recurring_wordings_name_their_reporting_period(text, recurrence):
    assert parse_deadline(text, year=2026).recurrence == recurrence


def test_a_yearly_date_falls_in_the_plans_year():
    got = parse_deadline("Trước ngày 31/3 hàng năm", year=2027)
    assert (got.kind, got.due, got.before) == (K.BY_DATE, D(2027, 3, 31), True)


def test_without_a_year_in_the_text_or_the_plan_a_date_is_unknown():
    got = parse_deadline("Trước 30/6", year=None)
    assert got.kind == K.UNKNOWN and "năm" in got.note


def test_the_reason_an_invalid_date_is_unknown_is_given():
    assert "không tồn tại" in parse_deadline("Trước 31/02/2026", year=2026).note


def test_the_json_form_has_iso_dates():
    got = parse_deadline("Quý III, IV/2026", year=2026).as_dict()
    assert (got["kind"], got["start"], got["due"]) == ("period", "2026-07-01", "2026-12-31")


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Trước ngày 15/01/2026", "Trước 15/01/2026"),
        ("Quý III, IV/2026", "01/07/2026 – 31/12/2026"),
        ("Thường xuyên", "Thường xuyên"),
        ("Định kỳ hằng quý", "Thường xuyên, báo cáo hằng quý"),
        ("Theo yêu cầu của TP", "Theo yêu cầu (chưa có ngày)"),
        ("Chậm nhất ngày 31/3/2026", "Đến hết 31/03/2026"),
    ],
)
def test_a_deadline_is_described_in_vietnamese(text, label):
    assert describe(parse_deadline(text, year=2026)) == label


# --- properties ---------------------------------------------------------------------------------------------------

days = st.dates(min_value=D(2000, 1, 1), max_value=D(2099, 12, 31))
ROMAN = ["I", "II", "III", "IV"]


@given(
    day=days,
    style=st.sampled_from(["%d/%m/%Y", "%-d/%-m/%Y"]),
    prefix=st.sampled_from(["Trước ngày ", "Trước "]),
)
def test_any_date_written_before_is_read_with_its_flag(day, style, prefix):
    got = parse_deadline(prefix + day.strftime(style), year=2026)
    assert (got.kind, got.due, got.before) == (K.BY_DATE, day, True)


@given(year=st.integers(2000, 2099), quarter=st.integers(1, 4), sep=st.sampled_from(["/", " năm "]))
def test_any_quarter_spans_its_three_months(year, quarter, sep):
    got = parse_deadline(f"Quý {ROMAN[quarter - 1]}{sep}{year}", year=2026)
    assert got.kind == K.PERIOD
    assert got.start == D(year, 3 * quarter - 2, 1)
    assert (got.due + timedelta(days=1)).month == (3 * quarter) % 12 + 1
    assert got.due.year == year


@given(year=st.integers(2000, 2099), first=st.integers(1, 12), length=st.integers(0, 11))
def test_any_month_range_runs_from_the_first_day_to_the_last(year, first, length):
    last = min(12, first + length)
    got = parse_deadline(f"Tháng {first:02d}/{year} đến tháng {last}/{year}", year=2026)
    assert got.kind == K.PERIOD and got.start == D(year, first, 1)
    assert got.due.month == last and (got.due + timedelta(days=1)).day == 1


@settings(max_examples=300)
@given(text=st.text(max_size=80))
def test_any_text_gives_a_deadline_and_never_an_error(text):
    got = parse_deadline(text, year=2026)
    assert isinstance(got, Deadline) and got.kind in K.values
    if got.start and got.due:
        assert got.start <= got.due
    if got.kind == K.UNKNOWN:
        assert got.due is None and got.note
    assert describe(got)


WORDS = [
    "Trước",
    "ngày",
    "Quý",
    "I",
    "IV",
    "tháng",
    "năm",
    "đến",
    "15/01/2026",
    "2026",
    "và",
    "cuối",
    "Thường xuyên",
    "6",
    "Theo",
    "yêu cầu",
    "hằng",
    "quý",
    ",",
    "-",
    "30/6",
    "Từ",
    "13",
    "2030",
]


@settings(max_examples=400)
@given(parts=st.lists(st.sampled_from(WORDS), min_size=1, max_size=8))
def test_jumbled_deadline_words_never_give_an_inverted_window(parts):
    got = parse_deadline(" ".join(parts), year=2026)
    assert got.kind in K.values
    if got.start and got.due:
        assert got.start <= got.due


# --- waiting for a higher level's guidance -------------------------------------------------------------------------

# (wording, kind, start, due, awaits)
AWAITING_CASES = [
    ("Theo hướng dẫn của UBND tỉnh", K.ON_REQUEST, None, None, "hướng dẫn của UBND tỉnh"),
    ("Khi có hướng dẫn của Bộ Nội vụ", K.ON_REQUEST, None, None, "hướng dẫn của Bộ Nội vụ"),
    (
        "Sau khi có văn bản chỉ đạo của cấp trên",
        K.ON_REQUEST,
        None,
        None,
        "văn bản chỉ đạo của cấp trên",
    ),
    ("Theo lộ trình của Trung ương", K.ON_REQUEST, None, None, "lộ trình của Trung ương"),
    ("Theo lộ trình chung của Chính phủ", K.ON_REQUEST, None, None, "lộ trình chung của Chính phủ"),
    (
        "Thực hiện theo hướng dẫn của Trung ương",
        K.ON_REQUEST,
        None,
        None,
        "hướng dẫn của Trung ương",
    ),
    ("Chờ hướng dẫn của Sở Nội vụ", K.ON_REQUEST, None, None, "hướng dẫn của Sở Nội vụ"),
    ("Sau khi Bộ Nội vụ ban hành hướng dẫn", K.ON_REQUEST, None, None, "hướng dẫn của Bộ Nội vụ"),
    ("Khi Trung ương có hướng dẫn", K.ON_REQUEST, None, None, "hướng dẫn của Trung ương"),
    (
        "Khi nhận được hướng dẫn của Ban Thi đua - Khen thưởng thành phố",
        K.ON_REQUEST,
        None,
        None,
        "hướng dẫn của Ban Thi đua - Khen thưởng thành phố",
    ),
    (
        "Theo kế hoạch, hướng dẫn của UBND thành phố",
        K.ON_REQUEST,
        None,
        None,
        "hướng dẫn của UBND thành phố",
    ),
    (
        "Theo văn bản hướng dẫn của Sở Nội vụ (khi có)",
        K.ON_REQUEST,
        None,
        None,
        "văn bản hướng dẫn của Sở Nội vụ",
    ),
    ("Khi có văn bản hướng dẫn", K.ON_REQUEST, None, None, "văn bản hướng dẫn"),
    ("Theo hướng dẫn", K.ON_REQUEST, None, None, "hướng dẫn"),
    ("theo huong dan cua UBND tinh", K.ON_REQUEST, None, None, "huong dan cua UBND tinh"),
    ("Theo chỉ đạo của UBND thành phố", K.ON_REQUEST, None, None, "chỉ đạo của UBND thành phố"),
    # a window written beside the guidance is the deadline; the guidance is kept
    (
        "Theo hướng dẫn của Sở Nội vụ, trước ngày 30/6/2026",
        K.BY_DATE,
        None,
        D(2026, 6, 30),
        "hướng dẫn của Sở Nội vụ",
    ),
    (
        "Theo hướng dẫn của UBND tỉnh trong quý III/2026",
        K.PERIOD,
        D(2026, 7, 1),
        D(2026, 9, 30),
        "hướng dẫn của UBND tỉnh",
    ),
    (
        "Theo lộ trình của Trung ương giai đoạn 2026-2030",
        K.PERIOD,
        D(2026, 1, 1),
        D(2030, 12, 31),
        "lộ trình của Trung ương",
    ),
    # guidance cited by its number is a cited document, not a wait
    ("Theo hướng dẫn số 12/HD-SNV ngày 03/02/2026 của Sở Nội vụ", K.PER_REFERENCE, None, None, ""),
    ("Theo Quyết định của UBND thành phố", K.PER_REFERENCE, None, None, ""),
    ("Theo lộ trình", K.PER_REFERENCE, None, None, ""),
    ("Sau khi hoàn thành sáp nhập", K.UNKNOWN, None, None, ""),
]


@pytest.mark.parametrize(("text", "kind", "start", "due", "awaits"), AWAITING_CASES)
def test_a_deadline_waiting_for_a_higher_levels_guidance_is_on_request(
    text, kind, start, due, awaits
):
    got = parse_deadline(text, year=2026)
    assert (got.kind, got.start, got.due, got.awaits) == (kind, start, due, awaits), got


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Theo hướng dẫn của UBND tỉnh", "Chờ hướng dẫn của UBND tỉnh (chưa có ngày)"),
        (
            "Sau khi có văn bản chỉ đạo của cấp trên",
            "Chờ văn bản chỉ đạo của cấp trên (chưa có ngày)",
        ),
        ("Theo lộ trình của Trung ương", "Chờ lộ trình của Trung ương (chưa có ngày)"),
    ],
)
def test_a_wait_for_guidance_says_whose_guidance(text, label):
    assert describe(parse_deadline(text, year=2026)) == label


def test_the_json_form_names_what_is_awaited():
    got = parse_deadline("Khi có hướng dẫn của Bộ Nội vụ", year=2026).as_dict()
    assert (got["kind"], got["due"], got["awaits"]) == (
        "on_request",
        None,
        "hướng dẫn của Bộ Nội vụ",
    )
