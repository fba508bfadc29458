"""The PAR Index cycle in a browser: Lê Chân self-scores with evidence, its chairman approves, Lê Chân submits;
Sở Nội vụ appraises, imports the survey, finalises and publishes; the ranking and Lê Chân's page show the new
total."""

import io
import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from cchc.core import dates
from cchc.core.scope import SYSTEM
from cchc.orgs.models import Unit
from cchc.par import criteria_services, round_services
from cchc.par.models import CriteriaSet

pytestmark = pytest.mark.django_db(transaction=True)

YEAR = 2027


def _fresh_round():
    """A 2027 round (sets cloned from 2026) whose windows are open today, whatever today is."""
    for cs in CriteriaSet.objects.filter(year=YEAR - 1, is_current=True):
        criteria_services.set_clone(actor=SYSTEM, source=cs, year=YEAR)
    today = dates.today()
    city = Unit.objects.get(kind="city", code="HP")
    r = round_services.round_create(
        actor=SYSTEM,
        organiser=city,
        year=YEAR,
        self_start=today - timedelta(days=3),
        self_end=today + timedelta(days=3),
        appraisal_start=today - timedelta(days=3),
        appraisal_end=today + timedelta(days=10),
        response_start=today - timedelta(days=3),
        response_end=today + timedelta(days=12),
        audit_it=False,
    )
    round_services.round_open(actor=SYSTEM, round_=r)
    return r


def _survey_file(unit) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Mã đơn vị", "Đơn vị", "S1", "S2"])
    ws.append([unit.code, unit.name, "18,5", 9])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _logout(page):
    page.context.clear_cookies()


