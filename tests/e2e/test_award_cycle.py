"""The whole award cycle in a browser, on the demo's day (26/11/2027): phường Lê Chân proposes three people of one
of its offices for 2027 (259/KH-UBND): two for the ward's Giấy khen, one for the city's Bằng khen (the programme
takes one person per office); the chairman approves each dossier and the ward's standing office receives them; the
ward's council votes by secret ballot: one passes, one fails below its threshold, the Bằng khen one is lowered to
Giấy khen; the standing office drafts the chairman's decision, the chairman signs, the signed Word file is
converted to PDF and read (number, annex); the certificate PDF of the award carries a QR code that opens the
verification page without login."""

import shutil
import subprocess
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from cchc.awards.models import Council, Decision, Dossier, Nomination, Programme
from cchc.core import dates
from cchc.demo.day import DEMO_DAY
from cchc.orgs.models import Person, Unit
from tests.e2e.conftest import SHOTS
from tests.e2e.test_award_registry import _decode_qr

pytestmark = pytest.mark.django_db(transaction=True)

PROGRAMME = "lc259_gk_hang_nam_ca_nhan"
UPWARD = "lc259_tp_hang_nam_ca_nhan"
YEAR = 2027
NUMBER = "131/QĐ-UBND"


def _logout(page):
    page.context.clear_cookies()


def _office_and_nominees(ward: Unit) -> tuple[Unit, list[Person]]:
    """The first office of the ward with three people who do not sit on the council that votes on them."""
    seated = set(Council.objects.get(unit=ward).members.values_list("name", flat=True))
    for office in Unit.objects.filter(parent=ward).order_by("code"):
        people = [
            p
            for p in Person.objects.filter(unit=office, is_active=True).order_by("pk")
            if p.full_name not in seated
        ]
        if len(people) >= 3:
            return office, people[:3]
    raise AssertionError("no office of the ward has three people to nominate")


def _open(page, programme: Programme, office: Unit) -> str:
    page.goto(page.base_url + "/khen-thuong/ho-so/")
    page.locator("#dossier-create").click()
    page.select_option("#id_programme", str(programme.pk))
    page.select_option("#id_proposing_unit", str(office.pk))
    page.fill("#id_year", str(YEAR))
    page.locator("#dossier-open").click()
    expect(page.locator("#dossier-title")).to_be_visible()
    return page.url


def _docx_text(path, tmp_path) -> str | None:
    """The text of the .docx through a PDF made by LibreOffice; None when LibreOffice is missing."""
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if not office or not shutil.which("pdftotext"):
        return None
    subprocess.run(
        [office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True,
        capture_output=True,
        timeout=90,
    )
    pdf = tmp_path / (path.stem + ".pdf")
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True)
    return out.stdout


