"""Deadlines of nomination dossiers: the last day on time for a year, and whether a dossier came in time.

How each kind of deadline is read (rule file `deadline.kind`):

- `yearly` — "trước ngày 31/3 hằng năm": `date: "31/3"`, in the year `year + year_offset` (offset 1 by default:
  the dossier for the achievements of 2026 is due in 2027; a period-end programme uses its last year with
  offset 0);
- `fixed` — "trước ngày 31/3/2030", "xong trước ngày 03/10/2023": `date: "31/3/2030"`;
- `days_before_event` — "gửi trước hội nghị tổng kết ít nhất 10 ngày (làm việc)": `n`, `event`, `working_days`;
  the event's date is given when known (`events={"hoi_nghi_tong_ket": date(...)}`), else the deadline is unknown;
- `window` — "từ 01/11 đến 10/12": `start`, `end` (both days included); a dossier before `start` is refused too;
- `any_time` — ad-hoc awards ("ngay sau khi lập được thành tích"): always on time, no due date;
- `announced_later` — "theo kế hoạch tổng kết của UBND": no date until announced (unknown, to check).

"Trước ngày X" is read strictly, as `/domain/deadlines.md` advises and `cchc.plans.deadlines` already does:
`before: true` makes the last day on time the day before X ("trước ngày 31/3" → 30/3 is the last day, a
dossier of 31/3 is one day late). "Đến ngày", "chậm nhất", "hạn chót" are inclusive (`before: false`). Fixed
dates are not moved when they fall on a weekend (Bộ luật Dân sự 2015, Điều 148 extends periods counted in
days, not named dates). N days before an event: the last day on time is the event's date minus N calendar
days, or, with `working_days`, the N-th working day before the event (the event's day not counted; weekends
and the holidays of `cchc/awards/data/holidays.yaml` skipped).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from cchc.awards.rules.catalogue import DATA_DIR
from cchc.awards.rules.schema import DeadlineRule, Programme

HOLIDAYS_FILE = DATA_DIR / "holidays.yaml"

__all__ = [
    "Lateness",
    "Admission",
    "due",
    "window",
    "lateness",
    "admission",
    "describe",
    "holidays",
    "is_working_day",
    "working_days_before",
]


class Lateness(NamedTuple):
    """Whether a dossier came in time (None: cannot tell yet) and the sentence that says so."""

    on_time: bool | None
    message: str


class Admission(NamedTuple):
    """What happens to a dossier given the programme's policy for late ones: accepted, refused or to_check."""

    outcome: str
    message: str


@lru_cache(maxsize=1)
def holidays() -> frozenset[date]:
    """The public holidays of the data file."""
    import yaml

    with HOLIDAYS_FILE.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    days: set[date] = set()
    for values in (data.get("holidays") or {}).values():
        days.update(values)
    return frozenset(days)


def is_working_day(day: date, off: frozenset[date] | None = None) -> bool:
    off = holidays() if off is None else off
    return day.weekday() < 5 and day not in off


def working_days_before(day: date, n: int, off: frozenset[date] | None = None) -> date:
    """The n-th working day before `day` (`day` itself not counted)."""
    current = day
    counted = 0
    while counted < n:
        current -= timedelta(days=1)
        if is_working_day(current, off):
            counted += 1
    return current


def _dm(text: str, year: int) -> date:
    day, month = (int(x) for x in text.strip().split("/")[:2])
    return date(year, month, day)


def _full(text: str) -> date:
    day, month, year = (int(x) for x in text.strip().split("/"))
    return date(year, month, day)


def _point(text: str, year: int) -> date:
    return _full(text) if text.count("/") == 2 else _dm(text, year)


def _named(rule: DeadlineRule, year: int, events: Mapping[str, date] | None) -> date | None:
    """The date the wording names ("31/3/2027" for "trước ngày 31/3"), before applying `before`."""
    if rule.kind == "yearly":
        assert rule.date is not None
        return _dm(rule.date, year + rule.year_offset)
    if rule.kind == "fixed":
        assert rule.date is not None
        return _full(rule.date)
    if rule.kind == "window":
        assert rule.end is not None
        return _point(rule.end, year + rule.year_offset)
    if rule.kind == "days_before_event":
        return (events or {}).get(rule.event or "")
    return None


