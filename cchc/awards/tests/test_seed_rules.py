"""Each rule of the five seeds, with a case that passes and one that fails; every reason names its clause."""

from __future__ import annotations

from datetime import date

import pytest

from cchc.awards.rules.eligibility import Verdict, evaluate, evaluate_target
from cchc.awards.rules.facts import DisciplineRecord, MembersSummary
from cchc.awards.rules.schema import load_all
from cchc.awards.tests.factories import (
    LE_CHAN_ID,
    D,
    checks,
    initiative,
    nomination,
    office,
    par,
    person,
    programme,
    ward,
)


def line(verdict: Verdict, fragment: str):
    """The first reason (at any depth) whose text contains `fragment`."""
    for _, reason in verdict.lines():
        if fragment in reason.text:
            return reason
    raise AssertionError(f"no reason with {fragment!r} in {[r.text for _, r in verdict.lines()]}")


def test_the_five_seed_rule_files_load():
    files = {pf.id: pf for pf in load_all()}
    assert set(files) == {"hp-2162-2026", "lc-259-2026", "ktd-2026", "pl-26-2023", "ltn-2026"}
    assert {pf.document.seed for pf in files.values()} == {
        f"data/seeds/{name}.txt"
        for name in (
            "000_7c29f19b45036252",
            "001_fe6032eb2a75d321",
            "002_7c2d7534cc75175e",
            "003_d53ccbadaa947da3",
            "004_b78bd4a0b75bbdc4",
        )
    }
    assert files["ltn-2026"].programmes == []
    assert len(files["ltn-2026"].targets) >= 3


def test_the_le_chan_contradiction_is_in_the_data_with_both_sentences():
    prog = programme("lc259_gd_bang_khen_tap_the")
    (conflict,) = prog.conflicts
    quotes = [s.quote for s in conflict.statements]
    assert any("danh sách 5 đơn vị dẫn đầu" in q for q in quotes)
    assert any("top 10 đơn vị dẫn đầu" in q for q in quotes)
    assert {s.source for s in conflict.statements} == {
        "259/KH-UBND, mục III.2.2.a (Lưu ý)",
        "259/KH-UBND, mục III.2.2.b",
    }
    assert any(getattr(c, "conflict", None) == conflict.code for c in prog.criteria)


CITY_ANNUAL = "2162/QĐ-UBND, mục III.2.1.2.a"

# (case, unit, fragment of the reason, outcome)
CITY_ANNUAL_COLLECTIVE = [
    (
        "ward 3rd of 45",
        ward(par={2027: par(2027, 3)}),
        "Hạng 3/45 khối phường năm 2027 — đạt top 5",
        "pass",
    ),
    (
        "ward 7th of 45",
        ward(par={2027: par(2027, 7)}),
        "Hạng 7/45 khối phường năm 2027 — không thuộc top 5",
        "fail",
    ),
    (
        "department 4th of 20",
        ward(kind="department", bloc="so-nganh", par={2027: par(2027, 4, 20, "so-nganh")}),
        "Hạng 4/20 khối Sở, ban, ngành năm 2027 — không thuộc top 3",
        "fail",
    ),
    (
        "commune 5th of 60",
        ward(kind="commune", bloc="xa-dac-khu", par={2027: par(2027, 5, 60, "xa-dac-khu")}),
        "Hạng 5/60 khối xã, đặc khu năm 2027 — đạt top 5",
        "pass",
    ),
    (
        "tie on rank 5, sixth by award order",
        ward(par={2027: par(2027, 5, order=6)}),
        "Hạng 5/45 (đồng hạng, thứ tự xét khen thưởng 6) khối phường năm 2027 — không thuộc top 5",
        "fail",
    ),
    ("no result yet", ward(par={}), "chưa có kết quả Chỉ số CCHC năm 2027", "unknown"),
    (
        "unpublished result",
        ward(par={2027: par(2027, 1, published=False)}),
        "chưa công bố kết quả Chỉ số CCHC năm 2027",
        "unknown",
    ),
    (
        "one recognised initiative",
        ward(initiatives=(initiative(2027),)),
        "1 sáng kiến được công nhận",
        "pass",
    ),
    ("no initiative", ward(initiatives=()), "0 sáng kiến được công nhận", "fail"),
    (
        "initiative awaiting recognition",
        ward(initiatives=(initiative(2027, recognised=False),)),
        "1 sáng kiến chưa được công nhận — cần kiểm tra",
        "unknown",
    ),
    (
        "initiative already used by another dossier",
        ward(initiatives=(initiative(2027, used_in="hồ sơ số 4"),)),
        "đã dùng cho hồ sơ số 4",
        "fail",
    ),
]


