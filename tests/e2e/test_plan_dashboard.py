"""lethanhnghi opens the dashboard of the ward's 2027 plan: the on-time rate against the 100% target, the overdue
tasks first in red; reports an overdue task done and sees the dashboard change; downloads the Excel file and the
Word draft of the quarterly report. snv opens the city overview and finds the three demo wards."""

import io

from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import expect

from cchc.orgs.choices import LEVEL_KINDS
from cchc.orgs.models import Unit
from cchc.plans.models import Plan

WARDS = ["Phường Lê Thanh Nghị", "Phường Lê Chân", "Xã Khúc Thừa Dụ"]


def kpi(page, name) -> int:
    return int(page.locator(f"#kpi-{name}").inner_text())


def test_a_ward_follows_its_plan_on_the_dashboard_and_downloads_the_report(page, login, shot):
    ltn = Unit.objects.get(short_name="Lê Thanh Nghị", kind__in=LEVEL_KINDS)
    plan = Plan.objects.get(unit=ltn, year=2027)
    login("lethanhnghi")
    page.goto(page.base_url + reverse("reports:home"))
    expect(page.locator("h1")).to_contain_text(
        "Tiến độ thực hiện Kế hoạch CCHC năm 2027 – Phường Lê Thanh Nghị"
    )
    expect(page.locator("#on-time-rate")).to_contain_text("%")
    expect(page.locator("#on-time-rate")).to_contain_text("chỉ tiêu 100%")
    rows = page.locator("#attention tbody tr")
    expect(rows.first).to_have_class("task-overdue")
    assert (
        rows.first.evaluate("r => getComputedStyle(r.cells[0]).backgroundColor")
        == "rgb(248, 215, 218)"
    )
    overdue, late, done = kpi(page, "overdue"), kpi(page, "late"), kpi(page, "done")
    assert overdue >= 1 and page.locator("#attention tr.task-overdue").count() == overdue
    path = shot("plan-dashboard-ward")
    page.screenshot(path=str(path.with_name("plan-dashboard-ward-top.png")))

    # The lead office reports the oldest overdue task done: it leaves the overdue list and counts as done late.
    first_no = rows.first.get_attribute("data-no")
    rows.first.locator("a").first.click()
    page.wait_for_url(lambda url: "/nhiem-vu/" in url)
    page.select_option("#id_status", "done")
    page.fill("#id_percent", "100")
    if page.locator("#id_text").count():
        page.fill("#id_text", "Đã hoàn thành, chậm so với kế hoạch.")
    page.click("#progress-submit")
    page.wait_for_load_state()
    page.goto(page.base_url + reverse("reports:plan_dashboard", args=[plan.pk]))
    assert (kpi(page, "overdue"), kpi(page, "late"), kpi(page, "done")) == (
        overdue - 1,
        late + 1,
        done + 1,
    )
    expect(page.locator(f"#attention tr[data-no='{first_no}']")).to_have_count(0)

    with page.expect_download() as download:
        page.click("#plan-xlsx")
    wb = load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))
    tasks = list(wb["Nhiệm vụ"].iter_rows(values_only=True))
    assert len(tasks) == 1 + plan.tasks.count()
    assert list(wb["Theo lĩnh vực"].iter_rows(values_only=True))[-1][1] == "Tổng cộng"

    page.select_option("#ky", "quy-1")
    with page.expect_download() as download:
        page.click("#plan-report")
    assert download.value.suggested_filename.endswith(".docx")
    doc = Document(download.value.path())
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "Kết quả thực hiện Kế hoạch cải cách hành chính năm 2027 (Quý I)" in body
    assert "ỦY BAN NHÂN DÂN PHƯỜNG LÊ THANH NGHỊ" in " ".join(doc.tables[0].cell(0, 0).text.split())
    by_area = [t for t in doc.tables if t.rows[0].cells[1].text == "Lĩnh vực"][0]
    assert by_area.rows[-1].cells[1].text == "Tổng cộng"
    assert by_area.rows[-1].cells[2].text == str(plan.tasks.count())


def test_the_city_sees_the_three_demo_wards_in_the_overview(page, login, shot):
    login("snv")
    page.goto(page.base_url + reverse("reports:home"))
    expect(page.locator("h1")).to_contain_text("Tổng hợp thực hiện Kế hoạch CCHC năm 2027")
    table = page.locator("#overview-table")
    for ward in WARDS:
        expect(table).to_contain_text(ward)
    expect(table.locator("tbody tr[data-unit]")).to_have_count(3)
    expect(page.locator("#kpi-tasks")).to_have_text("96")
    page.click("#overview-table thead a:has-text('Đang quá hạn')")
    expect(page.locator("#overview-table thead")).to_contain_text("Đang quá hạn")
    shot("plan-dashboard-city")
    table.locator("a:has-text('Phường Lê Chân')").click()
    expect(page.locator("h1")).to_contain_text("Phường Lê Chân")
