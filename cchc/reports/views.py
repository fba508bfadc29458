"""Pages of the CCHC plan reports (namespace "reports", under /bao-cao/): the dashboard of one plan, the overview
of every plan of a year in the actor's scope, their Excel files and the Word draft of the plan's report."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from cchc.core import listing, params
from cchc.documents.word import docx_response
from cchc.plans import task_selectors
from cchc.plans.choices import Timeliness
from cchc.plans.models import Plan
from cchc.reports import dashboard
from cchc.reports import files as report_files

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COLORS = {
    "on_time": "#198754",
    "late": "#fd7e14",
    "overdue": "#dc3545",
    "in_progress": "#0d6efd",
    "no_due": "#adb5bd",
    "due": "#6c757d",
}


def _year(request, actor) -> int:
    year = params.page_year(request, 0)
    return year or dashboard.default_year(actor=actor)


def _series_chart(series: dashboard.Series, title: str) -> dict:
    return {
        "type": "line",
        "data": {
            "labels": series.labels,
            "datasets": [
                {
                    "label": "Nhiệm vụ đến hạn (lũy kế)",
                    "data": series.due,
                    "borderColor": COLORS["due"],
                    "borderDash": [6, 4],
                    "pointRadius": 2,
                    "tension": 0,
                },
                {
                    "label": "Hoàn thành đúng hạn, trước hạn",
                    "data": series.on_time,
                    "borderColor": COLORS["on_time"],
                    "backgroundColor": "rgba(25,135,84,.15)",
                    "fill": True,
                    "tension": 0,
                },
                {
                    "label": "Hoàn thành muộn",
                    "data": series.late,
                    "borderColor": COLORS["late"],
                    "tension": 0,
                },
            ],
        },
        "options": {
            "responsive": True,
            "maintainAspectRatio": False,
            "plugins": {"title": {"display": True, "text": title}},
            "scales": {
                "y": {
                    "beginAtZero": True,
                    "ticks": {"precision": 0},
                    "title": {"display": True, "text": "Số nhiệm vụ"},
                }
            },
        },
    }


def _area_chart(areas: list[dashboard.Row]) -> dict:
    parts = [
        ("Đúng hạn, trước hạn", "on_time", lambda f: f.done_on_time),
        ("Hoàn thành muộn", "late", lambda f: f.late),
        ("Đang quá hạn", "overdue", lambda f: f.overdue),
        ("Trong hạn", "in_progress", lambda f: f.in_progress),
        ("Không có hạn cụ thể", "no_due", lambda f: f.no_due),
    ]
    return {
        "type": "bar",
        "data": {
            "labels": [a.code or a.label[:20] for a in areas],
            "datasets": [
                {
                    "label": label,
                    "data": [value(a.figures) for a in areas],
                    "backgroundColor": COLORS[key],
                }
                for label, key, value in parts
            ],
        },
        "options": {
            "indexAxis": "y",
            "responsive": True,
            "maintainAspectRatio": False,
            "plugins": {"title": {"display": True, "text": "Nhiệm vụ theo lĩnh vực"}},
            "scales": {"x": {"stacked": True, "ticks": {"precision": 0}}, "y": {"stacked": True}},
        },
    }


def _plan_context(request, plan: Plan) -> dict:
    dash = dashboard.plan_dashboard(actor=request.user, plan=plan)
    period = report_files.default_period(year=plan.year, today=dash.today)
    return {
        "dash": dash,
        "plan": plan,
        "t": dash.totals,
        "series_chart": _series_chart(
            dash.series, f"Tiến độ hoàn thành theo tháng – năm {plan.year}"
        ),
        "area_chart": _area_chart(dash.areas),
        "area_chart_height": max(200, 70 + 34 * len(dash.areas)),
        "periods": list(report_files.PERIODS.values()),
        "period": period,
        "other_plans": dashboard.unit_plans(actor=request.user, unit=plan.unit),
        "OVERDUE": Timeliness.OVERDUE,
    }


@login_required
@require_safe
def home(request):
    """The ward's plan dashboard for a user of one ward; the overview for those over several units."""
    year = _year(request, request.user)
    plan = dashboard.home_plan(actor=request.user, year=year)
    if plan is not None:
        return render(request, "reports/plan_dashboard.html", _plan_context(request, plan))
    return _overview_page(request, year)