@pytest.mark.parametrize(("case", "unit", "fragment", "outcome"), CITY_ANNUAL_COLLECTIVE)
def test_city_annual_award_of_a_collective_needs_an_initiative_and_a_top_rank_of_its_bloc(
    case, unit, fragment, outcome
):
    verdict = evaluate(programme("hp2162_tp_hang_nam_tap_the"), unit, year=2027)
    reason = line(verdict, fragment)
    assert reason.outcome == outcome
    assert reason.text.endswith(f"({CITY_ANNUAL})")


def test_a_top_ward_with_a_recognised_initiative_is_eligible_for_the_city_annual_award():
    unit = ward(par={2027: par(2027, 2)}, initiatives=(initiative(2027),))
    verdict = evaluate(programme("hp2162_tp_hang_nam_tap_the"), unit, year=2027)
    assert verdict.verdict == "eligible"
    assert verdict.reasons[0].text.startswith(
        "Thuộc đối tượng xét: Phường Lê Chân thuộc khối phường năm 2027"
    )


def test_the_city_annual_programme_does_not_apply_outside_2026_2030():
    unit = ward(years=range(2031, 2032), par={2031: par(2031, 1)}, initiatives=(initiative(2031),))
    verdict = evaluate(programme("hp2162_tp_hang_nam_tap_the"), unit, year=2031)
    assert verdict.verdict == "not_eligible"
    assert "không áp dụng năm 2031" in verdict.reasons[0].text


CITY_PERSON = "hp2162_tp_hang_nam_ca_nhan"


@pytest.mark.parametrize(
    ("case", "changes", "verdict", "fragment"),
    [
        (
            "all standards met",
            {},
            "eligible",
            "Xếp loại năm 2027: Hoàn thành xuất sắc nhiệm vụ — đạt",
        ),
        (
            "rated HTT only",
            {"evaluation": {2027: "htt"}},
            "not_eligible",
            "không đạt mức “Hoàn thành xuất sắc",
        ),
        (
            "no direct CCHC work",
            {"cchc_years": {2027: False}},
            "not_eligible",
            "0 năm trực tiếp làm công tác CCHC",
        ),
        (
            "no initiative, no check",
            {"initiatives": (), "manual_checks": ()},
            "to_check",
            "Cần kiểm tra: Có phẩm chất",
        ),
        ("rating not entered", {"evaluation": {}}, "to_check", "năm 2027 chưa có"),
    ],
)
def test_city_annual_award_of_a_person_needs_htxs_direct_cchc_work_and_one_of_two_standards(
    case, changes, verdict, fragment
):
    facts = dict(
        evaluation={2027: "htxs"},
        cchc_years={2027: True},
        initiatives=(initiative(2027),),
        manual_checks=checks(CITY_PERSON, "pham_chat", year=2027),
    )
    facts.update(changes)
    result = evaluate(programme(CITY_PERSON), person(**facts), year=2027)
    assert result.verdict == verdict
    reason = line(result, fragment)
    assert "(2162/QĐ-UBND, mục III.2.1.2.a)" in reason.text


def test_the_chairman_s_ad_hoc_certificate_waits_for_a_person_s_check():
    prog = programme("hp2162_tp_ngoai_co_cau_tap_the")
    unit = ward(kind="vertical_agency", bloc="", years=range(0))
    assert evaluate(prog, unit, year=2027).verdict == "to_check"
    checked = ward(manual_checks=checks(prog.code, "dong_gop_chi_so", year=2027))
    verdict = evaluate(prog, checked, year=2027)
    assert verdict.verdict == "eligible"
    assert "Đã kiểm tra: Có nhiều đóng góp" in verdict.reasons[0].text
    assert "(2162/QĐ-UBND, mục III.2.1.2.b)" in verdict.reasons[0].text


