"""Reading a plan file's task table as plain rows: pasted or plain text, Word (.docx) and Excel (.xlsx).

Each reader turns one shape into rows of cell texts (`rows_from_text`, `rows_from_docx`, `rows_from_xlsx`);
`parse_plan_file` checks the file, dispatches on its extension and hands the rows to
`plan_table.parse_task_table`. No Django here.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import unicodedata

from cchc.core.errors import DomainError
from cchc.core.uploads import check_package
from cchc.plans.plan_table import (
    MAX_FILE_BYTES,
    NO_TABLE,
    ParsedTable,
    PlanTableError,
    _clean_cell,
    _header_mapping,
    _is_number_like,
    parse_task_table,
)

_MD_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")
_SPACE_CHUNK = re.compile(r"\S+(?: \S+)*")
_BR = re.compile(r"<br\s*/?>", re.I)


def _split_pipes(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    cells = re.split(r"(?<!\\)\|", line)
    return [_BR.sub("\n", c.replace("\\|", "|")).strip().strip("*").strip() for c in cells]


def rows_from_text(text: str) -> list[list[str]]:
    """One row per line (so row numbers are line numbers): tab-separated cells, or a markdown "| a | b |" table,
    or cells separated by two or more spaces (aligned on the header's columns when one is found).
    Blank lines give empty rows; other lines give a single cell.
    """
    text = (
        unicodedata.normalize("NFC", text or "")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .lstrip("\ufeff")
    )
    rows: list[list[str]] = []
    spaced: dict[int, list[tuple[int, str]]] = {}
    for index, raw in enumerate(text.split("\n")):
        line = raw.replace("\u00a0", " ")
        stripped = line.strip()
        if not stripped:
            rows.append([])
        elif "\t" in line:
            rows.append([c.strip() for c in line.split("\t")])
        elif _MD_SEPARATOR.match(stripped) and "-" in stripped and "|" in stripped:
            rows.append([])
        elif stripped.startswith("|") or (stripped.count("|") >= 2 and " | " in stripped):
            rows.append(_split_pipes(stripped))
        else:
            chunks = [(m.start(), m.group()) for m in _SPACE_CHUNK.finditer(line)]
            spaced[index] = chunks
            rows.append([c for _, c in chunks])
    _align_spaced_rows(rows, spaced)
    return rows


def _align_spaced_rows(rows: list[list[str]], spaced: dict[int, list[tuple[int, str]]]) -> None:
    """Put the cells of space-separated lines under the header columns they start under."""
    starts: list[int] | None = None
    for index in sorted(spaced):
        chunks = spaced[index]
        if starts is None:
            if len(chunks) >= 2 and _header_mapping([c for _, c in chunks]):
                starts = [s for s, _ in chunks]
            continue
        if len(chunks) < 2 and chunks[0][0] < 2:
            continue  # an unindented single line (an area title or prose) stays one cell
        cells = [""] * len(starts)
        for start, chunk in chunks:
            column = max((k for k, s in enumerate(starts) if s <= start + 2), default=0)
            cells[column] = f"{cells[column]} {chunk}".strip()
        rows[index] = cells


def _docx_tag(name: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + name


_W_T, _W_TAB, _W_BR, _W_CR, _W_P = (_docx_tag(n) for n in ("t", "tab", "br", "cr", "p"))
_W_VAL = _docx_tag("val")


def _docx_paragraph_text(p, tab: str = " ") -> str:
    parts = []
    for el in p.iter():
        if el.tag == _W_T:
            parts.append(el.text or "")
        elif el.tag == _W_TAB:
            parts.append(tab)
        elif el.tag in (_W_BR, _W_CR):
            parts.append("\n")
    return "".join(parts)


def _docx_children(el, tag: str) -> list:
    """Direct children with `tag`, looking through content controls and custom XML wrappers."""
    out = []
    for child in el:
        if child.tag == _docx_tag(tag):
            out.append(child)
        elif child.tag in (_docx_tag("sdt"), _docx_tag("customXml")):
            content = child.find(_docx_tag("sdtContent"))
            out.extend(_docx_children(content if content is not None else child, tag))
    return out


def _docx_cell_text(tc) -> str:
    return "\n".join(_docx_paragraph_text(p) for p in _docx_children(tc, "p")).strip()


def _docx_int(el, default: int = 1) -> int:
    try:
        return int(el.get(_W_VAL)) if el is not None else default
    except (TypeError, ValueError):
        return default


def _docx_table_rows(tbl) -> list[list[str]]:
    grid = tbl.find(_docx_tag("tblGrid"))
    width = len(grid.findall(_docx_tag("gridCol"))) if grid is not None else 0
    above: dict[int, str] = {}  # grid column -> text of the cell a vertical merge started from
    rows = []
    for tr in _docx_children(tbl, "tr"):
        tr_pr = tr.find(_docx_tag("trPr"))
        if tr_pr is not None and tr_pr.find(_docx_tag("del")) is not None:
            continue  # a row deleted with track changes on
        col = _docx_int(tr_pr.find(_docx_tag("gridBefore")) if tr_pr is not None else None, 0)
        cells = [""] * col
        for tc in _docx_children(tr, "tc"):
            tc_pr = tc.find(_docx_tag("tcPr"))
            span = max(
                1, _docx_int(tc_pr.find(_docx_tag("gridSpan")) if tc_pr is not None else None)
            )
            v_merge = tc_pr.find(_docx_tag("vMerge")) if tc_pr is not None else None
            if v_merge is not None and v_merge.get(_W_VAL) in (None, "continue"):
                text = above.get(col, "")
                text = "" if _is_number_like(text) else text
            else:
                text = _docx_cell_text(tc)
                above[col] = text
            cells.append(text)
            cells.extend(
                [""] * (span - 1)
            )  # a horizontally merged cell counts once, in its first column
            col += span
        cells.extend([""] * (width - len(cells)))
        rows.append(cells)
    return rows


def _open_docx(data: bytes):
    from docx import Document

    return Document(io.BytesIO(data))


def rows_from_docx(data: bytes) -> list[list[str]]:
    """The rows of every table in the document (nested tables after their parent), cell texts by grid column.

    A horizontally merged cell gives its text once, in its first column; a vertically merged cell repeats
    its text on each row it covers, except a number (TT) which is left empty below its first row.
    """
    body = _open_docx(data).element.body
    rows: list[list[str]] = []
    for tbl in body.iter(_docx_tag("tbl")):
        rows.extend(_docx_table_rows(tbl))
    return rows


def _docx_paragraph_lines(data: bytes) -> str:
    """The body paragraphs outside tables, one per line (a table pasted as tab-separated paragraphs)."""
    body = _open_docx(data).element.body
    return "\n".join(_docx_paragraph_text(p, tab="\t") for p in _docx_children(body, "p"))


_XLSX_MAX_ROWS = 20000
_XLSX_MAX_COLS = 60


def _xlsx_text(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return (
            value.strftime("%d/%m/%Y")
            if value.time() == dt.time()
            else value.strftime("%d/%m/%Y %H:%M")
        )
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, (int, float)):
        if "%" in (cell.number_format or ""):
            return f"{value * 100:.10g}%"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return f"{value:.15g}" if isinstance(value, float) else str(value)
    return str(value).replace("_x000D_", "").strip()


def _xlsx_sheet_rows(ws) -> list[list[str]]:
    cells = getattr(ws, "_cells", None)
    if cells is not None:
        used = [key for key, c in cells.items() if c.value is not None]
        max_row = max((r for r, _ in used), default=0)
        max_col = max((c for _, c in used), default=0)
    else:
        max_row, max_col = ws.max_row, ws.max_column
    max_row, max_col = min(max_row, _XLSX_MAX_ROWS), min(max_col, _XLSX_MAX_COLS)
    grid = [[""] * max_col for _ in range(max_row)]
    for (r, c), cell in (cells or {}).items():
        if r <= max_row and c <= max_col:
            grid[r - 1][c - 1] = _xlsx_text(cell)
    if cells is None:
        for r, row in enumerate(ws.iter_rows(min_row=1, max_row=max_row, max_col=max_col), start=1):
            for c, cell in enumerate(row, start=1):
                grid[r - 1][c - 1] = _xlsx_text(cell)
    for merged in ws.merged_cells.ranges:
        top = (
            grid[merged.min_row - 1][merged.min_col - 1]
            if merged.min_row <= max_row and merged.min_col <= max_col
            else ""
        )
        for r in range(merged.min_row, min(merged.max_row, max_row) + 1):
            for c in range(merged.min_col, min(merged.max_col, max_col) + 1):
                if (r, c) == (merged.min_row, merged.min_col):
                    continue
                below_first = c == merged.min_col and r > merged.min_row
                grid[r - 1][c - 1] = top if below_first and not _is_number_like(top) else ""
    return grid


def rows_from_xlsx(data: bytes) -> list[list[str]]:
    """The rows of the first sheet that has a task-table header (else of the first sheet); row k is Excel row k.

    A merged range gives its value in its first cell; when it spans several rows, each row also gets it in the
    range's first column (a lead office or deadline shared by several tasks), except a number.
    """
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), data_only=True)
    try:
        first: list[list[str]] | None = None
        for ws in wb.worksheets:
            rows = _xlsx_sheet_rows(ws)
            if first is None:
                first = rows
            if any(_header_mapping([_clean_cell(c) for c in row]) for row in rows):
                return rows
        return first or []
    finally:
        wb.close()


TEXT_EXTENSIONS = (".txt", ".md", ".markdown", ".tsv")
_ACCEPTED = "Word (.docx), Excel (.xlsx) hoặc văn bản (.txt, .md)"


def decode_text(name: str, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise PlanTableError(f"Tệp “{name}” không phải tệp văn bản: hãy tải lên tệp {_ACCEPTED}.")
    if data.lstrip().startswith(b"{\\rtf"):
        raise PlanTableError(
            f"Tệp “{name}” là định dạng RTF: hãy mở bằng Word và lưu lại dưới dạng .docx."
        )
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _check_file(name: str, ext: str, data: bytes) -> None:
    if ext == ".doc":
        raise PlanTableError(
            f"Tệp Word cũ (.doc) “{name}” chưa được hỗ trợ: hãy mở bằng Word và lưu lại dưới dạng .docx."
        )
    if ext == ".xls":
        raise PlanTableError(
            f"Tệp Excel cũ (.xls) “{name}” chưa được hỗ trợ: hãy mở bằng Excel và lưu lại dưới dạng .xlsx."
        )
    if ext == ".pdf":
        raise PlanTableError(
            f"Không đọc được bảng nhiệm vụ từ tệp PDF “{name}”: hãy tải lên tệp {_ACCEPTED} của kế hoạch."
        )
    if ext not in TEXT_EXTENSIONS + (".docx", ".xlsx", ".xlsm"):
        kind = f"“{ext}”" if ext else "không có phần mở rộng"
        raise PlanTableError(f"Không hỗ trợ loại tệp {kind} (“{name}”): chỉ nhận tệp {_ACCEPTED}.")
    if not data:
        raise PlanTableError(f"Tệp “{name}” rỗng.")
    if len(data) > MAX_FILE_BYTES:
        size = len(data) / (1024 * 1024)
        raise PlanTableError(
            f"Tệp “{name}” quá lớn ({size:.1f} MB): chỉ nhận tệp tối đa {MAX_FILE_BYTES // (1024 * 1024)} MB."
        )


def parse_plan_file(filename: str, data: bytes) -> ParsedTable:
    """Read the task table of an uploaded plan (.txt, .md, .docx or .xlsx).

    Raises `PlanTableError` for an unsupported, empty, too large or corrupt file, and when no task could be
    read (no table, a required column missing, no task rows). Row problems (a duplicated number, a task
    without content) are returned in `ParsedTable.errors` so that all of them can be shown at once.
    """
    name = os.path.basename(filename or "") or "không tên"
    ext = os.path.splitext(name.lower())[1]
    data = data or b""
    _check_file(name, ext, data)
    if ext in (".docx", ".xlsx"):
        try:
            check_package(name, data)
        except DomainError as exc:
            raise PlanTableError(exc.message) from exc
    if ext in TEXT_EXTENSIONS:
        table = parse_task_table(rows_from_text(decode_text(name, data)))
    elif ext == ".docx":
        corrupt = (
            f"Không đọc được tệp “{name}”: tệp bị hỏng hoặc không phải tệp Word (.docx) hợp lệ."
        )
        if not data.startswith(b"PK"):
            raise PlanTableError(corrupt)
        try:
            table = parse_task_table(rows_from_docx(data))
            if table.errors == [NO_TABLE]:
                # the table may have been pasted as tab-separated paragraphs rather than as a Word table
                from_text = parse_task_table(rows_from_text(_docx_paragraph_lines(data)))
                if from_text.errors != [NO_TABLE]:
                    table = from_text
        except PlanTableError:
            raise
        except (
            Exception
        ) as exc:  # zipfile, lxml and python-docx raise many types on malformed files
            raise PlanTableError(corrupt) from exc
    else:
        corrupt = (
            f"Không đọc được tệp “{name}”: tệp bị hỏng hoặc không phải tệp Excel (.xlsx) hợp lệ."
        )
        if not data.startswith(b"PK"):
            raise PlanTableError(corrupt)
        try:
            table = parse_task_table(rows_from_xlsx(data))
        except PlanTableError:
            raise
        except (
            Exception
        ) as exc:  # openpyxl raises many types (zip, XML, KeyError, ValueError) on bad files
            raise PlanTableError(corrupt) from exc
    if table.errors and not table.tasks:
        raise PlanTableError("; ".join(table.errors), table.errors)
    return table
