"""/api/nominations: a unit adds nominees to its draft dossier, submits it after approval or the standing agency
records it on paper; a refusal answers 400 naming the deadline, the quota or the rank."""

import pytest
from django.test import Client

from cchc.awards.models import Nomination
from cchc.awards.tests.dossier_fixtures import level, office, programme, user

pytestmark = pytest.mark.django_db

CITY = "hp2162_tp_hang_nam_tap_the"


def client(username: str) -> Client:
    c = Client()
    c.force_login(user(username))
    return c


def post(c: Client, url: str, data: dict):
    return c.post(url, data, content_type="application/json")


def test_a_nomination_opens_the_units_draft_dossier_and_a_second_one_reuses_it():
    lechan = level("Lê Chân")
    vp, hcc = office("Lê Chân", "VP"), office("Lê Chân", "TTPVHCC")
    prog = programme("lc259_gk_hang_nam_tap_the")
    body = {"programme_id": prog.pk, "year": 2027, "proposing_unit_id": lechan.pk}
    first = post(client("lechan"), "/api/nominations", {**body, "nominee_unit_id": vp.pk})
    assert first.status_code == 201, first.content
    second = post(client("lechan"), "/api/nominations", {**body, "nominee_unit_id": hcc.pk})
    assert second.status_code == 201
    assert first.json()["dossier_id"] == second.json()["dossier_id"]
    assert first.json()["status"] == "proposed" and first.json()["verdict"] == "to_check"


def test_a_paper_dossier_received_on_1_april_answers_400_naming_the_deadline():
    ktd = level("Khúc Thừa Dụ")
    created = post(
        client("snv"),
        "/api/nominations",
        {
            "programme_id": programme(CITY).pk,
            "year": 2026,
            "proposing_unit_id": ktd.pk,
            "nominee_unit_id": ktd.pk,
        },
    )
    assert created.status_code == 201, created.content
    nid = created.json()["id"]
    refused = post(client("snv"), f"/api/nominations/{nid}/submit", {"received_on": "01/04/2027"})
    assert refused.status_code == 400
    detail = refused.json()["detail"]
    assert "Hạn nộp hồ sơ là trước ngày 31/03/2027" in detail and "01/04/2027" in detail
    assert "Hạng 60/69" in detail
    assert Nomination.objects.get(pk=nid).status == "refused"


def test_an_ad_hoc_paper_dossier_is_accepted_whatever_the_day():
    lechan = level("Lê Chân")
    created = post(
        client("snv"),
        "/api/nominations",
        {
            "programme_id": programme("hp2162_tp_ngoai_co_cau_tap_the").pk,
            "year": 2027,
            "proposing_unit_id": lechan.pk,
            "nominee_unit_id": lechan.pk,
        },
    ).json()
    done = post(
        client("snv"), f"/api/nominations/{created['id']}/submit", {"received_on": "20/11/2027"}
    )
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "submitted"


def test_submitting_a_draft_without_the_leaders_approval_is_refused_with_its_state():
    lechan = level("Lê Chân")
    created = post(
        client("lechan"),
        "/api/nominations",
        {
            "programme_id": programme(CITY).pk,
            "year": 2027,
            "proposing_unit_id": lechan.pk,
            "nominee_unit_id": lechan.pk,
        },
    ).json()
    answer = post(client("lechan"), f"/api/nominations/{created['id']}/submit", {})
    assert answer.status_code == 400
    assert "Đang lập" in answer.json()["detail"]


def test_the_list_filters_by_programme_and_year_and_stays_in_scope():
    rows = (
        client("lechan")
        .get("/api/nominations?programme=hp2162_tp_hang_nam_tap_the&year=2026")
        .json()
    )
    assert rows and {r["proposing_unit"]["name"] for r in rows} == {"Phường Lê Chân"}
    assert rows[0]["status"] == "refused"
    assert any("Hạng 10/45" in r["text"] for r in rows[0]["reasons"])
    everyone = (
        client("snv").get("/api/nominations?programme=hp2162_tp_hang_nam_tap_the&year=2026").json()
    )
    assert len(everyone) > len(rows)


def test_a_bad_date_or_a_missing_field_is_a_vietnamese_400():
    lechan = level("Lê Chân")
    answer = post(client("lechan"), "/api/nominations", {"proposing_unit_id": lechan.pk})
    assert answer.status_code == 400 and "programme_id" in answer.json()["detail"]
    nid = Nomination.objects.filter(dossier__proposing_unit=lechan).first().pk
    answer = post(client("snv"), f"/api/nominations/{nid}/submit", {"received_on": "32/13/2027"})
    assert answer.status_code == 400 and "dd/mm/yyyy" in answer.json()["detail"]
