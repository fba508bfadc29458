"""The dashboard API: a plan's figures and the overview of a year, the same figures as the report pages, scoped,
with a fixed number of queries whatever the number of tasks and plans."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc.core.scope import SYSTEM
from cchc.orgs import services as org_services
from cchc.orgs.choices import UnitKind
from cchc.plans.tests.plan_builder import TODAY, PlanBuilder
from cchc.reports import dashboard
from cchc.reports.tests.test_dashboard_query_counts import grow

FIGURES = {"tasks", "done", "on_time", "early", "late", "overdue", "in_progress", "no_due", "rate"}


def test_the_plan_dashboard_api_gives_the_totals_by_area_by_office_and_the_overdue_tasks(
    personas, dash_plan, dash_today, client_for
):
    data = client_for(personas.ward_a_officer).get(f"/api/plans/{dash_plan.pk}/dashboard").json()
    assert set(data) == {
        "plan_id",
        "unit",
        "year",
        "totals",
        "by_area",
        "by_office",
        "overdue_tasks",
    }
    assert (data["plan_id"], data["unit"], data["year"]) == (dash_plan.pk, "Phường An Bình", 2026)
    assert data["totals"] == {
        "tasks": 8,
        "done": 3,
        "on_time": 1,
        "early": 1,
        "late": 1,
        "overdue": 2,
        "in_progress": 2,
        "no_due": 1,
        "rate": 40.0,
    }
    assert [
        (a["code"], a["area"], a["totals"]["tasks"], a["totals"]["rate"]) for a in data["by_area"]
    ] == [
        ("I", "Cải cách thể chế", 3, 66.7),
        ("II", "Cải cách thủ tục hành chính", 5, 0.0),
    ]
    assert [(o["unit_id"], o["office"], o["totals"]["overdue"]) for o in data["by_office"]] == [
        (personas.office_a.pk, "Phòng Văn hóa - Xã hội", 2),
        (personas.office_a2.pk, "Văn phòng HĐND và UBND", 0),
        (None, "Các phòng chuyên môn", 0),
    ]
    assert all(set(row["totals"]) == FIGURES for row in data["by_area"] + data["by_office"])
    assert data["overdue_tasks"] == [
        {
            "id": dash_plan.tasks.get(no=4).pk,
            "no": 4,
            "content": "Nhiệm vụ số 4",
            "due": "2026-05-31",
            "percent": 0,
        },
        {
            "id": dash_plan.tasks.get(no=8).pk,
            "no": 8,
            "content": "Nhiệm vụ số 8",
            "due": "2026-06-15",
            "percent": 0,
        },
    ]


def test_the_overview_api_has_one_row_per_plan_with_the_figures_of_the_overview(
    personas, dash_plan, dash_plan_b, dash_today, client_for
):
    rows = client_for(personas.city_officer).get("/api/plans/overview", {"year": 2026}).json()
    page = dashboard.overview(actor=personas.city_officer, year=2026, today=TODAY)
    assert [(r["plan_id"], r["unit"], r["year"]) for r in rows] == [
        (dash_plan.pk, "Phường An Bình", 2026),
        (dash_plan_b.pk, "Phường Bình Minh", 2026),
    ]
    assert (
        [r["totals"]["rate"] for r in rows]
        == [row.figures.rate for row in page.rows]
        == [40.0, 50.0]
    )
    assert sum(r["totals"]["tasks"] for r in rows) == page.totals.tasks == 10
    assert (
        client_for(personas.city_officer).get("/api/plans/overview").json() == rows
    )  # the latest year by default
    assert client_for(personas.city_officer).get("/api/plans/overview", {"year": 2025}).json() == []


def test_the_dashboard_api_is_not_found_outside_the_scope_and_the_overview_keeps_to_it(
    personas, dash_plan, dash_plan_b, client_for
):
    other = client_for(personas.ward_b_officer)
    assert other.get(f"/api/plans/{dash_plan.pk}/dashboard").status_code == 404
    assert other.get(f"/api/plans/{dash_plan_b.pk}/dashboard").status_code == 200
    assert [r["plan_id"] for r in other.get("/api/plans/overview").json()] == [dash_plan_b.pk]
    assert (
        client_for(personas.ward_a_viewer).get(f"/api/plans/{dash_plan.pk}/dashboard").status_code
        == 200
    )
    assert client_for(personas.ward_a_viewer).get("/api/plans/9999999/dashboard").status_code == 404


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_plan_dashboard_api_runs_the_same_queries_for_3_or_30_tasks(
    personas, client_for, dash_today
):
    builder = PlanBuilder(personas.ward_a).area("I", "Cải cách thể chế")
    client = client_for(personas.ward_a_officer)
    url = f"/api/plans/{builder.plan.pk}/dashboard"
    grow(builder, personas, 3)
    queries(client, url)
    small = queries(client, url)
    builder.area("II", "Cải cách thủ tục hành chính")
    grow(builder, personas, 27)
    assert queries(client, url) == small
    assert client.get(url).json()["totals"]["tasks"] == 30


def test_the_overview_api_runs_the_same_queries_for_one_or_many_plans(
    personas, client_for, dash_today
):
    grow(PlanBuilder(personas.ward_a).area("I", "Cải cách thể chế"), personas, 3)
    client = client_for(personas.city_officer)
    url = "/api/plans/overview?year=2026"
    queries(client, url)
    small = queries(client, url)
    for i in range(6):
        ward = org_services.unit_create(
            actor=SYSTEM,
            name=f"Phường Thử {i}",
            kind=UnitKind.WARD,
            parent=personas.city,
            code=f"TN-T{i}",
        )
        grow(PlanBuilder(ward).area("I", "Cải cách thể chế"), personas, 4 + i)
    assert queries(client, url) == small
    rows = client.get(url).json()
    assert len(rows) == 7 and rows[-1]["totals"]["tasks"] == 9


@pytest.mark.parametrize("year", ["", "?year=2026"])
def test_the_overview_api_of_a_ward_user_without_a_plan_is_empty(personas, client_for, year):
    assert client_for(personas.ward_b_officer).get(f"/api/plans/overview{year}").json() == []
