"""Lays out a `DocumentSpec` as a Word (.docx) file in the format of Nghị định 30/2020/NĐ-CP, Phụ lục I.

A4 portrait (landscape per annex when asked), margins 20/20/30/15 mm, Times New Roman; the two-column
borderless header (issuing body under its governing body with a short rule | Quốc hiệu and Tiêu ngữ with
a rule as long as the text; "Số: …" | place and date in italics); the type name and trích yếu (or "V/v"
under the number of a công văn); "Kính gửi"; the body; the signers with "Nơi nhận"; each annex on a new
page numbered on its own; page numbers centred in the top margin from page 2.

This module knows no domain app: the apps build the spec (see `cchc.documents.kinds`) and call `render`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run as DocxRun

from cchc.documents.metrics import split_to_fit, text_width_mm
from cchc.documents.spec import (
    Align,
    Annex,
    AnnexFile,
    Article,
    Block,
    BulletList,
    Cell,
    CentredHeading,
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
    Text,
)

Container = DocxDocument | _Cell
FONT = "Times New Roman"
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# Page (Phụ lục I, mục I): A4, margins top/bottom 20-25, left 30-35, right 15-20 mm.
PAGE_SHORT, PAGE_LONG = 210.0, 297.0
MARGIN_TOP = MARGIN_BOTTOM = 20.0
MARGIN_LEFT, MARGIN_RIGHT = 30.0, 15.0
HEADER_DISTANCE = 10.0
# Sizes in points, within the ranges of Phụ lục I, mục II (the decree's own examples).
NATIONAL_TITLE_SIZE = 12
MOTTO_SIZE = 13
BODY_NAME_SIZE = 13
NUMBER_SIZE = 13
PLACE_DATE_SIZE = 14
LETTER_SUBJECT_SIZE = 12
RECIPIENTS_LABEL_SIZE = 12
RECIPIENTS_SIZE = 11
PAGE_NUMBER_SIZE = 13
# The header table: issuing body on the left, the Quốc hiệu (12 pt bold, about 88 mm) on the right.
HEADER_RIGHT = 95.0
CELL_MARGINS = 3.8  # Word's default cell padding, both sides
# The short rules under the issuing body and the trích yếu: 1/3 to 1/2 of the text (mục II.2.b, II.5.b).
SHORT_RULE = 0.4
FIRST_LINE_INDENT = Mm(10)
SIGNATURE_SPACE = Pt(72)  # room for the signature and the seal between position and name


def render(spec: DocumentSpec) -> bytes:
    """The .docx bytes of `spec`."""
    writer = _Writer(landscape=spec.landscape, body_size=spec.body_size)
    writer.doc.core_properties.title = spec.title
    writer.doc.core_properties.author = spec.issuer.plain_name
    writer.header(
        spec.issuer,
        number=spec.number_line,
        subject=f"V/v {spec.title}" if spec.kind is Kind.LETTER else "",
        place_date=spec.place_date_line if spec.dated else "",
    )
    if spec.kind is not Kind.LETTER:
        writer.title_block(spec.kind.type_name, spec.title)
    if spec.addressees:
        writer.addressees(spec.addressees, before=18 if spec.kind is Kind.LETTER else 6)
    writer.blocks(_closed(spec.blocks) if spec.closing_mark else spec.blocks)
    writer.signatures(spec.signers, spec.recipients)
    many = len(spec.annexes) > 1
    for i, annex in enumerate(spec.annexes, start=1):
        writer.new_section(landscape=annex.landscape)
        label = f"Phụ lục {_roman(i)}" if many else "Phụ lục"
        reference = annex.reference or f"(Kèm theo {spec.citation})"
        writer.annex(annex, label=label, reference=reference, closing_mark=spec.closing_mark)
    return writer.to_bytes()


def render_annex_file(spec: AnnexFile) -> bytes:
    """An annex issued as a file of its own, to attach to the document it cites (Phụ lục III, Mẫu 2.1)."""
    writer = _Writer(landscape=spec.annex.landscape, body_size=spec.body_size)
    writer.doc.core_properties.title = spec.annex.title
    writer.doc.core_properties.author = spec.issuer.plain_name
    writer.header(spec.issuer, number="", subject="", place_date=spec.place_date_line)
    writer.annex(
        spec.annex, label="Phụ lục", reference=spec.reference, closing_mark=True, before=12
    )
    return writer.to_bytes()


def docx_response(data: bytes, filename: str) -> HttpResponse:
    """An HTTP download of a .docx (`filename` without the extension)."""
    response = HttpResponse(data, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.docx"'
    return response


# --- the writer ----------------------------------------------------------------------------------


class _Writer:
    """One python-docx document being filled, top to bottom."""

    def __init__(self, *, landscape: bool, body_size: int) -> None:
        self.doc: DocxDocument = new_docx()
        self.body_size = body_size
        self.landscape = landscape
        self.article_number = 0
        self._styles()
        section = self.doc.sections[0]
        _page_setup(section, landscape=landscape)
        _page_numbers(section)

    @property
    def text_width(self) -> float:
        """Width between the margins of the current page, in mm."""
        page = PAGE_LONG if self.landscape else PAGE_SHORT
        return page - MARGIN_LEFT - MARGIN_RIGHT

    def _styles(self) -> None:
        style: Any = self.doc.styles["Normal"]
        style.font.name = FONT
        style.font.size = Pt(self.body_size)
        rpr = style.element.get_or_add_rPr()
        _set_fonts(rpr)
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "vi-VN")
        rpr.append(lang)
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.space_before = Pt(0)

    # --- header (ô 1-5) ---------------------------------------------------------------------------

    def header(self, issuer: Issuer, *, number: str, subject: str, place_date: str) -> None:
        """The borderless two-column table: bodies | Quốc hiệu and Tiêu ngữ; number | place and date."""
        right_w = HEADER_RIGHT
        left_w = self.text_width - right_w
        if self.landscape:
            left_w, right_w = self.text_width * 0.4, self.text_width * 0.6
        rows = 2 if (number or place_date) else 1
        table = self.doc.add_table(rows=rows, cols=2)
        _no_borders(table)
        _widths(table, [left_w, right_w])
        left, right = table.cell(0, 0), table.cell(0, 1)
        inner = left_w - CELL_MARGINS
        parent_lines = _lines(issuer.parent.upper(), inner, BODY_NAME_SIZE, bold=False)
        name_lines = _lines(issuer.name.upper(), inner, BODY_NAME_SIZE, bold=True)
        first = True
        for line in parent_lines:
            _line(left, line, size=BODY_NAME_SIZE, reuse=first)
            first = False
        for line in name_lines:
            _line(left, line, size=BODY_NAME_SIZE, bold=True, reuse=first)
            first = False
        widest = max(text_width_mm(x, BODY_NAME_SIZE, bold=True) for x in name_lines)
        _rule(left, widest * SHORT_RULE, inner)
        _line(right, NATIONAL_TITLE, size=NATIONAL_TITLE_SIZE, bold=True, reuse=True)
        _line(right, MOTTO, size=MOTTO_SIZE, bold=True)
        _rule(right, text_width_mm(MOTTO, MOTTO_SIZE, bold=True), right_w - CELL_MARGINS)
        if rows == 2:
            number_cell, date_cell = table.cell(1, 0), table.cell(1, 1)
            if number:
                _line(number_cell, number, size=NUMBER_SIZE, reuse=True)
            if subject:
                # "V/v …" 6 pt under the number, in balanced lines (Phụ lục I, mục II.5.b).
                lines = split_to_fit(subject, inner, LETTER_SUBJECT_SIZE)
                p = _line(number_cell, "", size=LETTER_SUBJECT_SIZE)
                p.paragraph_format.space_before = Pt(6)
                for i, line in enumerate(lines):
                    run = _run(p, line, size=LETTER_SUBJECT_SIZE)
                    if i < len(lines) - 1:
                        run.add_break()
            if place_date:
                _line(date_cell, place_date, size=PLACE_DATE_SIZE, italic=True, reuse=True)

    def title_block(self, type_name: str, title: str) -> None:
        """Type name in bold capitals, the trích yếu in bold below, a short rule under it (ô 5a)."""
        size = self.body_size
        p = _paragraph(self.doc, align="center", before=18 if type_name else 12)
        _run(p, type_name, size=size, bold=True)
        if not title.strip():
            _spacer(self.doc, 12)
            return
        lines: list[str] = []
        for part in title.split("\n"):
            p = _paragraph(self.doc, align="center")
            _run(p, part, size=size, bold=True)
            lines += split_to_fit(part, self.text_width, size, bold=True)
        widest = max((text_width_mm(x, size, bold=True) for x in lines), default=0.0)
        rule = _rule(self.doc, widest * SHORT_RULE, self.text_width)
        rule.paragraph_format.space_after = Pt(12)

    def addressees(self, names: Sequence[str], *, before: float) -> None:
        """ "Kính gửi:" and one name on the same line, or several names aligned under the colon."""
        size = self.body_size
        _spacer(self.doc, before)
        if len(names) == 1:
            p = _paragraph(self.doc, align="center", after=12)
            _run(p, f"Kính gửi: {names[0].rstrip(';. ')}", size=size)
            return
        table = self.doc.add_table(rows=1, cols=2)
        _no_borders(table)
        label_w = self.text_width * 0.3
        _widths(table, [label_w, self.text_width - label_w])
        label, items = table.cell(0, 0), table.cell(0, 1)
        _line(label, "Kính gửi:", size=size, align="right", reuse=True)
        for i, line in enumerate(_listed(names)):
            _line(items, f"- {line}", size=size, align="left", reuse=i == 0)
        _spacer(self.doc, 12)

    # --- body (ô 6) -------------------------------------------------------------------------------

    def blocks(self, blocks: Sequence[Block]) -> None:
        for block in blocks:
            self.block(block)

    def block(self, block: Block) -> None:
        size = self.body_size
        if isinstance(block, Paragraph):
            p = _paragraph(
                self.doc,
                align=block.align,
                after=6,
                indent=block.indent,
                spacing=1.15,
            )
            _text(p, block.text, size=block.size or size, bold=block.bold, italic=block.italic)
        elif isinstance(block, Heading):
            p = _paragraph(self.doc, align="justify", after=6, indent=True, spacing=1.15)
            p.paragraph_format.keep_with_next = True
            _run(p, block.text, size=size, bold=block.level <= 2, italic=block.level >= 3)
        elif isinstance(block, CentredHeading):
            p = _paragraph(self.doc, align="center", before=6, after=0 if block.title else 6)
            p.paragraph_format.keep_with_next = True
            _run(p, block.text, size=size, bold=True)
            if block.title:
                p = _paragraph(self.doc, align="center", after=6)
                p.paragraph_format.keep_with_next = True
                _run(p, block.title.upper(), size=size, bold=True)
        elif isinstance(block, LegalBases):
            for line in _bases(block.lines):
                p = _paragraph(self.doc, align="justify", after=6, indent=True, spacing=1.15)
                _run(p, line, size=size, italic=True)
        elif isinstance(block, Article):
            self.article(block)
        elif isinstance(block, BulletList):
            for item in block.items:
                p = _paragraph(self.doc, align="justify", after=6, indent=True, spacing=1.15)
                _text(p, _prefixed(block.marker, item), size=size)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, PageBreak):
            self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:  # pragma: no cover - the Block union is closed
            raise TypeError(f"Unknown block {block!r}")

    def article(self, article: Article) -> None:
        """ "Điều n." bold, indented 1 cm (Phụ lục I, mục II.6.đ); a title on its own line."""
        size = self.body_size
        self.article_number = article.number or self.article_number + 1
        head = f"Điều {self.article_number}."
        p = _paragraph(self.doc, align="justify", after=6, indent=True, spacing=1.15)
        paragraphs = list(article.paragraphs)
        if article.title:
            _run(p, f"{head} {article.title}", size=size, bold=True)
            p.paragraph_format.keep_with_next = True
        else:
            _run(p, head, size=size, bold=True)
            if paragraphs:
                _run(p, " ", size=size)
                _text(p, paragraphs.pop(0), size=size)
        for text in paragraphs:
            p = _paragraph(self.doc, align="justify", after=6, indent=True, spacing=1.15)
            _text(p, text, size=size)

    def table(self, spec: Table) -> DocxTable:
        cols = len(spec.headers)
        table: DocxTable = self.doc.add_table(rows=1, cols=cols, style="Table Grid")
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        header = table.rows[0]
        for cell, text in zip(header.cells, spec.headers, strict=True):
            _line(cell, str(text), size=spec.size, bold=True, reuse=True, pad=True)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _repeat_header(header)
        bold_rows = set(spec.bold_rows)
        for index, row in enumerate(spec.rows):
            cells = table.add_row().cells
            if isinstance(row, TableSection):
                merged = cells[0].merge(cells[-1])
                _line(
                    merged, row.text, size=spec.size, bold=True, align="left", reuse=True, pad=True
                )
                continue
            if len(row) != cols:
                raise ValueError(f"Row {index + 1} has {len(row)} cells, the table {cols} columns.")
            for i, (cell, value) in enumerate(zip(cells, row, strict=True)):
                text = _cell_text(value)
                align = spec.align[i] if spec.align else ("center" if _numeric(value) else "left")
                _line(
                    cell,
                    text,
                    size=spec.size,
                    bold=index in bold_rows,
                    align=align,
                    reuse=True,
                    pad=True,
                )
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        for row_ in table.rows:
            _cant_split(row_)
        _widths(table, _scaled(spec.widths or [1.0] * cols, self.text_width))
        _spacer(self.doc, 6)
        return table

    # --- signers and recipients (ô 7, 9b) ---------------------------------------------------------

    def signatures(self, signers: Sequence[Signer], recipients: Sequence[str]) -> None:
        """One signer: "Nơi nhận" bottom left, the signer bottom right. Several (a biên bản): side by
        side, the first on the left, with "Nơi nhận" below them."""
        if not signers and not recipients:
            return
        _spacer(self.doc, 6)
        if len(signers) <= 1:
            table = self.doc.add_table(rows=1, cols=2)
            _no_borders(table)
            left_w = self.text_width * 0.45
            _widths(table, [left_w, self.text_width - left_w])
            if recipients:
                _recipients(table.cell(0, 0), recipients)
            if signers:
                self._signer(table.cell(0, 1), signers[0])
            _cant_split(table.rows[0])
            return
        table = self.doc.add_table(rows=1, cols=len(signers))
        _no_borders(table)
        _widths(table, [self.text_width / len(signers)] * len(signers))
        for cell, signer in zip(table.rows[0].cells, signers, strict=True):
            self._signer(cell, signer)
        _cant_split(table.rows[0])
        if recipients:
            _spacer(self.doc, 12)
            table = self.doc.add_table(rows=1, cols=1)
            _no_borders(table)
            _widths(table, [self.text_width])
            _recipients(table.cell(0, 0), recipients)

    def _signer(self, cell: _Cell, signer: Signer) -> None:
        size = self.body_size
        for i, line in enumerate(signer.lines()):
            _line(cell, line, size=size, bold=True, reuse=i == 0)
        p = _line(cell, signer.name, size=size, bold=True)
        p.paragraph_format.space_before = SIGNATURE_SPACE

    # --- annexes ----------------------------------------------------------------------------------

    def new_section(self, *, landscape: bool) -> None:
        """A new page in its own section, page numbers restarting at 1 (Phụ lục I, mục III.1.đ)."""
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        self.landscape = landscape
        _page_setup(section, landscape=landscape)
        section.different_first_page_header_footer = True
        _restart_page_numbers(section)

    def annex(
        self, annex: Annex, *, label: str, reference: str, closing_mark: bool, before: float = 0
    ) -> None:
        """ "Phụ lục" 14 pt bold, its title in capitals, "(Kèm theo …)" in italics (mục III.1.b-c)."""
        size = self.body_size
        p = _paragraph(self.doc, align="center", before=before)
        _run(p, label, size=14, bold=True)
        p = _paragraph(self.doc, align="center")
        _run(p, annex.title.upper(), size=size, bold=True)
        if reference:
            p = _paragraph(self.doc, align="center")
            _run(p, reference, size=size, italic=True)
            lines = split_to_fit(reference, self.text_width, size)
            widest = max(text_width_mm(x, size) for x in lines)
            _rule(self.doc, widest / 3, self.text_width).paragraph_format.space_after = Pt(12)
        else:
            _spacer(self.doc, 12)
        self.article_number = 0
        self.blocks(_closed(annex.blocks) if closing_mark else annex.blocks)

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()


# --- text rules ----------------------------------------------------------------------------------


def _closed(blocks: Sequence[Block]) -> list[Block]:
    """The blocks with "./." after the last text, as the templates end (Phụ lục III)."""
    out = list(blocks)
    if not out:
        return out
    last = out[-1]
    if isinstance(last, Paragraph):
        out[-1] = replace(last, text=_closed_text(last.text))
    elif isinstance(last, Article) and last.paragraphs:
        *rest, tail = last.paragraphs
        out[-1] = replace(last, paragraphs=[*rest, _closed_text(tail)])
    elif isinstance(last, BulletList) and last.items:
        *rest, tail = last.items
        out[-1] = replace(last, items=[*rest, _closed_text(tail)])
    return out


def _closed_text(text: Text) -> Text:
    if isinstance(text, str):
        return _close(text)
    runs = list(text)
    if not runs:
        return runs
    runs[-1] = replace(runs[-1], text=_close(runs[-1].text))
    return runs


def _close(text: str) -> str:
    text = text.rstrip()
    if text.endswith("./."):
        return text
    return text.rstrip(" .;:,") + "./."


def _bases(lines: Sequence[str]) -> list[str]:
    """Each "Căn cứ" line ends with ";" and the last with "." (Phụ lục I, mục II.6.a)."""
    cleaned = [line.strip().rstrip(";.").rstrip() for line in lines if line.strip()]
    return [f"{line}{'.' if i == len(cleaned) - 1 else ';'}" for i, line in enumerate(cleaned)]


def _listed(items: Sequence[str]) -> list[str]:
    """List lines ending with ";" and the last with "." (Phụ lục I, mục II.9)."""
    return _bases(items)


def _prefixed(marker: str, text: Text) -> Text:
    if isinstance(text, str):
        return f"{marker} {text}"
    return [Run(f"{marker} "), *text]


def _roman(n: int) -> str:
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in numerals:
        while n >= value:
            out += letters
            n -= value
    return out


def _lines(text: str, width: float, size: float, *, bold: bool) -> list[str]:
    """Explicit lines of a body name ("\\n"), each split to fit the column."""
    out: list[str] = []
    for part in text.split("\n"):
        if part.strip():
            out += split_to_fit(part.strip(), width, size, bold=bold)
    return out


def _cell_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (float, Decimal)):
        return (
            f"{value:f}".rstrip("0").rstrip(".").replace(".", ",") if value % 1 else f"{value:.0f}"
        )
    return str(value)


def _numeric(value: Cell) -> bool:
    if isinstance(value, (int, float, Decimal)):
        return True
    text = (value or "").strip()
    return text == "—" or (bool(text) and text.replace(",", "").replace(".", "").isdigit())


def _scaled(widths: Sequence[float], total: float) -> list[float]:
    whole = sum(widths) or 1.0
    return [w * total / whole for w in widths]


# --- python-docx helpers -------------------------------------------------------------------------

_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def _set_fonts(rpr: Any) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _run(
    p: DocxParagraph, text: str, *, size: float, bold: bool = False, italic: bool = False
) -> DocxRun:
    run = p.add_run(text)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    _set_fonts(run._element.get_or_add_rPr())
    return run


def _text(
    p: DocxParagraph, text: Text, *, size: float, bold: bool = False, italic: bool = False
) -> None:
    if isinstance(text, str):
        _run(p, text, size=size, bold=bold, italic=italic)
        return
    for piece in text:
        _run(p, piece.text, size=size, bold=bold or piece.bold, italic=italic or piece.italic)


def _paragraph(
    container: Container,
    *,
    align: Align = "left",
    before: float = 0,
    after: float = 0,
    indent: bool = False,
    spacing: float = 1.0,
) -> DocxParagraph:
    p = container.add_paragraph()
    _format(p, align=align, before=before, after=after, indent=indent, spacing=spacing)
    return p


def _format(
    p: DocxParagraph,
    *,
    align: Align,
    before: float = 0,
    after: float = 0,
    indent: bool = False,
    spacing: float = 1.0,
) -> None:
    p.alignment = _ALIGN[align]
    fmt = p.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = spacing
    if indent:
        fmt.first_line_indent = FIRST_LINE_INDENT


def _line(
    cell: _Cell,
    text: str,
    *,
    size: float,
    bold: bool = False,
    italic: bool = False,
    align: Align = "center",
    reuse: bool = False,
    pad: bool = False,
) -> DocxParagraph:
    """A line in a table cell; `reuse` writes into the cell's first (empty) paragraph."""
    p: DocxParagraph = cell.paragraphs[0] if reuse else cell.add_paragraph()
    _format(p, align=align, before=2 if pad else 0, after=2 if pad else 0)
    if text:
        _run(p, text, size=size, bold=bold, italic=italic)
    return p


