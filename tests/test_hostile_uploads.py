"""Hostile uploads: broken CSV files and zip bombs answer with a Vietnamese message naming the file, quickly and
without unpacking anything."""

import io
import time
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cchc.core import tabular, uploads
from cchc.core.errors import DomainError
from cchc.orgs import services as org_services
from cchc.par import criteria_import
from cchc.plans import plan_files
from cchc.registry import textract

BARE_CR = b"a\rb,c\n"
BINARY = bytes(range(256)) * 40


def bomb_docx(megabytes: int = 60) -> bytes:
    """A Word package whose document.xml unpacks to `megabytes` MB of spaces (about 60 KB on disk)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        body = b" " * (megabytes * 1024 * 1024)
        package.writestr("word/document.xml", body)
        del body
    return buf.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return bomb_docx()


# --- CSV -----------------------------------------------------------------------------------------------


UNIT_COLUMNS = {"name": ["Tên đơn vị"], "kind": ["Loại"]}


def test_a_bare_carriage_return_is_a_line_end_not_a_crash():
    assert tabular.raw_rows("ds.csv", BARE_CR) == [["a"], ["b", "c"]]
    rows = tabular.raw_rows("ds.csv", b'Ten don vi,Loai\r"Phuong\ra",phuong\r\n')
    assert rows == [["Ten don vi", "Loai"], ["Phuong\na", "phuong"]]


def test_binary_bytes_named_csv_are_refused_naming_the_file():
    with pytest.raises(DomainError) as exc:
        tabular.raw_rows("don-vi.csv", BINARY)
    assert "“don-vi.csv”" in exc.value.message and "nhị phân" in exc.value.message


def test_a_field_the_csv_reader_cannot_read_is_named_with_its_line():
    with pytest.raises(DomainError) as exc:
        tabular.raw_rows("ds.csv", b'Ten,Loai\n"a' + b"x" * 200_000 + b"\n")
    assert "“ds.csv”" in exc.value.message


@pytest.mark.parametrize("data", [BARE_CR, BINARY])
@pytest.mark.parametrize("kind", ["units", "people"])
def test_the_units_and_people_imports_name_the_file(personas, data, kind):
    preview_fn = {
        "units": org_services.units_import_preview,
        "people": org_services.people_import_preview,
    }[kind]
    preview = preview_fn(actor=personas.ward_a_officer, filename="nhap.csv", data=data)
    assert not preview.ok and preview.errors


@pytest.mark.parametrize("data", [BARE_CR, BINARY])
def test_the_criteria_set_and_survey_imports_refuse_with_a_message(data):
    with pytest.raises(DomainError):
        criteria_import.parse_set_file("bo-tieu-chi.csv", data)
    columns = {"unit": ["Đơn vị"], "A1": ["A1"]}
    with pytest.raises(DomainError):
        tabular.read_table("dieu-tra.csv", data, columns, required=["unit", "A1"])


@pytest.mark.parametrize("data", [BARE_CR, BINARY])
def test_the_import_page_answers_with_the_message_never_500(personas, client_for, data):
    client = client_for(personas.ward_a_officer)
    for what in ("don-vi", "ca-nhan"):
        upload = SimpleUploadedFile("nhap.csv", data)
        response = client.post(f"/to-chuc/nhap/{what}/", {"file": upload})
        assert response.status_code == 200
        assert "Xác nhận nhập" not in response.content.decode()


# --- Zip bombs -----------------------------------------------------------------------------------------


def _refused_quickly_and_lean(call) -> DomainError:
    """Refused in under a second (timed without tracing) and under 50 MB at the peak (traced)."""
    started = time.process_time()
    with pytest.raises(DomainError):
        call()
    elapsed = time.process_time() - started
    tracemalloc.start()
    try:
        with pytest.raises(DomainError) as exc:
            call()
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert elapsed < 1.0, f"refusing took {elapsed:.2f} s of processor time"
    assert peak < 50 * 1024 * 1024, f"peak memory while refusing {peak / 1e6:.0f} MB"
    return exc.value


def test_the_bomb_is_small_on_disk(bomb):
    assert len(bomb) < 200_000
    assert sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(bomb)).infolist()) > 60_000_000


def test_the_package_check_refuses_the_bomb_naming_the_file(bomb):
    error = _refused_quickly_and_lean(lambda: uploads.check_package("ke-hoach.docx", bomb))
    assert "“ke-hoach.docx”" in error.message and "giải nén" in error.message


def test_a_high_compression_ratio_alone_is_refused(settings):
    settings.CCHC_UPLOAD_MAX_UNPACKED = 500 * 1024 * 1024
    error = _refused_quickly_and_lean(
        lambda: uploads.check_package("bang.xlsx", bomb_docx(megabytes=5))
    )
    assert "tỉ lệ nén" in error.message


def test_a_real_word_file_passes_the_check():
    from docx import Document

    buf = io.BytesIO()
    document = Document()
    document.add_paragraph("Kế hoạch cải cách hành chính năm 2026")
    document.save(buf)
    uploads.check_package("ke-hoach.docx", buf.getvalue())


def test_plan_import_refuses_the_bomb(bomb):
    error = _refused_quickly_and_lean(lambda: plan_files.parse_plan_file("ke-hoach.docx", bomb))
    assert "“ke-hoach.docx”" in error.message


def test_document_reading_refuses_the_bomb(bomb):
    error = _refused_quickly_and_lean(lambda: textract.document_text("van-ban.docx", bomb))
    assert "“van-ban.docx”" in error.message


def test_an_excel_import_refuses_the_bomb(bomb):
    error = _refused_quickly_and_lean(lambda: tabular.raw_rows("don-vi.xlsx", bomb))
    assert "“don-vi.xlsx”" in error.message


def test_every_upload_field_refuses_the_bomb(bomb, personas, client_for):
    client = client_for(personas.ward_a_officer)
    upload = SimpleUploadedFile("don-vi.xlsx", bomb)
    started = time.perf_counter()
    response = client.post("/to-chuc/nhap/don-vi/", {"file": upload})
    assert time.perf_counter() - started < 2.0
    assert response.status_code == 200
    assert "“don-vi.xlsx”" in response.content.decode()


def test_an_attachment_refuses_the_bomb(bomb):
    from cchc.core.attachments import check_upload

    with pytest.raises(DomainError) as exc:
        check_upload(SimpleUploadedFile("minh-chung.docx", bomb))
    assert "“minh-chung.docx”" in exc.value.message
