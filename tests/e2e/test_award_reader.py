"""The city's standing agency reads the award rules of 2162/QĐ-UBND in a browser: the proposal shows the annual
top-3/5/5 rule, the 1 + 1 quota, the 31/3 deadline, the period-end rules and the Cờ thi đua of the bloc
leader, each beside its sentence; it saves them, fixes an error shown by the path of its field, and the rules
are stored as the city's."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from cchc.awards.models import RuleFile
from tests.e2e.conftest import SHOTS

pytestmark = pytest.mark.django_db(transaction=True)

SEED = Path(__file__).resolve().parents[2] / "data" / "seeds" / "002_7c2d7534cc75175e.txt"


def test_the_city_reads_confirms_and_saves_the_award_rules_of_2162(page, login, shot):
    login("snv")
    page.goto(page.base_url + "/khen-thuong/doc-quy-dinh/")
    page.fill("#id_text", SEED.read_text(encoding="utf-8"))
    page.get_by_role("button", name="Đọc phần khen thưởng").click()
    expect(page.locator("h1")).to_contain_text("2162/QĐ-UBND")
    programmes = page.locator(".reader-programme")
    expect(programmes).to_have_count(10)
    annual = page.locator("#prog-qd2162_nam_bk_tp_tap_the")
    expect(annual).to_contain_text("top 3 đơn vị dẫn đầu")
    expect(annual).to_contain_text("Không quá 01 tập thể (mỗi đơn vị đề nghị)")
    expect(annual).to_contain_text("trước ngày 31/3 hàng năm")
    flag = page.locator("#prog-qd2162_gd_co_tp_tap_the")
    expect(flag).to_contain_text("Cờ thi đua")
    expect(flag).to_contain_text("dẫn đầu khối thi đua về chỉ số cải cách hành chính")
    expect(page.locator("#not-read")).to_contain_text("Khen thưởng cấp Nhà nước")
    shot("award_reader_2162_proposal")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "award_reader_2162_top.png"))
    flag.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "award_reader_2162_flag.png"))

    text = page.locator("#id_yaml_text").input_value()
    page.fill("#id_yaml_text", text.replace("min_years: 3", "min_years: 0", 1))
    page.get_by_role("button", name="Lưu quy định").click()
    expect(page.locator("#save-errors")).to_contain_text("min_years")
    shot("award_reader_2162_error")
    page.fill("#id_yaml_text", text)
    page.get_by_role("button", name="Lưu quy định").click()
    expect(page.locator(".alert-success, .toast, [role=alert]").first).to_contain_text(
        "Đã lưu quy định khen thưởng 2162/QĐ-UBND"
    )
    saved = RuleFile.objects.get(file_id="qd2162-2026")
    assert saved.unit.parent_id is None
    assert saved.programmes.count() == 10
