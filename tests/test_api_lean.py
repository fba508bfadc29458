"""The API's big lists are written as plain rows (cchc/core/api_rows.py): each row still fits the schema the
OpenAPI document declares, and each list costs a fixed, small number of queries."""

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from ninja.responses import NinjaJSONEncoder

from cchc.orgs.api import UnitOut
from cchc.par.api import RankingOut
from cchc.reports.api import OverviewRowOut

pytestmark = pytest.mark.django_db

LISTS = [
    ("/api/units?bloc=phuong", UnitOut, "/api/units"),
    ("/api/plans/overview", OverviewRowOut, "/api/plans/overview"),
    ("/api/parindex/{year}/rankings", RankingOut, "/api/parindex/{year}/rankings"),
]


@pytest.fixture
def snv(demo_city):
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username="snv"))
    return client


def published_year() -> int:
    from cchc.par.models import Result

    return Result.objects.filter(published=True).order_by("-year").first().year


def _as_ninja_would(schema, row: dict) -> dict:
    """The row validated by the declared schema and encoded the way django-ninja encodes responses."""
    return json.loads(json.dumps(schema.model_validate(row).model_dump(), cls=NinjaJSONEncoder))


@pytest.mark.parametrize("url, schema, path", LISTS)
def test_every_row_is_exactly_what_the_schema_would_give(snv, url, schema, path):
    rows = snv.get(url.format(year=published_year())).json()
    assert len(rows) >= 2
    assert rows == [_as_ninja_would(schema, row) for row in rows]
    from config.api import api

    responses = api.get_openapi_schema()["paths"][path]["get"]["responses"]
    documented = responses.get(200) or responses["200"]
    assert schema.__name__ in json.dumps(documented)


@pytest.mark.parametrize("url, schema, path", LISTS)
def test_each_list_costs_a_fixed_number_of_queries(snv, url, schema, path):
    url = url.format(year=published_year())
    snv.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert snv.get(url).status_code == 200
    # session and user, then the list itself (the overview also reads the plans' tasks once)
    assert len(ctx.captured_queries) <= 8, [q["sql"][:120] for q in ctx.captured_queries]


def test_the_units_list_is_one_query_after_authentication(snv):
    snv.get("/api/units?bloc=phuong")
    with CaptureQueriesContext(connection) as ctx:
        snv.get("/api/units?bloc=phuong")
    units = [
        q
        for q in ctx.captured_queries
        if "orgs_unit" in q["sql"] and "django_session" not in q["sql"]
    ]
    assert len(units) <= 2, [q["sql"][:160] for q in units]
