"""lethanhnghi, the standing office of phường Lê Thanh Nghị, sets the plan's reporting period, adds a target, records
two measured values and sees one not achieved then achieved, adds a second target by mistake and deletes it after
confirming (a dismissed confirmation keeps it); the measured target has no delete button."""

from django.urls import reverse
from playwright.sync_api import expect

from cchc.core.models import AuditLog
from cchc.orgs.choices import LEVEL_KINDS
from cchc.orgs.models import Unit
from cchc.plans.models import Plan
from tests.e2e.conftest import SHOTS

CODE, SPARE = "x", "y"


def test_add_measure_and_delete_targets_of_the_wards_plan(page, login, shot):
    ltn = Unit.objects.get(short_name="Lê Thanh Nghị", kind__in=LEVEL_KINDS)
    plan = Plan.objects.get(unit=ltn, year=2026)
    before = plan.targets.count()
    assert not plan.targets.filter(code__in=[CODE, SPARE]).exists()
    plan_url = page.base_url + reverse("plans:plan_detail", args=[plan.pk])

    login("lethanhnghi")
    page.goto(plan_url)
    expect(page.locator("#plan-report-every")).to_contain_text("hằng quý")
    page.click("#plan-settings-toggle")
    expect(page.locator("#plan-settings-form")).to_be_visible()
    page.select_option("#id_report_every", "monthly")
    page.screenshot(path=str(SHOTS / "plan-targets-settings-view.png"))
    shot("plan-targets-settings")
    page.click("#plan-settings-save")
    expect(page.locator(".alert-success")).to_contain_text(
        "kỳ báo cáo nhiệm vụ thường xuyên: hằng tháng"
    )
    expect(page.locator("#plan-report-every")).to_contain_text("hằng tháng")

    page.locator("#target-add-link").click()
    expect(page.locator("h1")).to_have_text("Thêm chỉ tiêu")
    page.fill("#id_code", CODE)
    page.fill("#id_text", "Tối thiểu 90% hồ sơ thủ tục hành chính được số hóa kết quả giải quyết")
    page.select_option("#id_comparator", "gte")
    page.fill("#id_value", "")
    shot("plan-targets-add-form")
    page.click("#target-save")
    expect(page.locator("#id_value + .invalid-feedback, .invalid-feedback")).to_contain_text(
        "“Đạt tối thiểu” cần giá trị chỉ tiêu"
    )
    shot("plan-targets-add-refused")
    page.fill("#id_value", "90")
    page.fill("#id_value_unit", "%")
    page.select_option("#id_responsible", label="Phòng Văn hóa - Xã hội")
    page.click("#target-save")

    expect(page.locator(".alert-success")).to_contain_text("Đã thêm chỉ tiêu")
    expect(page.locator("#target-comparison")).to_contain_text("Đạt tối thiểu 90%")
    expect(page.locator("#target-comparison")).to_contain_text("Phòng Văn hóa - Xã hội")
    page.fill("#id_period_label", "6 tháng đầu năm 2026")
    page.fill("#id_period_end", "30/06/2026")
    page.fill("#id_value", "85")
    page.click("#measure-card button[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text(
        "Đã ghi kết quả 6 tháng đầu năm 2026: không đạt."
    )
    page.fill("#id_period_label", "Năm 2026")
    page.fill("#id_period_end", "31/12/2026")
    page.fill("#id_value", "92,5")
    page.click("#measure-card button[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text("Đã ghi kết quả Năm 2026: đạt.")
    rows = page.locator("#target-measures .measure-row")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Không đạt")
    expect(rows.nth(1)).to_contain_text("92,5%")
    expect(page.locator("#target-keep-note")).to_be_visible()
    shot("plan-targets-measured")

    page.goto(plan_url)
    page.locator("#target-add-link").click()
    page.fill("#id_code", SPARE)
    page.fill("#id_text", "Chỉ tiêu nhập nhầm")
    page.select_option("#id_comparator", "text")
    page.click("#target-save")
    expect(page.locator(".alert-success")).to_contain_text("Đã thêm chỉ tiêu “Chỉ tiêu nhập nhầm”.")

    page.goto(plan_url + "#plan-targets")
    measured = page.locator(f"#plan-targets .target-row[data-code='{CODE}']")
    spare = page.locator(f"#plan-targets .target-row[data-code='{SPARE}']")
    expect(page.locator("#plan-targets .target-row")).to_have_count(before + 2)
    expect(measured.locator("td").nth(5)).to_have_text("Đạt")
    expect(measured.locator(".target-actions button")).to_be_disabled()
    page.locator("#plan-targets").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "plan-targets-list-view.png"))
    shot("plan-targets-list")

    questions = []
    page.once("dialog", lambda d: (questions.append(d.message), d.dismiss()))
    spare.locator("button", has_text="Xóa").click()
    expect(spare).to_be_visible()
    assert questions and questions[0].startswith("Xóa chỉ tiêu “Chỉ tiêu nhập nhầm”?")
    page.once("dialog", lambda d: d.accept())
    spare.locator("button", has_text="Xóa").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã xóa chỉ tiêu “Chỉ tiêu nhập nhầm”.")
    expect(page.locator("#plan-targets .target-row")).to_have_count(before + 1)
    expect(spare).to_have_count(0)
    page.screenshot(path=str(SHOTS / "plan-targets-deleted-view.png"))
    shot("plan-targets-deleted")

    plan.refresh_from_db()
    assert plan.report_every == "monthly"
    assert list(plan.targets.filter(code__in=[CODE, SPARE]).values_list("code", flat=True)) == [
        CODE
    ]
    actions = set(AuditLog.objects.filter(unit_path=ltn.path).values_list("action", flat=True))
    assert {"plan.update", "target.add", "target.measure", "target.delete"} <= actions
