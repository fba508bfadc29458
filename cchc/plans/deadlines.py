"""Deadlines written in words ("Trước ngày 15/01/2026", "Quý III, IV/2026", "Thường xuyên", "Theo yêu cầu của TP")
read into a kind with the dates they imply.

A pure rule module: no ORM, no request. `parse_deadline(text, year=...)` never raises and never invents a date: what
it cannot read is `unknown`, with a note saying why, so the user enters the date by hand.

Rules (see Bộ luật Dân sự 2015, Art. 146-148, and the practice of CCHC plans):
- a period (quarter, month, half year, year, range) runs from its first day to its last day, the due date;
- "Trước ngày X" keeps the literal date X with `before=True`: the last acceptable day is the day before
  (`timeliness.last_day`); "đến ngày", "chậm nhất", "hạn chót" are inclusive;
- "đầu năm" is 1 January, "giữa năm" 30 June, "cuối năm" 31 December; "đầu tháng" the 1st, "giữa tháng" the 15th,
  "cuối tháng" the last day (Art. 146);
- continuous work ("Thường xuyên", "Hằng quý", "Định kỳ") has no single due date: it is reported each period
  (`recurrence`, or the plan's own reporting period when the wording names none);
- work on request ("Theo yêu cầu của TP", "Khi có yêu cầu", "Đột xuất") has no date until the request arrives;
  so has work that waits for a higher level's guidance ("Theo hướng dẫn của UBND tỉnh", "Khi có hướng dẫn của Bộ
  Nội vụ", "Sau khi có văn bản chỉ đạo của cấp trên", "Theo lộ trình của Trung ương"): `awaits` names who, as
  written; guidance cited by its number ("Theo Hướng dẫn số 12/HD-SNV") is a cited document instead;
- work "Theo Kế hoạch số 310/KH-UBND ngày 24/11/2025 ..." takes the deadline of the cited document, kept as a
  reference (number and date).
A missing year is the plan's year.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date

from cchc.core.text import fold
from cchc.plans.choices import DeadlineKind, Recurrence

__all__ = ["Deadline", "parse_deadline", "describe"]


@dataclass(frozen=True)
class Deadline:
    """A deadline as read: its kind, the window (`start`, `due`), how it is worded and why."""

    kind: str
    start: date | None = None
    due: date | None = None
    before: bool = False
    recurrence: str = ""
    reference_number: str = ""
    reference_date: date | None = None
    note: str = ""
    awaits: str = ""

    def as_dict(self) -> dict:
        """JSON-ready: dates as ISO strings or null."""
        return {
            "kind": str(self.kind),
            "start": self.start.isoformat() if self.start else None,
            "due": self.due.isoformat() if self.due else None,
            "before": self.before,
            "recurrence": str(self.recurrence),
            "reference_number": self.reference_number,
            "reference_date": self.reference_date.isoformat() if self.reference_date else None,
            "note": self.note,
            "awaits": self.awaits,
        }


# --- calendar helpers ----------------------------------------------------------------------------------------


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    first = 3 * (quarter - 1) + 1
    return date(year, first, 1), _month_end(year, first + 2)


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _quarter_number(token: str) -> int | None:
    token = token.strip().lower()
    if token in _ROMAN:
        return _ROMAN[token]
    if token.isdigit() and 1 <= int(token) <= 4:
        return int(token)
    return None


def _year(token: str | None, default: int | None) -> int | None:
    if not token:
        return default
    value = int(token)
    if value < 100:
        value += 2000
    return value if 1900 <= value <= 2100 else None


class _Unreadable(Exception):
    """The wording names a date that does not exist or a year that cannot be known."""


def _safe_date(year: int | None, month: int, day: int) -> date:
    if year is None:
        raise _Unreadable("không rõ năm")
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise _Unreadable(f"ngày {day}/{month}/{year} không tồn tại") from exc


# --- patterns (on the folded text: lower case, no diacritics, "đ" -> "d") -------------------------------------

_YEAR_TAIL = r"(?:\s*(?:/|-|\.|nam)?\s*(?P<{name}>(?:19|20)\d\d)(?!\d))?"
_DATE = re.compile(
    r"(?<![\d/])(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})(?:\s*[/.-]\s*(?P<y>\d{4}|\d{2}))?(?![\d/])"
)
_LONG_DATE = re.compile(r"ngay\s+(?P<d>\d{1,2})\s+thang\s+(?P<m>\d{1,2})(?:\s+nam\s+(?P<y>\d{4}))?")
_Q = r"(?:iv|i{1,3}|[1-4])\b"
_QUARTER_WORD = re.compile(
    rf"\bquy\s+(?P<list>{_Q}(?:\s*(?:,|-|\bva\b|\bden\b|;|&)\s*(?:quy\s+)?{_Q})*)"
)
_QUARTER_YEAR = re.compile(r"^\s*(?:/|-|nam)\s*(?P<y>(?:19|20)\d\d)")
_MONTH = re.compile(
    r"\bthang\s+(?P<list>\d{1,2}(?:\s*(?:,|-|va|den|;|&)\s*(?:thang\s+)?\d{1,2}\b)*)"
    r"(?:\s*(?:/|-|nam)\s*(?P<y>(?:19|20)\d\d))?"
)
_HALF = re.compile(
    r"\b(?P<n>6|sau|9|chin)\s+thang\s+(?P<which>dau|cuoi)\s+nam" + _YEAR_TAIL.format(name="y")
)
_YEAR_RANGE = re.compile(r"(?<!\d)(?P<a>(?:19|20)\d\d)\s*(?:-|den)\s*(?P<b>(?:19|20)\d\d)(?!\d)")
_WHOLE_YEAR = re.compile(r"\b(?:ca|trong|suot|ca trong)\s+nam\b" + _YEAR_TAIL.format(name="y"))
_YEAR_ONLY = re.compile(r"^(?:nam\s+)?(?P<y>(?:19|20)\d\d)$")
_YEAR_POINT = re.compile(r"\b(?P<which>dau|giua|cuoi)\s+nam\b" + _YEAR_TAIL.format(name="y"))
_MONTH_POINT = re.compile(
    r"\b(?P<which>dau|giua|cuoi)\s+thang\s+(?P<m>\d{1,2})" + _YEAR_TAIL.format(name="y")
)
_QUARTER_POINT = re.compile(rf"\b(?P<which>dau|cuoi)\s+quy\s+(?P<q>{_Q})")
_AFTER_MONTH_WORD = re.compile(r"(?:thang|quy)\s*$")
_ANY_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")

_BEFORE = re.compile(r"\b(?:truoc|khong qua|khong muon hon)\b")
_INCLUSIVE = re.compile(r"\b(?:den het|cham nhat|han chot|den ngay)\b")
_FROM_TO = re.compile(r"\btu\b.*\bden\b|\bden\b")

_ON_REQUEST = re.compile(
    r"\b(?:theo yeu cau|khi co yeu cau|dot xuat|khi co chi dao|theo chi dao|khi phat sinh|theo thoi gian\b.*\byeu cau"
    r"|theo thoi gian (?:cua|do) (?:tp|thanh pho|tinh|huyen|quan|cap tren|ubnd))"
)
# Guidance, direction or a roadmap still to come from a higher level ("Theo hướng dẫn của UBND tỉnh", "Khi có
# hướng dẫn của Bộ Nội vụ", "Sau khi Bộ Nội vụ ban hành hướng dẫn", "Theo lộ trình của Trung ương").
_GUIDANCE = r"(?:van ban\s+)?(?:y kien chi dao|huong dan|chi dao|lo trinh(?:\s+(?:chung|cu the))?)"
_AWAITING = re.compile(
    r"\b(?:"
    rf"(?:khi|sau khi)\s+(?:co|nhan duoc|duoc)\s+(?:ke hoach\s*,?\s*)?{_GUIDANCE}"
    rf"|cho\s+{_GUIDANCE}"
    r"|(?:thuc hien\s+)?theo\s+(?:ke hoach\s*,?\s*)?(?:van ban\s+)?(?:huong dan|chi dao)\b(?!\s+(?:so|tai)\b)"
    r"|(?:thuc hien\s+)?theo\s+lo trinh(?:\s+(?:chung|cu the))?\s+(?:cua|do|tu)\b"
    r"|(?:khi|sau khi)\s+(?P<body>[^,;]{2,60}?)\s+(?:ban hanh|co)\s+(?:van ban\s+)?(?:huong dan|chi dao)"
    r")"
)
_WHEN_WORD = r"\s(?:trong|vao|truoc|cham nhat|den|tu|nam|quy|thang|giai doan|hang|dinh ky)\b"
_AWAITED = re.compile(
    rf"(?P<what>{_GUIDANCE})(?:\s+(?:cua|tu|do)\s+(?P<body>(?:(?!{_WHEN_WORD})[^,;.()])+))?"
)

_REFERENCE_WORDS = (
    r"ke hoach|quyet dinh|van ban|cong van|thong bao|chi thi|nghi quyet|huong dan|chuong trinh|nghi dinh|thong tu"
    r"|quy dinh|lo trinh"
)
_REFERENCE = re.compile(
    rf"\b(?:theo|tai|thuc hien theo)\s+(?:(?:cac|tung)\s+)?(?:{_REFERENCE_WORDS})\b"
)
_DOC_NUMBER = re.compile(
    r"(?<![\d/])(?P<seq>\d+)\s*/\s*(?P<symbol>(?:\d{4}\s*/\s*)?[A-ZĐ][A-Za-zĐđ0-9]*(?:\s?[-–]\s?[A-ZĐ][A-Za-zĐđ0-9&]*)*)"
)
_DOC_DATE = re.compile(
    r"ng[àa]y\s+(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})", re.I
)

_CONTINUOUS = re.compile(
    r"\b(?:thuong xuyen|lien tuc|hang ngay|hang tuan|moi ngay|suot qua trinh)\b"
)
_RECURRENCES = [
    (
        re.compile(r"\b(?:hang|moi|dinh ky hang|dinh ky)\s+thang\b|\bthang\s*/\s*lan\b"),
        Recurrence.MONTHLY,
    ),
    (
        re.compile(
            r"\b(?:hang|moi|dinh ky hang|dinh ky)\s+quy\b|\bquy\s*/\s*lan\b|\bdinh ky theo quy\b"
        ),
        Recurrence.QUARTERLY,
    ),
    (
        re.compile(
            r"\b(?:6 thang|sau thang|nua nam)\s*(?:/\s*lan|mot lan|1 lan)\b|\bdinh ky 6 thang\b|\bhang 6 thang\b"
        ),
        Recurrence.HALF_YEARLY,
    ),
    (
        re.compile(r"\b(?:hang|moi|dinh ky hang|dinh ky)\s+nam\b|\bnam\s*/\s*lan\b"),
        Recurrence.YEARLY,
    ),
]
_PERIODIC = re.compile(r"\bdinh ky\b")


def _recurrence(folded: str) -> str:
    for pattern, value in _RECURRENCES:
        if pattern.search(folded):
            return value
    return ""


# --- the parser ------------------------------------------------------------------------------------------------


def parse_deadline(text: str | None, *, year: int | None = None) -> Deadline:
    """Read a deadline written in words; `year` is the plan's year, used where the wording names none."""
    raw = unicodedata.normalize("NFC", " ".join((text or "").split()))
    folded = fold(raw)
    if not folded:
        return Deadline(DeadlineKind.UNKNOWN, note="không ghi thời hạn")
    try:
        return _parse(raw, folded, year)
    except _Unreadable as exc:
        return Deadline(DeadlineKind.UNKNOWN, note=str(exc))