def _years(ranks: dict[int, int], bloc: str = "phuong", of: int = 45):
    return {y: par(y, r, of, bloc) for y, r in ranks.items()}


CITY_PERIOD_COLLECTIVE = [
    (
        "three years in the top 10 of the wards",
        {2026: 8, 2027: 3, 2028: 10, 2029: 12},
        "phuong",
        "pass",
    ),
    (
        "two years in the top 10, 2030 not known",
        {2026: 8, 2027: 3, 2028: 11, 2029: 12},
        "phuong",
        "unknown",
    ),
    (
        "one year in the top 10 and 2030 unknown",
        {2026: 8, 2027: 13, 2028: 11, 2029: 12},
        "phuong",
        "fail",
    ),
    (
        "three years in the top 5 of the departments",
        {2026: 5, 2027: 1, 2028: 4, 2029: 9},
        "so-nganh",
        "pass",
    ),
    (
        "departments need the top 5, not the top 10",
        {2026: 6, 2027: 7, 2028: 8, 2029: 9},
        "so-nganh",
        "fail",
    ),
    ("communes count in the top 15", {2026: 15, 2027: 14, 2028: 13}, "xa-dac-khu", "pass"),
]


@pytest.mark.parametrize(("case", "ranks", "bloc", "outcome"), CITY_PERIOD_COLLECTIVE)
def test_city_period_certificate_of_a_collective_needs_three_years_in_the_top_of_its_bloc(
    case, ranks, bloc, outcome
):
    unit = ward(bloc=bloc, par=_years(ranks, bloc), initiatives=(), nominations=())
    verdict = evaluate(programme("hp2162_gd_bang_khen_tap_the"), unit)
    assert verdict.period == (2026, 2030)
    reason = verdict.reasons[2]
    assert reason.clause == "2162/QĐ-UBND, mục III.2.2.b"
    assert reason.outcome == outcome
    assert reason.text.endswith("(2162/QĐ-UBND, mục III.2.2.b)")


def test_city_period_collective_standards_are_one_of_three():
    unit = ward(
        par={}, initiatives=(initiative(2026, ident=1), initiative(2028, ident=2)), nominations=()
    )
    verdict = evaluate(programme("hp2162_gd_bang_khen_tap_the"), unit)
    any_of = line(verdict, "Đạt một trong các tiêu chuẩn sau")
    assert any_of.outcome == "pass"
    assert "(2162/QĐ-UBND, mục III.2.2.a)" in any_of.text
    one = ward(par={}, initiatives=(initiative(2026),), nominations=())
    assert (
        line(evaluate(programme("hp2162_gd_bang_khen_tap_the"), one), "sáng kiến").outcome == "fail"
    )


def test_a_collective_proposed_for_the_flag_is_not_proposed_for_the_certificate_of_the_same_period():
    flag = nomination(3, "hp2162_gd_co_thi_dua", period=(2026, 2030))
    unit = ward(par=_years({2026: 1, 2027: 1, 2028: 1, 2029: 1}), nominations=(flag,))
    verdict = evaluate(programme("hp2162_gd_bang_khen_tap_the"), unit)
    reason = line(verdict, "cho cùng thành tích")
    assert reason.outcome == "fail"
    assert "hồ sơ số 3" in reason.text
    assert reason.text.endswith("(2162/QĐ-UBND, mục III.1.2)")


@pytest.mark.parametrize(("rank", "outcome"), [(1, "pass"), (2, "fail")])
def test_the_city_flag_goes_to_the_leader_of_the_bloc(rank, outcome):
    unit = ward(par=_years({2029: rank}), initiatives=(initiative(2026), initiative(2027, ident=2)))
    verdict = evaluate(programme("hp2162_gd_co_thi_dua"), unit, year=2029)
    reason = line(verdict, f"Hạng {rank}/45 khối phường năm 2029")
    assert reason.outcome == outcome
    assert reason.text.endswith("(2162/QĐ-UBND, mục III.2.2.b)")