@login_required
@require_safe
def plan_dashboard(request, pk):
    plan = task_selectors.plan_get(actor=request.user, pk=pk)
    return render(request, "reports/plan_dashboard.html", _plan_context(request, plan))


@login_required
@require_safe
def plan_xlsx(request, pk):
    plan = task_selectors.plan_get(actor=request.user, pk=pk)
    dash = dashboard.plan_dashboard(actor=request.user, plan=plan)
    tasks = dashboard.plan_task_rows(actor=request.user, plan=plan, today=dash.today)
    response = HttpResponse(report_files.plan_xlsx(dash=dash, tasks=tasks), content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="tien-do-ke-hoach-cchc-{plan.year}-{plan.unit.code or plan.pk}.xlsx"'
    )
    return response


@login_required
@require_safe
def plan_report(request, pk):
    """The Word draft of the report on the plan's results for the period asked (?ky=quy-3, 6-thang, nam)."""
    plan = task_selectors.plan_get(actor=request.user, pk=pk)
    dash = dashboard.plan_dashboard(actor=request.user, plan=plan)
    period = report_files.PERIODS.get(request.GET.get("ky", "")) or report_files.default_period(
        year=plan.year, today=dash.today
    )
    tasks = list(dashboard.plan_task_rows(actor=request.user, plan=plan, today=dash.today))
    data = report_files.report_docx(dash=dash, tasks=tasks, period=period)
    return docx_response(data, f"bao-cao-cchc-{plan.year}-{period.key}-{plan.unit.code or plan.pk}")


def _overview_page(request, year: int):
    sort = request.GET.get("sort", "name")
    ov = dashboard.overview(actor=request.user, year=year, sort=sort)
    base = reverse("reports:overview")
    distribution = {
        "type": "bar",
        "data": {
            "labels": [label for label, _ in ov.distribution],
            "datasets": [
                {
                    "label": "Số đơn vị",
                    "data": [n for _, n in ov.distribution],
                    "backgroundColor": [
                        COLORS[k]
                        for k in ("on_time", "in_progress", "late", "overdue", "overdue", "no_due")
                    ],
                }
            ],
        },
        "options": {
            "responsive": True,
            "maintainAspectRatio": False,
            "plugins": {
                "legend": {"display": False},
                "title": {"display": True, "text": "Số đơn vị theo tỷ lệ hoàn thành đúng hạn"},
            },
            "scales": {"y": {"beginAtZero": True, "ticks": {"precision": 0}}},
        },
    }
    return render(
        request,
        "reports/overview.html",
        {
            "ov": ov,
            "t": ov.totals,
            "year": year,
            "years": dashboard.plan_years(actor=request.user) or [year],
            "meeting": ov.meeting,
            "sort_base": f"{base}?year={year}&sort=",
            "series_chart": _series_chart(ov.series, f"Tiến độ hoàn thành theo tháng – năm {year}"),
            "distribution_chart": distribution,
        },
    )


@login_required
@require_safe
def overview(request):
    return _overview_page(request, _year(request, request.user))


@login_required
@require_safe
def overview_xlsx(request):
    year = _year(request, request.user)
    ov = dashboard.overview(actor=request.user, year=year, sort=request.GET.get("sort", "name"))
    return listing.xlsx_response(
        f"Kế hoạch CCHC {year}",
        report_files.OVERVIEW_HEADERS,
        report_files.overview_rows(ov),
        f"tong-hop-ke-hoach-cchc-{year}",
    )