def _parse(raw: str, folded: str, year: int | None) -> Deadline:
    no_date = not _DATE.search(folded) and not _LONG_DATE.search(folded)
    awaiting = None if _DOC_NUMBER.search(raw) else _AWAITING.search(folded)
    if awaiting:
        awaits = _awaited(raw, folded, awaiting)
        # a window written beside the guidance ("..., trước ngày 30/6/2026", "... trong quý III/2026") is the
        # deadline; without one the date comes with the guidance
        readers = (_points, _halves, _quarters, _months, _years) if no_date else (_explicit_dates,)
        for reader in readers:
            found = reader(folded, year)
            if found is not None:
                return replace(found, awaits=awaits)
        return Deadline(DeadlineKind.ON_REQUEST, note=f"chờ {awaits} của cấp trên", awaits=awaits)
    if _ON_REQUEST.search(folded) and not _DATE.search(folded):
        return Deadline(DeadlineKind.ON_REQUEST, note="thời hạn do cấp trên yêu cầu")
    reference = _REFERENCE.search(folded)
    if reference and reference.start() <= 2 and not awaiting:
        return _per_reference(raw)
    recurrence = _recurrence(folded)
    if _CONTINUOUS.search(folded):
        start = date(year, 1, 1) if year else None
        return Deadline(DeadlineKind.CONTINUOUS, start=start, recurrence=recurrence)
    for reader in (_explicit_dates, _points, _halves, _quarters, _months, _years):
        found = reader(folded, year)
        if found is not None:
            if recurrence and not found.recurrence:
                found = replace(found, recurrence=recurrence)
            return found
    if recurrence or _PERIODIC.search(folded):
        start = date(year, 1, 1) if year else None
        return Deadline(DeadlineKind.CONTINUOUS, start=start, recurrence=recurrence)
    if reference:
        return _per_reference(raw)
    return Deadline(DeadlineKind.UNKNOWN, note="không nhận ra cách ghi thời hạn")


