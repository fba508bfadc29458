"""The yearly movement report in a browser, on the demo's day (26/11/2027): Lê Chân's standing office writes the
ward's 2026 report to the city (2162/QĐ-UBND, due "trước ngày 30/11 hằng năm") with the figures filled from its
CCHC plan and the PAR Index, the chairman approves it, the office submits it (late); the city's Sở Nội vụ sees
Lê Chân submitted late and Lê Thanh Nghị still missing, and Lê Thanh Nghị's office has the overdue reminder in
its inbox. The aggregated Word report downloads from the city's board."""

from datetime import date

import pytest
from playwright.sync_api import expect

from cchc.core import dates
from cchc.demo.day import DEMO_DAY
from cchc.emulation.models import Movement, MovementReport
from cchc.orgs.models import Unit
from tests.e2e.conftest import SHOTS

pytestmark = pytest.mark.django_db(transaction=True)

RESULT = "Chủ tịch UBND phường trực tiếp chỉ đạo; ban hành Kế hoạch CCHC năm 2026 đúng hạn."
LATE_DAYS = (DEMO_DAY - date(2026, 11, 30)).days + 1  # the 30th itself is late ("trước ngày 30/11")


def _logout(page):
    page.context.clear_cookies()


def test_le_chan_writes_its_2026_report_the_chairman_approves_and_the_city_sees_it_late(
    page, login, shot, monkeypatch
):
    monkeypatch.setattr(dates, "today", lambda: DEMO_DAY)
    page.on("dialog", lambda d: d.accept())
    city = Movement.objects.get(document__number="2162/QĐ-UBND")
    ward = Unit.objects.get(short_name="Lê Chân", kind="ward")
    message = page.locator(".alert-success.alert-dismissible")
    status = page.locator("#report-status")

    # 1. Lê Chân's standing office opens the movements, finds its 2026 report overdue and starts it.
    login("lechan")
    page.goto(page.base_url + "/")
    page.locator("#nav-movement").click()
    page.locator("#mainnav").get_by_role("link", name="Tổng quan phong trào").click()
    row = page.locator("tr.own-row[data-unit='Phường Lê Chân'][data-year='2026']").filter(
        has_text="Đẩy mạnh cải cách hành chính trên địa bàn thành phố Hải Phòng"
    )
    expect(row.locator(".timeliness-badge")).to_have_text("Chưa nộp (quá hạn)")
    shot("movement-10-lechan-home")
    row.get_by_role("link", name="Lập báo cáo 2026").click()
    expect(page.locator("#start-verdict")).to_contain_text(f"đã quá hạn {LATE_DAYS} ngày")
    expect(page.locator("#start-verdict")).to_contain_text("2162/QĐ-UBND, mục IV.1")
    page.get_by_role("button", name="Lập báo cáo").click()

    # 2. The figures come from the system with their source; the office writes the results and saves.
    figures = page.locator("#report-figures")
    plan = figures.locator("tr[data-code='plan_on_time_rate']")
    expect(plan.locator(".figure-value")).to_contain_text("%")
    expect(plan.locator(".figure-source a")).to_contain_text("Kế hoạch CCHC năm 2026")
    par = figures.locator("tr[data-code='par_index']")
    expect(par.locator(".figure-value")).to_contain_text("khối phường")
    expect(par.locator(".figure-source a")).to_contain_text("Kết quả Chỉ số CCHC năm")
    initiatives = figures.locator("tr[data-code='initiatives_recognised'] .figure-value")
    expect(initiatives).to_be_visible()
    plan_value = plan.locator(".figure-value").inner_text().split("\n")[0]
    textareas = page.locator("#report-form textarea[name^='result_']")
    expect(textareas).to_have_count(6)
    for i in range(6):
        textareas.nth(i).fill(f"{RESULT} (nội dung {i + 1})")
    page.fill("#f-models", "Tổ công nghệ số cộng đồng hỗ trợ người dân nộp hồ sơ trực tuyến.")
    page.fill("#f-difficulties", "Một số thủ tục chưa liên thông dữ liệu với thành phố.")
    page.fill("#f-proposals", "Đề nghị thành phố tập huấn kỹ năng số cho cán bộ một cửa.")
    page.locator("#f-files").set_input_files(
        files=[{"name": "bao-cao-2026.txt", "mimeType": "text/plain", "buffer": "Báo cáo".encode()}]
    )
    page.get_by_role("button", name="Lưu báo cáo").click()
    expect(message).to_contain_text("Đã lưu báo cáo.")
    expect(page.locator("#report-files")).to_contain_text("bao-cao-2026.txt")
    shot("movement-11-lechan-report-written")
    page.get_by_role("button", name="Trình lãnh đạo phê duyệt").click()
    expect(message).to_contain_text("Đã trình lãnh đạo phê duyệt báo cáo.")
    expect(status).to_have_text("Chờ lãnh đạo phê duyệt")
    expect(page.locator("[data-transition=submit]")).to_have_count(0)
    report = MovementReport.objects.get(movement=city, unit=ward, year=2026)
    url = page.base_url + f"/phong-trao/bao-cao/{report.pk}/"

    # 3. The chairman finds it waiting for him and approves it.
    _logout(page)
    login("lechan.chutich")
    page.goto(page.base_url + "/phong-trao/")
    waiting = page.locator("#awaiting-approval")
    expect(waiting).to_contain_text("Báo cáo năm 2026 – Phường Lê Chân")
    shot("movement-12-chairman-waiting")
    waiting.get_by_role("link").first.click()
    expect(page.locator("#report-results")).to_contain_text(RESULT)
    page.get_by_role("button", name="Phê duyệt").click()
    expect(message).to_contain_text("Đã phê duyệt báo cáo.")
    expect(status).to_have_text("Lãnh đạo đã phê duyệt")

    # 4. The office submits it: late, its figures frozen.
    _logout(page)
    login("lechan")
    page.goto(url)
    page.get_by_role("button", name="Nộp báo cáo").click()
    expect(message).to_contain_text("Đã nộp báo cáo.")
    expect(status).to_have_text("Đã nộp")
    expect(page.locator(".timeliness-badge").first).to_have_text("Nộp muộn")
    expect(page.locator("#report-verdict")).to_contain_text(
        f"Nộp ngày {DEMO_DAY:%d/%m/%Y}, muộn {LATE_DAYS} ngày"
    )
    expect(figures).to_contain_text(f"đã chốt khi nộp, ngày {DEMO_DAY:%d/%m/%Y}")
    expect(plan.locator(".figure-value")).to_contain_text(plan_value)
    shot("movement-13-lechan-report-submitted")
    report.refresh_from_db()
    assert report.status == "submitted" and report.submitted_on == DEMO_DAY
    assert report.figures["items"][0]["code"] == "plan_on_time_rate"

    # 5. The city's board: Lê Chân submitted late, Lê Thanh Nghị still missing; the Word report downloads.
    _logout(page)
    login("snv")
    page.goto(page.base_url + f"/phong-trao/{city.pk}/tinh-hinh-bao-cao/?year=2026")
    expect(page.locator("tr.board-row[data-unit='Phường Lê Chân']")).to_have_attribute(
        "data-status", "late"
    )
    expect(page.locator("tr.board-row[data-unit='Phường Lê Thanh Nghị']")).to_have_attribute(
        "data-status", "missing"
    )
    expect(page.locator("#board-due")).to_contain_text("Hạn nộp trước ngày 30/11/2026")
    shot("movement-14-city-board")
    page.select_option("#f-status", "missing")
    expect(page.locator("tr.board-row[data-unit='Phường Lê Chân']")).to_have_count(0)
    expect(page.locator("tr.board-row[data-unit='Phường Lê Thanh Nghị']")).to_have_count(1)
    shot("movement-15-city-board-missing")
    with page.expect_download() as download:
        page.locator("#aggregate-docx").click()
    saved = SHOTS.parent / "movement-report-2026.docx"
    download.value.save_as(str(saved))
    assert saved.stat().st_size > 10_000

    # 6. Lê Thanh Nghị's office has the overdue reminder in its inbox.
    _logout(page)
    login("lethanhnghi")
    page.goto(page.base_url + "/thong-bao/")
    expect(page.locator("main")).to_contain_text("Quá hạn báo cáo phong trào")
    expect(page.locator("main")).to_contain_text(
        f"năm 2026 của Phường Lê Thanh Nghị đã quá hạn {LATE_DAYS} ngày"
    )
    expect(page.locator("main")).to_contain_text("Sắp đến hạn báo cáo phong trào")
    shot("movement-16-lethanhnghi-inbox")
