"""Pages and files of the PAR Index through the test client: forms, exports, the Word table."""

import io
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from cchc.core.models import AuditLog
from cchc.par.choices import SetStatus
from cchc.par.models import Assessment, CriteriaSet, Evidence, Round
from cchc.par.tests.conftest import TODAY, xlsx

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_the_ranking_exports_to_excel_with_a_row_per_unit(demo):
    from openpyxl import load_workbook

    response = client_for(demo.user("lechan")).get("/chi-so/ket-qua/2025/phuong/xep-hang.xlsx")
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:4] == ("Khối", "Xếp hạng", "Thứ tự xét khen thưởng", "Đơn vị")
    assert len(rows) == 46 and rows[1][1] == 1


def test_the_ranking_exports_to_a_word_table_in_the_administrative_format(demo):
    from docx import Document
    from docx.shared import Pt

    response = client_for(demo.user("snv")).get("/chi-so/ket-qua/2025/tat-ca/xep-hang.docx")
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (
        round(section.left_margin.mm),
        round(section.right_margin.mm),
        round(section.top_margin.mm),
    ) == (30, 15, 20)
    assert section.different_first_page_header_footer
    header = doc.tables[0]
    assert "THÀNH PHỐ HẢI PHÒNG" in header.cell(0, 0).text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header.cell(0, 1).text
    assert "Độc lập - Tự do - Hạnh phúc" in header.cell(0, 1).text
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "KẾT QUẢ XẾP HẠNG CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025" in text
    assert (
        "(Kèm theo Quyết định số …/QĐ-UBND ngày … tháng … năm … của Chủ tịch Ủy ban nhân dân thành phố Hải Phòng)"
        in text
    )
    tables = doc.tables[1:]
    assert [len(t.rows) - 1 for t in tables] == [14, 45, 69]
    assert tables[1].rows[0].cells[0].text == "Xếp hạng" and tables[1].rows[1].cells[0].text == "1"
    assert "," in tables[1].rows[1].cells[4].text  # decimal comma
    fonts = {r.font.name for p in doc.paragraphs for r in p.runs if r.text.strip()}
    sizes = {r.font.size for p in doc.paragraphs for r in p.runs if r.text.strip()}
    assert fonts == {"Times New Roman"} and sizes <= {Pt(12), Pt(13), Pt(14)}


def test_the_ranking_document_is_an_annex_dated_the_day_the_results_were_published(demo):
    from docx import Document

    from cchc.core.dates import long_form

    published = timezone.localtime(
        Round.objects.get(year=2025, published_at__isnull=False).published_at
    ).date()
    response = client_for(demo.user("snv")).get("/chi-so/ket-qua/2025/phuong/xep-hang.docx")
    doc = Document(io.BytesIO(response.content))
    header = doc.tables[0]
    assert header.cell(1, 1).text.strip() == f"Hải Phòng, {long_form(published)}"
    lines = [p.text for p in doc.paragraphs if p.text.strip()]
    assert lines[:2] == ["Phụ lục", "KẾT QUẢ XẾP HẠNG CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025"]
    assert "KHỐI PHƯỜNG" in lines and lines[-1].endswith("rồi điểm điều tra cao hơn./.")
    ranks = doc.tables[1]
    assert [c.text for c in ranks.rows[0].cells] == [
        "Xếp hạng",
        "Đơn vị",
        "Điểm thẩm định",
        "Điểm điều tra XHH",
        "Chỉ số (%)",
        "Xếp loại",
    ]
    assert len(doc.tables) == 2  # the heading and the one bloc: an annex carries no signature


def test_the_criteria_set_pages_edit_a_draft_and_version_a_frozen_one(demo):
    snv = client_for(demo.user("snv"))
    frozen = CriteriaSet.objects.get(year=2026, bloc_code="so-nganh", is_current=True)
    response = snv.post(f"/chi-so/bo-chi-so/{frozen.pk}/phien-ban-moi/")
    draft = CriteriaSet.objects.get(previous=frozen)
    assert response.status_code == 302 and response["Location"] == f"/chi-so/bo-chi-so/{draft.pk}/"
    node = draft.criteria.get(code="8.1")
    response = snv.post(
        f"/chi-so/bo-chi-so/{draft.pk}/tieu-chi/{node.pk}/sua/",
        {
            "code": "8.1",
            "name": node.name,
            "max_score": "5",
            "method": "threshold",
            "thresholds": "100:5; 90:2,5; 0:0",
            "figure_unit": "%",
        },
    )
    assert response.status_code == 302
    node.refresh_from_db()
    assert node.method == "threshold" and [t.score for t in node.thresholds.all()] == [5, 2.5, 0]
    response = snv.post(
        f"/chi-so/bo-chi-so/{draft.pk}/xep-loai/",
        {
            "name_0": "Xuất sắc",
            "min_0": "95",
            "name_1": "Tốt",
            "min_1": "85",
            "name_2": "Đạt",
            "min_2": "0",
        },
    )
    assert response.status_code == 302
    assert snv.post(f"/chi-so/bo-chi-so/{draft.pk}/ban-hanh/").status_code == 302
    draft.refresh_from_db()
    assert draft.is_current and draft.status == SetStatus.FROZEN
    assert list(draft.bands.values_list("name", flat=True)) == ["Xuất sắc", "Tốt", "Đạt"]
    assert (
        Assessment.objects.filter(round__year=2026, bloc_code="so-nganh")
        .exclude(criteria_set=draft)
        .count()
        == 0
    )


