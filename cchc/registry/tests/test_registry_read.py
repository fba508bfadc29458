"""The "Đọc từ văn bản" step of the registry: paste or upload a document, get the registration form prefilled."""

import io
import re
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document as WordDocument

from cchc.core.models import AuditLog
from cchc.registry.models import Document
from tests.scope_registry import Demo

SEEDS = Path(__file__).resolve().parents[3] / "data" / "seeds"
URL = "/van-ban/dang-ky/doc-tu-van-ban/"


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


@pytest.fixture
def ltn(db, demo_city, client_for):
    return client_for(Demo().user("lethanhnghi"))


def ward():
    from cchc.orgs.choices import LEVEL_KINDS
    from cchc.orgs.models import Unit

    return Unit.objects.get(short_name="Lê Thanh Nghị", kind__in=LEVEL_KINDS)


def field_value(page: str, name: str) -> str:
    m = re.search(rf'name="{re.escape(name)}"[^>]*value="([^"]*)"', page) or re.search(
        rf'<textarea name="{re.escape(name)}"[^>]*>\s*([^<]*)</textarea>', page
    )
    return m.group(1).strip() if m else ""


def test_the_read_page_offers_paste_and_upload(ltn):
    page = ltn.get(URL).content.decode()
    assert (
        "Dán nội dung văn bản" in page
        and 'type="file"' in page
        and 'enctype="multipart/form-data"' in page
    )


def test_pasting_seed_004_prefills_the_form_with_warnings_and_linked_bases(ltn):
    page = ltn.post(URL, {"text": seed("004")}).content.decode()
    assert field_value(page, "number") == ""
    assert field_value(page, "issued_on") == "01/2026"
    assert field_value(page, "issuer") == "Chủ tịch Ủy ban nhân dân phường Lê Thanh Nghị"
    assert field_value(page, "signer") == "Nguyễn Hữu Phúc"
    assert field_value(page, "period_start") == "2026" and field_value(page, "period_end") == "2026"
    assert "Ban hành Kế hoạch Cải cách hành chính nhà nước phường Lê Thanh Nghị năm 2026" in page
    assert '<option value="QĐ" selected>' in page
    assert "Văn bản chưa có số (Số: …/QĐ-UBND)" in page and "chỉ có tháng 01/2026" in page
    assert [field_value(page, f"basis-{i}-number") for i in range(5)] == [
        "",
        "76/NQ-CP",
        "3470/QĐ-UBND",
        "5256/QĐ-UBND",
        "698/QĐ-UBND",
    ]
    assert field_value(page, "basis-0-title") == "Luật Tổ chức chính quyền địa phương"
    assert field_value(page, "basis-1-date") == "15/07/2021"
    registered = Document.objects.get(number="698/QĐ-UBND")
    assert f'href="/van-ban/{registered.pk}/"' in page
    assert page.count("đã đăng ký</span>") == 4 and page.count("chưa đăng ký</span>") == 1
    assert re.search(rf'<option value="{ward().pk}" selected>', page)


def test_an_uploaded_word_file_is_read_the_same_way(ltn):
    doc = WordDocument()
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nPHƯỜNG LÊ THANH NGHỊ\nSố: 15/KH-UBND"
    right = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nP. Lê Thanh Nghị, ngày 10 tháng 02 năm 2026"
    table.cell(0, 1).text = right
    for text in [
        "KẾ HOẠCH",
        "Kiểm tra công tác cải cách hành chính năm 2026",
        "Căn cứ Quyết định số 5256/QĐ-UBND ngày 26/12/2025 của Ủy ban nhân dân thành phố ban hành Kế hoạch Cải cách "
        "hành chính nhà nước thành phố Hải Phòng năm 2026;",
        "Ủy ban nhân dân phường ban hành Kế hoạch như sau:",
    ]:
        doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    upload = SimpleUploadedFile("kiem-tra.docx", out.getvalue())
    page = ltn.post(URL, {"file": upload}).content.decode()
    assert "Đã đọc tệp “kiem-tra.docx”" in page
    assert field_value(page, "number") == "15/KH-UBND"
    assert field_value(page, "issued_on") == "10/02/2026"
    assert field_value(page, "issuer") == "Ủy ban nhân dân phường Lê Thanh Nghị"
    assert field_value(page, "basis-0-number") == "5256/QĐ-UBND"


def test_a_corrupt_upload_stays_on_the_read_page_with_the_reason(ltn):
    upload = SimpleUploadedFile("hong.docx", b"this is not a docx")
    response = ltn.post(URL, {"file": upload})
    page = response.content.decode()
    assert (
        response.status_code == 200 and "“hong.docx” bị hỏng" in page and 'id="read-form"' in page
    )


