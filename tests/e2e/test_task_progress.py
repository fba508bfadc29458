"""lethanhnghi opens the ward's plan, filters the overdue tasks, reports a task done with an evidence file and sees
its status, percent and timeliness change; lechan, of another ward, does not find that task."""

from django.urls import reverse
from playwright.sync_api import expect

from cchc.orgs.choices import LEVEL_KINDS
from cchc.orgs.models import Unit
from cchc.plans.models import Plan


def test_report_progress_on_an_overdue_task_with_evidence(page, login, shot, tmp_path):
    ltn = Unit.objects.get(short_name="Lê Thanh Nghị", kind__in=LEVEL_KINDS)
    plan = Plan.objects.get(unit=ltn, year=2026)
    task = plan.tasks.get(no=8)  # "Tháng 10/2026", left at 50% when the year closed: overdue
    evidence = tmp_path / "bao-cao-chuyen-de.txt"
    evidence.write_text("Đã phát sóng đủ 5 chuyên đề về cải cách hành chính.", encoding="utf-8")

    login("lethanhnghi")
    page.goto(page.base_url + reverse("plans:plan_list"))
    page.click(f"a[href='{reverse('plans:plan_detail', args=[plan.pk])}']")
    expect(page.locator("#plan-title")).to_have_text(plan.title)
    expect(page.locator(".plan-area")).to_have_count(7)
    expect(page.locator("#plan-targets .target-row")).to_have_count(7)
    row = page.locator("tr.task-row[data-no='8']")
    expect(row.locator(".timeliness")).to_have_text("Đang quá hạn")
    expect(row.locator(".deadline-read")).to_have_text("01/10/2026 – 31/10/2026")
    path = shot("task-progress-plan")
    page.screenshot(path=str(path.with_name("task-progress-plan-top.png")))
    page.locator("#plan-targets").scroll_into_view_if_needed()
    page.screenshot(path=str(path.with_name("task-progress-plan-targets.png")))

    page.click("#plan-overdue-link")
    expect(page.locator("h1")).to_contain_text("Lê Thanh Nghị")
    rows = page.locator("#task-table tr.task-row")
    expect(rows.first).to_be_visible()
    assert (
        rows.count() == page.locator("#task-table tr.task-row[data-timeliness='overdue']").count()
    )
    expect(page.locator("#f-overdue")).to_have_value("1")
    path = shot("task-progress-overdue-list")
    page.screenshot(path=str(path.with_name("task-progress-overdue-list-top.png")))

    page.locator("#task-table tr.task-row[data-no='8'] a.task-link").click()
    expect(page.locator("#task-state .task-status")).to_have_text("Đang thực hiện")
    expect(page.locator("#task-state .percent-value")).to_have_text("50%")
    expect(page.locator("#task-state .timeliness")).to_have_text("Đang quá hạn")
    page.select_option("#id_status", "done")
    page.fill("#id_percent", "100")
    page.fill("#id_text", "Đã phát sóng đủ 5 chuyên đề.")
    page.set_input_files("#id_files", str(evidence))
    shot("task-progress-form")
    page.click("#progress-submit")

    expect(page.locator(".alert-success")).to_contain_text(
        "Đã ghi báo cáo tiến độ nhiệm vụ 8: 100%."
    )
    expect(page.locator("#task-state .task-status")).to_have_text("Hoàn thành")
    expect(page.locator("#task-state .percent-value")).to_have_text("100%")
    expect(page.locator("#task-state .timeliness")).to_have_text(
        "Quá hạn"
    )  # done, after its last day
    expect(page.locator("#progress-history .progress-report").first).to_contain_text(
        "Đã phát sóng đủ 5 chuyên đề."
    )
    link = page.locator("#progress-history a.progress-file").first
    expect(link).to_have_text("bao-cao-chuyen-de.txt")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "bao-cao-chuyen-de.txt"
    shot("task-progress-done")
    task.refresh_from_db()
    assert (task.status, task.percent, task.completed_on is not None) == ("done", 100, True)

    page.context.clear_cookies()
    login("lechan")
    response = page.goto(page.base_url + reverse("plans:task_detail", args=[task.pk]))
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Không tìm thấy trang")
    assert page.request.get(f"{page.base_url}/api/plans/{plan.pk}/tasks").status == 404
    shot("task-progress-out-of-scope")
