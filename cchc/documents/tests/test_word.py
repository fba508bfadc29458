import io
from datetime import date

from docx import Document

from cchc.documents.word import Heading, Signature, WordDocument


def _build():
    doc = WordDocument(
        Heading(
            issuer="Ủy ban nhân dân phường Lê Chân",
            governing_body="Ủy ban nhân dân thành phố Hải Phòng",
            doc_type="Báo cáo",
            title="Kết quả thực hiện kế hoạch CCHC quý IV năm 2026",
            symbol="BC-UBND",
            place="Lê Chân",
            issued_on=date(2026, 1, 5),
        )
    )
    doc.section("I. KẾT QUẢ")
    doc.paragraph("Nội dung báo cáo.")
    doc.table(
        ["TT", "Nhiệm vụ", "Tiến độ"],
        [[1, "Ban hành kế hoạch", "100%"], [2, "Báo cáo định kỳ", "50%"]],
    )
    doc.signature(
        Signature(
            authority="TM. ỦY BAN NHÂN DÂN",
            position="CHỦ TỊCH",
            name="Phạm Văn Tân",
            recipients=["Sở Nội vụ", "Lưu: VT, VHXH"],
        )
    )
    return Document(io.BytesIO(doc.to_bytes()))


def test_word_document_has_the_national_heading_and_the_dated_place_line():
    docx = _build()
    heading_text = "\n".join(c.text for row in docx.tables[0].rows for c in row.cells)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in heading_text
    assert "Độc lập - Tự do - Hạnh phúc" in heading_text
    assert "ỦY BAN NHÂN DÂN PHƯỜNG LÊ CHÂN" in heading_text
    assert "Lê Chân, ngày 05 tháng 01 năm 2026" in heading_text
    assert "Số:      /BC-UBND" in heading_text


def test_word_document_is_a4_in_times_new_roman_with_the_decree_margins():
    docx = _build()
    section = docx.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 15
    runs = [r for p in docx.paragraphs for r in p.runs if r.text]
    assert runs and all(r.font.name == "Times New Roman" for r in runs)


def test_word_table_keeps_rows_and_signature_lists_recipients_with_final_full_stop():
    docx = _build()
    data = docx.tables[1]
    assert [c.text for c in data.rows[0].cells] == ["TT", "Nhiệm vụ", "Tiến độ"]
    assert data.rows[2].cells[1].text == "Báo cáo định kỳ"
    sig = "\n".join(c.text for c in docx.tables[2].rows[0].cells)
    assert "- Sở Nội vụ;" in sig and "- Lưu: VT, VHXH." in sig and "Phạm Văn Tân" in sig
