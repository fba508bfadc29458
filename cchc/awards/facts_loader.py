"""The facts the award rules read, loaded from the database in bulk: one query per kind of fact, whatever the
number of candidates (`cchc.awards.rules.facts` is the contract).

`Needs` says which kinds of fact a programme's criteria read, so a programme loads only those; a kind not
loaded stays `None` in the facts (the rules say "cần kiểm tra" if they ever read it). Where the system keeps no
record of a thing for a year (no PAR result, no evaluation, no award registry that year), the year is left out
of the mapping: unknown, never a silent "no".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from django.db.models import Q

from cchc.awards import facts_emulation
from cchc.awards.models import (
    Award,
    DisciplineRecord,
    Evaluation,
    ManualCheck,
    Nomination,
    UnitEvaluation,
)
from cchc.awards.rules import facts as f
from cchc.awards.rules.schema import Programme as RuleProgramme
from cchc.core import dates
from cchc.initiatives.selectors import recognised_for
from cchc.orgs.models import BlocMembership, Person, Unit
from cchc.par.models import Result

__all__ = ["Needs", "needs_of", "merge_needs", "load_units", "path_ids"]

# Nomination statuses as the rules count them ("proposed" or "awarded"; the others do not count).
_NOMINATION_STATUS = {
    "proposed": "proposed",
    "received": "proposed",
    "passed": "proposed",
    "lowered": "proposed",
    "proposed_up": "proposed",
    "awarded": "awarded",
}
_PAR_KINDS = {
    "par_top_n",
    "par_years_in_top",
    "par_score_at_least",
    "par_band_at_least",
    "bloc_leader",
}


@dataclass(frozen=True)
class Needs:
    """Which kinds of fact to load, and for which years."""

    years: range
    par: bool = False
    initiatives: bool = False
    plan_on_time: bool = False
    evaluation: bool = False
    titles: bool = False
    members: bool = False
    discipline: bool = False
    positions: bool = False
    nominations: bool = False
    manual: tuple[str, ...] = ()
    unit_facts: frozenset[str] = field(default_factory=frozenset)
    cchc_min_months: int | None = None
    emulation: bool = False
    # The years of one kind of fact when narrower than `years` (a round of programmes: evaluations for the
    # annual programme's year, PAR results over the period for the period-end ones).
    spans: Mapping[str, range] = field(default_factory=dict)

    def span(self, kind: str) -> range:
        """The years to read a kind of fact over (a flag's name: "evaluation", "par", ...)."""
        return self.spans.get(kind, self.years)


def _hull(ranges: Iterable[range]) -> range:
    ranges = list(ranges)
    return range(min(r.start for r in ranges), max(r.stop for r in ranges))


def merge_needs(many: Iterable[Needs]) -> Needs:
    """What several programmes read together (a round): each kind of fact over the years of the programmes that
    read it, so the facts loaded once serve each of them as if loaded for it alone (the rules read a year's
    facts only, and the facts of a year do not depend on the other years read)."""
    many = list(many)
    if len(many) == 1:
        return many[0]
    values: dict[str, object] = {"years": _hull(n.years for n in many)}
    spans: dict[str, range] = {}
    for item in fields(Needs):
        name = item.name
        if name in ("years", "spans", "manual", "unit_facts", "cchc_min_months"):
            continue
        if not isinstance(getattr(many[0], name), bool):
            if any(getattr(n, name) != getattr(many[0], name) for n in many):
                raise ValueError(f"cannot merge needs that differ in {name}")
            values[name] = getattr(many[0], name)
            continue
        wanted = [n for n in many if getattr(n, name)]
        values[name] = bool(wanted)
        if wanted:
            spans[name] = _hull(n.span(name) for n in wanted)
    values["manual"] = tuple(dict.fromkeys(code for n in many for code in n.manual))
    values["unit_facts"] = frozenset().union(*(n.unit_facts for n in many))
    months = {n.cchc_min_months for n in many if n.positions}
    values["cchc_min_months"] = months.pop() if len(months) == 1 else None
    return Needs(spans=spans, **values)  # type: ignore[arg-type]


def _kind(node: object) -> str:
    return str(getattr(node, "kind", ""))


def needs_of(
    programmes: Iterable[RuleProgramme], *, year: int, period: tuple[int, int] | None
) -> Needs:
    """The facts the criteria of these programmes read, over the years they look at."""
    kinds: set[str] = set()
    own_unit: set[str] = set()
    lookback = 1
    manual: list[str] = []
    months: set[int] = set()
    over_period = False
    for programme in programmes:
        if any(_kind(leaf) == "manual" for c in programme.criteria for leaf in c.leaves()):
            manual.append(programme.code)
        for criterion in programme.criteria:
            for leaf in criterion.leaves():
                kinds.add(_kind(leaf))
                lookback = max(lookback, getattr(leaf, "consecutive_years", 1))
                if _kind(leaf) == "par_years_in_top" or getattr(leaf, "over", None) == "period":
                    over_period = True
                if _kind(leaf) == "cchc_work_years":
                    months.add(getattr(leaf, "min_months", 6))
                if getattr(leaf, "applies_to", "self") == "own_unit":
                    own_unit.add(_kind(leaf))
    # The period's years only when a criterion looks over the period; otherwise the year (and the years
    # before it that "N consecutive years" standards read).
    window = period if period is not None and over_period else None
    start = min(window[0] if window else year, year - lookback + 1)
    end = max(window[1] if window else year, year)
    return Needs(
        years=range(start, end + 1),
        par=bool(kinds & _PAR_KINDS),
        initiatives="initiatives" in kinds,
        plan_on_time="plan_on_time_rate" in kinds,
        evaluation=bool(kinds & {"evaluation_class"}),
        titles="title_held" in kinds,
        members=bool(
            kinds & {"members_title_share", "members_with_title", "members_evaluation_share"}
        ),
        discipline="no_discipline" in kinds,
        positions="cchc_work_years" in kinds,
        nominations=bool(kinds & {"nominated_for", "not_nominated_for"}),
        manual=tuple(manual),
        unit_facts=frozenset(own_unit),
        cchc_min_months=months.pop() if len(months) == 1 else None,
        emulation=facts_emulation.kinds_needed(kinds),
    )


# Up to this many ids a query names them (`IN (...)`); above it, the query reads the rows of the years in question
# and keeps the candidates' in Python: a long list of parameters costs more than the rows it leaves out.
IN_LIMIT = 500


def _among(field: str, ids: set[int]) -> dict[str, set[int]]:
    return {f"{field}__in": ids} if len(ids) <= IN_LIMIT else {}


@lru_cache(maxsize=65536)
def _path_ids(path: str) -> tuple[int, ...]:
    return tuple(int(p) for p in path.strip("/").split("/") if p)


def path_ids(path: str) -> tuple[int, ...]:
    """The ids of a materialised path ("/1/5/23/"), top first (the people of a unit share its path: cached)."""
    return _path_ids(path)


def _in_window(first: date, last: date) -> Q:
    return Q(decided_on__lte=last) & (Q(decided_on__gte=first) | Q(ends_on__gte=first))


def _unit_rows(unit_ids: set[int]) -> dict[int, tuple[str, str, str]]:
    return {
        pk: (name, kind, path)
        for pk, name, kind, path in Unit.objects.filter(**_among("pk", unit_ids)).values_list(
            "pk", "name", "kind", "path"
        )
        if pk in unit_ids
    }


def _blocs(unit_ids: set[int], years: range) -> dict[int, dict[int, str | None]]:
    blocs: dict[int, dict[int, str | None]] = defaultdict(dict)
    rows = BlocMembership.objects.filter(
        year__gte=years.start, year__lt=years.stop, **_among("unit_id", unit_ids)
    ).values_list("unit_id", "year", "bloc__code")
    for unit_id, year, code in rows:
        blocs[unit_id][year] = code
    return blocs


def _par(unit_ids: set[int], years: range) -> dict[int, dict[int, f.ParResult]]:
    """Published results only (a provisional result is unknown to the rules); one row per unit and year."""
    par: dict[int, dict[int, f.ParResult]] = defaultdict(dict)
    rows = (
        Result.objects.filter(
            year__gte=years.start,
            year__lt=years.stop,
            published=True,
            **_among("unit_id", unit_ids),
        )
        .order_by("unit_id", "year", "-round_id")
        .values_list(
            "unit_id", "year", "bloc_code", "rank", "bloc_size", "award_order", "total", "band"
        )
    )
    for unit_id, year, bloc, rank, size, order, total, band in rows:
        par[unit_id].setdefault(
            year,
            f.ParResult(year, bloc, rank, size, order, total, band or None, True),
        )
    return par


def _initiatives(fact_rows: dict[int, list]) -> dict[int, tuple[f.Initiative, ...]]:
    """The facts of each owner's initiatives; an initiative listed for several owners (a unit and the units
    above it, co-authors) is one object."""
    made: dict[int, f.Initiative] = {}
    out: dict[int, tuple[f.Initiative, ...]] = {}
    for owner, items in fact_rows.items():
        facts = []
        for i in items:
            fact = made.get(i.id)
            if fact is None:
                fact = made[i.id] = f.Initiative(i.id, i.title, i.year, i.level, i.recognised_on)
            facts.append(fact)
        out[owner] = tuple(facts)
    return out


def _plan_on_time(unit_ids: set[int], years: range) -> dict[int, dict[int, Decimal | None]]:
    """The on-time rate of each unit's plan of each year (the plan dashboards' figure); one query."""
    from cchc.plans.figures import rate, timeliness_counts
    from cchc.plans.models import Plan, Task

    plans = (
        Plan.objects.filter(unit_id__in=unit_ids, year__gte=years.start, year__lt=years.stop)
        .order_by("created_at", "id")
        .values_list("pk", "unit_id", "year")
    )
    rows = (
        Task.objects.filter(plan__in=plans.values("pk"))
        .values("plan_id", "plan__unit_id", "plan__year", "plan__created_at")
        .annotate(**timeliness_counts(today=dates.today()))
        .order_by("plan__created_at", "plan_id")
    )
    result: dict[int, dict[int, Decimal | None]] = defaultdict(dict)
    for row in rows:
        key = (row["plan__unit_id"], row["plan__year"])
        value = rate(dict(row))
        result[key[0]][key[1]] = (
            None
            if value is None
            else Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        )
    return result


def _registry_years(years: range) -> set[int]:
    """Years the award registry has any record of: only those years say "known to hold no title"."""
    return set(
        Award.objects.filter(year__gte=years.start, year__lt=years.stop)
        .order_by()
        .values_list("year", flat=True)
        .distinct()
    )


def _titles(
    rows: Iterable[tuple[int, int, str]], known: set[int], owners: set[int]
) -> dict[int, dict[int, frozenset[str]]]:
    held: dict[int, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for owner, year, form in rows:
        held[owner][year].add(form)
    return {
        owner: {year: frozenset(held[owner].get(year, ())) for year in known} for owner in owners
    }


def _nomination(row: dict) -> f.Nomination:
    period = (
        (row["dossier__period_start"], row["dossier__period_end"])
        if row["dossier__period_start"] and row["dossier__period_end"]
        else None
    )
    return f.Nomination(
        id=row["pk"],
        programme=row["dossier__programme__code"],
        subject=row["subject"],
        label=f"hồ sơ số {row['dossier__number']} — {row['dossier__proposing_unit__name']}",
        proposer_id=row["dossier__proposing_unit_id"],
        proposer_name=row["dossier__proposing_unit__name"],
        status=_NOMINATION_STATUS.get(row["status"], "refused"),
        year=row["dossier__year"],
        period=period,
        unit_id=row["unit_id"],
        person_id=row["person_id"],
        parent_id=row["parent_id"],
    )


_NOMINATION_FIELDS = (
    "pk",
    "subject",
    "status",
    "unit_id",
    "person_id",
    "parent_id",
    "dossier__programme__code",
    "dossier__number",
    "dossier__proposing_unit_id",
    "dossier__proposing_unit__name",
    "dossier__year",
    "dossier__period_start",
    "dossier__period_end",
)


def _nominations(**filters) -> list[f.Nomination]:
    rows = (
        Nomination.objects.filter(**filters)
        .exclude(dossier__status__in=["refused", "returned"])
        .values(*_NOMINATION_FIELDS)
    )
    return [_nomination(r) for r in rows]


def _checks(
    programme_codes: tuple[str, ...], owner: str, ids: set[int]
) -> dict[int, list[f.ManualCheck]]:
    out: dict[int, list[f.ManualCheck]] = defaultdict(list)
    if not programme_codes:
        return out
    rows = ManualCheck.objects.filter(
        programme__code__in=programme_codes,
        **{f"{owner[:-3]}__isnull": False},
        **_among(owner, ids),
    ).values_list(
        owner,
        "programme__code",
        "criterion",
        "passed",
        "checked_by__first_name",
        "checked_by__last_name",
        "checked_by__username",
        "checked_on",
        "evidence",
        "year",
    )
    for pk, code, criterion, passed, first, last, username, on, evidence, year in rows:
        by = f"{last} {first}".strip() or username or "không rõ người kiểm tra"
        out[pk].append(f.ManualCheck(code, criterion, passed, by, on, evidence, "", year))
    return out


def _discipline_rows(years: range, **filters) -> list[tuple[f.DisciplineRecord, str]]:
    first, last = date(years.start, 1, 1), date(years.stop - 1, 12, 31)
    rows = (
        DisciplineRecord.objects.filter(_in_window(first, last), **filters)
        .order_by("decided_on", "pk")
        .values_list(
            "person_id",
            "person__full_name",
            "level",
            "decided_on",
            "ends_on",
            "unit_id",
            "unit__path",
        )
    )
    return [(f.DisciplineRecord(*row[:6]), row[6]) for row in rows]


def _members(
    unit_ids: set[int], years: range, known: set[int]
) -> dict[int, dict[int, f.MembersSummary]]:
    """Per collective and year: how many people work in it (or below it), with a title, with each class."""
    people: dict[int, int] = defaultdict(int)
    person_owner: dict[int, list[int]] = {}
    for pk, path in Person.objects.filter(is_active=True).values_list("pk", "unit__path"):
        owners = [u for u in path_ids(path) if u in unit_ids]
        if owners:
            person_owner[pk] = owners
            for u in owners:
                people[u] += 1
    titles: dict[tuple[int, int], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for person_id, year, form in (
        Award.objects.filter(person__isnull=False, revoked_on__isnull=True, year__in=list(known))
        .values_list("person_id", "year", "form")
        .distinct()
    ):
        for u in person_owner.get(person_id, ()):
            titles[(u, year)][form] += 1
    classes: dict[tuple[int, int], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for person_id, year, grade in Evaluation.objects.filter(
        year__gte=years.start, year__lt=years.stop
    ).values_list("person_id", "year", "grade"):
        for u in person_owner.get(person_id, ()):
            classes[(u, year)][grade] += 1
    out: dict[int, dict[int, f.MembersSummary]] = defaultdict(dict)
    for u in unit_ids:
        for year in years:
            rated = classes.get((u, year))
            if year not in known and not rated:
                continue
            out[u][year] = f.MembersSummary(
                people.get(u, 0),
                dict(titles.get((u, year), {})) if year in known else {},
                dict(rated or {}),
            )
    return out


def load_units(
    unit_ids: Iterable[int], needs: Needs, *, manual: bool = True
) -> dict[int, f.UnitFacts]:
    """`UnitFacts` for each unit of `unit_ids` (unknown ids are left out); one query per kind of fact."""
    ids = set(unit_ids)
    if not ids:
        return {}
    units = _unit_rows(ids)
    ids = set(units)
    blocs = _blocs(ids, needs.years)
    par = _par(ids, needs.span("par")) if needs.par else None
    initiatives = None
    if needs.initiatives:
        span = needs.span("initiatives")
        initiatives = _initiatives(
            recognised_for(
                unit_ids=ids, start_year=span.start, end_year=span.stop - 1, include_pending=True
            )
        )
    on_time = _plan_on_time(ids, needs.span("plan_on_time")) if needs.plan_on_time else None
    evaluation: dict[int, dict[int, str | None]] | None = None
    if needs.evaluation:
        span = needs.span("evaluation")
        evaluation = defaultdict(dict)
        for unit_id, year, grade in UnitEvaluation.objects.filter(
            year__gte=span.start, year__lt=span.stop, **_among("unit_id", ids)
        ).values_list("unit_id", "year", "grade"):
            evaluation[unit_id][year] = grade
    registry = [needs.span(k) for k in ("titles", "members") if getattr(needs, k)]
    known = _registry_years(_hull(registry)) if registry else set()
    titles = (
        _titles(
            Award.objects.filter(
                subject="collective",
                revoked_on__isnull=True,
                year__in=list(known),
                **_among("unit_id", ids),
            ).values_list("unit_id", "year", "form"),
            known,
            ids,
        )
        if needs.titles
        else None
    )
    members = _members(ids, needs.span("members"), known) if needs.members else None
    discipline: dict[int, list[f.DisciplineRecord]] | None = None
    if needs.discipline:
        discipline = defaultdict(list)
        for record, path in _discipline_rows(needs.span("discipline")):
            for u in path_ids(path):
                if u in ids:
                    discipline[u].append(record)
    nominations: dict[int, list[f.Nomination]] | None = None
    if needs.nominations:
        nominations = defaultdict(list)
        for n in _nominations(person__isnull=True, **_among("unit_id", ids)):
            nominations[n.unit_id or 0].append(n)
    checks = _checks(needs.manual, "unit_id", ids) if manual else {}
    emulation = facts_emulation.load(ids, needs.span("emulation")) if needs.emulation else None
    out: dict[int, f.UnitFacts] = {}
    for pk, (name, kind, path) in units.items():
        out[pk] = f.UnitFacts(
            id=pk,
            name=name,
            kind=kind,
            blocs=blocs.get(pk, {}),
            ancestors=frozenset(path_ids(path)) - {pk},
            par=None if par is None else par.get(pk, {}),
            initiatives=None if initiatives is None else initiatives.get(pk, ()),
            plan_on_time_rate=None if on_time is None else on_time.get(pk, {}),
            evaluation=None if evaluation is None else evaluation.get(pk, {}),
            titles=None if titles is None else titles.get(pk, {}),
            members=None if members is None else members.get(pk, {}),
            member_discipline=None if discipline is None else tuple(discipline.get(pk, ())),
            nominations=None if nominations is None else tuple(nominations.get(pk, ())),
            manual_checks=tuple(checks.get(pk, ())),
            **facts_emulation.unit_fields(emulation, pk),
        )
    return out
