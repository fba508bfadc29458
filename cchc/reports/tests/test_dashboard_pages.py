"""The report pages and the Excel files: figures shown, overdue tasks first in red, scope, rows of the files."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

pytestmark = pytest.mark.usefixtures("dash_today")


def sheet_rows(response, title):
    wb = load_workbook(io.BytesIO(response.content))
    return [list(r) for r in wb[title].iter_rows(values_only=True)]


def test_the_plan_dashboard_shows_the_rate_against_the_target_and_the_overdue_tasks_first(
    personas, dash_plan, client_for
):
    response = client_for(personas.ward_a_officer).get(
        reverse("reports:plan_dashboard", args=[dash_plan.pk])
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="on-time-rate">40,0%' in html
    assert "chỉ tiêu 100%" in html
    rows = html.split('id="attention"')[1].split("</table>")[0]
    assert rows.index('data-no="4"') < rows.index('data-no="8"') < rows.index('data-no="5"')
    assert rows.count("task-overdue") == 2 and "Quá hạn 15 ngày" in rows and "Còn 5 ngày" in rows


def test_the_home_page_of_a_ward_user_is_the_wards_plan_dashboard(personas, dash_plan, client_for):
    response = client_for(personas.ward_a_viewer).get(reverse("reports:home"))
    assert response.status_code == 200
    assert response.templates[0].name == "reports/plan_dashboard.html"


def test_the_home_page_of_the_city_is_the_overview_with_both_wards(
    personas, dash_plan, dash_plan_b, client_for
):
    response = client_for(personas.city_officer).get(reverse("reports:home"), {"year": 2026})
    assert response.templates[0].name == "reports/overview.html"
    html = response.content.decode()
    assert "Phường An Bình" in html and "Phường Bình Minh" in html
    assert reverse("reports:plan_dashboard", args=[dash_plan.pk]) in html


def test_another_wards_plan_dashboard_and_files_are_not_found(personas, dash_plan, client_for):
    client = client_for(personas.ward_b_officer)
    for name in ("reports:plan_dashboard", "reports:plan_xlsx", "reports:plan_report"):
        assert client.get(reverse(name, args=[dash_plan.pk])).status_code == 404, name


def test_the_plan_excel_file_holds_the_areas_the_offices_and_every_task(
    personas, dash_plan, client_for
):
    response = client_for(personas.ward_a_officer).get(
        reverse("reports:plan_xlsx", args=[dash_plan.pk])
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    areas = sheet_rows(response, "Theo lĩnh vực")
    assert areas[0][:3] == ["Mã", "Lĩnh vực", "Số nhiệm vụ"]
    assert areas[1][:2] == ["I", "Cải cách thể chế"] and areas[1][2:11] == [
        3,
        3,
        1,
        1,
        1,
        0,
        0,
        0,
        66.7,
    ]
    assert areas[-1][1:11] == ["Tổng cộng", 8, 3, 1, 1, 1, 2, 2, 1, 40.0]
    offices = sheet_rows(response, "Theo cơ quan chủ trì")
    assert [r[0] for r in offices[1:]] == [
        "Phòng Văn hóa - Xã hội",
        "Văn phòng HĐND và UBND",
        "Các phòng chuyên môn",
    ]
    tasks = sheet_rows(response, "Nhiệm vụ")
    assert len(tasks) == 9
    assert (
        tasks[4][0] == 4
        and tasks[4][3] == "Phòng Văn hóa - Xã hội"
        and tasks[4][-1] == "Đang quá hạn"
    )
    assert tasks[3][-1] == "Hoàn thành muộn" and tasks[3][8].date() == date(2026, 5, 10)


def test_the_overview_excel_file_has_one_row_per_plan_and_the_total(
    personas, dash_plan, dash_plan_b, client_for
):
    response = client_for(personas.city_officer).get(
        reverse("reports:overview_xlsx"), {"year": 2026, "sort": "-rate"}
    )
    rows = sheet_rows(response, "Kế hoạch CCHC 2026")
    assert [r[0] for r in rows[1:]] == ["Phường Bình Minh", "Phường An Bình", "Tổng cộng"]
    assert rows[1][3] == 2 and rows[1][11] == 50.0 and rows[1][12] == "Chưa đạt"
    assert rows[-1][3] == 10


def test_a_ward_user_sees_only_its_ward_in_the_overview_page(
    personas, dash_plan, dash_plan_b, client_for
):
    html = (
        client_for(personas.ward_b_officer)
        .get(reverse("reports:overview"), {"year": 2026})
        .content.decode()
    )
    assert "Phường Bình Minh" in html and "Phường An Bình" not in html


def test_lechan_gets_404_on_le_thanh_nghis_plan_dashboard_and_the_viewer_of_le_chan_reads_its_own(
    db, demo_city, client
):
    from django.contrib.auth import get_user_model

    from cchc.plans.models import Plan

    users = get_user_model().objects
    ltn = Plan.objects.get(unit__short_name="Lê Thanh Nghị", year=2026)
    own = Plan.objects.get(unit__short_name="Lê Chân", year=2026)
    client.force_login(users.get(username="lechan"))
    for name in ("reports:plan_dashboard", "reports:plan_xlsx", "reports:plan_report"):
        assert client.get(reverse(name, args=[ltn.pk])).status_code == 404, name
    assert "Phường Lê Thanh Nghị" not in client.get(reverse("reports:overview")).content.decode()
    client.force_login(users.get(username="lechan.xem"))
    assert client.get(reverse("reports:plan_dashboard", args=[own.pk])).status_code == 200
    assert client.get(reverse("reports:home")).templates[0].name == "reports/plan_dashboard.html"
