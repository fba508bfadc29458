"""The initiatives API: fields, another ward's initiative is 404, bad query parameters are 400 in Vietnamese."""

from decimal import Decimal

import pytest

from cchc.initiatives.tests.conftest import PASSING

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client_for, world):
    def get(user, url, **params):
        return client_for(user).get(url, params)

    return get


def test_the_list_gives_the_fields_and_filters_recognised_ones(api, world):
    recognised = world.recognised(title="Tra cứu hồ sơ bằng mã QR")
    world.initiative(title="Bản nháp")
    body = api(world.p.ward_a_officer, "/api/initiatives", recognised="true", year="2027").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item == {
        "id": recognised.pk,
        "title": "Tra cứu hồ sơ bằng mã QR",
        "unit_id": world.p.ward_a.pk,
        "unit": "Phường An Bình",
        "authors": [
            {"person_id": world.people["lan"].pk, "name": "Nguyễn Thị Lan", "share": "60.00"},
            {"person_id": world.people["hung"].pk, "name": "Trần Văn Hùng", "share": "40.00"},
        ],
        "year": 2027,
        "status": "recognised",
        "level": "commune",
        "recognised_on": "2027-04-15",
    }
    everything = api(world.p.ward_a_officer, "/api/initiatives").json()
    assert everything["count"] == 2
    assert api(world.p.ward_a_officer, "/api/initiatives", level="city").json()["count"] == 0
    unit = api(world.p.ward_a_officer, "/api/initiatives", unit=str(world.p.office_a.pk)).json()
    assert unit["count"] == 0


def test_the_detail_gives_the_scores_to_the_council_and_not_to_a_viewer(api, world):
    initiative = world.recognised()
    url = f"/api/initiatives/{initiative.pk}"
    body = api(world.member, url).json()
    scores = body["scores"]
    assert scores["threshold"] == "70.0"
    assert scores["average"] == "82.0"
    assert scores["verdict"] == {
        "status": "pass",
        "label": "Đạt",
        "text": "Điểm trung bình 82/100 ≥ ngưỡng 70 — đạt",
    }
    first = scores["criteria"][0]
    assert first["name"] == "Tính mới" and first["max_points"] == "30.0"
    assert [Decimal(s["points"]) for s in first["scores"]] == [Decimal(p[0]) for p in PASSING]
    assert first["average"] == "25.3"
    assert body["decision"]["number"] == "15/QĐ-UBND"
    assert body["council"]["level"] == "commune"
    viewer = api(world.p.ward_a_viewer, url)
    assert viewer.status_code == 200 and viewer.json()["scores"] is None


def test_another_wards_initiative_is_not_found(api, world):
    initiative = world.initiative()
    response = api(world.p.ward_b_officer, f"/api/initiatives/{initiative.pk}")
    assert response.status_code == 404
    unit = api(world.p.ward_b_officer, "/api/initiatives", unit=str(world.p.ward_a.pk))
    assert unit.status_code == 404
    assert api(world.p.ward_b_officer, "/api/initiatives").json()["count"] == 0


def test_counts_per_unit_and_per_person(api, world):
    world.recognised(title="Một")
    world.recognised(title="Hai", number="16/QĐ-UBND", council="city")
    p = world.p
    body = api(p.city_officer, "/api/initiatives/counts", **{"from": "2026", "to": "2030"}).json()
    assert (body["start"], body["end"], body["by"]) == (2026, 2030, "unit")
    counts = {i["unit_id"]: (i["unit"], i["count"]) for i in body["items"]}
    assert counts[p.ward_a.pk] == ("Phường An Bình", 2)
    assert counts[p.ward_b.pk] == ("Phường Bình Minh", 0)
    assert p.city.pk not in counts
    city = api(
        p.city_officer, "/api/initiatives/counts", **{"from": "2027", "level": "city"}
    ).json()
    assert {i["unit_id"]: i["count"] for i in city["items"]}[p.ward_a.pk] == 1
    people = api(p.city_officer, "/api/initiatives/counts", by="person", **{"from": "2027"}).json()
    assert {(i["person"], i["unit_id"], i["count"]) for i in people["items"]} == {
        ("Nguyễn Thị Lan", p.office_a.pk, 2),
        ("Trần Văn Hùng", p.office_a2.pk, 2),
    }
    ward_b = api(p.ward_b_officer, "/api/initiatives/counts", **{"from": "2027"}).json()
    assert [i["unit_id"] for i in ward_b["items"]] == [p.ward_b.pk]


@pytest.mark.parametrize(
    "url,params,message",
    [
        (
            "/api/initiatives",
            {"year": "hai nghìn"},
            "Năm “hai nghìn” không phải là số nguyên dương.",
        ),
        ("/api/initiatives", {"year": "1890"}, "Năm 1890 không hợp lệ (từ 2000 đến 2100)."),
        (
            "/api/initiatives",
            {"level": "tinh"},
            "Cấp công nhận “tinh” không hợp lệ; dùng một trong: unit, commune, district, city, "
            "ministry, national.",
        ),
        (
            "/api/initiatives",
            {"recognised": "maybe"},
            "“maybe” không hợp lệ: dùng true hoặc false.",
        ),
        (
            "/api/initiatives",
            {"status": "done"},
            "Trạng thái “done” không hợp lệ; dùng một trong: draft, submitted, scoring, recognised, "
            "refused.",
        ),
        ("/api/initiatives", {"limit": "5000"}, "Mỗi lần lấy tối đa 2000 dòng."),
        ("/api/initiatives", {"unit": "-3"}, "Mã đơn vị “-3” không phải là số nguyên dương."),
        (
            "/api/initiatives/counts",
            {"from": "2030", "to": "2026"},
            "Năm bắt đầu (2030) sau năm kết thúc (2026).",
        ),
        (
            "/api/initiatives/counts",
            {"from": "abc"},
            "Năm bắt đầu “abc” không phải là số nguyên dương.",
        ),
        ("/api/initiatives/counts", {"by": "bloc"}, "Tham số by phải là unit hoặc person."),
    ],
)
def test_bad_query_parameters_answer_400_in_vietnamese(api, world, url, params, message):
    response = api(world.p.ward_a_officer, url, **params)
    assert response.status_code == 400
    assert response.json()["detail"] == message


def test_an_id_that_is_not_a_number_is_not_found(api, world):
    assert api(world.p.ward_a_officer, "/api/initiatives/abc").status_code == 404
