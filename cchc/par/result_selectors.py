"""Reads of the PAR Index results: rankings (published for every user of the level, provisional for its
standing agency), a unit's history and the city dashboard."""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.http import Http404

from cchc.orgs.choices import RANKED_KINDS
from cchc.orgs.models import Unit
from cchc.par import policies, ranking
from cchc.par.choices import RoundStatus
from cchc.par.models import Band, Criterion, Result, Round
from cchc.par.selectors import BLOC_ORDER, home_organiser


@dataclass
class RankingState:
    year: int
    round: Round | None
    published: bool
    provisional: bool
    rows_by_bloc: dict[str, list[Result]]

    @property
    def visible(self) -> bool:
        return self.published or self.provisional


def result_years(*, actor) -> list[int]:
    return list(Round.objects.visible_to(actor).order_by("-year").values_list("year", flat=True))


def city_rankings(*, actor, year: int, bloc_code: str | None = None) -> RankingState:
    """Every bloc's ranking for a year: published for all, provisional for the standing agency (two queries)."""
    organiser = home_organiser(actor=actor) if bloc_code is None else None
    rnd = Round.objects.visible_to(actor).select_related("organiser").filter(year=year)
    if organiser is not None:
        rnd = rnd.filter(organiser=organiser)
    rnd = rnd.order_by("organiser__path").first()
    rows_by_bloc: dict[str, list[Result]] = {
        code: [] for code in BLOC_ORDER if bloc_code in (None, code)
    }
    if rnd is None:
        return RankingState(year, None, False, False, rows_by_bloc)
    published = rnd.status == RoundStatus.PUBLISHED
    provisional = not published and policies.can_see_unpublished(actor, rnd.organiser)
    if published or provisional:
        qs = (
            Result.objects.filter(round=rnd)
            .select_related("unit")
            .order_by("bloc_code", "award_order")
        )
        if bloc_code:
            qs = qs.filter(bloc_code=bloc_code)
        for r in qs:
            rows_by_bloc.setdefault(r.bloc_code, []).append(r)
    return RankingState(year, rnd, published, provisional, rows_by_bloc)


def published_years(*, actor) -> list[int]:
    return list(
        Round.objects.visible_to(actor)
        .filter(status=RoundStatus.PUBLISHED)
        .order_by("-year")
        .values_list("year", flat=True)
    )


def linkable_units(*, actor, unit_ids) -> set[int]:
    """Of the given units, those whose results page the actor may open (inside their scope)."""
    return set(
        Unit.objects.visible_to(actor).filter(pk__in=list(unit_ids)).values_list("pk", flat=True)
    )


def result_unit_get(*, actor, pk) -> Unit:
    """A ranked unit inside the actor's scope, else 404 (published totals of others appear in the rankings)."""
    try:
        return Unit.objects.visible_to(actor).get(pk=pk, kind__in=list(RANKED_KINDS))
    except (Unit.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy đơn vị.")


def unit_history(
    *, actor, unit: Unit, start: int | None = None, end: int | None = None
) -> list[Result]:
    """The unit's results the actor may see, by year (one query)."""
    qs = Result.objects.visible_to(actor).filter(unit=unit).select_related("criteria_set", "round")
    if start:
        qs = qs.filter(year__gte=start)
    if end:
        qs = qs.filter(year__lte=end)
    return list(qs.order_by("year"))


def area_names(*, criteria_set_ids) -> dict[str, str]:
    """{area code: name} of the given sets (later sets win)."""
    names = {}
    for c in Criterion.objects.filter(criteria_set_id__in=list(criteria_set_ids), level=1).order_by(
        "criteria_set_id"
    ):
        names[c.code] = c.name
    return names


def band_names(*, criteria_set_ids) -> list[str]:
    """Band names of the given sets, best first (one query)."""
    names = (
        Band.objects.filter(criteria_set_id__in=list(criteria_set_ids))
        .order_by("-min_score")
        .values_list("name", flat=True)
    )
    return list(dict.fromkeys(names))


def area_maxima(*, criteria_set_id) -> dict[str, Decimal]:
    return dict(
        Criterion.objects.filter(criteria_set_id=criteria_set_id, level=1).values_list(
            "code", "max_score"
        )
    )


@dataclass
class Movement:
    result: Result
    previous: Result
    change: int

    @property
    def delta(self) -> Decimal:
        return self.result.total - self.previous.total


@dataclass
class Dashboard:
    year: int
    state: RankingState
    bands: list[str]
    histogram: dict[str, dict[str, int]]
    risers: list[Movement]
    fallers: list[Movement]
    averages: dict[str, Decimal]


def dashboard(*, actor, year: int, limit: int = 5) -> Dashboard:
    """The city dashboard: band counts per bloc, averages, the biggest risers and fallers against last year."""
    state = city_rankings(actor=actor, year=year)
    previous = city_rankings(actor=actor, year=year - 1)
    rows = [r for rows in state.rows_by_bloc.values() for r in rows]
    ordered = band_names(criteria_set_ids={r.criteria_set_id for r in rows})
    histogram = {code: dict(Counter(r.band for r in rs)) for code, rs in state.rows_by_bloc.items()}
    averages = {
        code: (sum((r.total for r in rs), Decimal("0")) / len(rs)).quantize(Decimal("0.01"))
        if rs
        else None
        for code, rs in state.rows_by_bloc.items()
    }
    prev = {r.unit_id: r for rs in previous.rows_by_bloc.values() for r in rs}
    moves = ranking.movements(
        {uid: r.rank for uid, r in prev.items()},
        {
            r.unit_id: r.rank
            for r in rows
            if r.unit_id in prev and prev[r.unit_id].bloc_code == r.bloc_code
        },
    )
    by_unit = {r.unit_id: r for r in rows}
    items = [Movement(by_unit[uid], prev[uid], ch) for uid, ch in moves.items()]
    risers = sorted([m for m in items if m.change > 0], key=lambda m: (-m.change, -m.delta))[:limit]
    fallers = sorted([m for m in items if m.change < 0], key=lambda m: (m.change, m.delta))[:limit]
    return Dashboard(year, state, ordered, histogram, risers, fallers, averages)
