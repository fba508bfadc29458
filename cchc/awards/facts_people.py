"""The facts of people as candidates, loaded in bulk like those of units (`facts_loader`): one query per kind
of fact whatever the number of people, each person with the facts of the unit they count under."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass, field
from datetime import date

from django.db.models import F, Q

from cchc.awards.facts_loader import (
    IN_LIMIT,
    Needs,
    _among,
    _checks,
    _discipline_rows,
    _initiatives,
    _nominations,
    _registry_years,
    _titles,
    load_units,
    path_ids,
)
from cchc.awards.models import Award, CchcAssignment, Evaluation
from cchc.awards.rules import facts as f
from cchc.initiatives.choices import InitiativeStatus
from cchc.initiatives.models import InitiativeAuthor
from cchc.initiatives.selectors import (
    FACT_FIELDS,
    PENDING,
    recognised_for_persons,
)
from cchc.orgs.models import BlocMembership, Person

__all__ = [
    "PERSON_FIELDS",
    "People",
    "read_people",
    "unit_needs_of",
    "load_persons",
    "build_persons",
]


def _person_initiatives(ids: set[int], years: range) -> dict[int, tuple[f.Initiative, ...]]:
    """The initiatives each person co-authored in the years (recognised, or awaiting recognition: unknown), like
    `recognised_for_persons`; one query, with the ids in it only for a short list. The co-authors of an
    initiative share its facts."""
    if len(ids) <= IN_LIMIT:
        return _initiatives(
            recognised_for_persons(
                person_ids=ids,
                start_year=years.start,
                end_year=years.stop - 1,
                include_pending=True,
            )
        )
    result: dict[int, list[f.Initiative]] = defaultdict(list)
    made: dict[int, f.Initiative] = {}
    rows = (
        InitiativeAuthor.objects.filter(
            person__isnull=False,
            initiative__status__in=[InitiativeStatus.RECOGNISED, *PENDING],
            initiative__year__gte=years.start,
            initiative__year__lt=years.stop,
        )
        .order_by(
            "initiative__year",
            F("initiative__recognised_on").asc(nulls_last=True),
            "initiative_id",
        )
        .values_list(*(f"initiative__{name}" for name in FACT_FIELDS), "person_id")
    )
    for pk, title, year, level, recognised_on, person_id in rows:
        if person_id in ids:
            fact = made.get(pk)
            if fact is None:
                known = bool(level and recognised_on)
                fact = made[pk] = f.Initiative(
                    pk, title, year, level if known else None, recognised_on if known else None
                )
            result[person_id].append(fact)
    return {person_id: tuple(items) for person_id, items in result.items()}


def _collective_of(path: str, ranked: Set[int], own: int) -> int:
    """The unit a person counts under for the rules on "the person's unit": the nearest unit (itself or above)
    that belongs to a bloc, else their own unit."""
    for pk in reversed(path_ids(path)):
        if pk in ranked:
            return pk
    return own


PERSON_FIELDS = ("pk", "full_name", "unit_id", "unit__path", "employment_kind", "gender")


@dataclass
class People:
    """The people to build facts for (rows of `PERSON_FIELDS`), with the years each unit of their paths belongs
    to a bloc: what says which unit each counts under for a given window of years."""

    rows: list[tuple]
    in_bloc: dict[int, set[int]]
    _made: dict[frozenset[int], dict[int, int]] = field(default_factory=dict)

    def collectives(self, years: range) -> dict[int, int]:
        """Each person's unit for the rules on "the person's unit", over these years (the same mapping for
        windows in which the same units belong to a bloc)."""
        ranked = frozenset(u for u, held in self.in_bloc.items() if any(y in years for y in held))
        made = self._made.get(ranked)
        if made is None:
            # The people of a unit share its path: worked out once per unit.
            of_unit = {(r[3], r[2]) for r in self.rows}
            found = {key: _collective_of(key[0], ranked, key[1]) for key in of_unit}
            made = self._made[ranked] = {r[0]: found[r[3], r[2]] for r in self.rows}
        return made


def read_people(
    person_ids: Iterable[int], years: range, *, rows: Iterable[tuple] | None = None
) -> People:
    """The people of `person_ids` (unknown ids left out) and the bloc years of the units above them; `rows`
    (of `PERSON_FIELDS`) when already read."""
    ids = set(person_ids)
    if rows is None:
        rows = Person.objects.filter(**_among("pk", ids)).values_list(*PERSON_FIELDS)
    kept = [r for r in rows if r[0] in ids]
    path_units = {u for path in {r[3] for r in kept} for u in path_ids(path)}
    in_bloc: dict[int, set[int]] = defaultdict(set)
    for unit_id, year in BlocMembership.objects.filter(
        year__gte=years.start, year__lt=years.stop, **_among("unit_id", path_units)
    ).values_list("unit_id", "year"):
        if unit_id in path_units:
            in_bloc[unit_id].add(year)
    return People(kept, in_bloc)


def unit_needs_of(needs: Needs) -> Needs:
    """What the units of the people are loaded with: the facts the rules on "the person's unit" read."""
    return Needs(
        years=needs.years,
        par=needs.par,
        initiatives="initiatives" in needs.unit_facts,
        plan_on_time=needs.plan_on_time,
        evaluation="evaluation_class" in needs.unit_facts,
        titles="title_held" in needs.unit_facts,
        nominations=needs.nominations
        and bool(needs.unit_facts & {"nominated_for", "not_nominated_for"}),
        emulation=needs.emulation,
        spans=needs.spans,
    )


def load_persons(person_ids: Iterable[int], needs: Needs) -> dict[int, f.PersonFacts]:
    """`PersonFacts` for each person of `person_ids`, with the facts of their unit; one query per kind of fact."""
    ids = set(person_ids)
    if not ids:
        return {}
    people = read_people(ids, needs.years)
    collective = people.collectives(needs.years)
    units = load_units(set(collective.values()), unit_needs_of(needs), manual=False)
    return build_persons(people, needs, units, collective)


def build_persons(
    people: People,
    needs: Needs,
    units: Mapping[int, f.UnitFacts],
    collective: Mapping[int, int],
) -> dict[int, f.PersonFacts]:
    """`PersonFacts` for the people read, each with the facts of the unit it counts under (`collective`)."""
    rows = people.rows
    ids = {r[0] for r in rows}
    if not ids:
        return {}
    initiatives = None
    if needs.initiatives:
        initiatives = _person_initiatives(ids, needs.span("initiatives"))
    evaluation: dict[int, dict[int, str | None]] | None = None
    if needs.evaluation:
        span = needs.span("evaluation")
        evaluation = defaultdict(dict)
        for person_id, year, grade in Evaluation.objects.filter(
            year__gte=span.start, year__lt=span.stop, **_among("person_id", ids)
        ).values_list("person_id", "year", "grade"):
            evaluation[person_id][year] = grade
    titles = None
    if needs.titles:
        known = _registry_years(needs.span("titles"))
        titles = _titles(
            Award.objects.filter(
                person__isnull=False,
                revoked_on__isnull=True,
                year__in=list(known),
                **_among("person_id", ids),
            ).values_list("person_id", "year", "form"),
            known,
            ids,
        )
    positions: dict[int, list[f.PositionSpell]] | None = None
    histories: dict[int, list[tuple]] = defaultdict(list)
    work_years = needs.span("positions")
    if needs.positions:
        positions = defaultdict(list)
        for person_id, start, end, position, unit_name, direct in (
            CchcAssignment.objects.filter(**_among("person_id", ids))
            .filter(Q(end__isnull=True) | Q(end__gte=date(work_years.start, 1, 1)))
            .order_by("person_id", "start")
            .values_list("person_id", "start", "end", "position", "unit__name", "direct")
        ):
            positions[person_id].append(f.PositionSpell(start, end, position, unit_name, direct))
            histories[person_id].append((start, end, direct))
    discipline: dict[int, list[f.DisciplineRecord]] | None = None
    if needs.discipline:
        discipline = defaultdict(list)
        for record, _path in _discipline_rows(needs.span("discipline"), **_among("person_id", ids)):
            discipline[record.person_id].append(record)
    nominations: dict[int, list[f.Nomination]] | None = None
    if needs.nominations:
        nominations = defaultdict(list)
        for n in _nominations(person__isnull=False, **_among("person_id", ids)):
            nominations[n.person_id or 0].append(n)
    checks = _checks(needs.manual, "person_id", ids)
    out: dict[int, f.PersonFacts] = {}
    # The years of work depend on the spells' dates and kinds only: worked out once per distinct history (and
    # the people with equal histories share the mapping).
    worked: dict[tuple, dict[int, bool | None]] = {}
    months = needs.cchc_min_months
    person, unit_of = f.PersonFacts, units.get
    spells_of: Mapping[int, list[f.PositionSpell]] = {} if positions is None else positions
    mark: Mapping[int, tuple[f.Initiative, ...]] = {} if initiatives is None else initiatives
    marks: Mapping[int, dict[int, str | None]] = {} if evaluation is None else evaluation
    records: Mapping[int, list[f.DisciplineRecord]] = {} if discipline is None else discipline
    held: Mapping[int, dict[int, frozenset[str]]] = {} if titles is None else titles
    proposed: Mapping[int, list[f.Nomination]] = {} if nominations is None else nominations
    for pk, name, unit_id, _path, employment, gender in rows:
        spells = spells_of.get(pk)
        cchc_years = None
        if spells and months is not None:
            history = tuple(histories[pk])
            cchc_years = worked.get(history)
            if cchc_years is None:
                cchc_years = worked[history] = f.cchc_years_from_positions(
                    tuple(spells), work_years, min_months=months
                )
        checked = checks.get(pk)
        # Positional, in the order of the fields of `PersonFacts`.
        out[pk] = person(
            pk,
            name,
            unit_id,
            unit_of(collective[pk]),
            employment or None,
            None if not gender else gender == "female",
            None if not spells else tuple(spells),
            cchc_years,
            None if initiatives is None else mark.get(pk, ()),
            None if discipline is None else tuple(records.get(pk, ())),
            None if titles is None else held.get(pk, {}),
            None if evaluation is None else marks.get(pk, {}),
            None if nominations is None else tuple(proposed.get(pk, ())),
            tuple(checked) if checked else (),
        )
    return out
