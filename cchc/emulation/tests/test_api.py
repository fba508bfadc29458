"""The movements API: the report rule as written and as read, each participant's report status of a year, scope
(another ward's movement is 404) and bad parameters (400 in Vietnamese)."""

import pytest
from django.contrib.auth import get_user_model

from cchc.emulation.models import Movement
from cchc.orgs.models import Unit

pytestmark = pytest.mark.django_db


def login(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    return client


def test_the_movements_give_the_report_rule_as_written_and_as_read(demo_city, client):
    items = login(client, "lechan").get("/api/movements").json()
    by_number = {m["document_number"]: m for m in items}
    city = by_number["2162/QĐ-UBND"]
    assert city["report_due"] == {
        "text": "trước ngày 30/11 hàng năm",
        "day": 30,
        "month": 11,
        "year": None,
        "before": True,
        "label": "Trước ngày 30/11 hằng năm",
    }
    assert (city["start_year"], city["end_year"], city["parent_id"]) == (2026, 2030, None)
    assert city["unit"] == "Thành phố Hải Phòng"
    ward = by_number["259/KH-UBND"]
    assert ward["parent_id"] == city["id"]
    assert (ward["report_due"]["text"], ward["report_due"]["day"]) == ("Định kỳ hằng năm", None)
    assert "Xã Khúc Thừa Dụ" not in {m["unit"] for m in items}  # a sibling commune's movement
    assert set(items[0]) == {
        "id",
        "name",
        "unit_id",
        "unit",
        "start_year",
        "end_year",
        "parent_id",
        "document_number",
        "report_due",
    }


def test_the_movements_of_a_year_keep_those_running_that_year(demo_city, client):
    items = login(client, "phuluong").get("/api/movements", {"year": 2023}).json()
    assert [(m["unit"], m["report_due"]["year"]) for m in items] == [("Phường Phú Lương", 2023)]


def test_the_reports_of_a_year_give_each_unit_status_due_and_submission_day(demo_city, client):
    city = Movement.objects.get(document__number="2162/QĐ-UBND")
    rows = login(client, "snv").get(f"/api/movements/{city.pk}/reports", {"year": 2026}).json()
    by_unit = {r["unit"]: r for r in rows}
    assert len(rows) == 128
    assert by_unit["Xã Khúc Thừa Dụ"] | {"unit_id": 0, "report_id": 0} == {
        "unit_id": 0,
        "unit": "Xã Khúc Thừa Dụ",
        "status": "submitted",
        "due": "2026-11-30",
        "submitted_on": "2026-11-20",
        "report_id": 0,
    }
    assert by_unit["Phường Lê Chân"]["status"] == "missing"
    assert by_unit["Phường Lê Chân"]["submitted_on"] is None
    assert {r["status"] for r in rows} == {"submitted", "late", "missing"}


def test_a_ward_sees_only_its_own_row_of_the_city_movement(demo_city, client):
    city = Movement.objects.get(document__number="2162/QĐ-UBND")
    rows = login(client, "lechan").get(f"/api/movements/{city.pk}/reports?year=2026").json()
    assert [r["unit"] for r in rows] == ["Phường Lê Chân"]


def test_another_wards_movement_reports_are_not_found(demo_city, client):
    commune = Unit.objects.get(short_name="Khúc Thừa Dụ", kind="commune")
    theirs = Movement.objects.get(unit=commune)
    assert login(client, "lechan").get(f"/api/movements/{theirs.pk}/reports").status_code == 404
    assert client.get("/api/movements/999999/reports").status_code == 404


@pytest.mark.parametrize(
    "params, words",
    [
        ({"year": "hai-nghìn"}, "phải là một năm"),
        ({"year": "2031"}, "Năm 2031 không thuộc giai đoạn 2026 - 2030"),
        ({"kind": "weekly"}, "Tham số kind “weekly” không hợp lệ"),
    ],
)
def test_a_bad_parameter_is_400_with_a_vietnamese_message(demo_city, client, params, words):
    city = Movement.objects.get(document__number="2162/QĐ-UBND")
    response = login(client, "snv").get(f"/api/movements/{city.pk}/reports", params)
    assert response.status_code == 400
    assert words in response.json()["detail"]


def test_a_bad_year_on_the_list_is_400_too(demo_city, client):
    response = login(client, "snv").get("/api/movements", {"year": "năm nay"})
    assert response.status_code == 400 and "phải là một năm" in response.json()["detail"]


@pytest.mark.parametrize(
    "today, due",
    [("15/04/2027", "2026-11-30"), ("30/11/2027", "2027-11-30"), ("01/06/2026", "2026-11-30")],
)
def test_without_a_year_the_reports_are_those_of_the_latest_year_due(
    demo_city, client, settings, today, due
):
    settings.CCHC_TODAY = today
    city = Movement.objects.get(document__number="2162/QĐ-UBND")
    rows = login(client, "snv").get(f"/api/movements/{city.pk}/reports").json()
    assert {r["due"] for r in rows} == {due}
