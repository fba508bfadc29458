"""The eligibility page and API, as the city's standing agency and as a ward below it."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from openpyxl import load_workbook

from cchc.awards.models import Programme
from cchc.awards.tests.eligibility_fixtures import programme
from cchc.orgs.models import Unit
from cchc.par.selectors import bloc_ranking

CITY_COLLECTIVE = "hp2162_tp_hang_nam_tap_the"
pytestmark = pytest.mark.django_db


def _user(name):
    return get_user_model().objects.get(username=name)


def _lechan_ward() -> Unit:
    return Unit.objects.get(short_name="Lê Chân", kind="ward")


def test_the_city_standing_agency_sees_every_candidate_with_reasons(client_for):
    prog = programme(CITY_COLLECTIVE)
    page = client_for(_user("snv")).get(reverse("awards:eligibility", args=[prog.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Xét điều kiện khen thưởng năm 2026" in html
    assert "Xếp trong 3 (khối Sở, ban, ngành)" in html or "đơn vị dẫn đầu" in html
    shown = page.context["page"].object_list
    assert all(any(r.text.startswith("Hạng ") for r in row.verdict.reasons) for row in shown)
    seventh = bloc_ranking(year=2026, bloc_code="phuong")[6]
    html = (
        client_for(_user("snv"))
        .get(reverse("awards:eligibility", args=[prog.pk]), {"bloc": "phuong"})
        .content.decode()
    )
    assert f"Hạng {seventh.rank}/{seventh.bloc_size}" in html
    assert "Không đủ điều kiện" in html and "text-bg-danger" in html
    assert "eligibility-own-only" not in html
    total = len(page.context["page"].paginator.object_list)
    assert total > 100  # departments, wards, communes


def test_filters_search_without_diacritics_and_counts(client_for):
    prog = programme(CITY_COLLECTIVE)
    client = client_for(_user("snv"))
    url = reverse("awards:eligibility", args=[prog.pk])
    found = client.get(url, {"q": "le chan", "bloc": "phuong"})
    rows = found.context["page"].object_list
    assert [r.verdict.subject_name for r in rows] == [_lechan_ward().name]
    failing = client.get(url, {"verdict": "not_eligible", "bloc": "phuong"})
    assert all(
        r.verdict.verdict == "not_eligible" for r in failing.context["page"].paginator.object_list
    )
    totals = failing.context["totals"]
    assert sum(totals.values()) == failing.context["total"]


def test_excel_has_one_row_per_candidate_with_reasons_and_clauses(client_for):
    prog = programme(CITY_COLLECTIVE)
    url = reverse("awards:eligibility", args=[prog.pk])
    response = client_for(_user("snv")).get(url, {"bloc": "phuong", "export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("STT", "Tập thể, cá nhân", "Đơn vị", "Khối", "Kết quả")
    assert len(rows) - 1 == len(bloc_ranking(year=2026, bloc_code="phuong"))
    assert all("2162/QĐ-UBND" in (r[6] or "") for r in rows[1:])


def test_a_bad_year_is_said_in_vietnamese_and_the_page_still_opens(client_for):
    prog = programme(CITY_COLLECTIVE)
    page = client_for(_user("snv")).get(
        reverse("awards:eligibility", args=[prog.pk]), {"year": "20x6"}
    )
    assert page.status_code == 200
    assert "Năm “20x6” không hợp lệ" in page.content.decode()


def test_lechan_reads_the_city_programme_for_its_own_ward_only(client_for):
    prog = programme(CITY_COLLECTIVE)
    page = client_for(_user("lechan")).get(reverse("awards:eligibility", args=[prog.pk]))
    assert page.status_code == 200
    rows = page.context["page"].paginator.object_list
    assert [r.verdict.subject_id for r in rows] == [_lechan_ward().pk]
    assert "eligibility-own-only" in page.content.decode()
    api = client_for(_user("lechan")).get(f"/api/awards/programmes/{prog.pk}/eligibility")
    assert api.status_code == 200
    assert [i["candidate"]["id"] for i in api.json()["items"]] == [_lechan_ward().pk]


def test_lechan_gets_404_on_khuc_thua_du_programmes(client_for):
    programme(CITY_COLLECTIVE)  # loads every seed file
    prog = Programme.objects.filter(unit__short_name="Khúc Thừa Dụ").first()
    assert prog is not None
    client = client_for(_user("lechan"))
    assert client.get(reverse("awards:eligibility", args=[prog.pk])).status_code == 404
    assert client.get(f"/api/awards/programmes/{prog.pk}/eligibility").status_code == 404


def test_api_gives_candidates_verdicts_and_reasons(client_for):
    prog = programme(CITY_COLLECTIVE)
    client = client_for(_user("snv"))
    data = client.get(f"/api/awards/programmes/{prog.pk}/eligibility", {"year": "2026"}).json()
    assert data["year"] == 2026 and data["code"] == CITY_COLLECTIVE
    item = next(i for i in data["items"] if i["candidate"]["id"] == _lechan_ward().pk)
    assert item["candidate"]["kind"] == "unit"
    assert item["verdict"] in {"eligible", "not_eligible", "to_check"}
    assert {r["outcome"] for r in item["reasons"]} <= {"pass", "fail", "unknown"}
    assert all(r["clause"].startswith("2162/QĐ-UBND") for r in item["reasons"])
    assert any(r["text"].startswith("Hạng ") for r in item["reasons"])


@pytest.mark.parametrize(
    ("params", "message"),
    [({"year": "abc"}, "Năm “abc” không hợp lệ"), ({"period": "2030-2026"}, "Giai đoạn")],
)
def test_api_refuses_a_bad_year_or_period_with_400(client_for, params, message):
    prog = programme(CITY_COLLECTIVE)
    response = client_for(_user("snv")).get(f"/api/awards/programmes/{prog.pk}/eligibility", params)
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_api_period_end_programme(client_for):
    prog = programme("hp2162_gd_co_thi_dua")
    data = (
        client_for(_user("snv"))
        .get(f"/api/awards/programmes/{prog.pk}/eligibility", {"period": "2026-2030"})
        .json()
    )
    assert data["period"] == [2026, 2030]
    assert data["items"] and sum(data["counts"].values()) == len(data["items"])
