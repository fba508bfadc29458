"""Nomination dossiers in a browser, on the demo's day (26/11/2027): phường Lê Chân's standing office opens a
dossier proposing the ward for the city's annual Bằng khen of 2027 (2162/QĐ-UBND), the chairman approves it, the
office submits it (accepted "cần kiểm tra": the 2027 ranking is not published); a second collective of Lê Chân
is refused by the quota of one collective per unit, naming the dossier that fills it; Sở Nội vụ records a paper
dossier received on 01/04/2027 for the 2026 awards and it is refused (dossiers before 31/3/2027), while an
ad-hoc one received the same day is accepted and received."""

import pytest
from playwright.sync_api import expect

from cchc.awards.models import Programme
from cchc.core import dates
from cchc.demo.day import DEMO_DAY
from cchc.orgs.models import Person, Unit

pytestmark = pytest.mark.django_db(transaction=True)


def _logout(page):
    page.context.clear_cookies()


def _open(page, programme: str, unit: Unit, year: int):
    page.goto(page.base_url + "/khen-thuong/ho-so/")
    page.locator("#dossier-create").click()
    page.select_option("#id_programme", str(Programme.objects.get(code=programme).pk))
    page.select_option("#id_proposing_unit", str(unit.pk))
    page.fill("#id_year", str(year))
    page.locator("#dossier-open").click()
    expect(page.locator("#dossier-title")).to_be_visible()
    return page.url


def _sign_off_and_submit(page, login, url: str):
    page.get_by_role("button", name="Trình lãnh đạo phê duyệt").click()
    expect(page.locator(".dossier-status")).to_have_text("Chờ lãnh đạo phê duyệt")
    expect(page.locator("#dossier-files .dossier-file[data-kind='submission']")).to_have_count(1)
    _logout(page)
    login("lechan.chutich")
    page.goto(url)
    page.locator("#dossier-moves").get_by_role("button", name="Phê duyệt").click()
    expect(page.locator(".dossier-status")).to_have_text("Lãnh đạo đã phê duyệt")
    _logout(page)
    login("lechan")
    page.goto(url)
    page.get_by_role("button", name="Nộp hồ sơ").click()


def test_le_chan_submits_a_second_collective_is_refused_a_late_paper_dossier_too_an_ad_hoc_one_not(
    page, login, shot, monkeypatch
):
    monkeypatch.setattr(dates, "today", lambda: DEMO_DAY)
    page.on("dialog", lambda d: d.accept())
    ward = Unit.objects.get(short_name="Lê Chân", kind="ward")
    vp = Unit.objects.get(code=f"{ward.code}-VP")
    ktd = Unit.objects.get(short_name="Khúc Thừa Dụ", kind="commune")
    ok = page.locator(".alert-success.alert-dismissible")
    error = page.locator(".alert-danger.alert-dismissible")

    # 1. Lê Chân's office opens the dossier and proposes the ward; the verdict shows its reasons.
    login("lechan")
    url = _open(page, "hp2162_tp_hang_nam_tap_the", ward, 2027)
    page.select_option("#id_unit", str(ward.pk))
    page.fill(
        "#id_achievement",
        "Dẫn đầu khối phường về chuyển đổi số trong giải quyết thủ tục hành chính.",
    )
    page.locator("#nominee-add").click()
    nominee = page.locator(".nomination").first
    expect(nominee.locator(".nominee-verdict")).to_have_text("Cần kiểm tra")
    expect(nominee.locator(".nominee-reasons")).to_contain_text("2162/QĐ-UBND, mục III.2.1.2.a")
    expect(nominee.locator(".nominee-evidence")).to_contain_text("Chỉ số CCHC")
    page.locator("#id_file").set_input_files(
        files=[
            {
                "name": "bien-ban-hoi-dong.pdf",
                "mimeType": "application/pdf",
                "buffer": b"%PDF-1.4 bien ban",
            }
        ]
    )
    page.locator("#attach-submit").click()
    expect(ok).to_contain_text("Đã đính kèm tệp.")
    shot("award-dossier-01-lechan-draft")

    # 2. The chairman approves, the office submits: accepted, to check.
    _sign_off_and_submit(page, login, url)
    expect(ok).to_contain_text("Hồ sơ đã nộp.")
    expect(ok).to_contain_text("Cần kiểm tra")
    expect(page.locator(".dossier-status")).to_have_text("Đã nộp, chờ tiếp nhận")
    shot("award-dossier-02-lechan-submitted")
    first_number = page.locator("#dossier-title").inner_text().split(":")[0]

    # 3. A second collective of Lê Chân for the same year: refused by the quota, naming the first dossier.
    second = _open(page, "hp2162_tp_hang_nam_tap_the", ward, 2027)
    page.select_option("#id_unit", str(vp.pk))
    page.locator("#nominee-add").click()
    _sign_off_and_submit(page, login, second)
    expect(error).to_contain_text("Hồ sơ không được xét")
    refusal = page.locator("#refusal-reason")
    expect(refusal).to_contain_text("Đã đủ 01 tập thể của Phường Lê Chân")
    expect(refusal).to_contain_text(first_number.lower())
    expect(page.locator(".dossier-status")).to_have_text("Không được xét")
    shot("award-dossier-03-second-collective-refused")

    # 4. Sở Nội vụ records a paper dossier received on 01/04/2027 for the 2026 awards: refused, 31/3.
    _logout(page)
    login("snv")
    _open(page, "hp2162_tp_hang_nam_ca_nhan", ktd, 2026)
    person = (
        Person.objects.filter(unit__code=f"{ktd.code}-VHXH", is_active=True).order_by("pk").first()
    )
    page.select_option("#id_person", str(person.pk))
    page.locator("#nominee-add").click()
    page.fill("#id_received_on", "01/04/2027")
    page.locator("#paper-submit").click()
    refusal = page.locator("#refusal-reason")
    expect(refusal).to_contain_text("Hạn nộp hồ sơ là trước ngày 31/03/2027")
    expect(refusal).to_contain_text("hồ sơ nộp ngày 01/04/2027")
    expect(page.locator("#dossier-paper")).to_contain_text("01/04/2027")
    shot("award-dossier-04-late-paper-refused")

    # 5. An ad-hoc award received the same day is not refused, and Sở Nội vụ receives it.
    _open(page, "hp2162_tp_ngoai_co_cau_tap_the", ktd, 2026)
    page.select_option("#id_unit", str(ktd.pk))
    page.locator("#nominee-add").click()
    page.fill("#id_received_on", "01/04/2027")
    page.locator("#paper-submit").click()
    expect(ok).to_contain_text("Khen thưởng đột xuất: không áp dụng thời hạn nộp hồ sơ")
    expect(page.locator(".dossier-status")).to_have_text("Đã nộp, chờ tiếp nhận")
    page.get_by_role("button", name="Tiếp nhận hồ sơ").click()
    expect(page.locator(".dossier-status")).to_have_text("Đã tiếp nhận")
    shot("award-dossier-05-ad-hoc-received")

    # 6. The list and the board of who has not submitted.
    page.goto(page.base_url + "/khen-thuong/ho-so/?year=2026")
    expect(page.locator("#dossier-table .dossier-row").first).to_be_visible()
    shot("award-dossier-06-list")
    programme = Programme.objects.get(code="hp2162_tp_hang_nam_tap_the")
    page.goto(page.base_url + f"/khen-thuong/ho-so/chua-nop/?programme={programme.pk}&year=2026")
    expect(page.locator("#board-table")).to_contain_text("Phường Lê Chân")
    shot("award-dossier-07-board")
