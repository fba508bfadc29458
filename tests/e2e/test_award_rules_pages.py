"""The award rules in a browser, with a screenshot of each page: the awards home, the programmes, a programme of
Lê Chân with its contradiction, and the rule file's edit page refusing an error with the path of the field."""

import pytest
from playwright.sync_api import expect

from cchc.awards.models import Programme, RuleFile

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_award_rules_pages(page, login, shot, settings):
    settings.CCHC_TODAY = "26/11/2027"
    login("lechan")
    page.goto(page.base_url + "/khen-thuong/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Công tác khen thưởng")
    expect(page.locator("#upcoming")).to_contain_text("/2028")
    shot("awards-rules-01-home")

    page.goto(page.base_url + "/khen-thuong/chuong-trinh/?q=bang+khen+giai+doan")
    expect(page.locator(".programme-row").first).to_be_visible()
    shot("awards-rules-02-programme-list")

    programme = Programme.objects.get(code="lc259_gd_bang_khen_tap_the")
    page.goto(page.base_url + f"/khen-thuong/chuong-trinh/{programme.pk}/")
    conflict = page.locator(".award-conflict")
    expect(conflict).to_contain_text("Lê Chân: top 10 hay top 5 của khối phường")
    expect(conflict).to_contain_text("259/KH-UBND, mục III.2.2.a (Lưu ý)")
    expect(conflict).to_contain_text("259/KH-UBND, mục III.2.2.b")
    expect(page.locator("#criteria .criterion")).to_have_count(4)
    expect(page.locator("#late-policy")).to_contain_text("cần kiểm tra")
    shot("awards-rules-03-programme-detail")

    rule_file = RuleFile.objects.get(file_id="lc-259-2026")
    page.goto(page.base_url + f"/khen-thuong/quy-dinh/{rule_file.pk}/")
    expect(page.locator("#rule-file-text")).to_contain_text("schema_version: 1")
    shot("awards-rules-04-rule-file")
    page.locator("#rule-file-edit").click()
    text = page.locator("#id_text").input_value()
    page.locator("#id_text").fill(text.replace("        n: 5\n", "        n: 0\n", 1))
    page.locator("#rule-file-save").click()
    errors = page.locator("#rule-errors")
    expect(errors).to_contain_text("programmes[2].criteria[1].n")
    expect(errors).to_contain_text("phải là số nguyên dương")
    shot("awards-rules-05-rule-file-edit-errors")
    rule_file.refresh_from_db()
    assert rule_file.version == 1

    page.goto(page.base_url + "/khen-thuong/du-lieu/ky-luat/them/")
    expect(page.locator("#fact-form")).to_be_visible()
    shot("awards-rules-06-discipline-form")
