"""The emulation facts of units, read from the movements (`cchc.emulation`) in bulk: whether a unit registered
for the movement (đăng ký thi đua) of a year, and whether its yearly movement report reached the standing agency
on time. Three queries whatever the number of units and years (participations, registrations, reports); the
movements' rows come with the participations.

A year is read against the movements the unit takes part in that cover it (`Participant`, `Movement.start_year`
to `end_year`):

- registered: True when a registration of the year was sent (submitted or approved); False when none was sent
  (no registration, or one still being drafted); None when it was returned and not sent again, when the year has
  not begun, or when the unit takes part in no movement of that year;
- report on time: the movement's own rule and verdict (`cchc.emulation.selectors.report_due`,
  `cchc.emulation.deadlines.report_timeliness`) on the day the system counts as today (`cchc.core.dates.today`):
  submitted before the first late day is True; submitted late, or not submitted once the due date has passed, is
  False; not due yet, or no due date in the plan, is None.

A unit taking part in several movements of a year gets a value only when they all agree (the rules do not say
which movement a programme means); otherwise None, the note naming each. Every year of the range gets a note (in
Vietnamese, with the plan's clause when the movement has one) saying what the data shows: the criteria show it
in their reasons.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cchc.core import dates
from cchc.emulation import deadlines
from cchc.emulation.choices import RegistrationStatus, ReportKind, ReportStatus, Timeliness
from cchc.emulation.models import Movement, MovementReport, Participant, Registration
from cchc.emulation.selectors import report_due

__all__ = ["EmulationFacts", "load", "REGISTERED", "REPORT_ON_TIME"]

REGISTERED = "registered"
REPORT_ON_TIME = "movement_report_on_time"

# Up to this many ids a query names them; above it, the query reads the rows of the years and keeps the units'
# in Python (as `facts_loader` does).
IN_LIMIT = 500

_SENT = {RegistrationStatus.SUBMITTED.value, RegistrationStatus.APPROVED.value}


@dataclass(frozen=True)
class EmulationFacts:
    """Per unit, the two year flags of `cchc.awards.rules.facts.UnitFacts` and the notes saying why."""

    registered: dict[int, dict[int, bool | None]] = field(default_factory=dict)
    report_on_time: dict[int, dict[int, bool | None]] = field(default_factory=dict)
    notes: dict[int, dict[str, dict[int, str]]] = field(default_factory=dict)


def _among(ids: set[int]) -> dict[str, set[int]]:
    return {"unit_id__in": ids} if len(ids) <= IN_LIMIT else {}


def _name(movement: Movement) -> str:
    number = movement.document.number if movement.document_id and movement.document else ""
    return f"phong trào “{movement.name}”" + (f" ({number})" if number else "")


def _registered(row: Mapping[str, Any] | None, year: int) -> tuple[bool | None, str]:
    if row is None:
        return False, f"không có bản đăng ký thi đua năm {year}"
    status = row["status"]
    if status in _SENT:
        sent = f"gửi ngày {dates.fmt(row['submitted_on'])}" if row["submitted_on"] else "đã gửi"
        if status == RegistrationStatus.APPROVED and row["reviewed_on"]:
            sent += f", duyệt ngày {dates.fmt(row['reviewed_on'])}"
        return True, f"có bản đăng ký thi đua năm {year} ({sent})"
    if status == RegistrationStatus.RETURNED:
        on = f" ngày {dates.fmt(row['reviewed_on'])}" if row["reviewed_on"] else ""
        return None, f"bản đăng ký thi đua năm {year} bị trả lại{on}, chưa gửi lại"
    return False, f"bản đăng ký thi đua năm {year} còn đang soạn, chưa gửi"


_ON_TIME = {
    Timeliness.SUBMITTED.value: True,
    Timeliness.LATE.value: False,
    Timeliness.MISSING.value: False,
}


def _on_time(due: deadlines.Due, submitted_on: date | None, today: date) -> tuple[bool | None, str]:
    verdict = deadlines.report_timeliness(due, submitted_on, today)
    flag = _ON_TIME.get(verdict.status)
    if due.late_from is None:
        flag = None  # no due date: sent or not, the plan does not say by when
    text = verdict.reason.rstrip(". ")
    return flag, f"báo cáo năm {text[:1].lower()}{text[1:]}"


def _combine(found: list[tuple[str, bool | None, str]]) -> tuple[bool | None, str]:
    """One value for the year from each movement's (name, value, note): the common value, else None."""
    values = {value for _n, value, _t in found}
    note = "; ".join(f"{name}: {text}" for name, _v, text in found)
    if len(found) > 1 and len(values) > 1:
        return None, f"{note} — các phong trào cho kết quả khác nhau"
    return values.pop(), note


