from django.test import Client

from cchc.accounts import services as account_services
from cchc.core.scope import SYSTEM, VIEWER
from cchc.orgs import services
from cchc.orgs.choices import UnitKind


def test_units_api_lists_units_in_scope_with_their_bloc(personas, client_for):
    rows = client_for(personas.ward_a_officer).get("/api/units", {"year": 2026}).json()
    by_name = {r["name"]: r for r in rows}
    assert set(by_name) == {"Phường An Bình", "Phòng Văn hóa - Xã hội", "Văn phòng HĐND và UBND"}
    assert by_name["Phường An Bình"] == {
        "id": personas.ward_a.pk,
        "name": "Phường An Bình",
        "kind": "ward",
        "parent_id": personas.city.pk,
        "bloc": "phuong",
    }


def test_units_api_filters_by_kind_bloc_and_year(personas, client_for):
    services.bloc_membership_set(
        actor=personas.city_officer, unit=personas.ward_b, bloc=None, year=2027
    )
    client = client_for(personas.city_officer)
    assert {r["name"] for r in client.get("/api/units", {"kind": UnitKind.WARD}).json()} == {
        "Phường An Bình",
        "Phường Bình Minh",
    }
    assert [
        r["name"] for r in client.get("/api/units", {"bloc": "phuong", "year": 2026}).json()
    ] == [
        "Phường An Bình",
        "Phường Bình Minh",
    ]
    assert [
        r["name"] for r in client.get("/api/units", {"bloc": "phuong", "year": 2027}).json()
    ] == ["Phường An Bình"]
    assert [
        r["name"] for r in client.get("/api/units", {"bloc": "so-nganh", "year": 2026}).json()
    ] == ["Sở Nội vụ Thử Nghiệm"]
    assert [
        r["name"] for r in client.get("/api/units", {"q": "binh minh", "kind": "ward"}).json()
    ] == ["Phường Bình Minh"]


def test_unit_detail_api_gives_children_and_people_counts(personas, client_for):
    services.person_create(
        actor=SYSTEM,
        unit=personas.office_a,
        full_name="Lê Văn An",
        gender="male",
        employment_kind="cong_chuc",
    )
    services.person_create(
        actor=SYSTEM,
        unit=personas.ward_a,
        full_name="Trần Văn Bình",
        gender="male",
        employment_kind="can_bo",
    )
    body = (
        client_for(personas.ward_a_officer)
        .get(f"/api/units/{personas.ward_a.pk}", {"year": 2026})
        .json()
    )
    assert (
        body["name"] == "Phường An Bình" and body["bloc"] == "phuong" and body["people_count"] == 2
    )
    assert {c["name"]: c["people_count"] for c in body["children"]} == {
        "Phòng Văn hóa - Xã hội": 1,
        "Văn phòng HĐND và UBND": 0,
    }
    assert body["aliases"] == []


def test_unit_detail_api_is_404_outside_scope_and_for_unknown_ids(personas, client_for):
    client = client_for(personas.ward_a_officer)
    assert client.get(f"/api/units/{personas.ward_b.pk}").status_code == 404
    assert client.get(f"/api/units/{personas.city.pk}").status_code == 404
    assert client.get("/api/units/999999").status_code == 404


def test_a_bearer_token_reads_the_units_api(personas):
    token = (
        Client()
        .post(
            "/api/auth/token",
            {"username": "t_ward_a", "password": "pw-test-2026"},
            content_type="application/json",
        )
        .json()["token"]
    )
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.get(f"/api/units/{personas.office_a.pk}").json()["name"] == "Phòng Văn hóa - Xã hội"
    assert api.get(f"/api/units/{personas.office_b.pk}").status_code == 404
    assert {r["id"] for r in api.get("/api/units").json()} == {
        personas.ward_a.pk,
        personas.office_a.pk,
        personas.office_a2.pk,
    }


def test_units_api_gives_each_caller_their_own_scope_one_after_the_other(personas, client_for):
    """The list's SQL is built once per scope: callers of other scopes in turn never get each other's rows, and a
    grant added afterwards widens the list on the next call."""

    def names(user):
        return {r["name"] for r in client_for(user).get("/api/units", {"kind": "ward"}).json()}

    for _ in range(2):
        assert names(personas.ward_a_officer) == {"Phường An Bình"}
        assert names(personas.ward_b_officer) == {"Phường Bình Minh"}
        assert names(personas.city_officer) == {"Phường An Bình", "Phường Bình Minh"}
    account_services.grant_add(
        actor=personas.admin, user=personas.ward_a_officer, role=VIEWER, unit=personas.ward_b
    )
    assert names(personas.ward_a_officer) == {"Phường An Bình", "Phường Bình Minh"}
