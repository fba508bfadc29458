"""Pages of the results: the city dashboard, a bloc's ranking (with its Excel and Word files) and a unit's
results over the years. Totals before publication are for the level's standing agency only."""

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from cchc.core import dates, listing, params
from cchc.par import charts, exports, policies, result_selectors, selectors
from cchc.par.views_common import BLOC_LABELS, DOCX, download


def _year(request, default=None) -> int | None:
    years = result_selectors.result_years(actor=request.user)
    fallback = default or (years[0] if years else dates.today().year)
    return params.page_year(request, fallback)


@login_required
@require_safe
def dashboard(request):
    published = result_selectors.published_years(actor=request.user)
    year = _year(request, published[0] if published else None)
    data = result_selectors.dashboard(actor=request.user, year=year)
    state = data.state
    blocs = [
        {
            "code": code,
            "label": BLOC_LABELS[code],
            "count": len(rows),
            "average": data.averages.get(code),
            "top": rows[:3],
            "histogram": [(b, data.histogram.get(code, {}).get(b, 0)) for b in data.bands],
        }
        for code, rows in state.rows_by_bloc.items()
    ]
    chart = charts.band_histogram(
        year=year,
        bands=data.bands,
        histogram=data.histogram,
        blocs=[(code, BLOC_LABELS[code]) for code in state.rows_by_bloc],
    )
    return render(
        request,
        "par/dashboard.html",
        {
            "year": year,
            "years": result_selectors.result_years(actor=request.user),
            "state": state,
            "data": data,
            "blocs": blocs,
            "chart": chart,
            "can_manage": state.round is not None
            and policies.can_manage_round(request.user, state.round),
        },
    )


def _bloc_or_404(bloc: str) -> str:
    if bloc not in BLOC_LABELS:
        raise Http404("Không có khối thi đua này.")
    return bloc


@login_required
@require_safe
def results_bloc(request, year, bloc):
    _bloc_or_404(bloc)
    state = result_selectors.city_rankings(actor=request.user, year=year, bloc_code=bloc)
    rows = state.rows_by_bloc.get(bloc, [])
    band_order = result_selectors.band_names(criteria_set_ids={r.criteria_set_id for r in rows})
    chart = charts.bloc_ranking(
        year=year,
        bloc_label=BLOC_LABELS[bloc],
        rows=[(r.unit.short_name or r.unit.name, r.total, r.band) for r in rows],
        band_order=band_order,
    )
    return render(
        request,
        "par/results_bloc.html",
        {
            "year": year,
            "bloc": bloc,
            "bloc_label": BLOC_LABELS[bloc],
            "blocs": [(c, BLOC_LABELS[c]) for c in selectors.BLOC_ORDER],
            "years": result_selectors.result_years(actor=request.user),
            "state": state,
            "rows": rows,
            "linkable": result_selectors.linkable_units(
                actor=request.user, unit_ids={r.unit_id for r in rows}
            ),
            "chart": chart,
            "chart_height": charts.chart_height(len(rows)),
        },
    )


def _ranking_blocs(request, year, bloc):
    if bloc == "tat-ca":
        state = result_selectors.city_rankings(actor=request.user, year=year)
        return state, list(state.rows_by_bloc.items())
    _bloc_or_404(bloc)
    state = result_selectors.city_rankings(actor=request.user, year=year, bloc_code=bloc)
    return state, [(bloc, state.rows_by_bloc.get(bloc, []))]


@login_required
@require_safe
def results_xlsx(request, year, bloc):
    state, blocs = _ranking_blocs(request, year, bloc)
    if not state.visible:
        raise Http404("Kết quả chưa được công bố.")
    headers = ["Khối", *exports.RANKING_HEADERS]
    rows = [
        [BLOC_LABELS[code], *row]
        for code, results in blocs
        for row in exports.ranking_rows(results)
    ]
    return listing.xlsx_response(f"Chỉ số CCHC {year}", headers, rows, f"chi-so-cchc-{year}-{bloc}")


@login_required
@require_safe
def results_docx(request, year, bloc):
    state, blocs = _ranking_blocs(request, year, bloc)
    if not state.visible:
        raise Http404("Kết quả chưa được công bố.")
    data = exports.ranking_docx(
        organiser=state.round.organiser,
        year=year,
        blocs=blocs,
        published_on=timezone.localtime(state.round.published_at).date()
        if state.round.published_at
        else None,
    )
    return download(data, f"xep-hang-chi-so-cchc-{year}-{bloc}.docx", DOCX)


@login_required
@require_safe
def unit_results(request, pk):
    unit = result_selectors.result_unit_get(actor=request.user, pk=pk)
    history = result_selectors.unit_history(actor=request.user, unit=unit)
    latest = history[-1] if history else None
    names = result_selectors.area_names(
        criteria_set_ids={r.criteria_set_id for r in history if r.criteria_set_id}
    )
    maxima = result_selectors.area_maxima(criteria_set_id=latest.criteria_set_id) if latest else {}
    codes = sorted(maxima, key=lambda c: (not c.isdigit(), c.zfill(3)))
    areas = [
        {
            "code": c,
            "name": names.get(c, c),
            "max": maxima[c],
            "scores": [
                (r.year, Decimal(r.area_scores[c]) if c in r.area_scores else None) for r in history
            ],
        }
        for c in codes
    ]
    return render(
        request,
        "par/unit_results.html",
        {
            "unit": unit,
            "history": history,
            "latest": latest,
            "areas": areas,
            "radar": charts.area_radar(
                codes=codes,
                names=names,
                maxima=maxima,
                years=[(r.year, r.area_scores) for r in history[-2:]],
            ),
            "line": charts.index_history(years=[(r.year, r.total, r.rank) for r in history]),
            "own": selectors.latest_assessment(actor=request.user, unit=unit),
            "bloc_labels": BLOC_LABELS,
        },
    )
