"""Who is eligible for a programme, and why: the candidates of its pool with their facts loaded in bulk, run
through the pure engine (`cchc.awards.rules.eligibility.evaluate`).

`verdicts(programme, year=..., period=...)` evaluates every candidate of the programme's pool (or the units or
persons given) with a fixed number of queries, whatever their number; `verdict_for` evaluates one. The
programme is the `Programme` row; its rule is read from its rule file (`rule_files.programme_rule`).

`round_verdicts(programmes)` / `round_evaluated(items)` evaluate several programmes together (a rule file's, a
plan's, each for its occasion): each kind of fact is read once for all of them (over the years of the programmes
that read it), the facts are built once and shared, and each programme gets exactly the verdicts and reasons it
gets alone. `verdicts` is a round of one.

The pool: a collective programme considers the units of its blocs that year (`pool.blocs`), else the units of
its kinds under the issuing unit (`pool.unit_kinds`), else the units directly under the issuing unit; a person
programme considers the active people of those units and of the units below them.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from cchc.awards.facts_loader import Needs, load_units, merge_needs, needs_of, path_ids
from cchc.awards.facts_people import (
    PERSON_FIELDS,
    People,
    build_persons,
    read_people,
    unit_needs_of,
)
from cchc.awards.models import Programme
from cchc.awards.rule_files import programme_rule
from cchc.awards.rules import eligibility as engine
from cchc.awards.rules import facts as f
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
    "round_verdicts",
    "round_evaluated",
    "round_needs",
    "verdict_for",
    "occasion",
    "last_par_year",
    "pool_unit_ids",
    "pool_person_ids",
    "pool_key",
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


def people_under(issuer: Unit) -> list[tuple]:
    """The active people of the issuer's units (rows of `PERSON_FIELDS`), in name order: one query."""
    return list(
        Person.objects.filter(is_active=True, unit__path__startswith=issuer.path)
        .order_by("full_name", "pk")
        .values_list(*PERSON_FIELDS)
    )


def pool_person_ids(
    rule: schema.Programme,
    issuer: Unit,
    year: int,
    *,
    people: list[tuple] | None = None,
    unit_ids: list[int] | None = None,
) -> list[int]:
    """The active people of the units a person programme considers, and of the units below them (`people`:
    the rows of `people_under(issuer)`, `unit_ids`: those of `pool_unit_ids`, when already read)."""
    units = set(pool_unit_ids(rule, issuer, year) if unit_ids is None else unit_ids)
    if rule.pool.issuer in ("itself", "itself_or_below") or not (
        rule.pool.blocs or rule.pool.unit_kinds
    ):
        units.add(issuer.pk)
    rows = people_under(issuer) if people is None else people
    jobs = set(rule.pool.employment or ())
    # The people of a unit share its path: each path is checked once.
    paths = {path for path in {r[3] for r in rows} if not units.isdisjoint(path_ids(path))}
    return [r[0] for r in rows if r[3] in paths and (not jobs or r[4] in jobs)]


def pool_key(rule: schema.Programme, issuer: Unit, year: int) -> tuple:
    """What `pool_unit_ids` depends on: programmes with equal keys consider the same units."""
    pool = rule.pool
    return (tuple(pool.blocs or ()), tuple(pool.unit_kinds or ()), pool.issuer, issuer.pk, year)


def evaluated(
    programme: Programme,
    when: Occasion,
    *,
    units: Iterable[int] | None = None,
    persons: Iterable[int] | None = None,
) -> list[tuple[Candidate, engine.Verdict]]:
    """Each candidate's facts with its verdict, in the order given (the pool's when None)."""
    return round_evaluated([(programme, when)], units=units, persons=persons)[0]