def _awaited(raw: str, folded: str, awaiting: re.Match) -> str:
    """What is awaited, as written: "hướng dẫn của UBND tỉnh", "văn bản chỉ đạo của cấp trên", "lộ trình của
    Trung ương"; a body named before the verb ("Sau khi Bộ Nội vụ ban hành hướng dẫn") is put after it."""
    # folding keeps one character per character of NFC text, so a match in `folded` slices `raw`
    written = raw if len(raw) == len(folded) else folded
    m = _AWAITED.search(folded, awaiting.start())
    if not m:
        return "hướng dẫn"
    phrase = written[m.start() : m.end()].strip()
    phrase = phrase[:1].lower() + phrase[1:]
    if not m.group("body") and awaiting.group("body"):
        phrase = f"{phrase} của {written[awaiting.start('body') : awaiting.end('body')]}"
    return phrase


def _per_reference(raw: str) -> Deadline:
    number = _DOC_NUMBER.search(raw)
    if number is None:
        return Deadline(DeadlineKind.PER_REFERENCE, note="theo văn bản được dẫn (không ghi số)")
    symbol = re.sub(r"\s+", "", number.group("symbol")).replace("–", "-")
    reference_number = f"{number.group('seq')}/{symbol}"
    reference_date = None
    when = _DOC_DATE.search(raw, number.end())
    if when and when.start() - number.end() < 12:
        try:
            reference_date = date(int(when.group("y")), int(when.group("m")), int(when.group("d")))
        except ValueError:
            reference_date = None
    return Deadline(
        DeadlineKind.PER_REFERENCE, reference_number=reference_number, reference_date=reference_date
    )