@pytest.mark.parametrize(
    ("years", "outcome"),
    [
        ({2026: True, 2027: True, 2028: True}, "pass"),
        ({2026: True, 2027: True, 2028: False, 2029: False, 2030: False}, "fail"),
        ({2026: True, 2027: True}, "unknown"),
    ],
)
def test_city_period_certificate_of_a_person_needs_three_years_of_direct_cchc_work(years, outcome):
    verdict = evaluate(programme("hp2162_gd_bang_khen_ca_nhan"), person(cchc_years=years))
    reason = line(verdict, "năm trực tiếp làm công tác CCHC giai đoạn 2026 - 2030")
    assert reason.outcome == outcome
    assert reason.text.endswith("(2162/QĐ-UBND, mục III.2.2.a)")


def test_the_person_s_unit_must_have_three_years_in_the_top_for_the_period_certificate():
    good = person(unit=ward(par=_years({2026: 1, 2027: 2, 2028: 3})))
    bad = person(unit=ward(par=_years({2026: 11, 2027: 12, 2028: 13, 2029: 14})))
    prog = programme("hp2162_gd_bang_khen_ca_nhan")
    assert line(evaluate(prog, good), "3 năm trong 10 đơn vị dẫn đầu").outcome == "pass"
    assert line(evaluate(prog, bad), "0 năm trong 10 đơn vị dẫn đầu").outcome == "fail"


def test_people_of_a_unit_proposed_for_the_flag_may_be_proposed_for_the_certificate():
    prog = programme("hp2162_gd_bang_khen_ca_nhan_don_vi_co")
    flag = nomination(7, "hp2162_gd_co_thi_dua", period=(2026, 2030))
    proposed = person(unit=ward(nominations=(flag,)))
    not_proposed = person(unit=ward(nominations=()))
    assert line(evaluate(prog, proposed), "hồ sơ số 7").outcome == "pass"
    reason = line(evaluate(prog, not_proposed), "Không có hồ sơ đề nghị")
    assert reason.outcome == "fail"
    assert reason.text.endswith("(2162/QĐ-UBND, mục III.2.2.b)")


# --- 259/KH-UBND, Lê Chân ---------------------------------------------------------------------------------


def test_le_chan_ward_certificates_go_to_units_of_the_ward_only():
    prog = programme("lc259_gk_hang_nam_tap_the")
    own = office(manual_checks=checks(prog.code, "thanh_tich", year=2027))
    other = office(parent=99, manual_checks=checks(prog.code, "thanh_tich", year=2027))
    assert evaluate(prog, own, year=2027, issuer_unit_id=LE_CHAN_ID).verdict == "eligible"
    verdict = evaluate(prog, other, year=2027, issuer_unit_id=LE_CHAN_ID)
    assert verdict.verdict == "not_eligible"
    assert verdict.reasons[0].text.endswith("(259/KH-UBND, mục III.3.1)")
    assert "không phải là đơn vị thuộc đơn vị ban hành" in verdict.reasons[0].text
    assert evaluate(prog, own, year=2027).verdict == "to_check"


LC_ANNUAL = "lc259_tp_hang_nam_tap_the"


def _lc_ward(**changes):
    facts = dict(
        par={2027: par(2027, 4)},
        initiatives=(initiative(2027),),
        member_discipline=(),
        manual_checks=checks(LC_ANNUAL, "ky_cuong", "ket_qua_tthc_cds", year=2027),
    )
    facts.update(changes)
    return ward(**facts)


@pytest.mark.parametrize(
    ("case", "changes", "verdict", "fragment"),
    [
        ("all four standards", {}, "eligible", "Hạng 4/45 khối phường năm 2027 — đạt top 5"),
        ("sixth of the bloc", {"par": {2027: par(2027, 6)}}, "not_eligible", "không thuộc top 5"),
        ("no initiative", {"initiatives": ()}, "not_eligible", "0 sáng kiến"),
        (
            "an officer broke the rules",
            {
                "member_discipline": (
                    DisciplineRecord(
                        501, "Lê Văn Nam", "vi_pham", date(2027, 5, 12), unit_id=LE_CHAN_ID
                    ),
                )
            },
            "not_eligible",
            "Lê Văn Nam (vi phạm quy định, 12/05/2027)",
        ),
        (
            "results in TTHC not checked",
            {"manual_checks": checks(LC_ANNUAL, "ky_cuong", year=2027)},
            "to_check",
            "Cần kiểm tra: Có kết quả nổi bật",
        ),
    ],
)
def test_le_chan_proposes_to_the_city_only_when_all_four_standards_hold(
    case, changes, verdict, fragment
):
    result = evaluate(
        programme(LC_ANNUAL), _lc_ward(**changes), year=2027, issuer_unit_id=LE_CHAN_ID
    )
    assert result.verdict == verdict
    assert "(259/KH-UBND, mục III.2.1.2.a)" in line(result, fragment).text