def test_nothing_to_read_is_explained(ltn):
    page = ltn.post(URL, {"text": "  "}).content.decode()
    assert "Hãy dán nội dung văn bản hoặc chọn tệp." in page


def test_saving_the_prefilled_form_registers_the_document_with_its_bases_in_one_audited_step(ltn):
    unit = ward()
    data = {
        "number": "",
        "doc_type": "QĐ",
        "issuer": "Chủ tịch Ủy ban nhân dân phường Lê Thanh Nghị",
        "issued_on": "01/2026",
        "signer": "Nguyễn Hữu Phúc",
        "signer_title": "CHỦ TỊCH",
        "title": "Ban hành Kế hoạch kiểm tra cải cách hành chính năm 2026",
        "org_unit": unit.pk,
        "period_start": "2026",
        "period_end": "2026",
        "bases": "",
        "basis-TOTAL_FORMS": "3",
        "basis-INITIAL_FORMS": "2",
        "basis-MIN_NUM_FORMS": "0",
        "basis-MAX_NUM_FORMS": "1000",
        "basis-0-number": "5256/QĐ-UBND",
        "basis-0-doc_type": "QĐ",
        "basis-0-date": "26/12/2025",
        "basis-0-issuer": "Ủy ban nhân dân thành phố",
        "basis-0-title": "ban hành Kế hoạch Cải cách hành chính nhà nước thành phố Hải Phòng năm 2026",
        "basis-0-raw": "Căn cứ Quyết định số 5256/QĐ-UBND ngày 26/12/2025 ...",
        "basis-1-number": "9999/QĐ-UBND",
        "basis-1-doc_type": "QĐ",
        "basis-1-date": "01/01/2026",
        "basis-1-title": "một căn cứ người dùng đã bỏ",
        "basis-1-DELETE": "on",
        "basis-2-number": "",
        "basis-2-title": "",
    }
    response = ltn.post("/van-ban/dang-ky/", data)
    assert response.status_code == 302
    doc = Document.objects.get(title="Ban hành Kế hoạch kiểm tra cải cách hành chính năm 2026")
    assert (doc.issued_on, doc.date_precision, doc.org_unit) == (date(2026, 1, 1), "month", unit)
    bases = list(doc.bases.order_by("order"))
    assert [(b.cited_number, b.cited_date, b.cited_issuer) for b in bases] == [
        ("5256/QĐ-UBND", date(2025, 12, 26), "Ủy ban nhân dân thành phố")
    ]
    assert bases[0].cited == Document.objects.get(number="5256/QĐ-UBND")
    entry = AuditLog.objects.filter(action="document.register").latest("id")
    assert entry.after["bases"] == ["5256/QĐ-UBND"]


def test_a_bad_row_date_is_shown_on_its_row_and_nothing_is_saved(ltn):
    unit = ward()
    before = Document.objects.count()
    page = ltn.post(
        "/van-ban/dang-ky/",
        {
            "doc_type": "KH",
            "title": "Kế hoạch thử",
            "org_unit": unit.pk,
            "basis-TOTAL_FORMS": "1",
            "basis-INITIAL_FORMS": "1",
            "basis-0-number": "76/NQ-CP",
            "basis-0-date": "32/07/2021",
        },
    ).content.decode()
    assert "Ngày không hợp lệ: nhập dd/mm/yyyy." in page
    assert Document.objects.count() == before


def test_the_edit_form_shows_the_bases_as_rows_and_keeps_them_when_saved(db, demo_city, client_for):
    client = client_for(Demo().user("lechan"))
    doc = Demo().document("own")
    page = client.get(f"/van-ban/{doc.pk}/sua/").content.decode()
    numbers = [field_value(page, f"basis-{i}-number") for i in range(4)]
    assert numbers == ["282/QĐ-TTg", "478/QĐ-UBND", "2162/QĐ-UBND", "194/KH-UBND"]
    assert page.count("đã đăng ký</span>") == 4


def test_a_read_only_user_cannot_open_the_read_step(db, demo_city, client_for):
    client = client_for(Demo().user("lechan.xem"))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"text": seed("000")}).status_code == 403


def test_free_text_bases_are_read_by_the_reader_and_pipe_lines_by_column(ltn):
    from cchc.registry.views import parse_bases

    bases = parse_bases(
        "282/QĐ-TTg | 12/02/2026 | Thủ tướng Chính phủ\n"
        "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể; "
        "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022."
    )
    assert [(b.number, b.doc_type, b.date, b.issuer, b.title) for b in bases] == [
        ("282/QĐ-TTg", "", date(2026, 2, 12), "Thủ tướng Chính phủ", ""),
        ("76/NQ-CP", "NQ", date(2021, 7, 15), "Chính phủ", "ban hành Chương trình tổng thể"),
        ("", "LUAT", date(2022, 6, 15), "", "Luật Thi đua, khen thưởng"),
    ]
