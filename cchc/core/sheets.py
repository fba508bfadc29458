"""The one way cchc writes Excel workbooks: every text that Excel would read as a formula stays text.

A name typed by a user such as `=HYPERLINK("http://…","Bấm vào")` must reach the spreadsheet as the text it is,
never as a live formula (CSV/formula injection, OWASP). Every export creates its workbook, writes its rows and
cells and saves through these functions; tests/test_exports_escaped.py checks that no other module does.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell, MergedCell
    from openpyxl.worksheet.worksheet import Worksheet

# Excel (and LibreOffice) start a formula or a DDE call with these characters.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def _as_text(cell: Cell | MergedCell) -> None:
    """Keep the cell's value a string: a text cell (not a formula) with Excel's quote prefix."""
    cell.data_type = "s"
    cell.quotePrefix = True


def workbook(*, empty: bool = False) -> Workbook:
    """A new workbook; with `empty`, without its first sheet (the caller adds named sheets)."""
    from openpyxl import Workbook

    wb = Workbook()
    if empty:
        wb.remove(wb.worksheets[0])
    return wb


def first_sheet(wb: Workbook, title: str) -> Worksheet:
    from openpyxl.worksheet.worksheet import Worksheet

    ws = wb.active
    assert isinstance(ws, Worksheet)  # a new workbook opens on one empty worksheet
    ws.title = title[:31] or "Danh sách"
    return ws


def append(ws: Worksheet, values: list | tuple) -> None:
    """Add a row after the last one; texts that look like formulas stay texts."""
    row = list(values)
    ws.append(row)
    number = ws.max_row
    for column, value in enumerate(row, start=1):
        if is_formula_like(value):
            _as_text(ws.cell(row=number, column=column))


def put(ws: Worksheet, row: int, column: int, value: Any) -> Cell | MergedCell:
    """Write one cell; a text that looks like a formula stays text."""
    cell = ws.cell(row=row, column=column)
    cell.value = value
    if is_formula_like(value):
        _as_text(cell)
    return cell


def to_bytes(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