LC_PERIOD = "lc259_gd_bang_khen_tap_the"


@pytest.mark.parametrize(
    ("case", "ranks", "top10", "top5", "verdict"),
    [
        ("three years in the top 5", {2026: 2, 2027: 5, 2028: 4}, "pass", "pass", "eligible"),
        (
            "three years in the top 10 only",
            {2026: 6, 2027: 9, 2028: 10, 2029: 12},
            "pass",
            "unknown",
            "to_check",
        ),
        (
            "two years in the top 10",
            {2026: 6, 2027: 9, 2028: 11, 2029: 12, 2030: 20},
            "fail",
            "unknown",
            "not_eligible",
        ),
    ],
)
def test_le_chan_top_10_against_top_5_sends_the_doubtful_case_to_a_person(
    case, ranks, top10, top5, verdict
):
    unit = ward(
        par=_years(ranks),
        initiatives=(initiative(2026), initiative(2027, ident=2)),
        nominations=(),
    )
    result = evaluate(programme(LC_PERIOD), unit, issuer_unit_id=LE_CHAN_ID)
    r10, r5 = result.reasons[2], result.reasons[3]
    assert (r10.outcome, r5.outcome) == (top10, top5)
    assert r10.text.endswith("(259/KH-UBND, mục III.2.2.b)")
    assert r5.text.endswith("(259/KH-UBND, mục III.2.2.a (Lưu ý))")
    if top5 == "unknown":
        assert "mâu thuẫn" in r5.text and "top 10 hay top 5" in r5.text
    assert result.verdict == verdict


def test_le_chan_period_proposals_of_a_person_need_three_years_of_cchc_work():
    prog = programme("lc259_gd_bang_khen_ca_nhan")
    verdict = evaluate(
        prog, person(cchc_years={2026: True, 2027: False, 2028: False, 2029: False, 2030: False})
    )
    reason = line(verdict, "năm trực tiếp làm công tác CCHC")
    assert reason.outcome == "fail"
    assert reason.text.endswith("(259/KH-UBND, mục III.2.2.a)")


# --- Khúc Thừa Dụ -----------------------------------------------------------------------------------------

KTD = "ktd_gk_hang_nam_tap_the"


@pytest.mark.parametrize(
    ("case", "facts", "outcome"),
    [
        ("a recognised initiative is enough", {"initiatives": (initiative(2027),)}, "pass"),
        ("nothing known but manual standards", {"initiatives": ()}, "unknown"),
        (
            "no initiative and every other standard checked and failed",
            {
                "initiatives": (),
                "member_discipline": (),
                "manual_checks": checks(
                    KTD, "thanh_tich_nam", "ky_cuong", "ket_qua_tthc_cds", passed=False, year=2027
                ),
            },
            "fail",
        ),
    ],
)
def test_khuc_thua_du_collectives_need_one_of_four_standards(case, facts, outcome):
    unit = office(name="Trung tâm Phục vụ hành chính công", parent=20, **facts)
    verdict = evaluate(programme(KTD), unit, year=2027, issuer_unit_id=20)
    reason = line(verdict, "Đạt một trong các tiêu chuẩn sau")
    assert reason.outcome == outcome
    assert reason.text.endswith("(KH xã Khúc Thừa Dụ, mục III.2.1.a)")


def test_khuc_thua_du_people_need_an_excellent_rating():
    prog = programme("ktd_gk_hang_nam_ca_nhan")
    good = evaluate(prog, person(evaluation={2027: "htxs"}), year=2027)
    bad = evaluate(prog, person(evaluation={2027: "ht"}), year=2027)
    assert line(good, "Xếp loại năm 2027").outcome == "pass"
    assert line(bad, "Xếp loại năm 2027").outcome == "fail"
    assert "(KH xã Khúc Thừa Dụ, mục III.2.1.a)" in line(bad, "Xếp loại năm 2027").text