def test_a_ward_self_assesses_the_city_appraises_and_publishes_and_the_ranking_shows_it(
    page, login, shot, tmp_path
):
    r = _fresh_round()
    lc = Unit.objects.get(short_name="Lê Chân", kind="ward")
    assessment = r.assessments.get(unit=lc)
    page.on("dialog", lambda d: d.accept())

    # 1. Lê Chân fills its self-assessment, attaches evidence and submits.
    login("lechan")
    page.goto(page.base_url + "/chi-so/")
    shot("par-01-home-lechan")
    page.locator(f"#own-assessments tr[data-year='{YEAR}']").get_by_role(
        "link", name="Mở hồ sơ"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"năm {YEAR} – Phường Lê Chân")
    evidence = tmp_path / "bao-cao-sang-kien.pdf"
    evidence.write_bytes(b"%PDF-1.4 minh chung sang kien")
    for code in ("1.2", "1.6", "3.2", "7.2"):
        row = page.locator(f"tr[data-code='{code}']")
        row.locator("summary").click()
        row.locator("input[type=file]").set_input_files(str(evidence))
        row.get_by_role("button", name="Tải lên").click()
        expect(row.locator(".evidence-list a", has_text="bao-cao-sang-kien.pdf")).to_be_visible()
    row = page.locator("tr[data-code='1.1']")
    row.locator("summary").click()
    row.locator("input[name=document]").fill("259/KH-UBND")
    row.get_by_role("button", name="Tải lên").click()
    expect(row.locator(".evidence-list a", has_text="259/KH-UBND")).to_be_visible()

    rows = page.locator("table.par-sheet tbody tr[data-code]")
    for i in range(rows.count()):
        row = rows.nth(i)
        select = row.locator("select[name^=v_]")
        box = row.locator("input[name^=v_]")
        if select.count():
            select.select_option("1")
        elif box.count():
            placeholder = box.get_attribute("placeholder") or ""
            if placeholder == "số liệu":
                box.fill("100")
            else:
                box.fill(placeholder.split("–")[-1].strip())
        text = row.locator("textarea[name^=t_]")
        if text.count():
            text.fill("Hoàn thành theo kế hoạch")
    shot("par-02-self-assessment-filled")
    send = page.locator("#actions").get_by_role("button", name="Trình lãnh đạo phê duyệt")
    expect(send).to_be_disabled()  # the page was loaded before the criteria were scored
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.locator(".alert-success.alert-dismissible")).to_contain_text("Đã lưu bản nháp")
    send.click()
    expect(page.locator(".alert-success.alert-dismissible")).to_contain_text(
        "Đã trình lãnh đạo phê duyệt hồ sơ tự đánh giá"
    )
    expect(page.locator("h1 + div .par-status")).to_have_text("Chờ lãnh đạo phê duyệt")

    # The ward's chairman approves; then Lê Chân submits.
    _logout(page)
    login("lechan.chutich")
    page.goto(page.base_url + f"/chi-so/ho-so/{assessment.pk}/")
    page.locator("#actions").get_by_role("button", name="Phê duyệt").click()
    expect(page.locator(".alert-success.alert-dismissible")).to_contain_text(
        "Đã phê duyệt hồ sơ tự đánh giá"
    )
    _logout(page)
    login("lechan")
    page.goto(page.base_url + f"/chi-so/ho-so/{assessment.pk}/")
    page.locator("#actions").get_by_role("button", name="Nộp hồ sơ").click()
    expect(page.locator(".alert-success.alert-dismissible")).to_contain_text(
        "Đã nộp hồ sơ tự đánh giá"
    )
    expect(page.locator("h1 + div .par-status")).to_have_text("Đã nộp, chờ thẩm định")
    shot("par-03-self-assessment-submitted")
    assessment.refresh_from_db()
    assert assessment.status == "submitted"
    assert assessment.answers.filter(evidence__isnull=False).count() == 5

    # 2. Sở Nội vụ appraises: lowers 1.6, comments, finalises.
    _logout(page)
    login("snv")
    page.goto(page.base_url + "/chi-so/")
    shot("par-04-home-snv")
    page.locator("#appraisal-queue tr", has_text="Phường Lê Chân").get_by_role(
        "link", name="Thẩm định"
    ).click()
    row = page.locator("tr[data-code='1.6']")
    row.locator("input[name^=v_]").fill("1")
    row.locator("textarea[name^=t_]").fill("Chỉ một sáng kiến được công nhận trong năm")
    page.get_by_role("button", name="Lưu thẩm định").click()
    expect(page.locator(".alert-success.alert-dismissible")).to_contain_text(
        "Đã lưu kết quả thẩm định (1 tiêu chí thay đổi)"
    )
    expect(page.locator("#appraised-total")).to_have_text("69,00")
    shot("par-05-appraisal")
    page.get_by_role("button", name="Chốt kết quả thẩm định").click()
    expect(page.locator(".alert-success.alert-dismissible")).to_contain_text(
        "Đã chốt kết quả thẩm định của Phường Lê Chân"
    )

    # 3. The survey scores come from an Excel file.
    page.goto(page.base_url + f"/chi-so/dot/{r.pk}/dieu-tra/nhap/")
    survey = tmp_path / "dieu-tra.xlsx"
    survey.write_bytes(_survey_file(lc))
    page.locator("input[type=file]").set_input_files(str(survey))
    page.get_by_role("button", name="Xem trước").click()
    shot("par-06-survey-preview")
    page.get_by_role("button", name=re.compile("Xác nhận nhập 1 đơn vị")).click()
    expect(page.locator(".alert-success.alert-dismissible")).to_contain_text(
        "Đã nhập điểm điều tra xã hội học của 1 đơn vị"
    )

    # 4. Publication.
    page.goto(page.base_url + f"/chi-so/dot/{r.pk}/")
    shot("par-07-round-before-publishing")
    page.get_by_role("button", name="Công bố kết quả").click()
    expect(page.locator(".alert-success.alert-dismissible")).to_contain_text(
        f"Đã công bố kết quả Chỉ số CCHC năm {YEAR}"
    )
    shot("par-08-dashboard-after-publishing")

    # 5. The ranking and Lê Chân's page show the new total: 69 + 27,5 = 96,50.
    page.goto(page.base_url + f"/chi-so/ket-qua/{YEAR}/phuong/")
    line = page.locator("#ranking-table tbody tr", has_text="Phường Lê Chân")
    expect(line).to_contain_text("96,50")
    expect(line.locator("td").first).to_have_text("1")
    shot("par-09-ranking-after-publishing")
    _logout(page)
    login("lechan")
    page.goto(page.base_url + f"/chi-so/don-vi/{lc.pk}/")
    expect(page.locator("#latest-total")).to_have_text("96,50")
    expect(page.locator("#history-table")).to_contain_text(str(YEAR))
    shot("par-10-unit-page-lechan")
