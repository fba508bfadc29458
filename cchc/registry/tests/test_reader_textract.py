"""Text extraction from uploaded documents: Word, web pages, text in several encodings, and the files refused."""

import io
import unicodedata
from pathlib import Path

import pytest
from docx import Document

from cchc.registry.reader import read_header
from cchc.registry.textract import TextractError, document_text

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "documents"

HEADER_LEFT = ["ỦY BAN NHÂN DÂN", "PHƯỜNG LÊ CHÂN", "Số: 259/KH-UBND"]
HEADER_RIGHT = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Phường Lê Chân, ngày 19 tháng 6 năm 2026",
]
BODY = [
    "KẾ HOẠCH",
    "Phát động Phong trào thi đua “Đẩy mạnh cải cách hành chính trên địa bàn phường Lê Chân giai đoạn 2026 – 2030”",
    "Thực hiện Quyết định số 282/QĐ-TTg ngày 12/02/2026 của Thủ tướng Chính phủ ban hành Kế hoạch cải cách hành chính "
    "nhà nước trọng tâm giai đoạn 2026 - 2030; Quyết định số 478/QĐ-UBND ngày 14/4/2026 ban hành Kế hoạch cải cách hành "
    "chính nhà nước trọng tâm giai đoạn 2026 - 2030 của thành phố Hải Phòng;",
    "Thực hiện Kế hoạch số 194/KH-UBND ngày 12/5/2026 của Ủy ban nhân dân phường về việc ban hành Kế hoạch cải cách "
    "hành chính Nhà nước trọng tâm giai đoạn 2026 - 2030 của phường Lê Chân;",
    "Nhằm đẩy mạnh công tác cải cách hành chính, Ủy ban nhân dân phường ban hành Kế hoạch như sau:",
    "Trên đây là Kế hoạch của Ủy ban nhân dân phường./.",
]
SIGNATURE_LEFT = ["Nơi nhận:", "- Sở Nội vụ;", "- Lưu: VT, VH.XH."]
SIGNATURE_RIGHT = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Phạm Văn Tân"]


def _cell(cell, paragraphs):
    cell.paragraphs[0].text = paragraphs[0]
    for text in paragraphs[1:]:
        cell.add_paragraph(text)


def header_docx() -> bytes:
    """A ward plan as Word writes it: the header and the signature as borderless two-column tables."""
    doc = Document()
    table = doc.add_table(rows=1, cols=2)
    _cell(table.cell(0, 0), HEADER_LEFT)
    _cell(table.cell(0, 1), HEADER_RIGHT)
    for text in BODY:
        doc.add_paragraph(text)
    signature = doc.add_table(rows=1, cols=2)
    _cell(signature.cell(0, 0), SIGNATURE_LEFT)
    _cell(signature.cell(0, 1), SIGNATURE_RIGHT)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def header_text() -> str:
    """The same document typed as plain text, one paragraph per line."""
    return "\n".join(HEADER_LEFT + HEADER_RIGHT + BODY + SIGNATURE_LEFT + SIGNATURE_RIGHT)


def test_a_docx_with_its_header_in_a_two_column_table_reads_the_same_as_its_text():
    from_docx = read_header(document_text("ke-hoach.docx", header_docx()))
    from_text = read_header(header_text())
    assert from_docx.as_dict() == from_text.as_dict()
    assert (from_docx.number, from_docx.issuer, from_docx.signer) == (
        "259/KH-UBND",
        "Ủy ban nhân dân phường Lê Chân",
        "Phạm Văn Tân",
    )
    assert [b.number for b in from_docx.bases] == ["282/QĐ-TTg", "478/QĐ-UBND", "194/KH-UBND"]
    assert not any("cơ quan ban hành" in w for w in from_docx.warnings)


def test_docx_text_keeps_paragraphs_and_tables_in_body_order():
    doc = Document()
    doc.add_paragraph("Đoạn đầu")
    table = doc.add_table(rows=2, cols=3)
    for r, row in enumerate(
        [["TT", "Nội dung", "Thời gian"], ["1", "Rà soát thủ tục", "Quý I/2026"]]
    ):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    doc.add_paragraph("Đoạn cuối")
    out = io.BytesIO()
    doc.save(out)
    assert document_text("a.docx", out.getvalue()).split("\n") == [
        "Đoạn đầu",
        "TT\tNội dung\tThời gian",
        "1\tRà soát thủ tục\tQuý I/2026",
        "Đoạn cuối",
    ]


def test_a_corrupt_docx_is_refused_with_its_name():
    with pytest.raises(TextractError, match="“hong.docx” bị hỏng"):
        document_text("hong.docx", b"PK\x03\x04 not really a zip")


def test_a_file_over_20_mb_is_refused():
    with pytest.raises(TextractError, match="quá lớn: tối đa 20 MB"):
        document_text("lon.txt", b"a" * (20 * 1024 * 1024 + 1))


def test_an_empty_file_and_an_unknown_type_are_refused():
    with pytest.raises(TextractError, match="rỗng"):
        document_text("trong.txt", b"")
    with pytest.raises(TextractError, match="chỉ nhận Word"):
        document_text("anh.png", b"\x89PNG....")
    with pytest.raises(TextractError, match=r"Word cũ \(.doc\)"):
        document_text("cu.doc", b"\xd0\xcf\x11\xe0")
    with pytest.raises(TextractError, match="không có nội dung chữ"):
        document_text("trang.html", b"<html><script>var a;</script></html>")


def windows_1258(text: str) -> bytes:
    """Windows-1258 as old Vietnamese editors save it: vowels with their hats, tone marks as combining characters."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            composed = unicodedata.normalize("NFC", base + marks[0]) if marks else base
            try:
                composed.encode("cp1258")
                marks = marks[1:]
            except UnicodeEncodeError:
                composed = base
            out += (composed + "".join(marks)).encode("cp1258")
    return out


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1258"])
def test_text_files_are_read_in_utf8_utf16_and_windows_1258(encoding):
    text = "Số: 259/KH-UBND\nPhường Lê Chân, ngày 19 tháng 6 năm 2026"
    data = windows_1258(text) if encoding == "cp1258" else text.encode(encoding)
    assert document_text("vb.txt", data) == text


def test_a_web_page_loses_its_scripts_and_keeps_its_table_rows():
    text = document_text("vb.html", (FIXTURES / "web_clutter.html").read_bytes())
    assert "var menu" not in text and "font-family" not in text
    assert "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text.split("\n")
