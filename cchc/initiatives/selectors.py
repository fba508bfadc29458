"""Reads of initiatives and councils, scoped to the actor, and the counts the award rules read.

The counting selectors (`recognised_counts`, `recognised_counts_by_person`, `recognised_for`,
`recognised_for_persons`) are the interface of the award rules: stable keyword signatures, a fixed number of
queries whatever the number of rows, and these conventions:

- an initiative counts in the years `start_year`..`end_year` (both included) by its `year`, when it is
  recognised; `min_level` keeps those recognised at that level or above (`choices.LEVEL_RANK`: a ministry ranks
  with a province);
- a unit's figures include the initiatives of the units below it (its offices and centres), found by the
  materialised path: an office's initiative counts for its ward;
- a person counts every recognised initiative they co-authored, whatever their share;
- they read as `actor`, by default the system: the award rules evaluate every candidate of a programme. A page
  or the API passes the user, and the figures are those of the initiatives the user may see.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import Http404

from cchc.core.errors import DomainError
from cchc.core.models import AuditLog
from cchc.core.scope import SYSTEM, scope_for
from cchc.core.text import fold
from cchc.initiatives import policies, scoring
from cchc.initiatives.choices import (
    LEVEL_ORDER,
    SCORING_ROLES,
    InitiativeStatus,
    levels_at_least,
)
from cchc.initiatives.models import (
    OWNER_KINDS,
    CouncilMember,
    Initiative,
    InitiativeAuthor,
    InitiativeCouncil,
    InitiativeFile,
    Score,
    ScoringCriterion,
)
from cchc.orgs.choices import UnitKind
from cchc.orgs.models import Person, Unit

# Units counted on the counts page and in the API: the candidates of the award rules (wards, communes, special
# zones, districts, departments), each with its offices; not the city, whose figure is the total.
COUNTED_KINDS = sorted(OWNER_KINDS - {UnitKind.CITY})
PENDING = (InitiativeStatus.SUBMITTED, InitiativeStatus.SCORING)
MIN_YEAR, MAX_YEAR = 2000, 2100


@dataclass(frozen=True, slots=True)
class InitiativeFact:
    """An initiative as the award rules read it: the fields of `cchc.awards.rules.facts.Initiative`, in its
    order (`used_in` is the awards module's own). `level` and `recognised_on` are None when not recognised."""

    id: int
    title: str
    year: int
    level: str | None
    recognised_on: date | None


def _path_ids(path: str) -> list[int]:
    return [int(p) for p in path.strip("/").split("/") if p]


def check_years(start_year: int, end_year: int) -> None:
    """Refuse a period that cannot be meant, in Vietnamese."""
    for value in (start_year, end_year):
        if not MIN_YEAR <= value <= MAX_YEAR:
            raise DomainError(f"Năm {value} không hợp lệ (từ {MIN_YEAR} đến {MAX_YEAR}).")
    if start_year > end_year:
        raise DomainError(f"Năm bắt đầu ({start_year}) sau năm kết thúc ({end_year}).")


def check_level(level: str | None) -> None:
    if level and level not in LEVEL_ORDER:
        raise DomainError(
            f"Cấp công nhận “{level}” không hợp lệ; dùng một trong: {', '.join(LEVEL_ORDER)}."
        )


def _recognised(qs: QuerySet, start_year: int, end_year: int, min_level: str | None) -> QuerySet:
    check_years(start_year, end_year)
    check_level(min_level)
    qs = qs.filter(
        status=InitiativeStatus.RECOGNISED, year__gte=start_year, year__lte=end_year
    ).order_by()
    if min_level:
        qs = qs.filter(level__in=levels_at_least(min_level))
    return qs


# --- What the award rules read --------------------------------------------------------------------------------


def recognised_counts(
    *,
    unit_ids: Iterable[int] | None = None,
    start_year: int,
    end_year: int,
    min_level: str | None = None,
    actor: Any = SYSTEM,
) -> dict[int, int]:
    """{unit id: number of initiatives recognised in the years, at `min_level` or above} for each of `unit_ids`
    (0 when none), or for every unit with at least one when `unit_ids` is None; a unit counts the initiatives of
    the units below it. One query."""
    rows = (
        _recognised(Initiative.objects.visible_to(actor), start_year, end_year, min_level)
        .values_list("unit__path")
        .annotate(n=Count("id"))
    )
    wanted = None if unit_ids is None else set(unit_ids)
    counts: dict[int, int] = {uid: 0 for uid in wanted} if wanted is not None else {}
    for path, n in rows:
        for uid in _path_ids(path):
            if wanted is None or uid in wanted:
                counts[uid] = counts.get(uid, 0) + n
    return counts


def recognised_counts_by_person(
    *,
    person_ids: Iterable[int] | None = None,
    start_year: int,
    end_year: int,
    min_level: str | None = None,
    actor: Any = SYSTEM,
) -> dict[int, int]:
    """{person id: number of recognised initiatives they co-authored in the years, at `min_level` or above}
    for each of `person_ids` (0 when none), or for every author with at least one. One query."""
    initiatives = _recognised(
        Initiative.objects.visible_to(actor), start_year, end_year, min_level
    ).values("id")
    rows = InitiativeAuthor.objects.filter(person__isnull=False, initiative_id__in=initiatives)
    wanted = None if person_ids is None else set(person_ids)
    if wanted is not None:
        rows = rows.filter(person_id__in=wanted)
    counts: dict[int, int] = {pid: 0 for pid in wanted} if wanted is not None else {}
    for person_id, n in (
        rows.order_by().values_list("person_id").annotate(n=Count("initiative_id", distinct=True))
    ):
        counts[person_id] = n
    return counts


def _fact(row: tuple) -> InitiativeFact:
    pk, title, year, level, recognised_on = row
    recognised = level and recognised_on
    return InitiativeFact(
        id=pk,
        title=title,
        year=year,
        level=level if recognised else None,
        recognised_on=recognised_on if recognised else None,
    )


def _fact_rows(qs: QuerySet, start_year: int, end_year: int, include_pending: bool) -> QuerySet:
    check_years(start_year, end_year)
    statuses = [InitiativeStatus.RECOGNISED, *(PENDING if include_pending else ())]
    return qs.filter(status__in=statuses, year__gte=start_year, year__lte=end_year).order_by(
        "year", F("recognised_on").asc(nulls_last=True), "id"
    )


FACT_FIELDS = ("id", "title", "year", "level", "recognised_on")


def recognised_for(
    *,
    unit_ids: Iterable[int],
    start_year: int,
    end_year: int,
    include_pending: bool = False,
    actor: Any = SYSTEM,
) -> dict[int, list[InitiativeFact]]:
    """{unit id: its recognised initiatives in the years} for each of `unit_ids` (an empty list when none: known
    to have none), including those of the units below it, oldest first (by year, then date of recognition,
    pending last). With `include_pending`, initiatives
    submitted or under scoring come too, with `level` and `recognised_on` None, so the award rules can say
    "cần kiểm tra" when they could decide. One query."""
    wanted = set(unit_ids)
    result: dict[int, list[InitiativeFact]] = {uid: [] for uid in wanted}
    if not wanted:
        return result
    rows = _fact_rows(
        Initiative.objects.visible_to(actor), start_year, end_year, include_pending
    ).values_list(*FACT_FIELDS, "unit__path")
    for row in rows:
        fact = _fact(row[:-1])
        for uid in _path_ids(row[-1]):
            if uid in wanted:
                result[uid].append(fact)
    return result


def recognised_for_persons(
    *,
    person_ids: Iterable[int],
    start_year: int,
    end_year: int,
    include_pending: bool = False,
    actor: Any = SYSTEM,
) -> dict[int, list[InitiativeFact]]:
    """{person id: the recognised initiatives they co-authored in the years} for each of `person_ids` (an empty
    list when none), oldest first; `include_pending` as in `recognised_for`. One query."""
    wanted = set(person_ids)
    result: dict[int, list[InitiativeFact]] = {pid: [] for pid in wanted}
    if not wanted:
        return result
    initiatives = _fact_rows(
        Initiative.objects.visible_to(actor), start_year, end_year, include_pending
    )
    rows = (
        InitiativeAuthor.objects.filter(person_id__in=wanted, initiative__in=initiatives)
        .order_by(
            "initiative__year",
            F("initiative__recognised_on").asc(nulls_last=True),
            "initiative_id",
        )
        .values_list(*(f"initiative__{f}" for f in FACT_FIELDS), "person_id")
    )
    for row in rows:
        result[row[-1]].append(_fact(row[:-1]))
    return result


# --- Initiatives ----------------------------------------------------------------------------------------------


def _authors_prefetch() -> Prefetch:
    return Prefetch(
        "authors",
        queryset=InitiativeAuthor.objects.select_related("person__unit").order_by("order", "id"),
    )


def initiative_list(
    *,
    actor: Any,
    unit: Unit | None = None,
    year: int | None = None,
    level: str | None = None,
    status: str | None = None,
    recognised: bool | None = None,
    q: str = "",
) -> QuerySet:
    """Initiatives the actor may see, with their unit, council and authors; `unit` keeps those of the unit and
    the units below it; `level` those recognised at exactly that level."""
    qs = (
        Initiative.objects.visible_to(actor)
        .select_related("unit__parent", "council", "decision")
        .prefetch_related(_authors_prefetch())
    )
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if year is not None:
        qs = qs.filter(year=year)
    if level:
        qs = qs.filter(level=level)
    if status:
        qs = qs.filter(status=status)
    if recognised is True:
        qs = qs.filter(status=InitiativeStatus.RECOGNISED)
    elif recognised is False:
        qs = qs.exclude(status=InitiativeStatus.RECOGNISED)
    for word in fold(q).split():
        qs = qs.filter(search_text__contains=word)
    return qs


def initiative_get(*, actor: Any, pk: Any) -> Initiative:
    """One initiative the actor may see, with its unit, council, decision and authors; else 404."""
    try:
        return (
            Initiative.objects.visible_to(actor)
            .select_related("unit__parent", "council__unit", "decision", "created_by")
            .prefetch_related(_authors_prefetch())
            .get(pk=pk)
        )
    except (Initiative.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy sáng kiến.")


def initiative_file_get(*, actor: Any, pk: Any) -> InitiativeFile:
    """An evidence file of an initiative the actor may see, else 404."""
    f = (
        InitiativeFile.objects.filter(
            pk=pk, initiative__in=Initiative.objects.visible_to(actor).values("pk")
        )
        .select_related("initiative__unit")
        .first()
    )
    if f is None:
        raise Http404("Không tìm thấy tệp.")
    return f


def initiative_history(*, initiative: Initiative) -> QuerySet:
    """The audit entries of an initiative, oldest first (who submitted, scored, decided, and why)."""
    return AuditLog.objects.filter(
        model=Initiative._meta.label_lower, object_id=str(initiative.pk)
    ).order_by("at", "id")


def unit_choices(*, actor: Any) -> list[Unit]:
    """Units for which the actor may draft initiatives, in tree order."""
    return [
        u
        for u in Unit.objects.visible_to(actor).filter(is_active=True).order_by("path")
        if policies.can_create_initiative(actor, u)
    ]


def person_choices(*, actor: Any) -> QuerySet:
    """People the actor may name as authors, by unit."""
    qs = Person.objects.visible_to(actor).filter(is_active=True).select_related("unit")
    return qs.order_by("unit__path", "full_name")


# --- Scores ---------------------------------------------------------------------------------------------------


def scoring_members(*, council: InitiativeCouncil) -> list[CouncilMember]:
    return [m for m in council.members.select_related("user") if m.role in SCORING_ROLES]


def initiative_verdict(*, initiative: Initiative) -> scoring.Verdict:
    """The council's verdict on an initiative from the members' scores (`scoring.evaluate`). Three queries."""
    council = initiative.council
    if council is None:
        return scoring.evaluate([], [], threshold=None, members=0)
    criteria = [
        scoring.Criterion(id=c.pk, name=c.name, max_points=c.max_points)
        for c in council.criteria.order_by("order", "id")
    ]
    members = scoring_members(council=council)
    points: dict[int, dict[int, Any]] = defaultdict(dict)
    for member_id, criterion_id, value in Score.objects.filter(initiative=initiative).values_list(
        "member_id", "criterion_id", "points"
    ):
        points[member_id][criterion_id] = value
    sheets = [scoring.Sheet(m.pk, m.display_name, points.get(m.pk, {})) for m in members]
    return scoring.evaluate(
        criteria,
        sheets,
        threshold=council.threshold,
        members=len(members),
        quorum=council.quorum,
    )


@dataclass
class ScoreTable:
    """One row per scoring member (their points on each criterion and their total), the criteria with their
    averages, and the verdict."""

    members: list[CouncilMember]
    criteria: list[scoring.Criterion]
    sheets: list[tuple[CouncilMember, list[Any], Any]]
    averages: list[Any]
    verdict: scoring.Verdict
    threshold: Any = None


def score_table(*, actor: Any, initiative: Initiative) -> ScoreTable | None:
    """The scores of every member of the council, for the council and the standing agency; None otherwise."""
    if not policies.can_see_scores(actor, initiative) or initiative.council is None:
        return None
    verdict = initiative_verdict(initiative=initiative)
    members = scoring_members(council=initiative.council)
    return ScoreTable(
        members=members,
        criteria=[r.criterion for r in verdict.criteria],
        sheets=[
            (m, [r.points.get(m.pk) for r in verdict.criteria], verdict.totals.get(m.pk))
            for m in members
        ],
        averages=[r.average for r in verdict.criteria],
        verdict=verdict,
        threshold=initiative.council.threshold,
    )


def sheet_used(*, council: InitiativeCouncil) -> int:
    """How many initiatives the council has scored with its sheet (the sheet is then locked)."""
    return (
        Score.objects.filter(criterion__council=council).values("initiative_id").distinct().count()
    )


def member_points(*, initiative: Initiative, member: CouncilMember) -> dict[int, Any]:
    """A member's current points by criterion id on one initiative."""
    return dict(
        Score.objects.filter(initiative=initiative, member=member).values_list(
            "criterion_id", "points"
        )
    )


# --- Councils -------------------------------------------------------------------------------------------------


def council_list(*, actor: Any, q: str = "") -> QuerySet:
    """Councils of the actor's units and of the levels above them, with their numbers of members, criteria
    and initiatives waiting."""
    qs = (
        InitiativeCouncil.objects.visible_to(actor)
        .select_related("unit")
        .annotate(
            member_count=Count("members", distinct=True),
            criterion_count=Count("criteria", distinct=True),
            waiting_count=Count(
                "initiatives",
                filter=Q(initiatives__status__in=PENDING),
                distinct=True,
            ),
        )
    )
    for word in fold(q).split():
        qs = qs.filter(search_text__contains=word)
    return qs


def council_get(*, actor: Any, pk: Any) -> InitiativeCouncil:
    """One council the actor may see, with members and sheet; else 404."""
    try:
        return (
            InitiativeCouncil.objects.visible_to(actor)
            .select_related("unit")
            .prefetch_related(
                Prefetch("members", queryset=CouncilMember.objects.select_related("user")),
                Prefetch("criteria", queryset=ScoringCriterion.objects.order_by("order", "id")),
            )
            .get(pk=pk)
        )
    except (InitiativeCouncil.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy Hội đồng sáng kiến.")


def council_choices(*, actor: Any, unit: Unit) -> list[InitiativeCouncil]:
    """Active councils an initiative of `unit` may go to: those of the unit's own level and the levels above
    it, outside bodies included, nearest first."""
    ids = _path_ids(unit.path)
    rows = list(
        InitiativeCouncil.objects.visible_to(actor)
        .filter(is_active=True, unit_id__in=ids)
        .select_related("unit")
    )
    rows.sort(key=lambda c: (-c.unit.depth, c.name))
    return rows


def council_queue(*, actor: Any, council: InitiativeCouncil) -> QuerySet:
    """Initiatives the actor may see that wait for the council (submitted or under scoring), oldest first."""
    return (
        Initiative.objects.visible_to(actor)
        .filter(council=council, status__in=PENDING)
        .select_related("unit__parent")
        .prefetch_related(_authors_prefetch())
        .order_by("submitted_on", "id")
    )


def council_decided(*, actor: Any, council: InitiativeCouncil) -> QuerySet:
    """Initiatives the council decided (recognised or refused), latest first."""
    return (
        Initiative.objects.visible_to(actor)
        .filter(
            council=council,
            status__in=[InitiativeStatus.RECOGNISED, InitiativeStatus.REFUSED],
        )
        .select_related("unit__parent", "decision")
        .order_by("-recognised_on", "-id")
    )


def scored_by(*, member: CouncilMember, initiative_ids: Iterable[int]) -> set[int]:
    """Which of the initiatives the member has scored on at least one criterion."""
    return set(
        Score.objects.filter(member=member, initiative_id__in=list(initiative_ids))
        .values_list("initiative_id", flat=True)
        .distinct()
    )


# --- Counts for the page and the API --------------------------------------------------------------------------


@dataclass
class UnitCount:
    unit_id: int
    unit: str
    kind: str
    path: str
    count: int
    by_level: dict[str, int]


@dataclass
class PersonCount:
    person_id: int
    person: str
    unit_id: int
    unit: str
    count: int
    by_level: dict[str, int]


def unit_counts(
    *,
    actor: Any,
    start_year: int,
    end_year: int,
    min_level: str | None = None,
    kinds: Iterable[str] = COUNTED_KINDS,
) -> list[UnitCount]:
    """Every counted unit (levels of local government, departments) the actor may see, with its recognised
    initiatives in the years, in total and by level, those of its offices included; by path. Two queries."""
    rows = (
        _recognised(Initiative.objects.visible_to(actor), start_year, end_year, min_level)
        .values_list("unit__path", "level")
        .annotate(n=Count("id"))
    )
    by_unit: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for path, level, n in rows:
        for uid in _path_ids(path):
            by_unit[uid][level] += n
    units = (
        Unit.objects.visible_to(actor)
        .filter(kind__in=list(kinds))
        .order_by("path")
        .values_list("pk", "name", "kind", "path")
    )
    result = []
    for pk, name, kind, path in units:
        levels = by_unit.get(pk, {})
        result.append(
            UnitCount(
                unit_id=pk,
                unit=name,
                kind=kind,
                path=path,
                count=sum(levels.values()),
                by_level={lv: levels.get(lv, 0) for lv in LEVEL_ORDER},
            )
        )
    return result


def person_counts(
    *, actor: Any, start_year: int, end_year: int, min_level: str | None = None
) -> list[PersonCount]:
    """People the actor may see who co-authored recognised initiatives in the years, with their count in total
    and by level, most first. One query."""
    initiatives = _recognised(
        Initiative.objects.visible_to(actor), start_year, end_year, min_level
    ).values("id")
    rows = (
        # People as `Person.objects.visible_to` sees them, as a join condition: an IN subquery of people
        # makes SQLite look up every (initiative, person) pair.
        InitiativeAuthor.objects.filter(
            scope_for(actor).q("person__unit__path"),
            initiative_id__in=initiatives,
        )
        .order_by()
        .values_list(
            "person_id",
            "person__full_name",
            "person__unit_id",
            "person__unit__name",
            "initiative__level",
        )
        .annotate(n=Count("initiative_id", distinct=True))
    )
    people: dict[int, PersonCount] = {}
    for pid, name, unit_id, unit_name, level, n in rows:
        row = people.get(pid)
        if row is None:
            row = people[pid] = PersonCount(
                pid, name, unit_id, unit_name, 0, {lv: 0 for lv in LEVEL_ORDER}
            )
        row.by_level[level] += n
        row.count += n
    return sorted(people.values(), key=lambda r: (-r.count, fold(r.person), r.person_id))


def yearly_level_counts(
    *, actor: Any, start_year: int, end_year: int, min_level: str | None = None
) -> dict[int, dict[str, int]]:
    """{year: {level: recognised initiatives}} the actor may see, every year of the period present. One
    query."""
    table: dict[int, dict[str, int]] = {
        y: {lv: 0 for lv in LEVEL_ORDER} for y in range(start_year, end_year + 1)
    }
    rows = (
        _recognised(Initiative.objects.visible_to(actor), start_year, end_year, min_level)
        .values_list("year", "level")
        .annotate(n=Count("id"))
    )
    for year, level, n in rows:
        table[year][level] += n
    return table
