"""Pages of a round: create, edit its windows, its progress list, the appraisal team, open, provisional results
and publication. Opening and publishing are the moves of `ROUND_FLOW`; their buttons come from its options."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from cchc.core import dates, listing
from cchc.core.errors import DomainError
from cchc.core.forms import add_domain_error
from cchc.orgs.choices import BlocCode
from cchc.par import (
    forms,
    policies,
    result_selectors,
    result_services,
    round_services,
    selectors,
)
from cchc.par.choices import AssessmentStatus, RoundStatus
from cchc.par.models import Round
from cchc.par.views_common import (
    BLOC_LABELS,
    check_move,
    error,
    moves,
    organiser_for_manage,
)
from cchc.par.workflows import ROUND_FLOW


def _round_initial(year: int) -> dict:
    today = dates.today()
    return {
        "year": year,
        "self_start": today,
        "self_end": today + timedelta(days=30),
        "appraisal_start": today + timedelta(days=7),
        "appraisal_end": today + timedelta(days=50),
        "response_start": today + timedelta(days=14),
        "response_end": today + timedelta(days=60),
        "survey_organised": True,
    }


@login_required
def round_create(request):
    organiser = organiser_for_manage(request)
    years = result_selectors.result_years(actor=request.user)
    form = forms.RoundForm(
        request.POST or None,
        initial=_round_initial((years[0] + 1) if years else dates.today().year),
    )
    if request.method == "POST" and form.is_valid():
        try:
            r = round_services.round_create(
                actor=request.user, organiser=organiser, **form.cleaned_data
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(
                request, f"Đã tạo “{r.name}”. Kiểm tra bộ chỉ số của từng khối rồi mở đợt."
            )
            return redirect("par:round_detail", pk=r.pk)
    return render(
        request,
        "par/form.html",
        {"form": form, "title": "Tạo đợt đánh giá", "back": reverse("par:home")},
    )


@login_required
def round_edit(request, pk):
    r = selectors.round_get(actor=request.user, pk=pk)
    if not policies.can_manage_round(request.user, r):
        raise PermissionDenied
    fields = [
        "name",
        "self_start",
        "self_end",
        "appraisal_start",
        "appraisal_end",
        "response_start",
        "response_end",
        "survey_organised",
    ]
    form = forms.RoundEditForm(request.POST or None, initial={f: getattr(r, f) for f in fields})
    if request.method == "POST" and form.is_valid():
        try:
            round_services.round_update(actor=request.user, round_=r, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "Đã lưu thời hạn của đợt đánh giá.")
            return redirect("par:round_detail", pk=r.pk)
    return render(
        request,
        "par/form.html",
        {"form": form, "title": f"Sửa {r.name}", "back": reverse("par:round_detail", args=[r.pk])},
    )


def _pct(a) -> int:
    return round(100 * a.n_answered / a.n_total) if a.n_total else 0


ASSESSMENT_SPEC = listing.ListSpec(
    title="Tiến độ đánh giá",
    columns=[
        listing.Column("unit", "Đơn vị", accessor="unit.name", sort="unit__search_text"),
        listing.Column("bloc", "Khối", accessor="get_bloc_code_display", sort="bloc_code"),
        listing.Column("status", "Trạng thái", accessor="get_status_display", sort="status"),
        listing.Column(
            "answered",
            "Đã chấm",
            accessor=lambda a: f"{a.n_answered}/{a.n_total}",
            sort="n_answered",
        ),
        listing.Column("missing", "Thiếu TLKC", accessor=lambda a: getattr(a, "n_missing", 0)),
        listing.Column("self_total", "Tự đánh giá", sort="self_total"),
        listing.Column("appraised_total", "Thẩm định", sort="appraised_total"),
        listing.Column("survey_total", "Điều tra XHH", sort="survey_total"),
        listing.Column("deadline", "Hạn tự đánh giá", accessor="self_close"),
    ],
    filters=[
        listing.Filter("bloc", "Khối", choices=BlocCode.choices, lookup="bloc_code"),
        listing.Filter("status", "Trạng thái", choices=AssessmentStatus.choices),
    ],
    default_sort="unit",
    page_size=50,
    export_name="tien-do-danh-gia",
    search_field="unit__search_text",
    search_placeholder="Tên đơn vị (gõ không dấu cũng được)",
)


@login_required
@require_safe
def round_detail(request, pk):
    r = selectors.round_get(actor=request.user, pk=pk)
    qs = selectors.assessment_list(actor=request.user, round_=r)
    missing = selectors.evidence_missing_counts(round_=r)
    if listing.wants_export(request):
        rows = list(listing.filtered(ASSESSMENT_SPEC, qs, request)[0][: listing.EXPORT_LIMIT])
        for a in rows:
            a.n_missing = missing.get(a.pk, 0)
        cols = ASSESSMENT_SPEC.columns
        return listing.xlsx_response(
            ASSESSMENT_SPEC.title,
            [c.label for c in cols],
            ([c.value(a) for c in cols] for a in rows),
            "tien-do-danh-gia",
        )
    page = listing.paginate(ASSESSMENT_SPEC, qs, request)
    for a in page.rows:
        a.n_missing = missing.get(a.pk, 0)
        a.pct = _pct(a)
    return _render_round(request, r, page)


def _window(r: Round, today) -> str:
    """How the self-assessment window of an open round stands today (a badge beside its dates)."""
    if r.status != RoundStatus.OPEN:
        return ""
    if today > r.self_end:
        return "đã hết hạn"
    return "đang mở" if today >= r.self_start else "chưa đến"


def _render_round(request, r: Round, page=None, status: int = 200):
    user, today = request.user, dates.today()
    if page is None:
        page = listing.paginate(
            ASSESSMENT_SPEC, selectors.assessment_list(actor=user, round_=r), request
        )
    can_manage = policies.can_manage_round(user, r)
    counts = selectors.round_status_counts(r) if can_manage else {}
    sets = []
    if r.status == RoundStatus.DRAFT:
        for code in selectors.BLOC_ORDER:
            cs = selectors.current_set(organiser=r.organiser, year=r.year, bloc_code=code)
            sets.append((BLOC_LABELS[code], cs, selectors.set_errors(cs) if cs else None))
    return render(
        request,
        "par/round_detail.html",
        {
            "round": r,
            "listing": page,
            "can_manage": can_manage,
            "can_edit": policies.can_edit_round(user, r),
            "can_score": policies.can_score_round(user, r),
            "moves": moves(ROUND_FLOW, user, r),
            "results_url": (reverse("par:dashboard") + f"?year={r.year}" if r.is_published else ""),
            "window": _window(r, today),
            "counts": [(label, counts.get(value, 0)) for value, label in AssessmentStatus.choices],
            "total": sum(counts.values()),
            "sets": sets,
            "team": list(r.team.order_by("username")),
        },
        status=status,
    )


def managed_round(request, pk) -> Round:
    """A round the user keeps (404 outside the scope, 403 for anyone but its standing agency)."""
    r = selectors.round_get(actor=request.user, pk=pk)
    if not policies.can_manage_round(request.user, r):
        raise PermissionDenied
    return r


@login_required
@require_POST
def round_open(request, pk):
    r = selectors.round_get(actor=request.user, pk=pk)
    check_move(ROUND_FLOW, "open", request.user, r)
    try:
        n = round_services.round_open(actor=request.user, round_=r)
    except DomainError as exc:
        error(request, exc)
        return _render_round(request, r, status=400)
    messages.success(
        request, f"Đã mở đợt đánh giá: {n} đơn vị bắt đầu tự đánh giá; các bộ chỉ số đã khóa."
    )
    return redirect("par:round_detail", pk=r.pk)


@login_required
def round_team(request, pk):
    r = managed_round(request, pk)
    form = forms.TeamForm(
        request.POST or None,
        initial={"usernames": "\n".join(r.team.values_list("username", flat=True))},
    )
    if request.method == "POST" and form.is_valid():
        try:
            round_services.round_team_set(
                actor=request.user, round_=r, usernames=form.cleaned_data["usernames"].split()
            )
        except DomainError as exc:
            form.add_error("usernames", exc.message)
        else:
            messages.success(request, "Đã lưu tổ thẩm định.")
            return redirect("par:round_detail", pk=r.pk)
    return render(
        request,
        "par/form.html",
        {
            "form": form,
            "title": f"Tổ thẩm định – {r.name}",
            "back": reverse("par:round_detail", args=[r.pk]),
        },
    )


@login_required
@require_POST
def round_compute(request, pk):
    r = managed_round(request, pk)
    try:
        n = result_services.results_compute(actor=request.user, round_=r)
    except DomainError as exc:
        error(request, exc)
        return redirect("par:round_detail", pk=r.pk)
    messages.success(
        request, f"Đã tính kết quả tạm thời cho {n} đơn vị đã chốt thẩm định (chưa công bố)."
    )
    return redirect("par:results_bloc", year=r.year, bloc=selectors.BLOC_ORDER[1])


@login_required
@require_POST
def round_publish(request, pk):
    r = selectors.round_get(actor=request.user, pk=pk)
    check_move(ROUND_FLOW, "publish", request.user, r)
    try:
        n = round_services.round_publish(actor=request.user, round_=r)
    except DomainError as exc:
        error(request, exc)
        return _render_round(request, r, status=400)
    left = result_services.unfinalised(r)
    note = f" {len(left)} đơn vị chưa chốt thẩm định không được xếp hạng." if left else ""
    messages.success(request, f"Đã công bố kết quả Chỉ số CCHC năm {r.year} của {n} đơn vị.{note}")
    return redirect("par:dashboard")
