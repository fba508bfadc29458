"""Reading the task table ("Phụ lục – Danh mục nhiệm vụ") of a CCHC plan from text, Word or Excel.

The appendix of a plan lists its tasks in a table with the columns TT, Nội dung công việc, Cơ quan chủ trì,
Cơ quan phối hợp, Thời gian thực hiện/ hoàn thành and Sản phẩm, grouped under area rows ("I. Cải cách thể
chế"). Files reach us in several shapes: pasted as tab-separated text, as a .docx with one table per page
(the header row repeated, a task cut in two by a page break), as an .xlsx sheet. Readers turn each shape into
plain rows of cell texts (`rows_from_text`, `rows_from_docx`, `rows_from_xlsx`); `parse_task_table` then finds
the header by column names (order comes from the header, synonyms and missing diacritics are accepted), skips
repeated headers, records areas, joins continuation rows into the task above and reports problems in
Vietnamese, naming rows and columns.

Fatal problems go to `ParsedTable.errors` (nothing may be saved while there are any); doubts go to warnings.
`parse_plan_file` dispatches on the file extension and raises `PlanTableError` when no task could be read.

No Django here: the module is pure and testable without settings.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import unicodedata
from dataclasses import dataclass, field

from cchc.core.errors import DomainError
from cchc.plans.offices import begins_new_office, fold

MAX_FILE_BYTES = 20 * 1024 * 1024

# --- Columns ----------------------------------------------------------------------------------------------
NO, CONTENT, LEAD, COORDINATING, DEADLINE, PRODUCT = (
    "no",
    "content",
    "lead",
    "coordinating",
    "deadline",
    "product",
)

# Names shown to users, in messages.
COLUMN_LABELS: dict[str, str] = {
    NO: "TT",
    CONTENT: "Nội dung công việc",
    LEAD: "Cơ quan chủ trì",
    COORDINATING: "Cơ quan phối hợp",
    DEADLINE: "Thời gian thực hiện",
    PRODUCT: "Sản phẩm",
}
REQUIRED_COLUMNS = [NO, CONTENT, LEAD, DEADLINE]

# Header names accepted as they are (compared folded: no diacritics, no punctuation, lower case).
COLUMN_SYNONYMS: dict[str, list[str]] = {
    NO: ["TT", "STT", "Số TT", "Số thứ tự", "Thứ tự"],
    CONTENT: [
        "Nội dung công việc",
        "Nội dung",
        "Nhiệm vụ",
        "Nội dung nhiệm vụ",
        "Tên nhiệm vụ",
        "Công việc",
        "Nhiệm vụ, giải pháp",
        "Nội dung thực hiện",
        "Nhiệm vụ, công việc",
        "Tên công việc",
    ],
    LEAD: [
        "Cơ quan chủ trì",
        "Đơn vị chủ trì",
        "Chủ trì",
        "Cơ quan, đơn vị chủ trì",
        "Cơ quan chủ trì thực hiện",
        "Đơn vị chủ trì thực hiện",
        "Cơ quan thực hiện",
        "Đơn vị thực hiện",
    ],
    COORDINATING: ["Cơ quan phối hợp", "Đơn vị phối hợp", "Phối hợp", "Cơ quan, đơn vị phối hợp"],
    DEADLINE: [
        "Thời gian thực hiện/ hoàn thành",
        "Thời gian",
        "Thời hạn",
        "Thời gian hoàn thành",
        "Thời gian thực hiện",
        "Thời hạn hoàn thành",
        "Tiến độ",
        "Tiến độ thực hiện",
        "Tiến độ hoàn thành",
    ],
    PRODUCT: [
        "Sản phẩm",
        "Kết quả/sản phẩm",
        "Kết quả",
        "Sản phẩm đầu ra",
        "Hình thức sản phẩm",
        "Sản phẩm dự kiến",
    ],
}

# Longer header texts are recognised by these folded words: (column, "start" | "contains", words).
COLUMN_KEYWORDS: list[tuple[str, str, str]] = [
    (LEAD, "contains", "chu tri"),
    (COORDINATING, "contains", "phoi hop"),
    (DEADLINE, "start", "thoi gian"),
    (DEADLINE, "start", "thoi han"),
    (DEADLINE, "start", "tien do"),
    (PRODUCT, "contains", "san pham"),
    (PRODUCT, "start", "ket qua"),
    (CONTENT, "start", "noi dung"),
    (CONTENT, "start", "nhiem vu"),
    (CONTENT, "start", "ten nhiem vu"),
    (CONTENT, "start", "cong viec"),
]
_HEADER_MAX_WORDS = 10

# --- Messages ---------------------------------------------------------------------------------------------
NO_TABLE = "Không tìm thấy bảng nhiệm vụ: cần các cột TT, Nội dung công việc, Cơ quan chủ trì, Thời gian thực hiện"
EMPTY_TABLE = "Bảng nhiệm vụ không có dòng nào"
JOINED_CONTENT = "Nội dung nối từ hai dòng (ngắt trang)"
MISSING_LEAD = "Thiếu cơ quan chủ trì"
MISSING_DEADLINE = "Thiếu thời gian thực hiện"


# --- Results ----------------------------------------------------------------------------------------------
@dataclass
class ParsedTask:
    """One numbered task of the table; cells as written, `source_rows` 1-based rows of the input."""

    no: int
    content: str
    area: str | None
    area_code: str | None
    lead_text: str
    coordinating_text: str
    deadline_text: str
    product: str
    source_rows: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class ParsedArea:
    """An area row ("I. Cải cách thể chế"): code "I", title "Cải cách thể chế", order 1-based."""

    code: str
    title: str
    order: int


@dataclass
class ParsedTable:
    """The tasks and areas read; `errors` are fatal (nothing may be saved), `warnings` are doubts."""

    areas: list[ParsedArea] = field(default_factory=list)
    tasks: list[ParsedTask] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class PlanTableError(DomainError):
    """The file cannot be read as a plan's task table; `message` is Vietnamese, `errors` lists every problem."""

    def __init__(self, message: str, errors: list[str] | None = None):
        super().__init__(message)
        self.errors = errors or [message]


