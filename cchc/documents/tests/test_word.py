"""The layout engine: header, number and date, rules, body blocks, signers, recipients, annexes, pages."""

from dataclasses import replace
from datetime import date

import pytest
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from cchc.documents.metrics import split_to_fit, text_width_mm
from cchc.documents.spec import (
    Annex,
    AnnexFile,
    Article,
    BulletList,
    DocumentSpec,
    Heading,
    Issuer,
    Kind,
    LegalBases,
    PageBreak,
    Paragraph,
    Run,
    Signer,
    Table,
    TableSection,
    format_number,
    place_date,
)
from cchc.documents.tests.reading import (
    body_lines,
    bold,
    cell_box_mm,
    italic,
    lines,
    open_docx,
    paragraph,
    rule_after,
    rule_length_mm,
    size,
)
from cchc.documents.word import MOTTO, docx_response, render, render_annex_file

WARD = Issuer(name="Ủy ban nhân dân phường Lê Chân", code="UBND")
OFFICE = Issuer(name="Phòng Văn hóa - Xã hội", parent="Ủy ban nhân dân phường Lê Chân", code="VHXH")


def spec(**changes) -> DocumentSpec:
    base = DocumentSpec(
        kind=Kind.REPORT,
        issuer=WARD,
        title="Kết quả thực hiện nhiệm vụ năm 2026",
        symbol="BC-UBND",
        place="Lê Chân",
        issued_on=date(2027, 3, 15),
        blocks=[Paragraph("Nội dung báo cáo.")],
        signers=[Signer(position="Chủ tịch", on_behalf_of="Ủy ban nhân dân", name="Nguyễn Văn An")],
        recipients=["Sở Nội vụ", "Lưu: VT, VHXH"],
    )
    return replace(base, **changes)


def docx(**changes):
    return open_docx(render(spec(**changes)))


def test_the_header_sets_the_issuer_under_its_parent_on_the_left_and_the_national_title_right():
    doc = docx(issuer=OFFICE)
    header = doc.tables[0]
    assert lines(header.cell(0, 0)) == [
        "ỦY BAN NHÂN DÂN",
        "PHƯỜNG LÊ CHÂN",
        "PHÒNG VĂN HÓA - XÃ HỘI",
    ]
    parent, _, name = header.cell(0, 0).paragraphs[:3]
    assert not bold(parent) and bold(name)
    assert lines(header.cell(0, 1)) == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", MOTTO]
    assert all(bold(p) for p in header.cell(0, 1).paragraphs if p.text)
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert {el.get(qn("w:val")) for el in borders} == {"nil"}


def test_the_number_and_the_place_and_date_share_the_second_row_the_date_in_italics():
    header = docx(number=5).tables[0]
    assert lines(header.cell(1, 0)) == ["Số: 05/BC-UBND"]
    assert lines(header.cell(1, 1)) == ["Lê Chân, ngày 15 tháng 3 năm 2027"]
    assert italic(header.cell(1, 1).paragraphs[0])
    assert not italic(header.cell(1, 0).paragraphs[0])


def test_a_document_not_numbered_yet_leaves_room_for_the_clerk_and_an_unknown_date_dots():
    header = docx(number=None, issued_on=None).tables[0]
    assert lines(header.cell(1, 0)) == ["Số:      /BC-UBND"]
    assert lines(header.cell(1, 1)) == ["Lê Chân, ngày … tháng … năm …"]


@pytest.mark.parametrize(
    "number, expected",
    [(5, "05"), ("7", "07"), (12, "12"), (259, "259"), (None, ""), ("", ""), ("12a", "12a")],
)
def test_numbers_below_ten_get_a_leading_zero(number, expected):
    assert format_number(number) == expected


@pytest.mark.parametrize(
    "place, day, expected",
    [
        ("Lê Chân", date(2027, 1, 5), "Lê Chân, ngày 05 tháng 01 năm 2027"),
        ("Hải Phòng", date(2026, 6, 19), "Hải Phòng, ngày 19 tháng 6 năm 2026"),
        ("Lê Chân", None, "Lê Chân, ngày … tháng … năm …"),
        ("", date(2026, 2, 1), "Ngày 01 tháng 02 năm 2026"),
    ],
)
def test_the_place_and_date_line_has_leading_zeros_for_days_and_january_february(
    place, day, expected
):
    assert place_date(place, day) == expected


