"""Files of the PAR Index: a criteria set as Excel (re-importable), the ranking as Excel and as a Word table.

The Word table follows Nghị định 30/2020/NĐ-CP (Phụ lục I): A4 portrait, margins 20/20/30/15 mm, Times New
Roman 13 pt, issuing body and national title side by side, an appendix heading "(Kèm theo Quyết định số …)",
page numbers in the top margin from page 2.
"""

import io

from cchc.core import dates
from cchc.orgs.choices import BlocCode
from cchc.par.criteria_services import BAND_SHEET, SET_COLUMNS
from cchc.par.scoring import vn

BLOC_LABELS = dict(BlocCode.choices)
METHOD_LABELS = {
    "points": "Chấm điểm",
    "yes_no": "Đạt/không đạt",
    "threshold": "Theo ngưỡng",
    "survey": "Điều tra",
}
PART_LABELS = {"appraised": "Thẩm định", "survey": "Điều tra xã hội học"}


def _sheet_style(ws, widths):
    from openpyxl.styles import Alignment, Font, PatternFill

    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DCE6F1")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = w
    ws.freeze_panes = "A2"


def criteria_set_xlsx(*, criteria_set, nodes) -> bytes:
    """The tree (one row per node, parents first) and a “Xếp loại” sheet with the bands."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Bộ chỉ số"
    keys = list(SET_COLUMNS)
    ws.append([SET_COLUMNS[k][0] for k in keys])
    for node in nodes:
        c = node.criterion
        values = {
            "code": c.code,
            "name": c.name,
            "max_score": float(c.max_score),
            "part": PART_LABELS.get(c.part, c.part),
            "method": "" if not c.is_leaf else METHOD_LABELS.get(c.method, c.method),
            "thresholds": node.thresholds_text if c.is_leaf and c.method == "threshold" else "",
            "figure_unit": c.figure_unit if c.is_leaf and c.method == "threshold" else "",
            "evidence_required": "Có" if c.evidence_required else "",
            "allow_not_applicable": "Có" if c.allow_not_applicable else "",
            "guide": c.guide,
        }
        ws.append([values[k] for k in keys])
        if c.level == 1:
            for cell in ws[ws.max_row]:
                cell.font = Font(bold=True)
    _sheet_style(ws, [9, 70, 12, 18, 16, 24, 10, 14, 14, 50])
    bands = wb.create_sheet(BAND_SHEET)
    bands.append(["Xếp loại", "Từ điểm (≥)"])
    for b in criteria_set.bands.order_by("-min_score"):
        bands.append([b.name, float(b.min_score)])
    _sheet_style(bands, [20, 14])
    info = wb.create_sheet("Thông tin")
    for row in [
        ("Tên bộ chỉ số", criteria_set.name),
        ("Năm", criteria_set.year),
        ("Khối", BLOC_LABELS.get(criteria_set.bloc_code, criteria_set.bloc_code)),
        ("Phiên bản", criteria_set.version),
        ("Tổng điểm phần thẩm định", float(criteria_set.appraised_max)),
        ("Tổng điểm điều tra xã hội học", float(criteria_set.survey_max)),
        ("Căn cứ", criteria_set.basis),
    ]:
        info.append(list(row))
    info.column_dimensions["A"].width = 32
    info.column_dimensions["B"].width = 80
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def survey_template_xlsx(*, columns: dict, units) -> bytes:
    """The survey import file: one row per unit of the round, one column per survey item."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Điều tra xã hội học"
    ws.append(["Mã đơn vị", "Đơn vị", *columns.keys()])
    for u in units:
        ws.append([u.code, u.name, *["" for _ in columns]])
    _sheet_style(ws, [14, 40, *[10 for _ in columns]])
    notes = wb.create_sheet("Hướng dẫn")
    notes.append(["Mục", "Nội dung", "Điểm tối đa"])
    for code, (name, top) in columns.items():
        notes.append([code, name, float(top)])
    _sheet_style(notes, [8, 70, 12])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


RANKING_HEADERS = [
    "Xếp hạng",
    "Thứ tự xét khen thưởng",
    "Đơn vị",
    "Điểm tự đánh giá",
    "Điểm thẩm định",
    "Điểm điều tra XHH",
    "Chỉ số CCHC (%)",
    "Xếp loại",
]


def ranking_rows(results) -> list[list]:
    return [
        [
            r.rank,
            r.award_order,
            r.unit.name,
            float(r.self_score) if r.self_score is not None else None,
            float(r.appraised_score),
            float(r.survey_score),
            float(r.total),
            r.band,
        ]
        for r in results
    ]


def _font(run, size=13, bold=False, italic=False):
    from docx.shared import Pt

    run.font.name = "Times New Roman"
    run.font.size = Pt(size)
    run.bold, run.italic = bold, italic
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rFonts")
    if fonts is not None:
        for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
            fonts.set(
                f"{{http://schemas.openxmlformats.org/wordprocessingml/2006/main}}{attr}",
                "Times New Roman",
            )
    return run