def _rule(container: Container, width_mm: float, box_mm: float) -> DocxParagraph:
    """A centred solid line `width_mm` long: the bottom border of an empty, indented paragraph."""
    p: DocxParagraph = container.add_paragraph()
    fmt = p.paragraph_format
    indent = max(0.0, (box_mm - width_mm) / 2)
    fmt.left_indent = Mm(indent)
    fmt.right_indent = Mm(indent)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(2)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(6)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in {"w:val": "single", "w:sz": "6", "w:space": "1", "w:color": "000000"}.items():
        bottom.set(qn(key), value)
    borders.append(bottom)
    # pBdr comes before spacing/ind/jc in the schema's order of pPr children.
    anchor = ppr.find(qn("w:spacing"))
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        ppr.append(borders)
    return p


def _spacer(container: Container, points: float) -> DocxParagraph:
    """An empty paragraph exactly `points` high (also keeps two tables from merging)."""
    p = container.add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(points)
    fmt.space_before = fmt.space_after = Pt(0)
    return p


def _no_borders(table: DocxTable) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    # Word reads tblPr children in the schema's order: tblBorders comes before these.
    for tag in ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption"):
        anchor = tbl_pr.find(qn(tag))
        if anchor is not None:
            anchor.addprevious(borders)
            break
    else:
        tbl_pr.append(borders)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER


def _widths(table: DocxTable, widths_mm: Sequence[float]) -> None:
    """Fixed column widths (Word reads the cells, LibreOffice the grid: set both)."""
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(width)


def _repeat_header(row: _Row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _cant_split(row: _Row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:cantSplit")
    el.set(qn("w:val"), "true")
    tr_pr.insert(0, el)


def _recipients(cell: _Cell, recipients: Sequence[str]) -> None:
    """ "Nơi nhận:" 12 pt bold italic, then "- …;" lines in 11 pt, the last ending "." (mục II.9.d)."""
    _line(
        cell,
        "Nơi nhận:",
        size=RECIPIENTS_LABEL_SIZE,
        bold=True,
        italic=True,
        align="left",
        reuse=True,
    )
    for line in _listed(recipients):
        _line(cell, f"- {line}", size=RECIPIENTS_SIZE, align="left")


def _page_setup(section: Section, *, landscape: bool) -> None:
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(PAGE_LONG), Mm(PAGE_SHORT)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(PAGE_SHORT), Mm(PAGE_LONG)
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP), Mm(MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Mm(MARGIN_LEFT), Mm(MARGIN_RIGHT)
    section.header_distance = section.footer_distance = Mm(HEADER_DISTANCE)


def _page_numbers(section: Section) -> None:
    """Arabic page numbers centred in the top margin, not on the first page (Phụ lục I, mục I.7)."""
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = _run(p, "", size=PAGE_NUMBER_SIZE)
    for kind, instruction in (("begin", None), (None, " PAGE "), ("separate", None), ("end", None)):
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = instruction
            run._r.append(instr)


_SECT_PR_AFTER_PG_NUM = (
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
    "w:printerSettings",
)


def _restart_page_numbers(section: Section) -> None:
    sect_pr = section._sectPr
    existing = sect_pr.find(qn("w:pgNumType"))
    if existing is not None:
        sect_pr.remove(existing)
    pg = OxmlElement("w:pgNumType")
    pg.set(qn("w:start"), "1")
    for tag in _SECT_PR_AFTER_PG_NUM:
        anchor = sect_pr.find(qn(tag))
        if anchor is not None:
            anchor.addprevious(pg)
            return
    sect_pr.append(pg)