def test_the_motto_rule_is_as_long_as_the_motto_and_the_issuer_rule_a_third_to_a_half_of_it():
    header = docx().tables[0]
    left, right = header.cell(0, 0), header.cell(0, 1)
    motto = rule_length_mm(rule_after(right.paragraphs, MOTTO), cell_box_mm(right))
    assert motto == pytest.approx(text_width_mm(MOTTO, 13, bold=True), abs=0.5)
    issuer = rule_length_mm(rule_after(left.paragraphs, "PHƯỜNG LÊ CHÂN"), cell_box_mm(left))
    widest = text_width_mm("ỦY BAN NHÂN DÂN", 13, bold=True)
    assert widest / 3 <= issuer <= widest / 2


def test_the_type_name_and_the_trich_yeu_are_bold_and_centred_over_a_short_rule():
    doc = docx()
    type_name = paragraph(doc, "BÁO CÁO")
    title = paragraph(doc, "Kết quả thực hiện nhiệm vụ năm 2026")
    assert bold(type_name) and bold(title) and size(type_name) == size(title) == 14
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    rule = rule_length_mm(rule_after(doc.paragraphs, title.text), 165)
    width = text_width_mm(title.text, 14, bold=True)
    assert width / 3 <= rule <= width / 2


def test_long_names_are_split_into_balanced_lines_and_explicit_breaks_are_kept():
    assert split_to_fit("ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG", 62, 13, bold=True) == [
        "ỦY BAN NHÂN DÂN",
        "THÀNH PHỐ HẢI PHÒNG",
    ]
    assert split_to_fit("SỞ NỘI VỤ", 62, 13, bold=True) == ["SỞ NỘI VỤ"]
    header = docx(issuer=Issuer(name="Hội đồng Thi đua - Khen thưởng\nphường Lê Chân")).tables[0]
    assert lines(header.cell(0, 0)) == [
        "HỘI ĐỒNG THI ĐUA -",
        "KHEN THƯỞNG",
        "PHƯỜNG LÊ CHÂN",
    ]


def test_pages_are_a4_portrait_with_the_decree_margins_and_every_run_in_times_new_roman():
    doc = docx()
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [20, 20, 30, 15]
    runs = [r for p in doc.paragraphs for r in p.runs if r.text.strip()]
    runs += [
        r
        for t in doc.tables
        for row in t.rows
        for c in row.cells
        for p in c.paragraphs
        for r in p.runs
        if r.text.strip()
    ]
    assert runs and {r.font.name for r in runs} == {"Times New Roman"}


def test_page_numbers_are_a_page_field_centred_in_the_top_margin_and_not_on_the_first_page():
    section = docx().sections[0]
    assert section.different_first_page_header_footer
    header = section.header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    instructions = [el.text.strip() for el in header._p.iter(qn("w:instrText"))]
    assert instructions == ["PAGE"]
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()


def test_body_paragraphs_are_justified_with_a_first_line_indent_and_the_last_ends_with_the_mark():
    doc = docx(blocks=[Paragraph("Mở đầu."), Paragraph("Kết thúc.")])
    first, last = paragraph(doc, "Mở đầu."), paragraph(doc, "Kết thúc./.")
    assert first.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert round(first.paragraph_format.first_line_indent.mm) == 10
    assert first.paragraph_format.space_after.pt >= 6
    assert last.text == "Kết thúc./."
    again = docx(blocks=[Paragraph("Đã có dấu kết thúc./.")])
    assert "Đã có dấu kết thúc./." in body_lines(again)
    assert "Không có dấu" in body_lines(
        docx(blocks=[Paragraph("Không có dấu")], closing_mark=False)
    )


def test_legal_bases_are_italic_one_a_line_ending_with_semicolons_and_a_full_stop():
    doc = docx(
        blocks=[
            LegalBases(["Căn cứ Luật A", "Căn cứ Luật B;", "Theo đề nghị của Trưởng phòng."]),
            Paragraph("Nội dung."),
        ]
    )
    assert [p.text for p in doc.paragraphs if p.text.startswith(("Căn cứ", "Theo"))] == [
        "Căn cứ Luật A;",
        "Căn cứ Luật B;",
        "Theo đề nghị của Trưởng phòng.",
    ]
    assert italic(paragraph(doc, "Căn cứ Luật A;"))