# --- Cell helpers -----------------------------------------------------------------------------------------
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_LINE_SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009\u202f]+")
_NUMBER_RE = re.compile(r"^(\d{1,4})\s*[.)]?$")
_ROMAN = r"(?:X{0,3}(?:IX|IV|V?I{0,3}))"
_SECTION_RE = re.compile(rf"^(?:(?:PHẦN|Phần|MỤC|Mục)\s+)?({_ROMAN})\s*[.)]\s*(\S.*)$", re.S)
_ROMAN_ONLY_RE = re.compile(rf"^(?:(?:PHẦN|Phần|MỤC|Mục)\s+)?({_ROMAN})\s*[.)]?$")
_COLUMN_NUMBER_RE = re.compile(r"^\(?\d{1,2}\)?$")


def _clean_cell(value) -> str:
    """NFC text, invisible characters removed, spaces collapsed in each line, empty lines dropped."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value)).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\v", "\n")
    lines = (_LINE_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _task_number(text: str) -> int | None:
    m = _NUMBER_RE.match(text.strip())
    return int(m.group(1)) if m else None


def _is_number_like(text: str) -> bool:
    """A value that numbers a row (task number or area numeral): not repeated down a vertical merge."""
    text = text.strip()
    roman = _ROMAN_ONLY_RE.match(text)
    return bool(_NUMBER_RE.match(text) or (roman and roman.group(1)))


def _header_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", fold(text)).strip()


_SYNONYM_KEYS = {key: {_header_key(n) for n in names} for key, names in COLUMN_SYNONYMS.items()}


def _column_of(cell: str) -> str | None:
    """Which column a header cell names, or None."""
    key = _header_key(cell)
    if not key or len(key.split()) > _HEADER_MAX_WORDS:
        return None
    for column, names in _SYNONYM_KEYS.items():
        if key in names:
            return column
    for column, how, words in COLUMN_KEYWORDS:
        if (how == "start" and (key == words or key.startswith(words + " "))) or (
            how == "contains" and re.search(rf"\b{words}\b", key)
        ):
            return column
    return None


def _header_mapping(row: list[str]) -> dict[str, int] | None:
    """Column positions when `row` is a header row (two or more known column names, no task number)."""
    mapping: dict[str, int] = {}
    for index, cell in enumerate(row):
        if not cell:
            continue
        if _task_number(cell) is not None:
            return None
        column = _column_of(cell)
        if column and column not in mapping:
            mapping[column] = index
    if len(mapping) >= 2 and (CONTENT in mapping or LEAD in mapping):
        return mapping
    return None


def _is_column_numbering(row: list[str]) -> bool:
    """The row "(1) (2) (3) ..." printed under many headers."""
    filled = [c for c in row if c]
    return len(filled) >= 3 and all(_COLUMN_NUMBER_RE.match(c) for c in filled)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- Readers ----------------------------------------------------------------------------------------------
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


# --- Parsing ----------------------------------------------------------------------------------------------
@dataclass
class _Draft:
    task: ParsedTask
    joined: dict[str, int] = field(default_factory=dict)  # column -> rows joined into it


_TASK_FIELDS = {
    CONTENT: "content",
    LEAD: "lead_text",
    COORDINATING: "coordinating_text",
    DEADLINE: "deadline_text",
    PRODUCT: "product",
}
_OFFICE_COLUMNS = (LEAD, COORDINATING)


def _join(left: str, right: str, *, offices: bool = False) -> str:
    """Join a cell continued on the next row: "..., báo" + "cáo đánh giá ..." -> "..., báo cáo đánh giá ..."."""
    if not right or right == left:
        return left  # nothing to add, or a vertically merged cell repeated on the next row
    if not left:
        return right
    if offices and begins_new_office(right) and not left.endswith((";", ",")):
        return f"{left}; {right}"
    if left.endswith(("/", "(")) or right[0] in ",.;:)!?…":
        return left + right
    return f"{left} {right}"


def _section(row: list[str], mapping: dict[str, int]) -> tuple[str, str, bool] | None:
    """(code, title, other cells filled) when the row is an area row "I. Title" or "I" | "Title"."""
    filled = [(i, c) for i, c in enumerate(row) if c]
    if not filled:
        return None
    candidates = {0, 1, mapping[NO], mapping[CONTENT]}
    first_index, first = filled[0]
    if first_index not in candidates:
        return None
    m = _SECTION_RE.match(first)
    if m and m.group(1):
        return m.group(1), m.group(2).strip().rstrip(":").strip(), len(filled) > 1
    m = _ROMAN_ONLY_RE.match(first)
    if m and m.group(1) and len(filled) >= 2 and filled[1][0] in candidates | {first_index + 1}:
        if _task_number(filled[1][1]) is None:
            return m.group(1), filled[1][1].rstrip(":").strip(), len(filled) > 2
    return None


def _count_words(n: int) -> str:
    return "hai" if n == 2 else str(n)


def parse_task_table(rows: list[list[str]]) -> ParsedTable:
    """Read the task table out of `rows` (1-based row numbers in messages); see the module docstring."""
    rows = [[_clean_cell(c) for c in row] for row in rows]
    result = ParsedTable()
    header_at, mapping = None, None
    for index, row in enumerate(rows):
        mapping = _header_mapping(row)
        if mapping:
            header_at = index
            break
    if header_at is None or mapping is None:
        result.errors.append(NO_TABLE)
        return result
    missing = [c for c in REQUIRED_COLUMNS if c not in mapping]
    if missing:
        for column in missing:
            result.errors.append(
                f"Thiếu cột “{COLUMN_LABELS[column]}” trong dòng tiêu đề của bảng (dòng {header_at + 1})"
            )
        return result

    drafts: list[_Draft] = []
    area: ParsedArea | None = None
    area_rows: dict[str, int] = {}
    area_has_task: dict[int, bool] = {}
    last: str | None = None  # "task" or "area": what a continuation row joins
    odd_rows: list[
        tuple[int, str, str]
    ] = []  # (row number, text, TT cell when it holds something else)
    last_task_row = 0

    def cell(row: list[str], column: str) -> str:
        index = mapping.get(column)
        return row[index] if index is not None and index < len(row) else ""

    for index in range(header_at + 1, len(rows)):
        row, n = rows[index], index + 1
        if not any(row):
            continue
        new_mapping = _header_mapping(row)
        if new_mapping:
            if all(c in new_mapping for c in REQUIRED_COLUMNS):
                mapping = new_mapping  # a header repeated on a new page, perhaps with columns in another order
                continue
            result.warnings.append(
                f"Dòng {n}: bắt đầu một bảng khác, các dòng từ đây trở đi không được đọc"
            )
            break
        if _is_column_numbering(row):
            continue
        section = _section(row, mapping)
        if section:
            code, title, others = section
            if code in area_rows:
                result.warnings.append(
                    f"Mục {code} xuất hiện hai lần: dòng {area_rows[code]} và dòng {n}"
                )
            area_rows.setdefault(code, n)
            area = ParsedArea(code=code, title=title, order=len(result.areas) + 1)
            result.areas.append(area)
            area_has_task[area.order] = False
            if others:
                result.warnings.append(
                    f"Dòng {n}: dòng mục “{code}. {_short(title)}” có chữ ở các cột khác, đã bỏ qua"
                )
            last = "area"
            continue
        no_text = cell(row, NO)
        number = _task_number(no_text) if no_text else None
        if number is not None:
            task = ParsedTask(
                no=number,
                content=cell(row, CONTENT),
                area=area.title if area else None,
                area_code=area.code if area else None,
                lead_text=cell(row, LEAD),
                coordinating_text=cell(row, COORDINATING),
                deadline_text=cell(row, DEADLINE),
                product=cell(row, PRODUCT),
                source_rows=[n],
            )
            drafts.append(_Draft(task))
            if area:
                area_has_task[area.order] = True
            last, last_task_row = "task", n
            continue
        parts = {c: cell(row, c) for c in _TASK_FIELDS if cell(row, c)}
        if not no_text and parts:
            if last == "task":
                draft = drafts[-1]
                for column, text in parts.items():
                    attr = _TASK_FIELDS[column]
                    before = getattr(draft.task, attr)
                    after = _join(before, text, offices=column in _OFFICE_COLUMNS)
                    if after != before:
                        setattr(draft.task, attr, after)
                        draft.joined[column] = draft.joined.get(column, 1) + 1
                draft.task.source_rows.append(n)
                if parts.get(CONTENT) and parts.get(LEAD) and draft.task.lead_text != parts[LEAD]:
                    draft.task.warnings.append(
                        f"Dòng {n} không có số thứ tự nhưng có nội dung và cơ quan chủ trì: đã nối vào nhiệm vụ "
                        f"{draft.task.no}, cần kiểm tra lại"
                    )
                last_task_row = n
                continue
            if last == "area" and area and list(parts) == [CONTENT]:
                area.title = _join(area.title, parts[CONTENT])
                result.warnings.append(
                    f"Tên mục {area.code} nối từ hai dòng (dòng {area_rows.get(area.code, n)} và {n})"
                )
                continue
        odd_rows.append((n, " ".join(c for c in row if c), no_text if parts else ""))

    tasks = [d.task for d in drafts]
    for draft in drafts:
        task = draft.task
        for column, count in draft.joined.items():
            if column == CONTENT:
                task.warnings.append(
                    JOINED_CONTENT if count == 2 else f"Nội dung nối từ {count} dòng (ngắt trang)"
                )
            else:
                task.warnings.append(
                    f"Cột “{COLUMN_LABELS[column]}” nối từ {_count_words(count)} dòng (ngắt trang)"
                )
        if not task.lead_text:
            task.warnings.append(MISSING_LEAD)
        if not task.deadline_text:
            task.warnings.append(MISSING_DEADLINE)
    result.tasks = tasks

    if not tasks:
        result.errors.append(EMPTY_TABLE)
        return result

    for n, text, bad_number in odd_rows:
        if n > last_task_row:
            continue  # text after the table (signatures, notes)
        if bad_number:
            result.errors.append(
                f"Dòng {n}: cột “{COLUMN_LABELS[NO]}” có giá trị “{_short(bad_number, 20)}” "
                "không phải số thứ tự (dòng tên mục phải để trống các cột khác)"
            )
        else:
            result.warnings.append(
                f"Dòng {n} không thuộc nhiệm vụ nào, đã bỏ qua: “{_short(text)}”"
            )

    seen: dict[int, ParsedTask] = {}
    for task in tasks:
        if not task.content:
            result.errors.append(
                f"Dòng {task.source_rows[0]}: nhiệm vụ số {task.no} không có nội dung"
            )
        if task.no in seen:
            first = seen[task.no]
            message = f"Số thứ tự {task.no} bị trùng: dòng {first.source_rows[0]} và dòng {task.source_rows[0]}"
            if first.area_code != task.area_code:
                message += (
                    " (nếu bảng đánh số lại từ 1 ở mỗi mục, hãy đánh số liên tục cho cả bảng)"
                )
            result.errors.append(message)
        else:
            seen[task.no] = task

    previous = None
    for task in tasks:
        if previous is None and task.no != 1:
            result.warnings.append(
                f"Nhiệm vụ đầu tiên có số thứ tự {task.no} (dòng {task.source_rows[0]}), không phải 1"
            )
        elif previous is not None and task.no != previous.no + 1 and seen.get(task.no) is task:
            result.warnings.append(
                f"Số thứ tự không liên tục: sau nhiệm vụ {previous.no} là nhiệm vụ {task.no} (dòng {task.source_rows[0]})"
            )
        previous = task

    for a in result.areas:
        if not area_has_task.get(a.order):
            result.warnings.append(f"Mục {a.code} “{_short(a.title)}” không có nhiệm vụ nào")
    return result


# --- Files ------------------------------------------------------------------------------------------------
TEXT_EXTENSIONS = (".txt", ".md", ".markdown", ".tsv")
_ACCEPTED = "Word (.docx), Excel (.xlsx) hoặc văn bản (.txt, .md)"


def _decode_text(name: str, data: bytes) -> str:
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
    if ext in TEXT_EXTENSIONS:
        table = parse_task_table(rows_from_text(_decode_text(name, data)))
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
