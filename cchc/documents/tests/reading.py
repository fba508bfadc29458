"""Reading generated .docx files back in tests: texts of cells and paragraphs, rules, sections."""

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from cchc.documents.word import CELL_MARGINS


def open_docx(data: bytes) -> DocxDocument:
    return Document(io.BytesIO(data))


def lines(cell: _Cell) -> list[str]:
    """The non-empty lines of a table cell."""
    return [p.text for p in cell.paragraphs if p.text.strip()]


def body_lines(doc: DocxDocument) -> list[str]:
    """The non-empty top-level paragraphs, in order."""
    return [p.text for p in doc.paragraphs if p.text.strip()]


def paragraph(doc: DocxDocument, text: str) -> Paragraph:
    found = [p for p in doc.paragraphs if p.text == text]
    assert len(found) == 1, (text, [p.text for p in doc.paragraphs])
    return found[0]


def is_rule(p: Paragraph) -> bool:
    ppr = p._p.pPr
    return (
        not p.text
        and ppr is not None
        and ppr.find(qn("w:pBdr")) is not None
        and ppr.find(qn("w:pBdr")).find(qn("w:bottom")) is not None
    )


def rule_after(paragraphs: list[Paragraph], text: str) -> Paragraph:
    """The rule paragraph right after the paragraph reading `text`."""
    index = next(i for i, p in enumerate(paragraphs) if p.text == text)
    rule = paragraphs[index + 1]
    assert is_rule(rule), f"no rule under {text!r}"
    return rule


def rule_length_mm(rule: Paragraph, box_mm: float) -> float:
    """How long a rule is drawn: the box less both indents."""
    fmt = rule.paragraph_format
    return box_mm - (fmt.left_indent or 0) / 36000 - (fmt.right_indent or 0) / 36000


def cell_box_mm(cell: _Cell) -> float:
    return cell.width / 36000 - CELL_MARGINS


def bold(p: Paragraph) -> bool:
    runs = [r for r in p.runs if r.text.strip()]
    return bool(runs) and all(r.bold for r in runs)


def italic(p: Paragraph) -> bool:
    runs = [r for r in p.runs if r.text.strip()]
    return bool(runs) and all(r.italic for r in runs)


def size(p: Paragraph) -> float:
    sizes = {r.font.size.pt for r in p.runs if r.text.strip()}
    assert len(sizes) == 1, sizes
    return sizes.pop()