def test_articles_are_numbered_in_order_with_the_label_in_bold():
    doc = docx(
        blocks=[
            Article(["Khen thưởng các tập thể."]),
            Article(["Hiệu lực từ ngày ký."], title="Hiệu lực thi hành"),
            Article([[Run("Các ông (bà) "), Run("có tên", bold=True), Run(" thi hành.")]]),
        ]
    )
    texts = body_lines(doc)
    assert "Điều 1. Khen thưởng các tập thể." in texts
    assert "Điều 2. Hiệu lực thi hành" in texts and "Hiệu lực từ ngày ký." in texts
    assert "Điều 3. Các ông (bà) có tên thi hành./." in texts
    first = paragraph(doc, "Điều 1. Khen thưởng các tập thể.")
    assert first.runs[0].text == "Điều 1." and first.runs[0].bold
    assert not first.runs[-1].bold


def test_headings_bullets_and_page_breaks_are_laid_out_in_order():
    doc = docx(
        blocks=[
            Heading("I. MỤC ĐÍCH"),
            BulletList(["Một", "Hai"]),
            PageBreak(),
            Heading("a) Chi tiết", level=3),
            Paragraph("Hết."),
        ]
    )
    texts = body_lines(doc)
    start = texts.index("I. MỤC ĐÍCH")
    assert texts[start : start + 5] == ["I. MỤC ĐÍCH", "- Một", "- Hai", "a) Chi tiết", "Hết./."]
    assert bold(paragraph(doc, "I. MỤC ĐÍCH")) and italic(paragraph(doc, "a) Chi tiết"))
    breaks = [el for el in doc.element.body.iter(qn("w:br")) if el.get(qn("w:type")) == "page"]
    assert len(breaks) == 1


def test_a_table_repeats_its_header_row_fills_the_text_width_and_centres_numbers():
    doc = docx(
        blocks=[
            Table(
                headers=["TT", "Đơn vị", "Điểm"],
                rows=[
                    TableSection("I. KHỐI PHƯỜNG"),
                    [1, "Phường Lê Chân", 96.75],
                    ["", "Tổng cộng", 96.75],
                ],
                widths=[10, 60, 30],
                bold_rows=[2],
            ),
            Paragraph("Hết."),
        ]
    )
    table = doc.tables[1]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [c.text for c in table.rows[0].cells] == ["TT", "Đơn vị", "Điểm"]
    section_row = table.rows[1]
    assert section_row.cells[0].text == "I. KHỐI PHƯỜNG" and len(set(section_row.cells)) == 1
    assert [c.text for c in table.rows[2].cells] == ["1", "Phường Lê Chân", "96,75"]
    widths = [round(c.width.mm, 1) for c in table.rows[2].cells]
    assert widths == [16.5, 99.0, 49.5]
    assert table.rows[2].cells[0].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert table.rows[2].cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
    total = table.rows[3].cells[1].paragraphs[0]
    assert bold(total) and not bold(table.rows[2].cells[1].paragraphs[0])


def test_a_table_row_with_the_wrong_number_of_cells_is_refused():
    with pytest.raises(ValueError, match="Row 1 has 2 cells"):
        render(spec(blocks=[Table(headers=["TT", "Đơn vị", "Điểm"], rows=[[1, "x"]])]))


@pytest.mark.parametrize(
    "signer, expected",
    [
        (Signer(position="Chủ tịch"), ["CHỦ TỊCH"]),
        (
            Signer(position="Chủ tịch", on_behalf_of="Ủy ban nhân dân"),
            ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        ),
        (
            Signer(position="Phó Chủ tịch", signs_for="Chủ tịch", on_behalf_of="Ủy ban nhân dân"),
            ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        ),
        (Signer(position="Giám đốc", acting=True), ["Q. GIÁM ĐỐC"]),
        (
            Signer(position="Chánh Văn phòng", by_order_of="Chủ tịch"),
            ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"],
        ),
        (
            Signer(position="Trưởng phòng", by_delegation_of="Chủ tịch"),
            ["TUQ. CHỦ TỊCH", "TRƯỞNG PHÒNG"],
        ),
    ],
)
def test_signer_lines_carry_the_authority_prefixes_of_the_decree(signer, expected):
    assert signer.lines() == expected


def test_a_signer_cannot_sign_both_in_place_of_and_by_order_of_the_head():
    with pytest.raises(ValueError):
        Signer(position="Phó Chủ tịch", signs_for="Chủ tịch", by_order_of="Chủ tịch")