def _explicit_dates(folded: str, year: int | None) -> Deadline | None:
    found: list[tuple[int, date]] = []
    for m in _LONG_DATE.finditer(folded):
        found.append(
            (m.start(), _safe_date(_year(m.group("y"), year), int(m.group("m")), int(m.group("d"))))
        )
    for m in _DATE.finditer(folded):
        day, month = int(m.group("d")), int(m.group("m"))
        if not (1 <= month <= 12 and 1 <= day <= 31) or _AFTER_MONTH_WORD.search(
            folded, 0, m.start()
        ):
            continue  # "tháng 9-10/2026" is two months, not 9 October
        found.append((m.start(), _safe_date(_year(m.group("y"), year), month, day)))
    if not found:
        return None
    found.sort()
    dates = [d for _, d in found]
    if len(dates) >= 2 and _FROM_TO.search(folded):
        start, due = dates[0], dates[-1]
        if start > due:
            raise _Unreadable("ngày bắt đầu sau ngày kết thúc")
        return Deadline(DeadlineKind.PERIOD, start=start, due=due)
    first_pos, due = found[0]
    before = bool(_BEFORE.search(folded[:first_pos])) and not _INCLUSIVE.search(folded[:first_pos])
    note = "hạn lấy theo mốc đầu tiên" if len(dates) > 1 else ""
    return Deadline(DeadlineKind.BY_DATE, due=due, before=before, note=note)


