"""A tour of the PAR Index pages in a browser, with a screenshot of each: criteria sets (edit, validate,
bands, Excel import errors), rounds, survey, appraisal with a conflicting save, dashboard, rankings, unit page."""

import io
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from cchc.core import dates
from cchc.core.scope import SYSTEM
from cchc.orgs.models import Unit
from cchc.par import assessment_services, criteria_services, round_services
from cchc.par.answer_services import Entry
from cchc.par.choices import Method
from cchc.par.models import CriteriaSet, Round
from tests.e2e.conftest import SHOTS

pytestmark = pytest.mark.django_db(transaction=True)


def _xlsx(rows) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_criteria_set_pages(page, login, shot, tmp_path):
    page.on("dialog", lambda d: d.accept())
    login("snv")
    page.goto(page.base_url + "/chi-so/bo-chi-so/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bộ chỉ số đánh giá, xếp hạng CCHC")
    shot("par-20-set-list")
    frozen = CriteriaSet.objects.get(year=2026, bloc_code="phuong", is_current=True)
    page.goto(page.base_url + f"/chi-so/bo-chi-so/{frozen.pk}/")
    expect(page.locator("#set-valid")).to_be_visible()
    expect(page.get_by_role("button", name="Tạo phiên bản mới để sửa")).to_be_visible()
    shot("par-21-set-detail-frozen")

    # Clone to 2031, then break a sum on purpose and see the codes named.
    page.locator("input[name=year]").fill("2031")
    page.get_by_role("button", name="Nhân bản").click()
    expect(page.locator(".alert-success.alert-dismissible")).to_contain_text("Đã nhân bản")
    expect(page.get_by_role("heading", level=1)).to_contain_text("2031")
    page.locator("tr", has_text="Tuyên truyền cải cách hành chính").get_by_title("Sửa").click()
    shot("par-22-node-form")
    page.locator("#id_max_score").fill("1,5")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("#set-errors")).to_contain_text(
        "Mục 1 (tối đa 9,00): tổng điểm tối đa các mục con 1.1, 1.2, 1.3, 1.4, 1.5, 1.6 là 9,50, phải bằng 9,00."
    )
    shot("par-23-set-detail-draft-invalid")
    page.goto(page.url.split("#")[0] + "xep-loai/")
    shot("par-24-set-bands")
    page.get_by_role("link", name="Hủy").click()
    page.get_by_role("link", name="Sửa thông tin").click()
    shot("par-25-set-edit")

    # An Excel file whose children do not add up is refused whole, rows and codes named.
    bad = tmp_path / "bo-chi-so.xlsx"
    bad.write_bytes(
        _xlsx(
            [
                ["Mã", "Nội dung", "Điểm tối đa", "Phương pháp chấm"],
                ["1", "Chỉ đạo, điều hành", 10, ""],
                ["1.1", "Kế hoạch", 4, "Chấm điểm"],
                ["1.2", "Báo cáo", 5, "Chấm điểm"],
                ["S1", "Khảo sát", "ba mươi", "Điều tra"],
            ]
        )
    )
    page.goto(page.base_url + "/chi-so/bo-chi-so/nhap/")
    page.locator("#id_year").fill("2032")
    page.locator("#id_name").fill("Bộ chỉ số thử")
    page.locator("#id_file").set_input_files(str(bad))
    page.get_by_role("button", name="Nhập").click()
    expect(page.locator("#import-errors")).to_contain_text(
        "Dòng 5: điểm tối đa “ba mươi” không phải số."
    )
    shot("par-26-set-import-errors")
    assert not CriteriaSet.objects.filter(year=2032).exists()


def _fresh_round():
    for cs in CriteriaSet.objects.filter(year=2026, is_current=True):
        criteria_services.set_clone(actor=SYSTEM, source=cs, year=2027)
    today = dates.today()
    r = round_services.round_create(
        actor=SYSTEM,
        organiser=Unit.objects.get(kind="city", code="HP"),
        year=2027,
        self_start=today - timedelta(days=3),
        self_end=today + timedelta(days=3),
        appraisal_start=today - timedelta(days=3),
        appraisal_end=today + timedelta(days=10),
        response_start=today - timedelta(days=3),
        response_end=today + timedelta(days=12),
        audit_it=False,
    )
    round_services.round_open(actor=SYSTEM, round_=r)
    ltn = r.assessments.get(unit__short_name="Lê Thanh Nghị")
    entries = {}
    for a in ltn.answers.select_related("criterion").exclude(criterion__method=Method.SURVEY):
        c = a.criterion
        entries[c.pk] = Entry(
            value={Method.YES_NO: 1, Method.THRESHOLD: 95}.get(c.method, c.max_score),
            text="Đã thực hiện",
        )
    assessment_services.self_assessment_save(actor=SYSTEM, assessment=ltn, entries=entries)
    from django.core.files.uploadedfile import SimpleUploadedFile

    for a in ltn.answers.filter(criterion__evidence_required=True):
        assessment_services.evidence_add(
            actor=SYSTEM, answer=a, upload=SimpleUploadedFile("mc.pdf", b"%PDF minh chung")
        )
    for move in (
        assessment_services.assessment_request_approval,
        assessment_services.assessment_approve,
        assessment_services.assessment_submit,
    ):
        move(actor=SYSTEM, assessment=ltn)
    return r, ltn


