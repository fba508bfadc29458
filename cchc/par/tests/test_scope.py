"""Scope: a ward never reaches another unit's assessment, and sees nobody's totals before publication."""

import pytest
from django.http import Http404
from django.test import Client

from cchc.core.models import AuditLog
from cchc.par import (
    appraisal_services,
    result_selectors,
    result_services,
    round_services,
    selectors,
)
from cchc.par.models import Answer, Assessment, Result, Round
from cchc.par.tests.conftest import TODAY, assessment_of, fill_all, sign_off_and_submit

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def ktd_assessment(demo):
    return Assessment.objects.get(round__year=2026, unit=demo.level("Khúc Thừa Dụ"))


def test_lechan_cannot_read_khuc_thua_dus_assessment(demo, ktd_assessment):
    lechan = demo.user("lechan")
    with pytest.raises(Http404):
        selectors.assessment_get(actor=lechan, pk=ktd_assessment.pk)
    assert not Assessment.objects.visible_to(lechan).filter(pk=ktd_assessment.pk).exists()
    c = client_for(lechan)
    for url in (
        f"/chi-so/ho-so/{ktd_assessment.pk}/",
        f"/chi-so/ho-so/{ktd_assessment.pk}/tham-dinh/",
        f"/chi-so/don-vi/{ktd_assessment.unit_id}/",
        f"/api/parindex/units/{ktd_assessment.unit_id}/history",
    ):
        assert c.get(url).status_code == 404, url
    assert (
        client_for(demo.user("khucthuadu")).get(f"/chi-so/ho-so/{ktd_assessment.pk}/").status_code
        == 200
    )


def test_lechan_cannot_change_khuc_thua_dus_assessment(demo, ktd_assessment):
    c = client_for(demo.user("lechan"))
    answer = (
        ktd_assessment.answers.select_related("criterion").order_by("criterion__sort_key").first()
    )
    before = AuditLog.objects.count()
    posts = [
        (
            f"/chi-so/ho-so/{ktd_assessment.pk}/",
            {f"v_{answer.pk}": "1", f"fp_{answer.pk}": "x", f"ver_{answer.pk}": answer.version},
        ),
        (
            f"/chi-so/ho-so/{ktd_assessment.pk}/tham-dinh/",
            {f"v_{answer.pk}": "0", f"fp_{answer.pk}": "x", f"ver_{answer.pk}": answer.version},
        ),
        (
            f"/chi-so/ho-so/{ktd_assessment.pk}/tieu-chi/{answer.pk}/minh-chung/",
            {"document": "259/KH-UBND"},
        ),
        (f"/chi-so/ho-so/{ktd_assessment.pk}/mo-lai/", {"until": "31/12/2026"}),
    ]
    for url, data in posts:
        assert c.post(url, data).status_code == 404, url
    answer.refresh_from_db()
    assert answer.self_score is None and answer.appraised_score is None
    assert not answer.evidence.exists()
    assert AuditLog.objects.count() == before


def test_a_viewer_of_the_ward_reads_but_cannot_write(demo):
    a = Assessment.objects.get(round__year=2026, unit=demo.level("Lê Chân"))
    answer = a.answers.order_by("criterion__sort_key").first()
    c = client_for(demo.user("lechan.xem"))
    page = c.get(f"/chi-so/ho-so/{a.pk}/")
    assert page.status_code == 200
    assert b'name="v_' not in page.content
    assert (
        c.post(
            f"/chi-so/ho-so/{a.pk}/",
            {f"v_{answer.pk}": "0", f"fp_{answer.pk}": "x", f"ver_{answer.pk}": answer.version},
        ).status_code
        == 403
    )


@pytest.fixture
def computed(fresh_round, demo):
    """Lê Chân and Lê Thanh Nghị finalised and the results computed, not published."""
    snv = demo.user("snv")
    for short, user in (("Lê Chân", "lechan"), ("Lê Thanh Nghị", "lethanhnghi")):
        a = assessment_of(fresh_round, demo.level(short))
        fill_all(a, demo.user(user))
        sign_off_and_submit(a, demo.user(user))
        appraisal_services.appraisal_finalise(actor=snv, assessment=a, today=TODAY)
    result_services.results_compute(actor=snv, round_=fresh_round)
    return fresh_round


def test_before_publication_a_ward_sees_no_totals_not_even_its_rank(demo, computed):
    lechan = demo.user("lechan")
    assert Result.objects.filter(round=computed).count() == 2
    assert not Result.objects.visible_to(lechan).filter(round=computed).exists()
    state = result_selectors.city_rankings(actor=lechan, year=2027)
    assert not state.visible and state.rows_by_bloc["phuong"] == []
    c = client_for(lechan)
    page = c.get("/chi-so/ket-qua/2027/phuong/")
    assert page.status_code == 200
    assert "chưa được công bố" in page.content.decode()
    assert "Phường Lê Thanh Nghị" not in page.content.decode()
    assert c.get("/api/parindex/2027/rankings?bloc=phuong").status_code == 404
    assert c.get("/api/parindex/2027/top?bloc=phuong").status_code == 404
    assert c.get("/chi-so/ket-qua/2027/phuong/xep-hang.xlsx").status_code == 404
    history = c.get(f"/api/parindex/units/{demo.level('Lê Chân').pk}/history").json()
    assert [h["year"] for h in history] == [2023, 2024, 2025]


def test_before_publication_the_city_standing_agency_and_admin_see_provisional_totals(
    demo, computed
):
    for username in ("snv", "admin"):
        state = result_selectors.city_rankings(actor=demo.user(username), year=2027)
        assert state.provisional and [r.unit.name for r in state.rows_by_bloc["phuong"]] == [
            "Phường Lê Chân",
            "Phường Lê Thanh Nghị",
        ]
    body = client_for(demo.user("snv")).get("/chi-so/ket-qua/2027/phuong/").content.decode()
    assert "Kết quả tạm tính, chưa công bố" in body and "Phường Lê Thanh Nghị" in body
    rows = client_for(demo.user("snv")).get("/api/parindex/2027/rankings?bloc=phuong").json()
    assert [(r["rank"], r["unit_name"]) for r in rows] == [
        (1, "Phường Lê Chân"),
        (1, "Phường Lê Thanh Nghị"),
    ]


def test_after_publication_every_unit_of_the_city_sees_the_ranking(demo, computed):
    round_services.round_publish(actor=demo.user("snv"), round_=computed)
    for username in ("lechan", "khucthuadu", "lechan.xem"):
        rows = client_for(demo.user(username)).get("/api/parindex/2027/rankings?bloc=phuong").json()
        assert [r["unit_name"] for r in rows] == ["Phường Lê Chân", "Phường Lê Thanh Nghị"]
        assert [r["total"] for r in rows] == ["70.00", "70.00"] and [r["rank"] for r in rows] == [
            1,
            1,
        ]
    # A user of another city does not see them.
    assert (
        client_for(demo.user("phuluong")).get("/api/parindex/2027/rankings?bloc=phuong").status_code
        == 404
    )


def test_a_unit_sees_its_own_scores_on_its_assessment_before_publication(demo, computed):
    a = Assessment.objects.get(round=computed, unit=demo.level("Lê Chân"))
    body = client_for(demo.user("lechan")).get(f"/chi-so/ho-so/{a.pk}/").content.decode()
    assert "Điểm thẩm định" in body and "70,00" in body
    assert Answer.objects.filter(assessment=a, appraised_score__isnull=False).exists()
    assert Round.objects.get(pk=computed.pk).status == "open"
