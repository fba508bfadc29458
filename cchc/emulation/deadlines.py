"""When a movement report is due and how a unit's report stands against it: pure rules, no ORM, with reasons.

A movement's plan writes its report rule in words ("trước ngày 30/11 hằng năm", 2162/QĐ-UBND, mục IV.1); the
reader (`cchc.emulation.reading`) gives its day and month, the year when it names one ("xong trước ngày
03/10/2023") and whether it says "trước". The due date of a year is that day of that year. "Trước ngày 30/11"
is read strictly: the 30th itself is late, the last day on time is 29/11 (see /domain/deadlines.md §2: "trước" is
exclusive; the literal date is kept and shown). A rule without a day gives no due date: a report is then never
"late" nor "missing", and the verdict says the rule must be checked.

The selectors compute the same status in SQL from `Due.late_from` (the first day that is late), so the board,
the API and a report's page give one answer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cchc.emulation.choices import Timeliness

REMINDER_DAYS = 7


def _fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


@dataclass(frozen=True)
class DueRule:
    """The report rule of a movement: as written (`text`), as read (day, month, a one-off year, "trước"), and
    where it was written (`citation`: "2162/QĐ-UBND, mục IV.1")."""

    text: str = ""
    day: int | None = None
    month: int | None = None
    year: int | None = None
    before: bool = True
    citation: str = ""

    @property
    def readable(self) -> bool:
        return bool(self.day and self.month)

    @property
    def label(self) -> str:
        """The rule as read, in Vietnamese: "Trước ngày 30/11 hằng năm", "Trước ngày 03/10/2023"."""
        if not self.readable:
            return "Không ghi ngày (cần kiểm tra)"
        when = f"{self.day:02d}/{self.month:02d}" + (f"/{self.year}" if self.year else "")
        lead = "Trước ngày" if self.before else "Đến hết ngày"
        return f"{lead} {when}" + ("" if self.year else " hằng năm")

    @property
    def source(self) -> str:
        """ "“trước ngày 30/11 hàng năm”, 2162/QĐ-UBND, mục IV.1" for the reasons."""
        parts = [f"“{self.text}”" if self.text else "", self.citation]
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True)
class Due:
    """The due date of one year's report: `on` as the rule writes it, `late_from` the first day that is late
    (the same day for "trước", the day after otherwise); both None when the rule gives no date, with `reason`."""

    on: dt.date | None
    late_from: dt.date | None
    reason: str

    @property
    def last_on_time(self) -> dt.date | None:
        return self.late_from - dt.timedelta(days=1) if self.late_from else None

    @property
    def label(self) -> str:
        """ "trước 30/11/2026" or "đến hết 30/11/2026", or "chưa xác định"."""
        if self.on is None:
            return "chưa xác định"
        strict = self.late_from == self.on
        return f"{'trước' if strict else 'đến hết'} {_fmt(self.on)}"


def due_for(rule: DueRule, year: int) -> Due:
    """The due date of the report of `year` under the rule (see the module docstring)."""
    where = f" ({rule.source})" if rule.source else ""
    if not rule.readable:
        return Due(
            None,
            None,
            f"Kế hoạch không ghi ngày hạn báo cáo{where}: cần kiểm tra hoặc nhập hạn cho phong trào.",
        )
    if rule.year and rule.year != year:
        return Due(
            None,
            None,
            f"Hạn báo cáo chỉ ghi cho năm {rule.year}{where}; năm {year} không có hạn: cần kiểm tra.",
        )
    assert rule.day is not None and rule.month is not None
    try:
        on = dt.date(year, rule.month, rule.day)
    except ValueError:
        return Due(
            None,
            None,
            f"Ngày {rule.day}/{rule.month} không có trong năm {year}{where}: cần kiểm tra.",
        )
    late_from = on if rule.before else on + dt.timedelta(days=1)
    words = "trước ngày" if rule.before else "đến hết ngày"
    return Due(on, late_from, f"Hạn nộp {words} {_fmt(on)}{where}.")


def review_due(on: dt.date | None, what: str) -> Due:
    """The due date of a review report (sơ kết, tổng kết): the day of the review set for the movement, reports
    accepted until the end of that day."""
    if on is None:
        return Due(None, None, f"Phong trào chưa có ngày {what}: cần nhập ngày {what}.")
    return Due(on, on + dt.timedelta(days=1), f"Hạn nộp đến hết ngày {what} {_fmt(on)}.")


@dataclass(frozen=True)
class Verdict:
    """How a report stands: one of `Timeliness` and the Vietnamese reason, naming the dates and the rule."""

    status: str
    reason: str

    @property
    def label(self) -> str:
        return str(Timeliness(self.status).label)


def report_timeliness(due: Due, submitted_on: dt.date | None, today: dt.date) -> Verdict:
    """On time, late, missing (due passed, nothing sent) or pending (not due yet, or no due date)."""
    if submitted_on is not None:
        sent = f"Nộp ngày {_fmt(submitted_on)}"
        if due.late_from is None:
            return Verdict(Timeliness.SUBMITTED, f"{sent}. {due.reason}")
        if submitted_on < due.late_from:
            return Verdict(Timeliness.SUBMITTED, f"{sent}, trong hạn. {due.reason}")
        days = (submitted_on - due.last_on_time).days if due.last_on_time else 0
        return Verdict(Timeliness.LATE, f"{sent}, muộn {days} ngày. {due.reason}")
    if due.late_from is None:
        return Verdict(Timeliness.PENDING, f"Chưa nộp. {due.reason}")
    if today >= due.late_from:
        days = (today - due.late_from).days + 1
        return Verdict(Timeliness.MISSING, f"Chưa nộp, đã quá hạn {days} ngày. {due.reason}")
    left = (due.late_from - today).days
    return Verdict(Timeliness.PENDING, f"Chưa nộp, còn {left} ngày. {due.reason}")


def reminder_for(due: Due, today: dt.date, *, days_ahead: int = REMINDER_DAYS) -> str | None:
    """The reminder a unit that has not submitted gets today: "due" within `days_ahead` days before the first
    late day, "overdue" from it on, None otherwise (no due date, or not yet near)."""
    if due.late_from is None:
        return None
    if today >= due.late_from:
        return "overdue"
    if (due.late_from - today).days <= days_ahead:
        return "due"
    return None
