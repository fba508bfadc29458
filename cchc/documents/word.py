"""Word (.docx) documents in the administrative format of Nghị định 30/2020/NĐ-CP.

Each domain app builds the content (title, paragraphs, tables) and calls this module; it knows no
domain model. A4 portrait (landscape for wide tables), Times New Roman, margins 20/20/30/15 mm,
two-column heading with the issuing body on the left and the national motto on the right.
"""

import io
from dataclasses import dataclass, field
from datetime import date

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from cchc.core.dates import long_form

FONT = "Times New Roman"
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


@dataclass
class Heading:
    """What goes in the heading block (ô 1-5 of Phụ lục I)."""

    issuer: str  # "ỦY BAN NHÂN DÂN PHƯỜNG LÊ CHÂN" (capitals, bold)
    doc_type: str  # "BÁO CÁO", "QUYẾT ĐỊNH"
    title: str  # trích yếu
    governing_body: str = ""  # cơ quan chủ quản, e.g. "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"
    number: str = ""  # "12/BC-UBND"; empty -> "Số:      /BC-UBND" left for the văn thư
    symbol: str = ""  # used when the number is empty
    place: str = ""
    issued_on: date | None = None
    landscape: bool = False


@dataclass
class Signature:
    authority: str = ""  # "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH"
    position: str = "CHỦ TỊCH"
    name: str = ""
    recipients: list[str] = field(default_factory=list)  # "Nơi nhận" lines without the leading "-"


def _font(run, size=13, bold=False, italic=False):
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    return run


def _para(
    container,
    text="",
    *,
    size=13,
    bold=False,
    italic=False,
    align=None,
    space_after=6,
    indent_first=False,
):
    p = container.add_paragraph()
    if text:
        _font(p.add_run(text), size=size, bold=bold, italic=italic)
    fmt = p.paragraph_format
    fmt.space_after = Pt(space_after)
    fmt.space_before = Pt(0)
    if align is not None:
        p.alignment = align
    if indent_first:
        fmt.first_line_indent = Mm(10)
    return p


def _underline(paragraph):
    """A short solid line under a heading line (tiêu ngữ, issuing body, trích yếu)."""
    ppr = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in {"w:val": "single", "w:sz": "6", "w:space": "1", "w:color": "000000"}.items():
        bottom.set(qn(k), v)
    border.append(bottom)
    ppr.append(border)


def _no_borders(table):
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


class WordDocument:
    """A builder: heading, paragraphs, tables, signature; `to_bytes()` gives the .docx."""

    def __init__(self, heading: Heading):
        self.heading = heading
        self.doc = new_docx()
        section = self.doc.sections[0]
        section.page_height, section.page_width = Mm(297), Mm(210)
        if heading.landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_height, section.page_width = Mm(210), Mm(297)
        section.top_margin = section.bottom_margin = Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        style = self.doc.styles["Normal"]
        style.font.name = FONT
        style.font.size = Pt(13)
        self._heading_block()

    def _heading_block(self):
        h = self.heading
        table = self.doc.add_table(rows=2, cols=2)
        _no_borders(table)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        left, right = table.cell(0, 0), table.cell(0, 1)
        left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        if h.governing_body:
            _font(left.paragraphs[0].add_run(h.governing_body.upper()), size=12)
            p = left.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            p = left.paragraphs[0]
        _font(p.add_run(h.issuer.upper()), size=12, bold=True)
        _underline(p)
        _font(right.paragraphs[0].add_run(NATIONAL_TITLE), size=12, bold=True)
        right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        motto = right.add_paragraph()
        motto.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(motto.add_run(MOTTO), size=13, bold=True)
        _underline(motto)
        number_cell, date_cell = table.cell(1, 0), table.cell(1, 1)
        number = h.number or f"     /{h.symbol}" if (h.number or h.symbol) else "     /"
        number_cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(number_cell.paragraphs[0].add_run(f"Số: {number}"), size=13)
        date_cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        place = f"{h.place}, " if h.place else ""
        _font(
            date_cell.paragraphs[0].add_run(f"{place}{long_form(h.issued_on)}"),
            size=13,
            italic=True,
        )
        _para(self.doc, "", space_after=6)
        _para(
            self.doc,
            h.doc_type.upper(),
            size=14,
            bold=True,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            space_after=0,
        )
        title = _para(
            self.doc, h.title, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12
        )
        _underline(title)

    def section(self, text: str):
        """A section heading ("I. KẾT QUẢ THỰC HIỆN"), bold."""
        return _para(self.doc, text, bold=True, space_after=6)

    def paragraph(self, text: str, *, italic=False, bold=False):
        """A body paragraph: justified, first line indented 1 cm."""
        return _para(
            self.doc,
            text,
            italic=italic,
            bold=bold,
            align=WD_ALIGN_PARAGRAPH.JUSTIFY,
            indent_first=True,
        )

    def table(
        self, headers: list[str], rows: list[list], *, widths_mm: list[float] | None = None, size=12
    ):
        """A bordered table with a bold header row repeated on every page."""
        table = self.doc.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        hdr = table.rows[0]
        tr_pr = hdr._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        tr_pr.append(repeat)
        for i, text in enumerate(headers):
            cell = hdr.cells[i]
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            _font(cell.paragraphs[0].add_run(str(text)), size=size, bold=True)
        for row in rows:
            cells = table.add_row().cells
            for i, value in enumerate(row):
                text = "" if value is None else str(value)
                _font(cells[i].paragraphs[0].add_run(text), size=size)
                if isinstance(value, (int, float)) or (
                    text.replace(",", "").replace(".", "").isdigit()
                ):
                    cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        if widths_mm:
            for row in table.rows:
                for i, w in enumerate(widths_mm):
                    row.cells[i].width = Mm(w)
        _para(self.doc, "", space_after=6)
        return table

    def signature(self, sig: Signature):
        """Recipients bottom left, signing authority and name bottom right."""
        table = self.doc.add_table(rows=1, cols=2)
        _no_borders(table)
        left, right = table.cell(0, 0), table.cell(0, 1)
        if sig.recipients:
            _font(left.paragraphs[0].add_run("Nơi nhận:"), size=12, bold=True, italic=True)
            for i, line in enumerate(sig.recipients):
                end = "." if i == len(sig.recipients) - 1 else ";"
                p = left.add_paragraph()
                _font(p.add_run(f"- {line.rstrip(';.')}{end}"), size=11)
        right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        lines = [x for x in [sig.authority, sig.position] if x]
        _font(right.paragraphs[0].add_run("\n".join(lines)), size=13, bold=True)
        for _ in range(3):
            right.add_paragraph()
        p = right.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(p.add_run(sig.name), size=13, bold=True)

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()


DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_response(data: bytes, filename: str):
    """An HTTP download of a .docx."""
    from django.http import HttpResponse

    response = HttpResponse(data, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.docx"'
    return response
