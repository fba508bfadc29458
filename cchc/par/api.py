"""JSON API of the PAR Index (/api/parindex/), scoped like the pages.

Rankings of a published year are open to every user of the level; before publication only the level's standing
agency and administrators get them (others: 404). A unit outside the caller's scope is not found (404).
"""

from decimal import Decimal

from django.http import Http404
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from cchc.core.api_rows import json_rows
from cchc.orgs.choices import BlocCode
from cchc.par import result_selectors, selectors

router = Router(tags=["parindex"])
BLOCS = set(BlocCode.values)


class RankingOut(Schema):
    rank: int
    award_order: int
    unit_id: int
    unit_name: str
    bloc: str
    total: Decimal
    appraised_score: Decimal
    survey_score: Decimal
    band: str


class HistoryOut(Schema):
    year: int
    total: Decimal
    rank: int
    bloc_size: int
    bloc: str
    band: str
    published: bool


class RankingFilter(Schema):
    bloc: str | None = None


class TopFilter(Schema):
    bloc: str | None = None
    n: int = 5


def _rows(request, year: int, bloc: str | None):
    if bloc and bloc not in BLOCS:
        raise HttpError(404, f"Không có khối “{bloc}”.")
    state = result_selectors.city_rankings(actor=request.user, year=year, bloc_code=bloc or None)
    if not state.visible:
        raise Http404(f"Kết quả Chỉ số CCHC năm {year} chưa được công bố.")
    return [(code, r) for code in selectors.BLOC_ORDER for r in state.rows_by_bloc.get(code, [])]


def _out(code, r) -> dict:
    """A row of RankingOut, as a plain dict (api_rows: validated against the schema by the tests)."""
    return {
        "rank": r.rank,
        "award_order": r.award_order,
        "unit_id": r.unit_id,
        "unit_name": r.unit.name,
        "bloc": code,
        "total": r.total,
        "appraised_score": r.appraised_score,
        "survey_score": r.survey_score,
        "band": r.band,
    }


@router.get("/{year}/rankings", response=list[RankingOut])
def rankings(request, year: int, filters: Query[RankingFilter]):
    """The ranking of a bloc (or of every bloc, bloc by bloc) for a year, in rank order (ties share a rank)."""
    return json_rows(_out(code, r) for code, r in _rows(request, year, filters.bloc))


@router.get("/{year}/top", response=list[RankingOut])
def top(request, year: int, filters: Query[TopFilter]):
    """The first `n` units of a bloc (or of each bloc) by award order: index, appraised score, survey, name."""
    return json_rows(
        _out(code, r)
        for code, r in _rows(request, year, filters.bloc)
        if r.award_order <= filters.n
    )


@router.get("/units/{unit_id}/history", response=list[HistoryOut])
def history(
    request,
    unit_id: int,
    start: int | None = Query(None, alias="from"),
    end: int | None = Query(None, alias="to"),
):
    """A unit's index and rank by year (published years, plus provisional ones for the standing agency)."""
    unit = result_selectors.result_unit_get(actor=request.user, pk=unit_id)
    return [
        HistoryOut(
            year=r.year,
            total=r.total,
            rank=r.rank,
            bloc_size=r.bloc_size,
            bloc=r.bloc_code,
            band=r.band,
            published=r.published,
        )
        for r in result_selectors.unit_history(actor=request.user, unit=unit, start=start, end=end)
    ]


__all__ = ["router"]
