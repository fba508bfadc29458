"""lethanhnghi imports a plan file naming an office the organisation does not know: the preview flags it, the
office is mapped with "lưu thành tên gọi khác", and the confirmed plan opens with its 32 tasks."""

import re
from pathlib import Path

import pytest
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import expect

from cchc.orgs.choices import LEVEL_KINDS
from cchc.orgs.models import Unit
from cchc.plans.models import Plan, TaskOffice

SEED = Path(__file__).resolve().parents[2] / "data" / "seeds" / "004_b78bd4a0b75bbdc4.txt"
UNKNOWN = "Tổ Một cửa liên thông"


def plan_file(tmp_path) -> Path:
    """Seed 004 for 2027, task 18 led by an office written in a way the organisation does not know."""
    lines = []
    for line in SEED.read_text(encoding="utf-8").replace("2026", "2027").split("\n"):
        cells = line.split("\t")
        if len(cells) >= 6 and cells[0] == "18":
            cells[2] = UNKNOWN
        lines.append("\t".join(cells))
    path = tmp_path / "ke-hoach-cchc-2027.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_import_a_plan_fix_an_office_and_open_the_plan(page, login, shot, tmp_path):
    try:
        reverse("plans:plan_detail", kwargs={"pk": 1})
    except NoReverseMatch:
        pytest.skip("the plan page (plans:plan_detail) is not installed yet")
    ltn = Unit.objects.get(short_name="Lê Thanh Nghị", kind__in=LEVEL_KINDS)
    center = Unit.objects.get(code=f"{ltn.code}-TTPVHCC")
    login("lethanhnghi")
    page.goto(page.base_url + reverse("plans:plan_import"))
    expect(page.locator("h1")).to_contain_text("Nhập kế hoạch CCHC")
    shot("plan-import-upload")
    page.set_input_files("input[type=file]", str(plan_file(tmp_path)))
    page.click("button:has-text('Xem trước')")

    expect(page.locator("h1")).to_contain_text("Kế hoạch Cải cách hành chính nhà nước phường Lê Thanh Nghị năm 2027")
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

    plan = Plan.objects.get(unit=ltn, year=2027)
    assert re.search(re.escape(reverse("plans:plan_detail", kwargs={"pk": plan.pk})) + "$", page.url), page.url
    expect(page.locator("body")).to_contain_text(plan.title)
    assert plan.tasks.count() == 32
    assert TaskOffice.objects.get(task__plan=plan, task__no=18, role="lead").unit == center
    assert center.aliases.filter(name=UNKNOWN).exists()
    shot("plan-import-done")
