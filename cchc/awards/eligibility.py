"""Who is eligible for a programme, and why: the candidates of its pool with their facts loaded in bulk, run
through the pure engine (`cchc.awards.rules.eligibility.evaluate`).

`verdicts(programme, year=..., period=...)` evaluates every candidate of the programme's pool (or the units or
persons given) with a fixed number of queries, whatever their number; `verdict_for` evaluates one. The
programme is the `Programme` row; its rule is read from its rule file (`rule_files.programme_rule`).

The pool: a collective programme considers the units of its blocs that year (`pool.blocs`), else the units of
its kinds under the issuing unit (`pool.unit_kinds`), else the units directly under the issuing unit; a person
programme considers the active people of those units and of the units below them.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from dataclasses import dataclass

from cchc.awards.facts_loader import load_units, needs_of, path_ids
from cchc.awards.facts_people import load_persons
from cchc.awards.models import Programme
from cchc.awards.rule_files import programme_rule
from cchc.awards.rules import eligibility as engine
from cchc.awards.rules import schema
from cchc.awards.rules import vocabulary as v
from cchc.awards.rules.facts import Candidate
from cchc.awards.rules.types import Reason
from cchc.core.errors import DomainError
from cchc.orgs.models import BlocMembership, Person, Unit
from cchc.par.models import Result

__all__ = [
    "Occasion",
    "verdicts",
    "verdict_for",
    "occasion",
    "last_par_year",
    "pool_unit_ids",
    "pool_person_ids",
]

MIN_YEAR, MAX_YEAR = 2000, 2100


@dataclass(frozen=True)
class Occasion:
    """The year (annual, ad-hoc) or the period (period-end) a programme is evaluated for."""

    year: int
    period: tuple[int, int] | None
    period_end: bool = False

    @property
    def text(self) -> str:
        if self.period_end and self.period is not None:
            return f"giai đoạn {self.period[0]} - {self.period[1]}"
        return f"năm {self.year}"


def last_par_year() -> int | None:
    """The last year with published PAR Index results."""
    return (
        Result.objects.filter(published=True)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )


def _check_year(value: int, what: str = "Năm") -> int:
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise DomainError(
            f"{what} {value} không hợp lệ (từ {MIN_YEAR} đến {MAX_YEAR}).", field="year"
        )
    return value


def parse_year(text: str | None) -> int | None:
    """A year typed by a user ("2026"), or None when empty; a `DomainError` in Vietnamese otherwise."""
    text = (text or "").strip()
    if not text:
        return None
    if not text.isdigit():
        raise DomainError(f"Năm “{text}” không hợp lệ: nhập 4 chữ số, ví dụ 2026.", field="year")
    return _check_year(int(text))


def parse_period(text: str | None) -> tuple[int, int] | None:
    """A period typed by a user ("2026-2030"), or None when empty; a `DomainError` in Vietnamese otherwise."""
    text = (text or "").strip().replace(" ", "").replace("–", "-")
    if not text:
        return None
    parts = text.split("-")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        raise DomainError(f"Giai đoạn “{text}” không hợp lệ: nhập dạng 2026-2030.", field="period")
    start, end = _check_year(int(parts[0]), "Năm đầu"), _check_year(int(parts[1]), "Năm cuối")
    if start > end:
        raise DomainError(f"Giai đoạn “{text}” không hợp lệ: năm đầu sau năm cuối.", field="period")
    return start, end


def occasion(
    programme: Programme, *, year: int | None = None, period: tuple[int, int] | None = None
) -> Occasion:
    """The year and period a programme is evaluated for, defaults filled in: the period of the programme (or
    of its plan) for a period-end programme, else the last published PAR year (or this year)."""
    pf, rule = programme_rule(programme)
    if rule.kind == "period_end":
        period = period or pf.period_of(rule)
        if period is None:
            raise DomainError(
                f"Chương trình “{programme.name}” xét theo giai đoạn: nhập giai đoạn, ví dụ 2026-2030.",
                field="period",
            )
        if year is not None and not period[0] <= year <= period[1]:
            raise DomainError(
                f"Năm {year} không thuộc giai đoạn {period[0]} - {period[1]}.", field="year"
            )
        return Occasion(year if year is not None else period[1], period, True)
    if year is None:
        from cchc.core import dates

        year = last_par_year() or dates.today().year
    return Occasion(year, pf.period_of(rule))


def _issuer(programme: Programme) -> Unit:
    return programme.unit


def pool_unit_ids(rule: schema.Programme, issuer: Unit, year: int) -> list[int]:
    """The units a collective programme considers (see the module doc), in name order."""
    pool = rule.pool
    if pool.blocs:
        qs = Unit.objects.filter(
            pk__in=BlocMembership.objects.filter(year=year, bloc__code__in=pool.blocs).values(
                "unit_id"
            )
        )
    elif pool.unit_kinds:
        qs = Unit.objects.filter(path__startswith=issuer.path, kind__in=pool.unit_kinds)
    else:
        qs = Unit.objects.filter(parent=issuer)
    if pool.issuer == "itself":
        qs = qs.filter(pk=issuer.pk)
    elif pool.issuer == "below":
        qs = qs.filter(path__startswith=issuer.path).exclude(pk=issuer.pk)
    elif pool.issuer == "itself_or_below":
        qs = qs.filter(path__startswith=issuer.path)
    return list(qs.filter(is_active=True).order_by("name", "pk").values_list("pk", flat=True))


def pool_person_ids(rule: schema.Programme, issuer: Unit, year: int) -> list[int]:
    """The active people of the units a person programme considers, and of the units below them."""
    units = set(pool_unit_ids(rule, issuer, year))
    if rule.pool.issuer in ("itself", "itself_or_below") or not (
        rule.pool.blocs or rule.pool.unit_kinds
    ):
        units.add(issuer.pk)
    people = Person.objects.filter(is_active=True, unit__path__startswith=issuer.path)
    if rule.pool.employment:
        people = people.filter(employment_kind__in=rule.pool.employment)
    rows = people.order_by("full_name", "pk").values_list("pk", "unit__path")
    return [pk for pk, path in rows if units.intersection(path_ids(path))]


def evaluated(
    programme: Programme,
    when: Occasion,
    *,
    units: Iterable[int] | None = None,
    persons: Iterable[int] | None = None,
) -> list[tuple[Candidate, engine.Verdict]]:
    """Each candidate's facts with its verdict, in the order given (the pool's when None)."""
    # Tens of thousands of facts and reasons are built and kept, none in a reference cycle: the cyclic
    # collector would scan them again and again as they grow, so it waits until they are all made.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _evaluated(programme, when, units=units, persons=persons)
    finally:
        if collecting:
            gc.enable()


def _evaluated(
    programme: Programme,
    when: Occasion,
    *,
    units: Iterable[int] | None,
    persons: Iterable[int] | None,
) -> list[tuple[Candidate, engine.Verdict]]:
    _pf, rule = programme_rule(programme)
    issuer = _issuer(programme)
    needs = needs_of([rule], year=when.year, period=when.period)
    facts: list[Candidate]
    if rule.subject == v.COLLECTIVE:
        ids = list(units) if units is not None else pool_unit_ids(rule, issuer, when.year)
        loaded_units = load_units(ids, needs)
        facts = [loaded_units[i] for i in ids if i in loaded_units]
    elif rule.subject == v.PERSON:
        ids = list(persons) if persons is not None else pool_person_ids(rule, issuer, when.year)
        loaded_persons = load_persons(ids, needs)
        facts = [loaded_persons[i] for i in ids if i in loaded_persons]
    else:
        facts = []
    found = engine.evaluate_many(
        rule, facts, year=when.year, period=when.period, issuer_unit_id=issuer.pk
    )
    return list(zip(facts, found, strict=True))


def verdicts(
    programme: Programme,
    *,
    year: int | None = None,
    period: tuple[int, int] | None = None,
    units: Iterable[int] | None = None,
    persons: Iterable[int] | None = None,
) -> list[engine.Verdict]:
    """The verdict of every candidate (the pool's when `units`/`persons` are None), in the pool's order."""
    when = occasion(programme, year=year, period=period)
    return [verdict for _, verdict in evaluated(programme, when, units=units, persons=persons)]


def verdict_for(
    programme: Programme,
    *,
    year: int | None = None,
    period: tuple[int, int] | None = None,
    unit: Unit | None = None,
    person: Person | None = None,
) -> engine.Verdict:
    """The verdict of one candidate: a unit for a collective programme, a person for a person programme."""
    if (unit is None) == (person is None):
        raise ValueError("verdict_for needs exactly one of unit or person")
    found = verdicts(
        programme,
        year=year,
        period=period,
        units=[unit.pk] if unit is not None else [],
        persons=[person.pk] if person is not None else [],
    )
    if found:
        return found[0]
    _pf, rule = programme_rule(programme)
    when = occasion(programme, year=year, period=period)
    cand = person if person is not None else unit
    assert cand is not None
    name = cand.full_name if isinstance(cand, Person) else cand.name
    reason = Reason(
        f"Chương trình xét {v.SUBJECT_NAMES[rule.subject]} ({rule.source})", rule.source, v.FAIL
    )
    return engine.Verdict(
        rule.code, rule.subject, cand.pk, name, v.NOT_ELIGIBLE, (reason,), when.year, when.period
    )