def test_the_signer_block_is_bottom_right_and_the_recipients_bottom_left_in_eleven_points():
    doc = docx()
    block = doc.tables[-1]
    left, right = block.cell(0, 0), block.cell(0, 1)
    assert lines(right) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An"]
    assert all(bold(p) for p in right.paragraphs if p.text)
    name = right.paragraphs[-1]
    assert name.paragraph_format.space_before.pt >= 60  # room for the signature and seal
    assert lines(left) == ["Nơi nhận:", "- Sở Nội vụ;", "- Lưu: VT, VHXH."]
    label = left.paragraphs[0]
    assert bold(label) and italic(label) and size(label) == 12
    assert size(left.paragraphs[1]) == 11
    assert block.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None


def test_two_signers_sit_side_by_side_with_the_recipients_below():
    doc = docx(
        signers=[Signer(position="Thư ký", name="B"), Signer(position="Chủ tọa", name="A")],
        recipients=["Lưu: VT, Hồ sơ"],
    )
    signers, recipients = doc.tables[-2], doc.tables[-1]
    assert [lines(c) for c in signers.rows[0].cells] == [["THƯ KÝ", "B"], ["CHỦ TỌA", "A"]]
    assert lines(recipients.cell(0, 0)) == ["Nơi nhận:", "- Lưu: VT, Hồ sơ."]


def test_kinh_gui_with_several_addressees_lists_them_under_the_colon():
    doc = docx(addressees=["Sở Nội vụ", "Sở Tài chính"])
    block = doc.tables[1]
    assert lines(block.cell(0, 0)) == ["Kính gửi:"]
    assert lines(block.cell(0, 1)) == ["- Sở Nội vụ;", "- Sở Tài chính."]
    assert "Kính gửi: Sở Nội vụ" in body_lines(docx(addressees=["Sở Nội vụ"]))


def test_each_annex_starts_a_new_section_with_its_own_orientation_and_page_numbers_from_one():
    doc = docx(
        number=5,
        annexes=[
            Annex(title="Danh sách thứ nhất", blocks=[Paragraph("A")], landscape=True),
            Annex(title="Danh sách thứ hai", blocks=[Paragraph("B")]),
        ],
    )
    main, first, second = doc.sections
    assert main.orientation == WD_ORIENT.PORTRAIT
    assert first.orientation == WD_ORIENT.LANDSCAPE
    assert (round(first.page_width.mm), round(first.page_height.mm)) == (297, 210)
    assert second.orientation == WD_ORIENT.PORTRAIT
    for section in (first, second):
        assert section._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
        assert section.different_first_page_header_footer
        assert section.start_type == WD_SECTION.NEW_PAGE
    texts = body_lines(doc)
    assert "Phụ lục I" in texts and "Phụ lục II" in texts
    assert "DANH SÁCH THỨ NHẤT" in texts
    reference = (
        "(Kèm theo Báo cáo số 05/BC-UBND ngày 15 tháng 3 năm 2027 "
        "của Ủy ban nhân dân phường Lê Chân)"
    )
    assert texts.count(reference) == 2
    assert italic(paragraph(doc, "DANH SÁCH THỨ NHẤT")) is False
    assert texts[texts.index("DANH SÁCH THỨ NHẤT") + 2] == "A./."


def test_a_single_annex_is_called_phu_luc_without_a_number():
    texts = body_lines(docx(annexes=[Annex(title="Danh sách", blocks=[Paragraph("A")])]))
    assert "Phụ lục" in texts and "Phụ lục I" not in texts


def test_an_annex_file_has_the_header_without_number_and_cites_the_decision():
    data = render_annex_file(
        AnnexFile(
            issuer=WARD,
            annex=Annex(title="Kết quả xếp hạng", blocks=[Paragraph("Bảng.")]),
            reference="(Kèm theo Quyết định số …/QĐ-UBND ngày … tháng … năm …)",
            place="Lê Chân",
            issued_on=date(2027, 1, 5),
        )
    )
    doc = open_docx(data)
    header = doc.tables[0]
    assert lines(header.cell(1, 0)) == []
    assert lines(header.cell(1, 1)) == ["Lê Chân, ngày 05 tháng 01 năm 2027"]
    texts = body_lines(doc)
    assert texts[:3] == [
        "Phụ lục",
        "KẾT QUẢ XẾP HẠNG",
        "(Kèm theo Quyết định số …/QĐ-UBND ngày … tháng … năm …)",
    ]
    assert len(doc.tables) == 1  # no signer block on an annex


def test_docx_response_is_a_word_download():
    response = docx_response(b"PK", "bao-cao")
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao.docx"'