def due(
    rule: DeadlineRule,
    year: int,
    *,
    events: Mapping[str, date] | None = None,
    off: frozenset[date] | None = None,
) -> date | None:
    """The last day on time for the awards of `year` (a period-end programme passes its last year), or None
    when there is none (ad-hoc) or it is not known yet (announced later, event without a date)."""
    named = _named(rule, year, events)
    if named is None:
        return None
    if rule.kind == "days_before_event":
        assert rule.n is not None
        if rule.working_days:
            return working_days_before(named, rule.n, off)
        return named - timedelta(days=rule.n)
    return named - timedelta(days=1) if rule.before else named


def window(
    rule: DeadlineRule, year: int, *, events: Mapping[str, date] | None = None
) -> tuple[date | None, date | None]:
    """First and last day on time (the first is None when dossiers are taken any time before the due date)."""
    start = (
        _point(rule.start, year + rule.year_offset)
        if rule.kind == "window" and rule.start
        else None
    )
    return start, due(rule, year, events=events)


def _d(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def describe(rule: DeadlineRule, year: int, *, events: Mapping[str, date] | None = None) -> str:
    """The deadline as a Vietnamese phrase for the awards of `year`: "trước ngày 31/03/2027 (ngày cuối cùng
    30/03/2027)"."""
    if rule.kind == "any_time":
        return "bất cứ lúc nào" + (
            " (ngay sau khi lập được thành tích)" if rule.after_achievement else ""
        )
    if rule.kind == "announced_later":
        return "theo thời gian sẽ được thông báo" + (f" ({rule.text})" if rule.text else "")
    if rule.kind == "days_before_event":
        unit = "ngày làm việc" if rule.working_days else "ngày"
        when = f"trước {rule.event} ít nhất {rule.n} {unit}"
        last = due(rule, year, events=events)
        return (
            f"{when} (ngày cuối cùng {_d(last)})" if last else f"{when} (chưa có ngày {rule.event})"
        )
    named = _named(rule, year, events)
    assert named is not None
    last = due(rule, year, events=events)
    assert last is not None
    if rule.kind == "window":
        start, _ = window(rule, year, events=events)
        assert start is not None
        return f"từ ngày {_d(start)} đến hết ngày {_d(last)}"
    if rule.before:
        return f"trước ngày {_d(named)} (ngày cuối cùng {_d(last)})"
    return f"đến hết ngày {_d(last)}"


def lateness(
    rule: DeadlineRule,
    year: int,
    submitted_on: date,
    *,
    events: Mapping[str, date] | None = None,
) -> Lateness:
    """Whether a dossier submitted on `submitted_on` for the awards of `year` is on time, and why."""
    clause = f" ({rule.source})"
    sent = f"Nộp ngày {_d(submitted_on)}"
    if rule.kind == "any_time":
        return Lateness(
            True, f"{sent}: khen thưởng đột xuất, nhận hồ sơ {describe(rule, year)}{clause}"
        )
    if rule.kind == "announced_later":
        return Lateness(
            None, f"{sent}: thời gian nhận hồ sơ {describe(rule, year)} — cần kiểm tra{clause}"
        )
    start, last = window(rule, year, events=events)
    if last is None:
        return Lateness(
            None, f"{sent}: chưa có ngày {rule.event} để tính hạn — cần kiểm tra{clause}"
        )
    wording = describe(rule, year, events=events)
    if start is not None and submitted_on < start:
        return Lateness(False, f"{sent}, chưa đến thời gian nhận hồ sơ (hạn: {wording}){clause}")
    if submitted_on <= last:
        return Lateness(True, f"{sent}, trong hạn (hạn: {wording}){clause}")
    days = (submitted_on - last).days
    return Lateness(False, f"{sent}, quá hạn {days} ngày (hạn: {wording}){clause}")


def admission(
    programme: Programme,
    year: int,
    submitted_on: date,
    *,
    events: Mapping[str, date] | None = None,
) -> Admission:
    """Lateness with the programme's policy: refused (late dossiers are not considered), accepted late, or to
    check by a person."""
    if programme.deadline is None:
        return Admission("accepted", "Chương trình không quy định thời hạn nộp hồ sơ")
    on_time, message = lateness(programme.deadline, year, submitted_on, events=events)
    if on_time is True:
        return Admission("accepted", message)
    if on_time is None:
        return Admission("to_check", message)
    policy = f" ({programme.late_policy_source})" if programme.late_policy_source else ""
    if programme.late_policy == "refuse":
        return Admission("refused", f"{message}. Không xét hồ sơ nộp muộn{policy}")
    if programme.late_policy == "accept_late":
        return Admission("accepted", f"{message}. Vẫn nhận hồ sơ nộp muộn{policy}")
    return Admission(
        "to_check", f"{message} — cần người có thẩm quyền quyết định có nhận hay không"
    )
