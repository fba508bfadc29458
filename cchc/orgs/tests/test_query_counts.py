"""Lists run a fixed number of queries whatever the number of rows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc.core.scope import SYSTEM
from cchc.orgs import services
from cchc.orgs.choices import UnitKind


def add_units(personas, n: int, start: int = 0):
    for i in range(start, start + n):
        office = services.unit_create(
            actor=SYSTEM,
            name=f"Tổ dân phố số {i}",
            kind=UnitKind.RESIDENTIAL_GROUP,
            parent=personas.ward_a,
            aliases=[f"TDP {i}"],
            audit_it=False,
        )
        services.person_create(
            actor=SYSTEM,
            unit=office,
            full_name=f"Người số {i}",
            gender="male",
            employment_kind="cong_chuc",
            audit_it=False,
        )


def queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


def measure(personas, client, url, params=None) -> tuple[int, int]:
    add_units(personas, 5)
    queries(client, url, params)  # warm caches (content types, sessions)
    small = queries(client, url, params)
    add_units(personas, 50, start=5)
    return small, queries(client, url, params)


def test_the_unit_list_page_runs_a_fixed_number_of_queries(personas, client_for):
    small, large = measure(personas, client_for(personas.ward_a_officer), "/to-chuc/")
    assert small == large


def test_the_unit_list_page_with_a_bloc_filter_runs_a_fixed_number_of_queries(personas, client_for):
    small, large = measure(
        personas, client_for(personas.city_officer), "/to-chuc/", {"bloc": "phuong", "q": "phuong"}
    )
    assert small == large


def test_the_person_list_page_runs_a_fixed_number_of_queries(personas, client_for):
    small, large = measure(personas, client_for(personas.ward_a_officer), "/to-chuc/ca-nhan/")
    assert small == large


def test_the_unit_page_runs_a_fixed_number_of_queries(personas, client_for):
    small, large = measure(
        personas, client_for(personas.ward_a_officer), f"/to-chuc/don-vi/{personas.ward_a.pk}/"
    )
    assert small == large


def test_the_units_api_runs_a_fixed_number_of_queries(
    personas, client_for, django_assert_max_num_queries
):
    client = client_for(personas.ward_a_officer)
    small, large = measure(personas, client, "/api/units")
    assert small == large
    with django_assert_max_num_queries(large):
        assert len(client.get("/api/units").json()) == 58


def test_the_unit_detail_api_runs_a_fixed_number_of_queries(personas, client_for):
    small, large = measure(
        personas, client_for(personas.ward_a_officer), f"/api/units/{personas.ward_a.pk}"
    )
    assert small == large
