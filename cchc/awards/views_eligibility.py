"""The eligibility page of a programme (/khen-thuong/chuong-trinh/<pk>/xet/): every candidate with its verdict and
reasons, filters, counts per verdict, and the Excel file of the filtered rows."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from cchc.awards import eligibility, eligibility_reads
from cchc.awards.rule_files import programme_rule
from cchc.awards.rules import eligibility as engine
from cchc.awards.rules import vocabulary as v
from cchc.core import listing
from cchc.core.errors import DomainError

PER_PAGE = 50


def _excel(programme, when, found):
    headers = ["STT", "Tập thể, cá nhân", "Đơn vị", "Khối", "Kết quả", "Lý do", "Căn cứ"]
    data = []
    for i, row in enumerate(found, start=1):
        verdict = row.verdict
        lines = verdict.lines()
        data.append(
            [
                i,
                verdict.subject_name,
                row.unit_name,
                row.bloc_name,
                verdict.label,
                "\n".join(
                    f"{'  ' * depth}- [{v.OUTCOME_NAMES[r.outcome]}] {r.text}" for depth, r in lines
                ),
                "; ".join(dict.fromkeys(r.clause for _, r in lines)),
            ]
        )
    return listing.xlsx_response(
        "Xét điều kiện", headers, data, f"xet-dieu-kien-{programme.code}-{when.year}"
    )


@login_required
@require_safe
def eligibility_page(request, pk):
    programme = eligibility_reads.programme_get(actor=request.user, pk=pk)
    _pf, rule = programme_rule(programme)
    error = ""
    try:
        year = eligibility.parse_year(request.GET.get("year"))
        period = eligibility.parse_period(request.GET.get("period"))
        when = eligibility.occasion(programme, year=year, period=period)
    except DomainError as exc:
        error = exc.message
        when = eligibility.occasion(programme)
    found = eligibility_reads.rows(request.user, programme, when)
    totals = eligibility_reads.counts(found)
    params = {
        "verdict": request.GET.get("verdict", ""),
        "bloc": request.GET.get("bloc", ""),
        "q": request.GET.get("q", "").strip(),
    }
    shown = eligibility_reads.filter_rows(found, **params)
    if listing.wants_export(request):
        return _excel(programme, when, shown)
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("export", None)
    blocs = sorted({(r.bloc_code, r.bloc_name) for r in found if r.bloc_code})
    return render(
        request,
        "awards/eligibility.html",
        {
            "programme": programme,
            "rule": rule,
            "when": when,
            "error": error,
            "rule_lines": engine.describe_programme(rule, year=when.year, period=when.period),
            "kind_name": v.PROGRAMME_KIND_NAMES[rule.kind],
            "subject_name": v.SUBJECT_NAMES[rule.subject],
            "sees_all": eligibility_reads.sees_all(request.user, programme),
            "totals": totals,
            "total": len(found),
            "shown": len(shown),
            "page": Paginator(shown, PER_PAGE).get_page(request.GET.get("page")),
            "params": params,
            "blocs": blocs,
            "verdicts": [
                (code, v.VERDICT_NAMES[code], tone)
                for code, tone in eligibility_reads.VERDICT_TONES.items()
            ],
            "query": query.urlencode(),
            "year_choices": list(range(when.year - 3, when.year + 2)),
        },
    )
