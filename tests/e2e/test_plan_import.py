"""lethanhnghi imports a plan file naming an office the organisation does not know: the preview flags it, the
office is mapped with "lưu thành tên gọi khác", and the confirmed plan opens with its 32 tasks. She then reports a
task done with an evidence file and sees the plan's dashboard change; lechan, of another ward, finds neither the
plan nor the task."""

import re
from pathlib import Path

from django.urls import reverse
from playwright.sync_api import expect

from cchc.orgs.choices import LEVEL_KINDS
from cchc.orgs.models import Unit
from cchc.plans.models import Plan, TaskOffice

SEED = Path(__file__).resolve().parents[2] / "data" / "seeds" / "004_b78bd4a0b75bbdc4.txt"
UNKNOWN = "Tổ Một cửa liên thông"


def plan_file(tmp_path) -> Path:
    """Seed 004 for 2028, task 18 led by an office written in a way the organisation does not know."""
    lines = []
    for line in SEED.read_text(encoding="utf-8").replace("2026", "2028").split("\n"):
        cells = line.split("\t")
        if len(cells) >= 6 and cells[0] == "18":
            cells[2] = UNKNOWN
        lines.append("\t".join(cells))
    path = tmp_path / "ke-hoach-cchc-2028.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_import_a_plan_fix_an_office_report_progress_and_see_the_dashboard(
    page, login, shot, tmp_path
):
    ltn = Unit.objects.get(short_name="Lê Thanh Nghị", kind__in=LEVEL_KINDS)
    center = Unit.objects.get(code=f"{ltn.code}-TTPVHCC")
    login("lethanhnghi")
    page.goto(page.base_url + reverse("plans:plan_import"))
    expect(page.locator("h1")).to_contain_text("Nhập kế hoạch CCHC")
    shot("plan-import-upload")
    expect(page.locator(".cchc-file button")).to_have_text(
        "Chọn tệp"
    )  # whatever the browser's language
    page.set_input_files("input[type=file]", str(plan_file(tmp_path)))
    expect(page.locator(".cchc-file input[type=text]")).to_have_value("ke-hoach-cchc-2028.txt")
    page.click("button:has-text('Xem trước')")

    expect(page.locator("h1")).to_contain_text(
        "Kế hoạch Cải cách hành chính nhà nước phường Lê Thanh Nghị năm 2028"
    )
    expect(page.locator("tr.task-row")).to_have_count(32)
    expect(page.locator("#task-count")).to_have_text("32")
    row = page.locator("#unmatched-offices tr.unmatched-row")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(UNKNOWN)
    expect(row).to_contain_text("18")
    expect(page.locator("tr.task-row[data-no='18'] .office-unmatched")).to_have_count(1)
    expect(page.locator("#import-targets input[name=target]")).to_have_count(7)
    path = shot("plan-import-preview")
    page.screenshot(path=str(path.with_name("plan-import-preview-top.png")))

    row.locator("select").select_option(str(center.pk))
    expect(row.locator("input[type=checkbox]")).to_be_checked()
    page.click("#confirm-import")
    page.wait_for_url(lambda url: "nhap-ke-hoach" not in url)

    plan = Plan.objects.get(unit=ltn, year=2028)
    assert re.search(
        re.escape(reverse("plans:plan_detail", kwargs={"pk": plan.pk})) + "$", page.url
    ), page.url
    expect(page.locator("body")).to_contain_text(plan.title)
    assert plan.tasks.count() == 32
    assert TaskOffice.objects.get(task__plan=plan, task__no=18, role="lead").unit == center
    assert center.aliases.filter(name=UNKNOWN).exists()
    shot("plan-import-done")

    # The dashboard of the new plan: nothing done yet, no outcome to rate.
    page.click("#plan-dashboard-link")
    expect(page.locator("h1")).to_contain_text("Lê Thanh Nghị")
    expect(page.locator("#kpi-done")).to_have_text("0")
    expect(page.locator("#on-time-rate")).to_contain_text("—")
    tasks_before = int(page.locator("#kpi-tasks").inner_text())
    assert tasks_before == 32

    # Task 1 ("Trước ngày 15/01/2028") is reported done today, with an evidence file: done ahead of its deadline.
    evidence = tmp_path / "ke-hoach-cchc-2028-da-ban-hanh.txt"
    evidence.write_text("Kế hoạch CCHC năm 2028 đã ban hành.", encoding="utf-8")
    task = plan.tasks.get(no=1)
    page.goto(page.base_url + reverse("plans:task_detail", args=[task.pk]))
    page.select_option("#id_status", "done")
    page.fill("#id_percent", "100")
    page.fill("#id_text", "Đã ban hành Kế hoạch CCHC năm 2028.")
    page.set_input_files("#id_files", str(evidence))
    page.click("#progress-submit")
    expect(page.locator(".alert-success")).to_contain_text("nhiệm vụ 1: 100%")
    expect(page.locator("#task-state .timeliness")).to_have_text("Trước hạn")
    expect(page.locator("#progress-history a.progress-file").first).to_have_text(evidence.name)

    page.goto(page.base_url + reverse("reports:plan_dashboard", args=[plan.pk]))
    expect(page.locator("#kpi-done")).to_have_text("1")
    expect(page.locator("#on-time-rate")).to_contain_text("100")
    shot("plan-import-dashboard-after-progress")

    page.context.clear_cookies()
    login("lechan")
    for url in (
        reverse("plans:plan_detail", args=[plan.pk]),
        reverse("plans:task_detail", args=[task.pk]),
        reverse("reports:plan_dashboard", args=[plan.pk]),
    ):
        assert page.goto(page.base_url + url).status == 404, url