def _para(
    container, text="", *, size=13, bold=False, italic=False, align="center", after=0, before=0
):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = container.add_paragraph()
    p.alignment = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    p.paragraph_format.space_after = Pt(after)
    p.paragraph_format.space_before = Pt(before)
    p.paragraph_format.line_spacing = 1
    if text:
        _font(p.add_run(text), size, bold, italic)
    return p


def _rule(container, width_mm: float, cell_width_mm: float):
    """A centred solid line `width_mm` long: a bottom border on an empty paragraph indented on both sides."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    p = _para(container, size=2)
    indent = max(0.0, (cell_width_mm - width_mm) / 2)
    p.paragraph_format.left_indent = Mm(indent)
    p.paragraph_format.right_indent = Mm(indent)
    p.paragraph_format.space_after = Pt(6)
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in {"val": "single", "sz": "6", "space": "1", "color": "000000"}.items():
        bottom.set(qn(f"w:{k}"), v)
    borders.append(bottom)
    ppr.append(borders)
    run = p.add_run()
    run.font.size = Pt(2)
    return p


def _text_width_mm(text: str, size_pt: float, bold: bool = True) -> float:
    # Average glyph width of Times New Roman is about half the point size (a little more in bold).
    return len(text) * size_pt * (0.53 if bold else 0.48) * 0.3528


def _no_borders(table):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _page_numbers(section):
    """Arabic page numbers centred in the top margin, not on the first page (Phụ lục I, Nghị định 30/2020)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = 1
    run = p.add_run()
    _font(run, 13)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)


def _cell_text(cell, text, *, bold=False, align="center", size=13):
    cell.text = ""
    p = cell.paragraphs[0]
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    p.alignment = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }[align]
    _font(p.add_run(str(text)), size, bold)


def _repeat_header(row):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def ranking_docx(
    *, organiser, year: int, blocs: list[tuple[str, list]], published_on=None
) -> bytes:
    """The ranking of each bloc as an appendix table, ready to attach to the chairman's decision."""
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Mm, Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    _page_numbers(section)
    body_width = 210 - 30 - 15

    body_name = "ỦY BAN NHÂN DÂN"
    issuer = organiser.name.upper()
    head = doc.add_table(rows=1, cols=2)
    _no_borders(head)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    left_w, right_w = 62, body_width - 62
    head.columns[0].width, head.columns[1].width = Mm(left_w), Mm(right_w)
    left, right = head.rows[0].cells
    left.width, right.width = Mm(left_w), Mm(right_w)
    left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
    _para(left, body_name, size=13, bold=True)
    _para(left, issuer, size=13, bold=True)
    _rule(left, _text_width_mm(issuer, 13) * 0.4, left_w)
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True)
    motto = "Độc lập - Tự do - Hạnh phúc"
    _para(right, motto, size=13, bold=True)
    _rule(right, _text_width_mm(motto, 13), right_w)
    place = organiser.short_name or organiser.name
    _para(
        right,
        f"{place}, {dates.long_form(published_on)}"
        if published_on
        else f"{place}, ngày … tháng … năm …",
        size=13,
        italic=True,
    )

    _para(doc, "PHỤ LỤC", size=14, bold=True, before=12)
    _para(doc, f"KẾT QUẢ XẾP HẠNG CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {year}", size=13, bold=True)
    _para(
        doc,
        f"(Kèm theo Quyết định số …/QĐ-UBND ngày … tháng … năm … của Chủ tịch Ủy ban nhân dân {organiser.name[:1].lower()}{organiser.name[1:]})",
        size=13,
        italic=True,
        after=6,
    )
    widths = [12, 68, 24, 22, 21, 18]
    for code, results in blocs:
        _para(
            doc,
            BLOC_LABELS.get(code, code).upper(),
            size=13,
            bold=True,
            align="left",
            before=8,
            after=4,
        )
        table = doc.add_table(rows=1, cols=6)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(
            table.rows[0].cells,
            ["Xếp hạng", "Đơn vị", "Điểm thẩm định", "Điểm điều tra XHH", "Chỉ số (%)", "Xếp loại"],
            strict=True,
        ):
            _cell_text(cell, text, bold=True, size=12)
        _repeat_header(table.rows[0])
        for r in results:
            cells = table.add_row().cells
            values = [
                r.rank,
                r.unit.name,
                vn(r.appraised_score),
                vn(r.survey_score),
                vn(r.total),
                r.band,
            ]
            for i, (cell, value) in enumerate(zip(cells, values, strict=True)):
                _cell_text(cell, value, align="left" if i == 1 else "center", size=12)
        for row in table.rows:
            for cell, w in zip(row.cells, widths, strict=True):
                cell.width = Mm(w)
        if not results:
            _para(doc, "Chưa có kết quả.", italic=True, align="left")
    _para(
        doc,
        "Ghi chú: Chỉ số = (điểm thẩm định + điểm điều tra xã hội học) quy về thang 100; các đơn vị bằng điểm "
        "cùng thứ hạng. Thứ tự xét khen thưởng khi bằng điểm: điểm thẩm định cao hơn, rồi điểm điều tra cao hơn.",
        size=12,
        italic=True,
        align="justify",
        before=8,
    )
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
