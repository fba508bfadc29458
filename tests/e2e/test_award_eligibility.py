"""The eligibility page of the city's annual collective programme: the standing agency filters the ward bloc, reads
the ranks and the reasons; Lê Chân reads its own ward only."""

from playwright.sync_api import expect

from cchc.awards.tests.eligibility_fixtures import programme


def test_the_standing_agency_reads_verdicts_and_lechan_its_own(page, login, shot):
    prog = programme("hp2162_tp_hang_nam_tap_the")
    login("snv")
    page.goto(f"{page.base_url}/khen-thuong/chuong-trinh/{prog.pk}/xet/")
    expect(page.locator("#eligibility-title")).to_contain_text("năm 2026")
    expect(page.locator("#eligibility-rule")).to_contain_text("2162/QĐ-UBND")
    page.select_option("#f-bloc", "phuong")
    page.fill("#f-q", "")
    page.click("#eligibility-form button[type=submit]")
    expect(page.locator(".eligibility-row").first).to_be_visible()
    expect(page.locator("#eligibility-table")).to_contain_text("khối phường năm 2026")
    shot("award-eligibility-city")
    page.fill("#f-q", "le chan")
    page.click("#eligibility-form button[type=submit]")
    expect(page.locator(".eligibility-row")).to_have_count(1)
    page.context.clear_cookies()
    login("lechan")
    page.goto(f"{page.base_url}/khen-thuong/chuong-trinh/{prog.pk}/xet/")
    expect(page.locator("#eligibility-own-only")).to_be_visible()
    expect(page.locator(".eligibility-row")).to_have_count(1)
    shot("award-eligibility-lechan")