def test_the_award_cycle_from_a_wards_proposal_to_a_verified_certificate(
    page, login, shot, browser, tmp_path, monkeypatch
):
    monkeypatch.setattr(dates, "today", lambda: DEMO_DAY)
    page.on("dialog", lambda d: d.accept())
    ward = Unit.objects.get(short_name="Lê Chân", kind="ward")
    programme = Programme.objects.get(code=PROGRAMME)
    upward = Programme.objects.get(code=UPWARD)
    assert not Dossier.objects.filter(programme__in=[programme, upward], year=YEAR).exists()
    office, people = _office_and_nominees(ward)
    ok = page.locator(".alert-success.alert-dismissible")

    # 1-3. Two dossiers of the office: two people for the ward's Giấy khen, one for the city's Bằng khen (the
    # programme allows one person per office); the chairman approves each, the standing office receives them.
    login("lechan")
    for n, (prog, nominees) in enumerate(((programme, people[:2]), (upward, people[2:])), start=1):
        url = _open(page, prog, office)
        for person in nominees:
            page.select_option("#id_person", str(person.pk))
            page.fill(
                "#id_achievement", "Hoàn thành xuất sắc nhiệm vụ cải cách hành chính năm 2027."
            )
            page.locator("#nominee-add").click()
        expect(page.locator(".nomination")).to_have_count(len(nominees))
        page.get_by_role("button", name="Trình lãnh đạo phê duyệt").click()
        expect(page.locator(".dossier-status")).to_have_text("Chờ lãnh đạo phê duyệt")
        shot(f"award_cycle_0{n}a_proposed")
        _logout(page)
        login("lechan.chutich")
        page.goto(url)
        page.locator("#dossier-moves").get_by_role("button", name="Phê duyệt").click()
        expect(page.locator(".dossier-status")).to_have_text("Lãnh đạo đã phê duyệt")
        _logout(page)
        login("lechan")
        page.goto(url)
        page.get_by_role("button", name="Nộp hồ sơ").click()
        expect(ok).to_contain_text("Hồ sơ đã nộp.")
        expect(page.locator(".dossier-status")).to_have_text("Đã nộp, chờ tiếp nhận")
        page.get_by_role("button", name="Tiếp nhận hồ sơ").click()
        expect(page.locator(".dossier-status")).to_have_text("Đã tiếp nhận")
        shot(f"award_cycle_0{n}b_received")

    # 4. The council is convened for the level's 2027 round (both programmes) and opens its meeting.
    council = Council.objects.get(unit=ward)
    page.goto(page.base_url + f"/khen-thuong/hoi-dong/{council.pk}/")
    page.click("#meeting-create")
    page.select_option("#id_programme", "")
    page.fill("#id_year", str(YEAR))
    page.fill("#id_held_on", "26/11/2027")
    page.fill("#id_title", "Họp xét khen thưởng cải cách hành chính năm 2027")
    page.click("form button[type=submit]:has-text('Triệu tập')")
    expect(page.locator("#meeting-status")).to_have_text("Đã triệu tập")
    page.click("[data-transition=open] button")
    expect(page.locator("#meeting-status")).to_have_text("Đang họp")
    members = council.members.filter(active=True).count()
    shot("award_cycle_04_meeting_open")

    # 5. Secret ballot: the first passes, the second fails below its threshold, the Bằng khen one is lowered.
    page.click("#vote-link")
    rows = page.locator("#tally-table tbody tr")
    expect(rows).to_have_count(3)
    counts = {
        people[0]: (members - 1, 1, 0),  # agree, disagree, lower
        people[1]: (2, members - 2, 0),
        people[2]: (2, 1, members - 3),
    }
    for person, (agree, disagree, lower) in counts.items():
        row = rows.filter(has_text=person.full_name)
        for key, value in {
            "issued": members,
            "returned": members,
            "invalid": 0,
            "agree": agree,
            "disagree": disagree,
            "lower": lower,
            "abstain": 0,
        }.items():
            row.locator(f"input[name^={key}-]").fill(str(value))
    shot("award_cycle_05_ballot")
    page.click("#vote-form button[type=submit]")
    expect(page.locator("#result-table [data-outcome]")).to_have_count(3)
    page.click("[data-transition=close] button")
    expect(page.locator("#meeting-status")).to_have_text("Đã kết thúc, có biên bản")
    for outcome in ("passed", "lowered", "failed"):
        expect(page.locator(f"#result-table [data-outcome={outcome}]")).to_have_count(1)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1366, f"the meeting's page is {width} px wide at 1366"
    shot("award_cycle_06_meeting_closed")
    status = {
        n.person_id: (n.status, n.result_form)
        for n in Nomination.objects.filter(dossier__year=YEAR, person__in=people)
    }
    assert [status[p.pk][0] for p in people] == ["passed", "failed", "lowered"]
    assert status[people[2].pk][1] == "giay_khen_chu_tich_ubnd_phuong"

    # 6. The standing office drafts the chairman's decision of the Giấy khen round; the lowered nominee waits in
    # the round of its own programme, at Giấy khen, for the ward's decision too.
    page.goto(page.base_url + "/khen-thuong/quyet-dinh/lap/")
    page.select_option("#id_programme", str(upward.pk))
    page.fill("#id_year", str(YEAR))
    page.click("#round-preview")
    page.wait_for_selector("#own-rows")
    expect(page.locator("#own-rows")).to_contain_text(people[2].full_name)
    expect(page.locator("#own-rows")).to_contain_text("Giấy khen")
    shot("award_cycle_07a_lowered_round")
    page.select_option("#id_programme", str(programme.pk))
    page.fill("#id_year", str(YEAR))
    page.click("#round-preview")
    page.wait_for_selector("#own-rows")
    expect(page.locator("#own-rows")).to_contain_text(people[0].full_name)
    expect(page.locator("#own-rows")).not_to_contain_text(people[1].full_name)
    shot("award_cycle_07b_draft")
    page.click("#round-save")
    page.wait_for_selector("#annex-table")
    decision = Decision.objects.get(programme=programme, year=YEAR, unit=ward)

    # 7. The chairman signs; the signed decision's Word file names the number and the annex.
    _logout(page)
    login("lechan.chutich")
    page.goto(page.base_url + f"/khen-thuong/quyet-dinh/{decision.pk}/")
    page.fill("#id_number", NUMBER)
    page.fill("#id_signed_on", "26/11/2027")
    page.fill("#id_signer_name", "Phạm Văn Tân")
    page.click("#sign-submit")
    page.wait_for_selector("#award-table")
    assert "Đã ký, ban hành" in page.inner_text("#decision-status")
    expect(page.locator("#award-table tbody tr")).to_have_count(1)
    expect(page.locator("#award-table")).to_contain_text(people[0].full_name)
    shot("award_cycle_08_signed")
    with page.expect_download() as download:
        page.click("#decision-docx")
    docx = tmp_path / "quyet-dinh.docx"
    download.value.save_as(docx)
    assert docx.read_bytes().startswith(b"PK")
    text = _docx_text(docx, tmp_path)
    if text is not None:
        flat = " ".join(text.split())
        assert NUMBER.split("/")[0] in flat and "QĐ-UBND" in flat
        assert people[0].full_name in flat
        assert people[1].full_name not in flat

    # 8. The certificate of the new award; its QR code opens the verification page without login.
    page.goto(page.base_url + "/khen-thuong/so-khen-thuong/?q=" + people[0].full_name)
    expect(page.locator("#award-table")).to_contain_text(NUMBER)
    page.locator("#award-table tbody tr", has_text=NUMBER).locator("a").first.click()
    expect(page.locator("#certificate-download")).to_be_visible()
    shot("award_cycle_09_award")
    href = page.locator("#certificate-download").get_attribute("href")
    response = page.request.get(page.base_url + href)
    assert response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "giay-khen.pdf"
    pdf.write_bytes(response.body())
    url = _decode_qr(pdf, tmp_path)
    assert "/xac-minh/" in url
    anonymous = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    visitor = anonymous.new_page()
    visitor.goto(page.base_url + urlparse(url).path)
    assert "/dang-nhap/" not in visitor.url
    card = visitor.locator("#verify-card")
    expect(card).to_contain_text("Giấy chứng nhận hợp lệ")
    expect(card).to_contain_text(people[0].full_name)
    expect(card).to_contain_text("Giấy khen")
    expect(card).to_contain_text(NUMBER)
    visitor.screenshot(path=str(SHOTS / "award_cycle_10_verified.png"), full_page=True)
    anonymous.close()