def round_evaluated(
    items: Sequence[tuple[Programme, Occasion]],
    *,
    units: Iterable[int] | None = None,
    persons: Iterable[int] | None = None,
) -> list[list[tuple[Candidate, engine.Verdict]]]:
    """For each programme and occasion, each candidate's facts with its verdict, in the order given (the pool's
    when None): the facts are loaded once for all of them (each kind over the years of the programmes that read
    it) and shared, the verdicts are those of each programme evaluated alone."""
    # Tens of thousands of facts and reasons are built and kept, none in a reference cycle: the cyclic
    # collector would scan them again and again as they grow, so it waits until they are all made.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _round(
            items,
            None if units is None else list(units),
            None if persons is None else list(persons),
        )
    finally:
        if collecting:
            gc.enable()


@dataclass
class _Item:
    programme: Programme
    when: Occasion
    rule: schema.Programme
    issuer: Unit
    needs: Needs
    ids: list[int]


def _round(
    items: Sequence[tuple[Programme, Occasion]],
    units: list[int] | None,
    persons: list[int] | None,
) -> list[list[tuple[Candidate, engine.Verdict]]]:
    people_of: dict[str, list[tuple]] = {}
    pools: dict[tuple, list[int]] = {}
    people_pools: dict[tuple, list[int]] = {}

    def pool_units(rule: schema.Programme, issuer: Unit, year: int) -> list[int]:
        key = pool_key(rule, issuer, year)
        if key not in pools:
            pools[key] = pool_unit_ids(rule, issuer, year)
        return pools[key]

    plan: list[_Item] = []
    for programme, when in items:
        _pf, rule = programme_rule(programme)
        issuer = _issuer(programme)
        ids: list[int] = []
        if rule.subject == v.COLLECTIVE:
            ids = units if units is not None else pool_units(rule, issuer, when.year)
        elif rule.subject == v.PERSON:
            if persons is not None:
                ids = persons
            else:
                if issuer.path not in people_of:
                    people_of[issuer.path] = people_under(issuer)
                same = (pool_key(rule, issuer, when.year), tuple(rule.pool.employment or ()))
                if same not in people_pools:
                    people_pools[same] = pool_person_ids(
                        rule,
                        issuer,
                        when.year,
                        people=people_of[issuer.path],
                        unit_ids=pool_units(rule, issuer, when.year),
                    )
                ids = people_pools[same]
        plan.append(
            _Item(
                programme,
                when,
                rule,
                issuer,
                needs_of([rule], year=when.year, period=when.period),
                ids,
            )
        )
    collective = [i for i in plan if i.rule.subject == v.COLLECTIVE]
    personal = [i for i in plan if i.rule.subject == v.PERSON]
    unit_ids = {pk for i in collective for pk in i.ids}
    needs, all_units_need = _merged([(i.rule, i.needs) for i in plan])
    people: People | None = None
    windows: dict[range, dict[int, int]] = {}
    if needs is not None:
        known = None
        if persons is None:
            reads = list(people_of.values())
            known = (
                reads[0]
                if len(reads) == 1
                else list({r[0]: r for read in reads for r in read}.values())
            )
        people = read_people({pk for i in personal for pk in i.ids}, needs.years, rows=known)
        for i in personal:
            if i.needs.years not in windows:
                windows[i.needs.years] = people.collectives(i.needs.years)
        for counted in windows.values():
            unit_ids.update(counted.values())
    loaded = load_units(unit_ids, all_units_need) if all_units_need is not None else {}
    person_facts: dict[int, f.PersonFacts] = {}
    base: dict[int, int] = {}
    if needs is not None and people is not None:
        base = windows[personal[0].needs.years]
        person_facts = build_persons(people, needs, loaded, base)
    out: list[list[tuple[Candidate, engine.Verdict]]] = []
    shared: dict = {}
    # Programmes with the same pool (and, for people, the same years) get the same list of candidates, so
    # that the keys they share are worked out once (`engine.evaluate_many`).
    lists: dict[tuple, list[Candidate]] = {}
    for item in plan:
        facts: list[Candidate]
        if item.rule.subject == v.COLLECTIVE:
            same_list: tuple = (v.COLLECTIVE, id(item.ids))
            if same_list not in lists:
                lists[same_list] = [loaded[pk] for pk in item.ids if pk in loaded]
            facts = lists[same_list]
        elif item.rule.subject == v.PERSON and needs is not None:
            same_list = (v.PERSON, id(item.ids), item.needs.years, item.needs.positions)
            if same_list not in lists:
                lists[same_list] = _as_alone(item, person_facts, needs, windows, base, loaded)
            facts = lists[same_list]
        else:
            facts = []
        found = engine.evaluate_many(
            item.rule,
            facts,
            year=item.when.year,
            period=item.when.period,
            issuer_unit_id=item.issuer.pk,
            shared=shared,
        )
        out.append(list(zip(facts, found, strict=True)))
    return out