def test_a_criteria_set_is_imported_from_an_excel_upload(demo):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = xlsx(
        [
            ["Mã", "Nội dung", "Điểm tối đa", "Phương pháp chấm"],
            ["1", "A", 10, "Chấm điểm"],
            ["S1", "Khảo sát", 0, "Điều tra"],
        ]
    )
    response = client_for(demo.user("snv")).post(
        "/chi-so/bo-chi-so/nhap/",
        {
            "year": "2033",
            "bloc_code": "phuong",
            "name": "Bộ thử",
            "appraised_max": "10",
            "survey_max": "0",
            "file": SimpleUploadedFile("bo.xlsx", data),
        },
    )
    cs = CriteriaSet.objects.get(year=2033)
    assert response.status_code == 302 and cs.criteria.count() == 2


def test_the_self_assessment_page_saves_only_changed_rows_and_submits(
    fresh_round, demo, monkeypatch
):
    from cchc.core import dates

    monkeypatch.setattr(dates, "today", lambda: TODAY)
    a = Assessment.objects.get(round=fresh_round, unit=demo.level("Lê Chân"))
    lechan = client_for(demo.user("lechan"))
    page = lechan.get(f"/chi-so/ho-so/{a.pk}/").content.decode()
    answer = a.answers.select_related("criterion").get(criterion__code="1.5")
    import re

    fp = re.search(rf'name="fp_{answer.pk}" value="(\w+)"', page).group(1)
    other = a.answers.get(criterion__code="1.6")
    other_fp = re.search(rf'name="fp_{other.pk}" value="(\w+)"', page).group(1)
    data = {
        f"v_{answer.pk}": "0,75",
        f"t_{answer.pk}": "Đã tuyên truyền",
        f"fp_{answer.pk}": fp,
        f"ver_{answer.pk}": str(answer.version),
        f"v_{other.pk}": "",
        f"t_{other.pk}": "",
        f"fp_{other.pk}": other_fp,
        f"ver_{other.pk}": str(other.version),
        "action": "save",
    }
    response = lechan.post(f"/chi-so/ho-so/{a.pk}/", data, follow=True)
    assert "Đã lưu bản nháp (1 tiêu chí thay đổi)." in response.content.decode()
    answer.refresh_from_db()
    other.refresh_from_db()
    assert (answer.self_score, answer.version, other.version) == (0.75, 2, 1)
    data["action"] = "submit"
    response = lechan.post(
        f"/chi-so/ho-so/{a.pk}/", {**data, f"fp_{answer.pk}": "stale"}, follow=True
    )
    assert "Không lưu được vì tiêu chí 1.5" in response.content.decode()


def test_closed_window_is_explained_and_the_standing_agency_reopens(fresh_round, demo, monkeypatch):
    from cchc.core import dates

    late = fresh_round.self_end + timedelta(days=1)
    monkeypatch.setattr(dates, "today", lambda: late)
    a = Assessment.objects.get(round=fresh_round, unit=demo.level("Lê Chân"))
    body = client_for(demo.user("lechan")).get(f"/chi-so/ho-so/{a.pk}/").content.decode()
    assert "Đã hết hạn tự đánh giá" in body and 'name="v_' not in body
    response = client_for(demo.user("snv")).post(
        f"/chi-so/ho-so/{a.pk}/mo-lai/",
        {"until": (late + timedelta(days=5)).strftime("%d/%m/%Y"), "note": "Sự cố mạng"},
    )
    assert response.status_code == 302
    assert AuditLog.objects.filter(action="assessment.reopen").exists()
    body = client_for(demo.user("lechan")).get(f"/chi-so/ho-so/{a.pk}/").content.decode()
    assert 'name="v_' in body and "(mở lại)" in body
    assert (
        client_for(demo.user("lechan"))
        .post(f"/chi-so/ho-so/{a.pk}/mo-lai/", {"until": "01/01/2027"})
        .status_code
        == 403
    )


def test_the_round_pages_open_and_publish(demo):
    snv = client_for(demo.user("snv"))
    for cs in CriteriaSet.objects.filter(year=2026, is_current=True):
        snv.post(f"/chi-so/bo-chi-so/{cs.pk}/nhan-ban/", {"year": "2027"})
    assert CriteriaSet.objects.filter(year=2027).count() == 3
    data = {
        "year": "2027",
        "name": "",
        "self_start": "01/11/2026",
        "self_end": "30/11/2026",
        "appraisal_start": "05/11/2026",
        "appraisal_end": "15/12/2026",
        "response_start": "10/11/2026",
        "response_end": "20/12/2026",
        "survey_organised": "on",
    }
    response = snv.post("/chi-so/dot/them/", data)
    r = Round.objects.get(year=2027)
    assert response.status_code == 302 and r.name == "Xác định Chỉ số CCHC năm 2027"
    assert snv.post(f"/chi-so/dot/{r.pk}/mo/").status_code == 302
    r.refresh_from_db()
    assert (
        r.status == "open"
        and r.assessments.count() == Assessment.objects.filter(round__year=2026).count()
    )
    response = snv.post(f"/chi-so/dot/{r.pk}/cong-bo/", follow=True)
    assert "Chưa có hồ sơ nào được chốt kết quả thẩm định" in response.content.decode()
    template = snv.get(f"/chi-so/dot/{r.pk}/dieu-tra/mau.xlsx")
    assert template.status_code == 200


def test_an_evidence_file_downloads_for_the_unit_and_the_appraisers(demo):
    ev = Evidence.objects.filter(
        answer__assessment__unit=demo.level("Lê Chân"), document__isnull=True, measure_code=""
    ).first()
    for username in ("lechan", "snv", "lechan.xem"):
        response = client_for(demo.user(username)).get(f"/chi-so/minh-chung/{ev.pk}/")
        assert response.status_code == 200 and b"".join(response.streaming_content)
    assert (
        client_for(demo.user("khucthuadu")).get(f"/chi-so/minh-chung/{ev.pk}/").status_code == 404
    )
