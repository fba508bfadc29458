"""The dashboards and their files run a fixed number of queries whatever the number of tasks and plans."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cchc.core.scope import SYSTEM
from cchc.plans.choices import TaskStatus
from cchc.plans.tests.plan_builder import PlanBuilder
from cchc.reports import dashboard

TODAY = date(2026, 6, 15)
STATUSES = [TaskStatus.DONE, TaskStatus.TODO, TaskStatus.DOING, TaskStatus.DONE, TaskStatus.PAUSED]


def grow(builder, personas, n):
    for i in range(n):
        status = STATUSES[i % len(STATUSES)]
        due = date(2026, 1, 31) + timedelta(days=11 * i) if i % 7 else None
        builder.task(
            due_on=due,
            status=status,
            completed_on=due + timedelta(days=(i % 5) - 2)
            if due and status == TaskStatus.DONE
            else None,
            before=i % 4 == 0,
            lead=[personas.office_a, personas.office_a2][i % 2],
        )


@pytest.fixture
def builders(personas):
    a = PlanBuilder(personas.ward_a)
    a.area("I", "Cải cách thể chế")
    b = PlanBuilder(personas.ward_b)
    b.area("I", "Cải cách thể chế")
    return a, b


def count(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def small_and_large(personas, builders, fn):
    a, b = builders
    grow(a, personas, 3)
    grow(b, personas, 3)
    small = count(fn)
    a.area("II", "Cải cách thủ tục hành chính")
    grow(a, personas, 27)
    grow(b, personas, 27)
    return small, count(fn)


def test_the_plan_dashboard_selector_runs_six_queries_for_3_or_30_tasks(
    personas, builders, django_assert_num_queries
):
    plan = builders[0].plan
    actor = personas.ward_a_officer
    actor.grants.all()  # the scope is read once per request; keep it out of the count
    dashboard.plan_dashboard(actor=actor, plan=plan, today=TODAY)
    grow(builders[0], personas, 3)
    with django_assert_num_queries(6):
        dashboard.plan_dashboard(actor=actor, plan=plan, today=TODAY)
    builders[0].area("II", "Cải cách thủ tục hành chính")
    grow(builders[0], personas, 27)
    with django_assert_num_queries(6):
        dash = dashboard.plan_dashboard(actor=actor, plan=plan, today=TODAY)
    assert dash.totals.tasks == 30


def test_the_overview_selector_runs_three_queries_for_2_plans_of_3_or_30_tasks(
    personas, builders, django_assert_num_queries
):
    """The plans of the year with their counts, the units without a plan, the levels in scope."""
    actor = personas.city_officer
    dashboard.overview(actor=actor, year=2026, today=TODAY)
    small, large = small_and_large(
        personas, builders, lambda: dashboard.overview(actor=actor, year=2026, today=TODAY)
    )
    assert (small, large) == (3, 3)
    with django_assert_num_queries(3):
        assert dashboard.overview(actor=actor, year=2026, today=TODAY).totals.tasks == 60


def test_the_overview_runs_the_same_queries_for_one_or_many_plans(personas, builders):
    from cchc.orgs import services as org_services
    from cchc.orgs.choices import UnitKind

    actor = personas.city_officer
    dashboard.overview(actor=actor, year=2026, today=TODAY)
    small = count(lambda: dashboard.overview(actor=actor, year=2026, today=TODAY))
    for i in range(5):
        ward = org_services.unit_create(
            actor=SYSTEM,
            name=f"Phường Thử {i}",
            kind=UnitKind.WARD,
            parent=personas.city,
            code=f"TN-T{i}",
        )
        grow(PlanBuilder(ward).area("I", "Cải cách thể chế"), personas, 4)
    assert count(lambda: dashboard.overview(actor=actor, year=2026, today=TODAY)) == small


# A request's own queries (session, user, grants, the navigation's counts) come on top of the selectors': the
# figures are what each page runs today, written down so that a change that adds a query per row, or any query,
# is seen here and the figure updated on purpose.
@pytest.mark.parametrize(
    "name, who, expected",
    [
        ("reports:plan_dashboard", "ward_a_officer", 12),
        ("reports:plan_xlsx", "ward_a_officer", 12),
        ("reports:plan_report", "ward_a_officer", 12),
        ("reports:home", "ward_a_officer", 13),
        ("reports:overview", "city_officer", 8),
        ("reports:overview_xlsx", "city_officer", 6),
    ],
)
def test_each_report_page_and_file_runs_a_fixed_number_of_queries(
    personas, builders, client_for, name, who, expected
):
    client = client_for(getattr(personas, who))
    url = reverse(name, args=[builders[0].plan.pk]) if "plan_" in name else reverse(name)

    def get():
        assert client.get(url, {"year": 2026}).status_code == 200

    small, large = small_and_large(personas, builders, get)
    assert (small, large) == (expected, expected)
