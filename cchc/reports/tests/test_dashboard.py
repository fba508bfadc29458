"""Dashboard figures of one dash_plan and of the overview, on a small dash_plan built with every kind of task."""

import pytest

from cchc.plans.tests.plan_builder import TODAY
from cchc.reports import dashboard


def figures(f) -> dict:
    return {
        "tasks": f.tasks,
        "done": f.done,
        "early": f.early,
        "on_time": f.on_time,
        "late": f.late,
        "overdue": f.overdue,
        "in_progress": f.in_progress,
        "no_due": f.no_due,
        "rate": f.rate,
    }


def test_the_plan_totals_count_each_task_once_by_how_it_stands(personas, dash_plan):
    dash = dashboard.plan_dashboard(actor=personas.ward_a_officer, plan=dash_plan, today=TODAY)
    assert figures(dash.totals) == {
        "tasks": 8,
        "done": 3,
        "early": 1,
        "on_time": 1,
        "late": 1,
        "overdue": 2,
        "in_progress": 2,
        "no_due": 1,
        "rate": 40.0,
    }
    assert dash.totals.assessed == 5 and dash.totals.done_on_time == 2
    assert dash.totals.meets_target is False and dash.totals.gap == 60.0
    assert dash.totals.completion == 37.5


def test_the_figures_by_area_follow_the_plan_order(personas, dash_plan):
    dash = dashboard.plan_dashboard(actor=personas.ward_a_officer, plan=dash_plan, today=TODAY)
    assert [(a.code, a.figures.tasks, a.figures.rate) for a in dash.areas] == [
        ("I", 3, 66.7),
        ("II", 5, 0.0),
    ]


def test_the_figures_by_lead_office_put_the_offices_with_overdue_tasks_first(personas, dash_plan):
    dash = dashboard.plan_dashboard(actor=personas.ward_a_officer, plan=dash_plan, today=TODAY)
    rows = [(o.label, o.figures.tasks, o.figures.overdue, o.figures.rate) for o in dash.offices]
    assert rows == [
        ("Phòng Văn hóa - Xã hội", 4, 2, 50.0),
        ("Văn phòng HĐND và UBND", 2, 0, 0.0),
        ("Các phòng chuyên môn", 1, 0, None),
    ]


def test_overdue_tasks_come_first_oldest_first_then_the_tasks_due_soon(personas, dash_plan):
    dash = dashboard.plan_dashboard(actor=personas.ward_a_officer, plan=dash_plan, today=TODAY)
    assert [(t.no, t.timeliness) for t in dash.attention] == [
        (4, "overdue"),
        (8, "overdue"),
        (5, "in_progress"),
    ]
    assert dash.attention_more == 0


def test_the_series_counts_tasks_due_and_done_by_the_end_of_each_month_and_stops_at_today(
    personas, dash_plan
):
    s = dashboard.plan_dashboard(actor=personas.ward_a_officer, plan=dash_plan, today=TODAY).series
    assert s.labels[0] == "T1/2026" and len(s.labels) == 12
    assert s.due[:6] == [0, 0, 2, 3, 4, 6] and s.due[11] == 7
    assert s.on_time[:6] == [0, 0, 2, 2, 2, 2]
    assert s.late[:6] == [0, 0, 0, 0, 1, 1]
    assert s.on_time[6:] == [None] * 6 and s.late[6:] == [None] * 6


def test_the_overview_has_one_row_per_ward_plan_and_city_totals(personas, dash_plan, dash_plan_b):
    ov = dashboard.overview(actor=personas.city_officer, year=2026, today=TODAY, sort="-rate")
    assert [(r.unit, r.figures.tasks, r.figures.rate) for r in ov.rows] == [
        (personas.ward_b, 2, 50.0),
        (personas.ward_a, 8, 40.0),
    ]
    assert (
        figures(ov.totals)["tasks"] == 10
        and ov.totals.overdue == 3
        and ov.totals.rate == round(300 / 7, 1)
    )
    assert dict(ov.distribution) == {
        "100%": 0,
        "90 – dưới 100%": 0,
        "70 – dưới 90%": 0,
        "50 – dưới 70%": 1,
        "Dưới 50%": 1,
        "Chưa có nhiệm vụ đến hạn": 0,
    }
    assert ov.without_plan == []
    assert ov.series.due[5] == 8


def test_the_overview_sorts_by_name_overdue_and_tasks(personas, dash_plan, dash_plan_b):
    def order(sort):
        return [
            r.unit.short_name
            for r in dashboard.overview(
                actor=personas.city_officer, year=2026, today=TODAY, sort=sort
            ).rows
        ]

    assert order("name") == ["An Bình", "Bình Minh"]
    assert order("-overdue") == ["An Bình", "Bình Minh"]
    assert order("rate") == ["An Bình", "Bình Minh"]
    assert order("-rate") == ["Bình Minh", "An Bình"]
    assert order("nonsense") == ["An Bình", "Bình Minh"]


def test_a_ward_user_sees_only_its_own_ward_in_the_overview(personas, dash_plan, dash_plan_b):
    ov = dashboard.overview(actor=personas.ward_b_officer, year=2026, today=TODAY)
    assert [r.unit for r in ov.rows] == [personas.ward_b]
    assert ov.totals.tasks == 2


def test_the_home_plan_of_a_ward_user_is_its_wards_plan_and_a_city_user_gets_the_overview(
    personas, dash_plan, dash_plan_b
):
    assert dashboard.home_plan(actor=personas.ward_a_officer, year=2026) == dash_plan
    assert dashboard.home_plan(actor=personas.ward_a_viewer, year=2026) == dash_plan
    assert dashboard.home_plan(actor=personas.city_officer, year=2026) is None
    assert dashboard.home_plan(actor=personas.ward_a_officer, year=2030) is None


def test_a_plan_outside_the_actors_scope_is_not_found(personas, dash_plan):
    from django.http import Http404

    from cchc.plans import task_selectors

    with pytest.raises(Http404):
        task_selectors.plan_get(actor=personas.ward_b_officer, pk=dash_plan.pk)
    assert task_selectors.plan_get(actor=personas.city_officer, pk=dash_plan.pk) == dash_plan
