"""The pages answered without login: the verification of a certificate and the honour board. They show what a
certificate or an honour board shows, nothing more about the person."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.cache import cache

from cchc.awards.models import Award
from cchc.awards.tests.test_registry import make_award, make_decision, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def awards(personas):
    person = make_person(personas.office_a, "Đặng Minh Dũng", birth_year=1979)
    first = make_decision(personas.ward_a, number="09/QĐ-UBND", signed_on=date(2027, 1, 18))
    earlier = make_decision(personas.ward_a, number="12/QĐ-UBND", signed_on=date(2026, 1, 20))
    personas.person = person
    personas.award = make_award(first, unit=personas.ward_a, person=person)
    personas.other_award = make_award(earlier, unit=personas.ward_a, person=person, year=2025)
    personas.revoked = make_award(
        first, unit=personas.ward_a, person=person, form="ldtt", revoked_on=date(2027, 5, 6)
    )
    draft = make_decision(personas.ward_a, signed=False)
    personas.undecided = make_award(
        draft, unit=personas.ward_a, person=make_person(personas.office_a, "Ngô Văn Chưa")
    )
    return personas


def test_the_verification_page_answers_without_login_with_the_certificates_facts(client, awards):
    response = client.get(f"/xac-minh/{awards.award.code}/")
    assert response.status_code == 200
    page = response.content.decode()
    for fact in (
        "Đặng Minh Dũng",
        "Phòng Văn hóa - Xã hội",
        "Chiến sĩ thi đua cơ sở",
        "09/QĐ-UBND",
        "18/01/2027",
        "Chủ tịch",
        "Giấy chứng nhận hợp lệ",
    ):
        assert fact in page, fact
    # Nothing more about the person: no birth year, no id, no other award, no amount, no link inside.
    assert "1979" not in page
    assert "12/QĐ-UBND" not in page and "2025" not in page
    assert f"/ca-nhan/{awards.person.pk}/" not in page and "so-khen-thuong" not in page
    assert "2.340.000" not in page and "2340000" not in page
    assert "Đăng xuất" not in page


def test_a_revoked_award_is_shown_as_revoked(client, awards):
    page = client.get(f"/xac-minh/{awards.revoked.code}/").content.decode()
    assert "đã thu hồi" in page.lower() and "06/05/2027" in page
    assert "Giấy chứng nhận hợp lệ" not in page


@pytest.mark.parametrize("guess", ["1", "2", "100", "xx", "a" * 22, "a" * 80])
def test_an_unknown_or_guessed_code_is_404_with_a_vietnamese_page(client, awards, guess):
    response = client.get(f"/xac-minh/{guess}/")
    assert response.status_code == 404
    assert "Không tìm thấy mã xác minh" in response.content.decode()


def test_an_award_of_an_unsigned_decision_is_not_verified(client, awards):
    assert client.get(f"/xac-minh/{awards.undecided.code}/").status_code == 404


def test_sequential_ids_do_not_open_a_certificate(client, awards):
    for award in Award.objects.order_by("pk")[:5]:
        assert client.get(f"/xac-minh/{award.pk}/").status_code == 404


def test_codes_are_long_random_and_unique(awards):
    codes = list(Award.objects.values_list("code", flat=True))
    assert len(set(codes)) == len(codes)
    # 16 random bytes in URL-safe base64: 22 characters, 128 bits of entropy.
    assert all(len(c) >= 22 for c in codes)
    assert awards.award.code != awards.revoked.code


def _board(client, **params):
    return client.get("/vinh-danh/", params)


def test_the_honour_board_answers_without_login_with_decided_awards_only(client, awards):
    response = _board(client, unit=awards.ward_a.pk)
    assert response.status_code == 200
    names = [(r["recipient"], r["form"]) for r in response.context["awards"]]
    assert ("Đặng Minh Dũng", "Chiến sĩ thi đua cơ sở") in names
    assert ("Đặng Minh Dũng", "Lao động tiên tiến") not in names  # revoked
    assert all(r["recipient"] != "Ngô Văn Chưa" for r in response.context["awards"])
    page = response.content.decode()
    assert "1979" not in page and "Đăng xuất" not in page
    assert "@media print" in page and "data-print" in page


def test_the_honour_board_filters_by_year_level_unit_and_form(client, awards):
    rows = _board(client, unit=awards.ward_a.pk, year="2025").context["awards"]
    assert [(r["recipient"], r["year"]) for r in rows] == [("Đặng Minh Dũng", 2025)]
    assert _board(client, unit=awards.ward_b.pk).context["awards"] == []
    assert _board(client, unit=awards.ward_a.pk, level="city").context["awards"] == []
    by_form = _board(client, unit=awards.ward_a.pk, form="cstd_co_so").context["awards"]
    assert len(by_form) == 2
    assert _board(client, year="hai", level="x", form="y").status_code == 200


def test_the_honour_board_shows_recognised_initiatives(client, awards):
    from cchc.initiatives.models import Initiative

    recognised = Initiative.objects.filter(status="recognised").order_by("pk").first()
    if recognised is None:
        pytest.skip("the demo has no recognised initiative")
    rows = _board(client, year=recognised.year).context["initiatives"]
    assert recognised.title in {r["title"] for r in rows}


def test_the_honour_board_is_cached_and_a_new_award_shows_at_once(
    client, awards, django_assert_max_num_queries
):
    cache.clear()
    _board(client, unit=awards.ward_a.pk)
    with django_assert_max_num_queries(2):
        cached = _board(client, unit=awards.ward_a.pk)
    before = len(cached.context["awards"])
    make_award(
        make_decision(awards.ward_a, number="20/QĐ-UBND"),
        unit=awards.office_a,
        form="ttldtt",
    )
    assert len(_board(client, unit=awards.ward_a.pk).context["awards"]) == before + 1
