"""The plan and task lists: filters on computed timeliness, diacritic-free search, and a fixed number of queries
whatever the number of rows (pages and API)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cchc.core import dates
from cchc.plans import task_selectors, tracking
from cchc.plans.choices import TaskStatus, Timeliness
from cchc.plans.models import Target
from cchc.plans.tests.tracking_setup import TODAY, build, make_plan, make_task


@pytest.fixture
def t(personas, monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: TODAY)
    return build(personas)


def nos(qs) -> list[int]:
    return sorted(task.no for task in qs)


def add_tasks(t, n: int, start: int = 10):
    for i in range(start, start + n):
        lead = t.p.office_a if i % 2 else t.p.office_a2
        make_task(
            t.plan,
            i,
            f"Nhiệm vụ thêm số {i}",
            lead=lead,
            due_on=date(2026, 1, 1) + timedelta(days=i * 3),
        )
        Target.objects.create(plan=t.plan, code=str(i), text=f"Chỉ tiêu {i}", order=i)


def count(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200
    return len(ctx.captured_queries)


def measure(t, client, url, params=None) -> tuple[int, int]:
    add_tasks(t, 3)
    count(client, url, params)
    small = count(client, url, params)
    add_tasks(t, 40, start=100)
    return small, count(client, url, params)


def test_the_task_list_filters_on_timeliness_overdue_and_due_within(t):
    actor = t.p.ward_a_officer
    assert nos(task_selectors.task_list(actor=actor, plan=t.plan, overdue=True, today=TODAY)) == [2]
    assert nos(
        task_selectors.task_list(
            actor=actor, plan=t.plan, timeliness=Timeliness.IN_PROGRESS, today=TODAY
        )
    ) == [1]
    assert nos(
        task_selectors.task_list(
            actor=actor, plan=t.plan, timeliness=Timeliness.NO_DUE, today=TODAY
        )
    ) == [3, 4]
    assert nos(
        task_selectors.task_list(actor=actor, plan=t.plan, due_within_days=7, today=TODAY)
    ) == [1]
    assert (
        nos(task_selectors.task_list(actor=actor, plan=t.plan, due_within_days=3, today=TODAY))
        == []
    )
    assert nos(task_selectors.task_list(actor=actor, plan=t.plan, lead_unit=t.p.office_a2)) == [
        1,
        4,
    ]


def test_a_task_done_late_is_late_not_overdue(t):
    tracking.progress_report(
        actor=t.vhxh_officer, task=t.vhxh_task, percent=100, status=TaskStatus.DONE, today=TODAY
    )
    actor = t.p.ward_a_officer
    assert nos(task_selectors.task_list(actor=actor, plan=t.plan, overdue=True, today=TODAY)) == []
    assert nos(
        task_selectors.task_list(actor=actor, plan=t.plan, timeliness=Timeliness.LATE, today=TODAY)
    ) == [2]


def test_the_task_search_ignores_diacritics(t):
    found = task_selectors.task_list(actor=t.p.ward_a_officer, q="tuyen truyen loa")
    assert nos(found) == [2]
    assert nos(task_selectors.task_list(actor=t.p.ward_a_officer, q="Văn phòng HĐND")) == [1, 4]


def test_the_task_list_page_shows_the_overdue_filter_and_exports_what_it_shows(t, client_for):
    client = client_for(t.p.ward_a_officer)
    html = client.get(
        reverse("plans:task_list"), {"plan": t.plan.pk, "overdue": "1"}
    ).content.decode()
    assert (
        html.count('class="task-row"') == 1
        and 'data-timeliness="overdue"' in html
        and "Đang quá hạn" in html
    )
    response = client.get(reverse("plans:task_list"), {"plan": t.plan.pk, "export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_plan_page_shows_areas_offices_deadlines_timeliness_and_targets(t, client_for):
    Target.objects.create(
        plan=t.plan,
        code="a",
        text="100% hồ sơ đúng hạn",
        comparator="gte",
        value=100,
        confirmed=True,
    )
    html = (
        client_for(t.p.ward_a_viewer)
        .get(reverse("plans:plan_detail", args=[t.plan.pk]))
        .content.decode()
    )
    assert "III. Cải cách thủ tục hành chính" in html
    assert "Trước ngày 25/5/2026" in html and "Trước 25/05/2026" in html
    assert "Văn phòng HĐND và UBND" in html and "Đang quá hạn" in html and "Trong hạn" in html
    assert "100% hồ sơ đúng hạn" in html and "chưa có" in html


@pytest.mark.parametrize(
    "url_name, params",
    [
        ("plans:task_list", {}),
        ("plans:task_list", {"q": "nhiem vu", "status": "todo", "sort": "-percent"}),
        ("plans:task_list", {"overdue": "1", "lead": "0"}),
        ("plans:task_list", {"timeliness": "in_progress", "due_within": "30"}),
        ("plans:plan_list", {}),
    ],
)
def test_the_list_pages_run_a_fixed_number_of_queries(t, client_for, url_name, params):
    if params.get("lead") == "0":
        params = {**params, "lead": str(t.p.office_a.pk), "plan": str(t.plan.pk)}
    small, large = measure(t, client_for(t.p.ward_a_officer), reverse(url_name), params)
    assert small == large


def test_the_plan_page_runs_a_fixed_number_of_queries(t, client_for):
    client = client_for(t.p.ward_a_officer)
    small, large = measure(t, client, reverse("plans:plan_detail", args=[t.plan.pk]))
    assert small == large


def test_the_plan_tasks_api_runs_a_fixed_number_of_queries(
    t, client_for, django_assert_max_num_queries
):
    client = client_for(t.p.ward_a_officer)
    small, large = measure(t, client, f"/api/plans/{t.plan.pk}/tasks")
    assert small == large
    with django_assert_max_num_queries(large):
        assert len(client.get(f"/api/plans/{t.plan.pk}/tasks").json()) == 47


def test_the_api_lists_plans_and_tasks_with_their_timeliness(t, client_for):
    client = client_for(t.p.ward_a_officer)
    plans = client.get("/api/plans", {"year": 2026}).json()
    assert t.plan.pk in [p["id"] for p in plans] and t.b_plan.pk not in [p["id"] for p in plans]
    rows = client.get(f"/api/plans/{t.plan.pk}/tasks", {"overdue": "true"}).json()
    assert [(r["no"], r["timeliness"], r["lead_units"], r["deadline"]) for r in rows] == [
        (2, "overdue", ["Phòng Văn hóa - Xã hội"], "01/01/2026 – 31/03/2026")
    ]
    rows = client.get(f"/api/plans/{t.plan.pk}/tasks", {"due_within": 7}).json()
    assert [(r["no"], r["due"], r["deadline_text"]) for r in rows] == [
        (1, "2026-05-25", "Trước ngày 25/5/2026")
    ]


def test_the_progress_api_reports_refuses_with_a_vietnamese_message_and_hides_other_wards(
    t, client_for
):
    url = f"/api/tasks/{t.vp_task.pk}/progress"
    ok = client_for(t.vp_officer).post(
        url,
        {"percent": 40, "status": "doing", "text": "Đang rà soát"},
        content_type="application/json",
    )
    assert (
        ok.status_code == 200
        and ok.json()["percent"] == 40
        and ok.json()["timeliness"] == "in_progress"
    )
    bad = client_for(t.vp_officer).post(
        url, {"percent": 90, "status": "done"}, content_type="application/json"
    )
    assert (
        bad.status_code == 400
        and "tiến độ phải là 100%" in bad.json()["detail"]
        and bad.json()["field"] == "percent"
    )
    refused = client_for(t.vhxh_officer).post(url, {"percent": 50}, content_type="application/json")
    assert refused.status_code == 403 and "không có quyền" in refused.json()["detail"]
    hidden = client_for(t.p.ward_b_officer).post(
        url, {"percent": 50}, content_type="application/json"
    )
    assert hidden.status_code == 404
    assert client_for(t.p.ward_b_officer).get(f"/api/plans/{t.plan.pk}/tasks").status_code == 404
    t.vp_task.refresh_from_db()
    assert t.vp_task.percent == 40


def test_another_wards_plan_and_tasks_and_files_are_not_found(t, client_for, make_plan_file=None):
    from django.core.files.uploadedfile import SimpleUploadedFile

    r = tracking.progress_report(
        actor=t.vp_officer,
        task=t.vp_task,
        percent=10,
        status=TaskStatus.DOING,
        files=[SimpleUploadedFile("minh-chung.txt", b"noi dung")],
        today=TODAY,
    )
    f = r.files.get()
    own, other = client_for(t.p.ward_a_viewer), client_for(t.p.ward_b_officer)
    assert own.get(reverse("plans:progress_file", args=[f.pk])).status_code == 200
    for name, pk in [
        ("plans:plan_detail", t.plan.pk),
        ("plans:task_detail", t.vp_task.pk),
        ("plans:progress_file", f.pk),
    ]:
        assert other.get(reverse(name, args=[pk])).status_code == 404
    listed = other.get(reverse("plans:task_list")).content.decode()
    assert "Rà soát, đơn giản hóa" not in listed and "phường Bình Minh" in listed


def test_a_plan_of_the_city_is_read_by_the_ward_but_its_tasks_are_not_reported_by_it(t, client_for):
    city_plan = make_plan(t.p.city)
    task = make_task(
        city_plan, 1, "Nhiệm vụ của thành phố", lead=t.p.dept, due_on=date(2026, 6, 30)
    )
    assert (
        client_for(t.p.ward_a_officer).get(reverse("plans:task_detail", args=[task.pk])).status_code
        == 200
    )
    response = client_for(t.p.ward_a_officer).post(
        reverse("plans:task_progress", args=[task.pk]), {"percent": 10, "status": "doing"}
    )
    assert response.status_code == 403