def _points(folded: str, year: int | None) -> Deadline | None:
    m = _MONTH_POINT.search(folded)
    if m:
        month = int(m.group("m"))
        if not 1 <= month <= 12:
            raise _Unreadable(f"tháng {month} không tồn tại")
        y = _year(m.group("y"), year)
        day = {"dau": 1, "giua": 15}.get(m.group("which"))
        due = _safe_date(y, month, day) if day else _month_end(_checked(y), month)
        return Deadline(DeadlineKind.BY_DATE, due=due, note="theo Điều 146 Bộ luật Dân sự 2015")
    m = _QUARTER_POINT.search(folded)
    if m:
        q = _quarter_number(m.group("q"))
        if q is None:
            raise _Unreadable(f"quý {m.group('q').upper()} không tồn tại")
        y = _checked(_year(_tail_year(folded, m.end()), year))
        start, end = _quarter_bounds(y, q)
        due = _month_end(y, start.month) if m.group("which") == "dau" else end
        return Deadline(DeadlineKind.BY_DATE, due=due)
    m = _YEAR_POINT.search(folded)
    if m and not _HALF.search(folded):
        y = _checked(_year(m.group("y"), year))
        due = {"dau": date(y, 1, 1), "giua": date(y, 6, 30), "cuoi": date(y, 12, 31)}[
            m.group("which")
        ]
        return Deadline(DeadlineKind.BY_DATE, due=due, note="theo Điều 146 Bộ luật Dân sự 2015")
    return None


def _halves(folded: str, year: int | None) -> Deadline | None:
    m = _HALF.search(folded)
    if not m:
        return None
    y = _checked(_year(m.group("y"), year))
    months = 6 if m.group("n") in {"6", "sau"} else 9
    if m.group("which") == "dau":
        return Deadline(DeadlineKind.PERIOD, start=date(y, 1, 1), due=_month_end(y, months))
    return Deadline(DeadlineKind.PERIOD, start=date(y, 12 - months + 1, 1), due=date(y, 12, 31))


def _tail_year(folded: str, pos: int) -> str | None:
    m = _QUARTER_YEAR.match(folded[pos:])
    return m.group("y") if m else None


def _checked(y: int | None) -> int:
    if y is None:
        raise _Unreadable("không rõ năm")
    return y


def _numbers(listing: str, parse_one) -> list[int]:
    tokens = re.split(r"\s*(?:,|;|&|\bva\b)\s*", listing)
    values: list[int] = []
    for token in tokens:
        bounds = re.split(r"\s*(?:-|\bden\b)\s*", token)
        parsed = [
            parse_one(re.sub(r"^(?:quy|thang)\s+", "", b.strip())) for b in bounds if b.strip()
        ]
        if any(p is None for p in parsed):
            raise _Unreadable(f"không đọc được “{token}”")
        if len(parsed) == 2 and parsed[0] <= parsed[1]:
            values.extend(range(parsed[0], parsed[1] + 1))
        else:
            values.extend(parsed)
    return values


def _quarters(folded: str, year: int | None) -> Deadline | None:
    matches = list(_QUARTER_WORD.finditer(folded))
    if not matches:
        return None
    quarters: list[tuple[int | None, int]] = []
    for m in matches:
        y = _year(_tail_year(folded, m.end()), None)
        numbers = _numbers(m.group("list"), _quarter_number)
        quarters.extend((y, q) for q in numbers)
    # "Quý I và quý II/2026": a year written once, after the last quarter, holds for all of them.
    written = [y for y, _ in quarters if y is not None]
    default = written[-1] if written else (_first_year(folded) or year)
    resolved = [(_checked(y or default), q) for y, q in quarters]
    start = min(_quarter_bounds(y, q)[0] for y, q in resolved)
    due = max(_quarter_bounds(y, q)[1] for y, q in resolved)
    before = bool(_BEFORE.search(folded[: matches[0].start()]))
    if before:
        # "Trước quý III": done before the quarter begins.
        return Deadline(DeadlineKind.BY_DATE, due=start, before=True)
    return Deadline(DeadlineKind.PERIOD, start=start, due=due)


def _first_year(folded: str) -> int | None:
    m = _ANY_YEAR.search(folded)
    return int(m.group(1)) if m else None


