"""The demo's dossiers come from the real services: the city's 2026 round complete, Lê Chân's ward round, Phú
Lương 2023 complete, each refusal with the reason the checks gave."""

import pytest

from cchc.awards.choices import DossierStatus
from cchc.awards.models import Dossier
from cchc.demo.day import DEMO_DAY

pytestmark = pytest.mark.django_db


def dossiers(code: str, year: int):
    return list(
        Dossier.objects.filter(programme__code=code, year=year)
        .select_related("proposing_unit")
        .order_by("number")
    )


def test_nothing_in_the_demo_dossiers_is_dated_after_the_demo_day():
    for d in Dossier.objects.all():
        assert d.created_at.date() <= DEMO_DAY
        assert d.submitted_at is None or d.submitted_at.date() <= DEMO_DAY
        assert d.received_on is None or d.received_on <= DEMO_DAY


def test_the_city_round_of_2026_is_decided_with_a_rank_a_quota_a_late_and_a_to_check_dossier():
    collective = {
        d.proposing_unit.short_name: d for d in dossiers("hp2162_tp_hang_nam_tap_the", 2026)
    }
    assert collective["Lê Chân"].status == DossierStatus.REFUSED
    assert (
        "Hạng 10/45 khối phường năm 2026 — không thuộc top 5"
        in collective["Lê Chân"].refusal_reason
    )
    late = collective["Khúc Thừa Dụ"]
    assert late.status == DossierStatus.REFUSED and late.received_on.isoformat() == "2027-04-01"
    assert "Hạn nộp hồ sơ là trước ngày 31/03/2027" in late.refusal_reason
    persons = [
        d
        for d in dossiers("hp2162_tp_hang_nam_ca_nhan", 2026)
        if d.proposing_unit.short_name == "Lê Thanh Nghị"
    ]
    first, second = persons
    assert first.status == DossierStatus.RECEIVED
    assert first.nominations.get().verdict == "to_check"
    assert second.status == DossierStatus.REFUSED
    assert (
        "01 cá nhân" in second.refusal_reason
        and f"hồ sơ số {first.number}" in second.refusal_reason
    )
    assert not Dossier.objects.filter(
        programme__code__startswith="hp2162",
        year=2026,
        status__in=["draft", "submitted", "approved"],
    ).exists()


def test_le_chan_ward_round_has_its_2026_dossiers_received_and_2027_in_preparation():
    gk = dossiers("lc259_gk_hang_nam_tap_the", 2026)
    assert gk and all(d.status == DossierStatus.RECEIVED for d in gk)
    now = {d.status for d in dossiers("lc259_gk_hang_nam_tap_the", 2027)}
    assert now == {DossierStatus.DRAFT, DossierStatus.APPROVED}
    draft = Dossier.objects.get(
        programme__code="lc259_gk_hang_nam_tap_the", year=2027, status="draft"
    )
    assert draft.files.filter(kind="minutes").exists()


def test_phu_luong_2023_refuses_the_sixth_collective_and_a_late_dossier():
    five, sixth = dossiers("pl26_gk_phuong_tap_the", 2023)
    assert five.status == DossierStatus.RECEIVED and five.nominations.count() == 5
    assert sixth.status == DossierStatus.REFUSED
    assert "05 tập thể" in sixth.refusal_reason and "26/KH-UBND, mục II.5.3" in sixth.refusal_reason
    late = [
        d for d in dossiers("pl26_gk_phuong_ca_nhan", 2023) if d.status == DossierStatus.REFUSED
    ]
    assert len(late) == 1
    assert "Không xét hồ sơ nộp muộn (26/KH-UBND, mục II.5, Chú ý)" in late[0].refusal_reason
