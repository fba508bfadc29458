"""The PAR Index API: rankings, top n, a unit's history; scoped like the pages."""

import pytest
from django.test import Client

from cchc.par.models import Result

pytestmark = pytest.mark.django_db


def token(username: str) -> str:
    return (
        Client()
        .post(
            "/api/auth/token",
            {"username": username, "password": "cchc-demo-2026"},
            content_type="application/json",
        )
        .json()["token"]
    )


@pytest.fixture
def api(demo):
    c = Client()
    c.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token('lechan')}"
    return c


def test_rankings_list_a_bloc_in_rank_order_with_the_documented_fields(api):
    rows = api.get("/api/parindex/2025/rankings?bloc=phuong").json()
    expected = list(Result.objects.filter(year=2025, bloc_code="phuong").order_by("award_order"))
    assert len(rows) == len(expected) == 45
    assert set(rows[0]) == {
        "rank",
        "award_order",
        "unit_id",
        "unit_name",
        "bloc",
        "total",
        "appraised_score",
        "survey_score",
        "band",
    }
    assert [r["unit_id"] for r in rows] == [r.unit_id for r in expected]
    assert [r["rank"] for r in rows] == sorted(r["rank"] for r in rows)
    assert rows[0]["rank"] == 1 and rows[0]["total"] == str(expected[0].total)


def test_rankings_of_every_bloc_without_a_bloc_filter(api):
    rows = api.get("/api/parindex/2025/rankings").json()
    assert [b for b in dict.fromkeys(r["bloc"] for r in rows)] == [
        "so-nganh",
        "phuong",
        "xa-dac-khu",
    ]


def test_top_n_returns_exactly_n_units_of_the_bloc(api):
    rows = api.get("/api/parindex/2024/top?bloc=so-nganh&n=3").json()
    assert [r["award_order"] for r in rows] == [1, 2, 3]


def test_a_units_history_between_two_years(api, demo):
    lc = demo.level("Lê Chân")
    rows = api.get(f"/api/parindex/units/{lc.pk}/history?from=2024&to=2025").json()
    assert [r["year"] for r in rows] == [2024, 2025]
    r2025 = Result.objects.get(unit=lc, year=2025)
    assert rows[1] == {
        "year": 2025,
        "total": str(r2025.total),
        "rank": r2025.rank,
        "bloc_size": 45,
        "bloc": "phuong",
        "band": r2025.band,
        "published": True,
    }


@pytest.mark.parametrize(
    "url, status",
    [
        ("/api/parindex/2025/rankings?bloc=khong-co", 404),
        ("/api/parindex/2026/rankings?bloc=phuong", 404),  # not published
        ("/api/parindex/1999/rankings", 404),
    ],
)
def test_unknown_blocs_and_unpublished_years_are_not_found(api, url, status):
    assert api.get(url).status_code == status


def test_the_api_needs_credentials(demo):
    assert Client().get("/api/parindex/2025/rankings").status_code == 401