def _merged(
    rules: Sequence[tuple[schema.Programme, Needs]],
) -> tuple[Needs | None, Needs | None]:
    """What a round reads: the people's facts (None without a person programme) and the units' (those of the
    collective programmes and of the units the people count under; None when no unit is read)."""
    persons = [n for rule, n in rules if rule.subject == v.PERSON]
    units = [n for rule, n in rules if rule.subject == v.COLLECTIVE]
    person_needs = merge_needs(persons) if persons else None
    if person_needs is not None:
        units.append(unit_needs_of(person_needs))
    return person_needs, merge_needs(units) if units else None


def round_needs(items: Sequence[tuple[Programme, Occasion]]) -> tuple[Needs | None, Needs | None]:
    """The facts a round of these programmes reads (see `_merged`), for a reader that wants to know."""
    pairs = []
    for programme, when in items:
        _pf, rule = programme_rule(programme)
        pairs.append((rule, needs_of([rule], year=when.year, period=when.period)))
    return _merged(pairs)


def _as_alone(
    item: _Item,
    built: dict[int, f.PersonFacts],
    needs: Needs,
    windows: dict[range, dict[int, int]],
    base: dict[int, int],
    units: dict[int, f.UnitFacts],
) -> list[Candidate]:
    """The facts of a person programme's candidates as they read when loaded for that programme alone: the
    unit each person counts under over its years (a unit may join a bloc in a year of the round only), and no
    work history when every spell ended before its years (the loader reads the spells that reach them)."""
    own = windows[item.needs.years]
    start = item.needs.years.start
    cut = (
        date(start, 1, 1)
        if item.needs.positions and needs.span("positions").start < start
        else None
    )
    moved = {pk for pk, unit in own.items() if base[pk] != unit} if own is not base else set()
    # Spells are read when they reach the first year read; those of the people whose every spell ended
    # before this programme's years would not have been read for it.
    stale: set[int] = set()
    if cut is not None:
        for pk, facts_of in built.items():
            for spell in facts_of.positions or ():
                if spell.end is None or spell.end >= cut:
                    break
            else:
                if facts_of.positions:
                    stale.add(pk)
    if not moved and not stale:
        return [built[pk] for pk in item.ids if pk in built]
    facts: list[Candidate] = []
    for pk in item.ids:
        person = built.get(pk)
        if person is None:
            continue
        if pk in moved:
            person = replace(person, unit=units.get(own[pk]))
        if pk in stale:
            person = replace(person, positions=None, cchc_years=None)
        facts.append(person)
    return facts


def round_verdicts(
    programmes: Iterable[Programme],
    *,
    year: int | None = None,
    units: Iterable[int] | None = None,
    persons: Iterable[int] | None = None,
) -> dict[str, list[engine.Verdict]]:
    """The verdicts of every candidate of each programme (a rule file's, a plan's), by programme code: annual
    and ad-hoc programmes for `year` (default: the last published PAR year), period-end ones for their period
    (as of its last year); the facts loaded once for all of them."""
    items = []
    for programme in programmes:
        _pf, rule = programme_rule(programme)
        items.append(
            (programme, occasion(programme, year=None if rule.kind == "period_end" else year))
        )
    found = round_evaluated(items, units=units, persons=persons)
    return {
        programme.code: [verdict for _, verdict in pairs]
        for (programme, _), pairs in zip(items, found, strict=True)
    }


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