def load(unit_ids: Iterable[int], years: range, *, today: date | None = None) -> EmulationFacts:
    """The registration and report flags of each unit for each year of `years`, with their notes."""
    ids = set(unit_ids)
    out = EmulationFacts()
    if not ids or not years:
        return out
    today = today or dates.today()
    first, last = years.start, years.stop - 1
    taking_part: dict[int, list[Movement]] = defaultdict(list)
    for p in (
        Participant.objects.filter(
            movement__start_year__lte=last, movement__end_year__gte=first, **_among(ids)
        )
        .select_related("movement", "movement__document")
        .order_by("unit_id", "movement__start_year", "movement_id")
    ):
        if p.unit_id in ids:
            taking_part[p.unit_id].append(p.movement)
    movement_ids = {m.pk for ms in taking_part.values() for m in ms}
    registrations = {
        (r["unit_id"], r["movement_id"], r["year"]): r
        for r in Registration.objects.filter(
            movement_id__in=movement_ids, year__gte=first, year__lte=last, **_among(ids)
        ).values("unit_id", "movement_id", "year", "status", "submitted_on", "reviewed_on")
    }
    reports = {
        (unit_id, movement_id, year): submitted_on
        for unit_id, movement_id, year, submitted_on in MovementReport.objects.filter(
            movement_id__in=movement_ids,
            kind=ReportKind.ANNUAL,
            status=ReportStatus.SUBMITTED,
            year__gte=first,
            year__lte=last,
            **_among(ids),
        ).values_list("unit_id", "movement_id", "year", "submitted_on")
    }
    dues: dict[tuple[int, int], deadlines.Due] = {}
    for unit_id in ids:
        registered: dict[int, bool | None] = {}
        on_time: dict[int, bool | None] = {}
        notes: dict[str, dict[int, str]] = {REGISTERED: {}, REPORT_ON_TIME: {}}
        for year in years:
            movements = [
                m for m in taking_part.get(unit_id, ()) if m.start_year <= year <= m.end_year
            ]
            if not movements:
                none = f"đơn vị không có trong danh sách tham gia phong trào thi đua nào của năm {year}"
                registered[year] = on_time[year] = None
                notes[REGISTERED][year] = notes[REPORT_ON_TIME][year] = none
                continue
            if year > today.year:
                registered[year] = None
                notes[REGISTERED][year] = f"chưa đến năm {year}"
            else:
                registered[year], notes[REGISTERED][year] = _combine(
                    [
                        (_name(m), *_registered(registrations.get((unit_id, m.pk, year)), year))
                        for m in movements
                    ]
                )
            found = []
            for m in movements:
                due = dues.get((m.pk, year))
                if due is None:
                    due = dues[(m.pk, year)] = report_due(m, year)
                found.append((_name(m), *_on_time(due, reports.get((unit_id, m.pk, year)), today)))
            on_time[year], notes[REPORT_ON_TIME][year] = _combine(found)
        out.registered[unit_id] = registered
        out.report_on_time[unit_id] = on_time
        out.notes[unit_id] = notes
    return out


def kinds_needed(kinds: set[str]) -> bool:
    """Whether criteria of these kinds read the emulation facts."""
    return bool(kinds & {"registration", REPORT_ON_TIME})


def unit_fields(found: EmulationFacts | None, unit_id: int) -> dict[str, Any]:
    """The `UnitFacts` fields of one unit (none when the facts were not loaded: they stay unknown)."""
    if found is None:
        return {}
    return {
        "registered": found.registered.get(unit_id, {}),
        "movement_report_on_time": found.report_on_time.get(unit_id, {}),
        "year_notes": found.notes.get(unit_id, {}),
    }