def test_khuc_thua_du_period_collective_needs_two_initiatives_or_a_checked_standard():
    prog = programme("ktd_gd_gk_tap_the")
    two = office(parent=20, initiatives=(initiative(2027), initiative(2029, ident=2)))
    one = office(parent=20, initiatives=(initiative(2027),))
    assert line(evaluate(prog, two), "sáng kiến").outcome == "pass"
    reason = line(evaluate(prog, one), "sáng kiến")
    assert reason.outcome == "fail"
    assert reason.text.endswith("(KH xã Khúc Thừa Dụ, mục III.2.2.a)")


# --- 26/KH-UBND, Phú Lương ----------------------------------------------------------------------------------

PL = "pl26_gk_phuong_ca_nhan"


@pytest.mark.parametrize(
    ("level", "outcome"),
    [("district", "pass"), ("city", "pass"), ("commune", "fail"), ("unit", "fail")],
)
def test_phu_luong_initiatives_count_from_the_district_level(level, outcome):
    staff = person(
        unit=office(parent=30), employment="cong_chuc", initiatives=(initiative(2023, level),)
    )
    verdict = evaluate(programme(PL), staff, year=2023, issuer_unit_id=30)
    reason = line(verdict, "sáng kiến được công nhận từ cấp quận, huyện trở lên")
    assert reason.outcome == outcome
    assert reason.text.endswith("(26/KH-UBND, mục II.5.2)")


def test_phu_luong_considers_civil_servants_and_workers_of_its_offices_only():
    staff = person(
        unit=office(parent=30), employment="vien_chuc", initiatives=(initiative(2023, "district"),)
    )
    verdict = evaluate(programme(PL), staff, year=2023, issuer_unit_id=30)
    assert verdict.verdict == "not_eligible"
    assert verdict.reasons[0].text.endswith("(26/KH-UBND, mục II.1)")
    assert "viên chức" in verdict.reasons[0].text


def test_phu_luong_collectives_are_offices_checked_by_a_person():
    prog = programme("pl26_gk_quan_tap_the")
    assert prog.conferred_by.level == "district"
    unit = office(parent=30, manual_checks=checks(prog.code, "hieu_qua_nhiem_vu", year=2023))
    assert evaluate(prog, unit, year=2023, issuer_unit_id=30).verdict == "eligible"
    centre = office(parent=30, kind="center")
    verdict = evaluate(prog, centre, year=2023, issuer_unit_id=30)
    assert verdict.verdict == "not_eligible"
    assert "là trung tâm, chương trình xét phòng chuyên môn" in verdict.reasons[0].text


# --- Lê Thanh Nghị: targets as gates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rate", "outcome"), [(D("100"), "pass"), (D("96.5"), "fail"), (None, "unknown")]
)
def test_le_thanh_nghi_target_of_all_tasks_on_time_is_a_gate(rate, outcome):
    (pf,) = [f for f in load_all() if f.id == "ltn-2026"]
    unit = ward(name="Phường Lê Thanh Nghị", plan_on_time_rate={2026: rate})
    reason = evaluate_target(pf, "nhiem_vu_ke_hoach_dung_han", unit, year=2026)
    assert reason.outcome == outcome
    assert reason.text.endswith("(KH CCHC 2026 phường Lê Thanh Nghị, mục I.2.c)")


def test_le_thanh_nghi_discipline_target_reads_the_members_records():
    (pf,) = [f for f in load_all() if f.id == "ltn-2026"]
    clean = ward(member_discipline=(), members={2026: MembersSummary(total=30)})
    record = DisciplineRecord(9, "Phạm Thu Hà", "khien_trach", date(2026, 8, 1))
    assert evaluate_target(pf, "khong_vi_pham_ky_luat", clean, year=2026).outcome == "pass"
    failing = ward(member_discipline=(record,))
    assert (
        "Phạm Thu Hà (khiển trách, 01/08/2026)"
        in evaluate_target(pf, "khong_vi_pham_ky_luat", failing, year=2026).text
    )