def test_round_survey_and_a_conflicting_appraisal(page, login, shot, tmp_path):
    r, ltn = _fresh_round()
    page.on("dialog", lambda d: d.accept())
    login("snv")
    demo_round = Round.objects.get(year=2026)
    page.goto(page.base_url + f"/chi-so/dot/{demo_round.pk}/?bloc=phuong")
    expect(page.locator("#progress-table")).to_contain_text("Phường Lê Chân")
    shot("par-30-round-detail")
    page.goto(page.base_url + f"/chi-so/dot/{demo_round.pk}/sua/")
    shot("par-31-round-edit")
    page.goto(page.base_url + f"/chi-so/dot/{demo_round.pk}/to-tham-dinh/")
    shot("par-32-round-team")
    page.goto(page.base_url + "/chi-so/dot/them/")
    shot("par-33-round-create")
    page.goto(page.base_url + f"/chi-so/dot/{r.pk}/dieu-tra/")
    shot("par-34-survey")
    bad = tmp_path / "dieu-tra.xlsx"
    bad.write_bytes(
        _xlsx(
            [
                ["Mã đơn vị", "Đơn vị", "S1", "S2"],
                ["", "Phường Lê Chân", 18, 9],
                ["", "Phường Không Có", 17, 8],
                ["", "Xã Khúc Thừa Dụ", "mười bảy", 8],
            ]
        )
    )
    page.goto(page.base_url + f"/chi-so/dot/{r.pk}/dieu-tra/nhap/")
    page.locator("input[type=file]").set_input_files(str(bad))
    page.get_by_role("button", name="Xem trước").click()
    errors = page.locator("#import-errors")
    expect(errors).to_contain_text("Dòng 3: không có đơn vị “Phường Không Có” trong đợt đánh giá")
    expect(errors).to_contain_text("Dòng 4: điểm S1 “mười bảy” không phải số")
    expect(page.get_by_role("button", name="Xác nhận")).to_have_count(0)
    shot("par-35-survey-import-errors")

    # Two appraisers open the same file; the second save of criterion 1.5 is refused, naming it.
    url = page.base_url + f"/chi-so/ho-so/{ltn.pk}/tham-dinh/"
    page.goto(url)
    other = page.context.new_page()
    other.goto(url)
    page.locator("tr[data-code='1.5'] input[name^=v_]").fill("0,5")
    page.get_by_role("button", name="Lưu thẩm định").click()
    expect(page.locator(".alert-success.alert-dismissible")).to_contain_text("1 tiêu chí thay đổi")
    other.locator("tr[data-code='1.5'] input[name^=v_]").fill("0,75")
    other.locator("tr[data-code='1.5'] textarea").fill("Tuyên truyền chưa đều")
    other.get_by_role("button", name="Lưu thẩm định").click()
    expect(other.locator(".alert-danger.alert-dismissible")).to_contain_text(
        "tiêu chí 1.5 (Tuyên truyền cải cách hành chính) vừa được Trần Thu Hà sửa lúc"
    )
    stale_row = other.locator("tr[data-code='1.5']")
    expect(stale_row).to_have_class("table-danger")
    expect(stale_row.locator("input[name^=v_]")).to_have_value("0,5")
    other.screenshot(path=str(SHOTS / "par-36-appraisal-conflict.png"))
    ltn.refresh_from_db()
    assert ltn.answers.get(criterion__code="1.5").appraised_score == 0.5
    other.close()


def test_results_pages_and_what_a_ward_sees_before_publication(page, login, shot):
    login("snv")
    page.goto(page.base_url + "/chi-so/ket-qua/?year=2025")
    expect(page.locator("#risers tr")).to_have_count(5)
    shot("par-40-dashboard-2025")
    for bloc in ("so-nganh", "phuong", "xa-dac-khu"):
        page.goto(page.base_url + f"/chi-so/ket-qua/2025/{bloc}/")
        expect(page.locator("#ranking-table tbody tr").first).to_be_visible()
        shot(f"par-41-ranking-2025-{bloc}")
    lc = Unit.objects.get(short_name="Lê Chân", kind="ward")
    page.goto(page.base_url + f"/chi-so/don-vi/{lc.pk}/")
    shot("par-42-unit-page")
    page.context.clear_cookies()

    login("lechan")
    page.goto(page.base_url + "/chi-so/")
    shot("par-43-home-lechan")
    page.goto(page.base_url + "/chi-so/ket-qua/2026/phuong/")
    expect(page.locator("#not-published")).to_be_visible()
    shot("par-44-ranking-not-published-lechan")
    page.goto(page.base_url + "/chi-so/ket-qua/2025/phuong/")
    expect(page.locator("#ranking-table a")).to_have_count(1)
    shot("par-45-ranking-2025-lechan")
    assessment = Round.objects.get(year=2026).assessments.get(unit=lc)
    page.goto(page.base_url + f"/chi-so/ho-so/{assessment.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("năm 2026 – Phường Lê Chân")
    shot("par-46-self-assessment-demo-lechan")
    ktd = Round.objects.get(year=2026).assessments.get(unit__short_name="Khúc Thừa Dụ")
    response = page.goto(page.base_url + f"/chi-so/ho-so/{ktd.pk}/")
    assert response.status == 404
    page.context.clear_cookies()

    login("lechan.xem")
    page.goto(page.base_url + f"/chi-so/ho-so/{assessment.pk}/")
    expect(page.locator("textarea")).to_have_count(0)
    shot("par-47-self-assessment-viewer")
