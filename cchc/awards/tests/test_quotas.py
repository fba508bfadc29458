"""Quotas: each kind passes when room is left and, when full, names the nominations that fill it."""

from __future__ import annotations

import pytest

from cchc.awards.rules.quotas import check
from cchc.awards.tests.factories import nomination, programme
from cchc.awards.tests.test_fixture_programmes import prog as fixture


def _names(*codes):
    return {c: programme(c).name for c in codes}


def test_one_collective_per_proposing_unit_names_the_dossier_that_fills_it():
    p = programme("lc259_tp_hang_nam_tap_the")
    first = nomination(12, p.code, year=2027)
    second = nomination(13, p.code, year=2027)
    assert check(p.quotas, [], first) == []
    (breach,) = check(p.quotas, [first], second, programme_names=_names(p.code))
    assert breach.text == (
        "Đã đủ 01 tập thể của UBND phường Lê Chân cho chương trình “Đề nghị khen thưởng cấp thành phố hằng năm "
        "cho tập thể (phường Lê Chân)” năm 2027: hồ sơ số 12 — UBND phường Lê Chân (259/KH-UBND, mục III.2.1.2.b)"
    )
    assert breach.filled_by == (first,)


@pytest.mark.parametrize(
    ("other", "breaches"),
    [
        ({"year": 2026}, 0),  # another year
        (
            {"year": 2027, "proposer_id": 11, "proposer_name": "UBND phường Ngô Quyền"},
            0,
        ),  # another unit
        ({"year": 2027, "status": "withdrawn"}, 0),
        ({"year": 2027, "subject": "person"}, 0),  # the person's slot is separate
        ({"year": 2027}, 1),
    ],
)
def test_only_nominations_of_the_same_year_unit_and_subject_fill_the_city_quota(other, breaches):
    p = programme("hp2162_tp_hang_nam_tap_the")
    existing = nomination(1, p.code, **other)
    assert len(check(p.quotas, [existing], nomination(2, p.code, year=2027))) == breaches


def test_one_flag_per_bloc():
    p = programme("hp2162_gd_co_thi_dua")
    wards = nomination(1, p.code, period=(2026, 2030), bloc_code="phuong")
    communes = nomination(2, p.code, period=(2026, 2030), bloc_code="xa-dac-khu", proposer_id=20)
    candidate = nomination(
        3,
        p.code,
        period=(2026, 2030),
        bloc_code="phuong",
        proposer_id=21,
        proposer_name="UBND phường An Biên",
    )
    assert check(p.quotas, [communes], candidate) == []
    (breach,) = check(p.quotas, [wards, communes], candidate)
    assert "Đã đủ 01 tập thể của khối phường" in breach.text
    assert "hồ sơ số 1 — UBND phường Lê Chân" in breach.text
    assert breach.text.endswith("(2162/QĐ-UBND, mục III.2.2.b)")
    unknown = nomination(4, p.code, period=(2026, 2030), bloc_code=None)
    (doubt,) = check(p.quotas, [wards], unknown)
    assert doubt.certain is False and "cần kiểm tra" in doubt.text


def test_at_most_two_people_alongside_a_flag_nomination():
    p = programme("hp2162_gd_bang_khen_ca_nhan_don_vi_co")
    people = [nomination(i, p.code, "person", period=(2026, 2030), parent_id=3) for i in (10, 11)]
    candidate = nomination(12, p.code, "person", period=(2026, 2030), parent_id=3)
    assert check(p.quotas, people[:1], candidate) == []
    (breach,) = check(p.quotas, people, candidate)
    assert "Đã đủ 02 cá nhân kèm hồ sơ đề nghị số 3" in breach.text
    assert "hồ sơ số 10" in breach.text and "hồ sơ số 11" in breach.text
    assert (
        check(p.quotas, people, nomination(13, p.code, "person", period=(2026, 2030), parent_id=4))
        == []
    )


def test_phu_luong_counts_five_collectives_over_both_forms():
    ward_form, district_form = "pl26_gk_phuong_tap_the", "pl26_gk_quan_tap_the"
    p = programme(ward_form)
    existing = [
        nomination(
            i,
            ward_form if i % 2 else district_form,
            year=2023,
            proposer_id=100 + i,
            proposer_name=f"Bộ phận {i}",
        )
        for i in range(1, 6)
    ]
    assert check(p.quotas, existing[:4], nomination(9, ward_form, year=2023)) == []
    (breach,) = check(
        p.quotas,
        existing,
        nomination(9, ward_form, year=2023),
        programme_names=_names(ward_form, district_form),
    )
    assert breach.text.startswith(
        "Đã đủ 05 tập thể cho chương trình “Giấy khen của Chủ tịch UBND phường Phú Lương"
    )
    assert "Giấy khen của Chủ tịch UBND quận Hà Đông" in breach.text
    assert len(breach.filled_by) == 5


def test_a_share_of_the_participants_is_rounded_down():
    p = fixture("mau_bk_tap_the")
    quota = [q for q in p.quotas if q.code == "ty_le_tham_gia"]
    existing = [nomination(i, p.code, year=2027, proposer_id=i) for i in (1, 2)]
    candidate = nomination(3, p.code, year=2027, proposer_id=3)
    assert check(quota, existing, candidate, participants={"all": {"collective": 30}}) == []
    (breach,) = check(quota, existing, candidate, participants={"all": {"collective": 29}})
    assert "Đã đủ 02 tập thể (10% của 29 tham gia, làm tròn xuống)" in breach.text
    (doubt,) = check(quota, existing, candidate)
    assert doubt.certain is False
    assert "chưa có số tập thể tham gia" in doubt.text


def test_either_or_slot_counts_collectives_and_persons_together():
    person_prog = fixture("mau_bk_xa_mot_truong_hop")
    collective = nomination(
        1,
        "mau_bk_xa_mot_truong_hop_tap_the",
        year=2027,
        proposer_id=40,
        proposer_name="UBND xã Mẫu",
    )
    candidate = nomination(
        2, person_prog.code, "person", year=2027, proposer_id=40, proposer_name="UBND xã Mẫu"
    )
    (breach,) = check(person_prog.quotas, [collective], candidate)
    assert "Đã đủ 01 trường hợp (tập thể hoặc cá nhân) của UBND xã Mẫu" in breach.text
    assert "hồ sơ số 1 — UBND xã Mẫu" in breach.text
    assert check(person_prog.quotas, [], candidate) == []


@pytest.mark.parametrize(
    ("unit_class", "existing_count", "breaches"),
    [("loai_1", 1, 0), ("loai_1", 2, 1), ("loai_2", 1, 1)],
)
def test_tiered_quotas_by_class_of_unit(unit_class, existing_count, breaches):
    p = fixture("mau_bk_tap_the")
    quota = [q for q in p.quotas if q.code == "theo_loai_co_quan"]
    existing = [
        nomination(i, p.code, year=2027, unit_class=unit_class)
        for i in range(1, existing_count + 1)
    ]
    result = check(quota, existing, nomination(9, p.code, year=2027, unit_class=unit_class))
    assert len(result) == breaches
    if breaches:
        assert "hồ sơ số 1" in result[0].text and result[0].text.endswith(
            "(99/KH-UBND, mục IV.3.b)"
        )
    (doubt,) = check(quota, [], nomination(9, p.code, year=2027, unit_class="loai_9"))
    assert doubt.certain is False
