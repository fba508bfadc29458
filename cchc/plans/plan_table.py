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


# --- Parsing ----------------------------------------------------------------------------------
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
        assert mapping is not None  # found above; a later header only replaces it
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