def _months(folded: str, year: int | None) -> Deadline | None:
    matches = list(_MONTH.finditer(folded))
    if not matches:
        return None
    months: list[tuple[int | None, int]] = []
    for m in matches:
        numbers = _numbers(
            m.group("list"), lambda t: int(t) if t.isdigit() and 1 <= int(t) <= 12 else None
        )
        y = _year(m.group("y"), None)
        months.extend((y, n) for n in numbers)
    written = [y for y, _ in months if y is not None]
    default = written[-1] if written else (_first_year(folded) or year)
    resolved = sorted((_checked(y or default), n) for y, n in months)
    first_y, first_m = resolved[0]
    last_y, last_m = resolved[-1]
    start, due = date(first_y, first_m, 1), _month_end(last_y, last_m)
    if _BEFORE.search(folded[: matches[0].start()]):
        # "Trước tháng 6/2026": done before the month begins.
        return Deadline(DeadlineKind.BY_DATE, due=start, before=True)
    return Deadline(DeadlineKind.PERIOD, start=start, due=due)


def _years(folded: str, year: int | None) -> Deadline | None:
    m = _YEAR_RANGE.search(folded)
    if m:
        a, b = int(m.group("a")), int(m.group("b"))
        if a > b:
            raise _Unreadable("năm bắt đầu sau năm kết thúc")
        return Deadline(DeadlineKind.PERIOD, start=date(a, 1, 1), due=date(b, 12, 31))
    m = _WHOLE_YEAR.search(folded)
    if m:
        y = _checked(_year(m.group("y"), year))
        return Deadline(DeadlineKind.PERIOD, start=date(y, 1, 1), due=date(y, 12, 31))
    m = _YEAR_ONLY.match(folded.strip(" .;:"))
    if m:
        y = int(m.group("y"))
        return Deadline(DeadlineKind.PERIOD, start=date(y, 1, 1), due=date(y, 12, 31))
    m = re.search(r"\bnam\s+((?:19|20)\d\d)\b", folded)
    if m:
        y = int(m.group(1))
        return Deadline(DeadlineKind.PERIOD, start=date(y, 1, 1), due=date(y, 12, 31))
    return None


# --- display ------------------------------------------------------------------------------------------------------

_RECURRENCE_WORDS: dict[str, str] = {
    Recurrence.MONTHLY: "báo cáo hằng tháng",
    Recurrence.QUARTERLY: "báo cáo hằng quý",
    Recurrence.HALF_YEARLY: "báo cáo 6 tháng",
    Recurrence.YEARLY: "hằng năm",
}


def _d(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def describe(deadline: Deadline) -> str:
    """The deadline as read, in Vietnamese: "Trước 15/01/2026", "01/07/2026 – 31/12/2026", "Thường xuyên"."""
    extra = _RECURRENCE_WORDS.get(deadline.recurrence, "")
    suffix = f" ({extra})" if extra else ""
    kind = deadline.kind
    if kind == DeadlineKind.BY_DATE and deadline.due:
        return ("Trước " if deadline.before else "Đến hết ") + _d(deadline.due) + suffix
    if kind == DeadlineKind.PERIOD and deadline.due:
        if deadline.start:
            return f"{_d(deadline.start)} – {_d(deadline.due)}{suffix}"
        return f"Đến hết {_d(deadline.due)}{suffix}"
    if kind == DeadlineKind.CONTINUOUS:
        return "Thường xuyên" + (f", {extra}" if extra else "")
    if kind == DeadlineKind.ON_REQUEST and deadline.awaits and not deadline.due:
        return f"Chờ {deadline.awaits} (chưa có ngày)"
    if kind == DeadlineKind.ON_REQUEST:
        return "Theo yêu cầu" + (f", hạn {_d(deadline.due)}" if deadline.due else " (chưa có ngày)")
    if kind == DeadlineKind.PER_REFERENCE:
        if deadline.reference_number:
            when = f" ngày {_d(deadline.reference_date)}" if deadline.reference_date else ""
            return f"Theo văn bản số {deadline.reference_number}{when}"
        return "Theo văn bản được dẫn"
    return "Chưa xác định – cần nhập ngày" + (f" ({deadline.note})" if deadline.note else "")
