"""Pages of the PAR Index: thin views over selectors (404 outside scope), policies (403) and services."""

from datetime import timedelta
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from cchc.core import dates, listing, uploads
from cchc.core.errors import DomainError
from cchc.core.forms import add_domain_error
from cchc.core.htmx import is_htmx
from cchc.core.scope import OFFICER, STANDING, scope_for
from cchc.orgs.choices import BlocCode
from cchc.orgs.models import Unit
from cchc.par import criteria_services, exports, forms, policies, selectors, services
from cchc.par.choices import AssessmentStatus, Method, RoundStatus, SetStatus
from cchc.par.models import Answer, Assessment, CriteriaSet, Criterion, Round

BLOC_LABELS = dict(BlocCode.choices)
BAND_COLORS = ["#198754", "#0d6efd", "#ffc107", "#dc3545", "#6c757d"]
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _error(request, exc: DomainError) -> None:
    messages.error(request, exc.message)


def _download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# Home --------------------------------------------------------------------------------------------


def _own_assessments(user):
    """Assessments of the units the user works in (standing or officer grant on the unit or inside it)."""
    scope = scope_for(user)
    ids = set()
    for r in scope.roots:
        if r.role in {STANDING, OFFICER}:
            ids.update(int(p) for p in r.path.strip("/").split("/") if p)
    return (
        Assessment.objects.filter(unit_id__in=ids)
        .select_related("unit", "round")
        .order_by("-round__year", "unit__name")
    )


def _appraisal_queue(user):
    """Submitted assessments of open rounds that the user appraises."""
    scope = scope_for(user)
    qs = Assessment.objects.filter(
        round__status=RoundStatus.OPEN,
        status__in=[AssessmentStatus.SUBMITTED, AssessmentStatus.SENT_BACK],
    ).select_related("unit", "round")
    if scope.is_admin:
        return qs.order_by("unit__name")
    cond = Q(round__team__pk=user.pk)
    for r in scope.roots:
        if r.role == STANDING:
            cond |= Q(unit__path__startswith=r.path) & ~Q(unit__path=r.path)
    return qs.filter(cond).distinct().order_by("-round__year", "unit__search_text")


@login_required
@require_safe
def home(request):
    user = request.user
    organiser = selectors.home_organiser(actor=user)
    rounds = list(selectors.round_list(actor=user)[:8])
    published = [r for r in rounds if r.status == RoundStatus.PUBLISHED]
    latest = published[0] if published else None
    tops = {}
    if latest is not None:
        for code, rows in selectors.city_rankings(
            actor=user, year=latest.year
        ).rows_by_bloc.items():
            tops[code] = rows[:3]
    return render(
        request,
        "par/home.html",
        {
            "organiser": organiser,
            "rounds": rounds,
            "latest": latest,
            "tops": tops,
            "own": list(_own_assessments(user)[:10]),
            "queue": list(_appraisal_queue(user)[:50]),
            "can_manage": policies.can_manage_sets(user, organiser),
            "bloc_labels": BLOC_LABELS,
        },
    )


# Criteria sets -----------------------------------------------------------------------------------


def _organiser_for_manage(request):
    organiser = selectors.organiser_for(actor=request.user)
    if organiser is None or not policies.can_manage_sets(request.user, organiser):
        raise PermissionDenied
    return organiser


@login_required
@require_safe
def set_list(request):
    sets = list(selectors.set_list(actor=request.user))
    organiser = selectors.home_organiser(actor=request.user)
    years = sorted({s.year for s in sets}, reverse=True)
    return render(
        request,
        "par/set_list.html",
        {
            "by_year": [(y, [s for s in sets if s.year == y]) for y in years],
            "can_manage": policies.can_manage_sets(request.user, organiser),
            "next_year": (years[0] + 1) if years else dates.today().year,
        },
    )


@login_required
@require_safe
def set_detail(request, pk):
    cs = selectors.set_get(actor=request.user, pk=pk)
    tree = selectors.set_tree(criteria_set=cs)
    flat = selectors.flatten(tree)
    leaves = [n for n in flat if n.criterion.is_leaf]
    can_manage = policies.can_manage_sets(request.user, cs.organiser)
    return render(
        request,
        "par/set_detail.html",
        {
            "cs": cs,
            "nodes": flat,
            "errors": criteria_services.set_errors(cs),
            "bands": selectors.set_bands(criteria_set=cs),
            "versions": selectors.set_versions(criteria_set=cs),
            "n_leaves": len(leaves),
            "n_appraised": sum(1 for n in leaves if n.criterion.method != Method.SURVEY),
            "n_survey": sum(1 for n in leaves if n.criterion.method == Method.SURVEY),
            "can_manage": can_manage,
            "can_edit": can_manage and cs.status == SetStatus.DRAFT,
            "clone_form": forms.CloneForm(initial={"year": cs.year + 1}),
            "bloc_label": BLOC_LABELS.get(cs.bloc_code, cs.bloc_code),
        },
    )


@login_required
def set_create(request):
    organiser = _organiser_for_manage(request)
    form = forms.SetForm(request.POST or None, initial={"year": dates.today().year + 1})
    if request.method == "POST" and form.is_valid():
        try:
            cs = criteria_services.set_create(
                actor=request.user, organiser=organiser, **form.cleaned_data
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(
                request, f"Đã tạo bộ chỉ số “{cs.name}”. Thêm lĩnh vực và tiêu chí bên dưới."
            )
            return redirect("par:set_detail", pk=cs.pk)
    return render(
        request,
        "par/form.html",
        {"form": form, "title": "Thêm bộ chỉ số", "back": reverse("par:set_list")},
    )


@login_required
def set_edit(request, pk):
    cs = selectors.set_get(actor=request.user, pk=pk)
    if not policies.can_manage_sets(request.user, cs.organiser):
        raise PermissionDenied
    initial = {
        "name": cs.name,
        "appraised_max": forms.number_text(cs.appraised_max),
        "survey_max": forms.number_text(cs.survey_max),
        "basis": cs.basis,
    }
    form = forms.SetEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            criteria_services.set_update(actor=request.user, criteria_set=cs, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "Đã lưu bộ chỉ số.")
            return redirect("par:set_detail", pk=cs.pk)
    return render(
        request,
        "par/form.html",
        {"form": form, "title": f"Sửa {cs.name}", "back": reverse("par:set_detail", args=[cs.pk])},
    )


@login_required
def set_import(request):
    organiser = _organiser_for_manage(request)
    form = forms.SetImportForm(
        request.POST or None, request.FILES or None, initial={"year": dates.today().year + 1}
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        f = d.pop("file")
        try:
            cs = criteria_services.set_import(
                actor=request.user, organiser=organiser, filename=f.name, data=f.read(), **d
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Đã nhập bộ chỉ số “{cs.name}” từ tệp {f.name}.")
            return redirect("par:set_detail", pk=cs.pk)
    return render(
        request,
        "par/set_import.html",
        {
            "form": form,
            "title": "Nhập bộ chỉ số từ Excel",
            "columns": [v[0] for v in criteria_services.SET_COLUMNS.values()],
        },
    )


@login_required
def set_reimport(request, pk):
    cs = selectors.set_get(actor=request.user, pk=pk)
    if not policies.can_manage_sets(request.user, cs.organiser) or cs.status != SetStatus.DRAFT:
        raise PermissionDenied
    form = forms.ReimportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data["file"]
        try:
            criteria_services.set_import(
                actor=request.user,
                organiser=cs.organiser,
                year=cs.year,
                bloc_code=cs.bloc_code,
                name=cs.name,
                appraised_max=cs.appraised_max,
                survey_max=cs.survey_max,
                filename=f.name,
                data=f.read(),
                replace=cs,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Đã thay nội dung bộ chỉ số bằng tệp {f.name}.")
            return redirect("par:set_detail", pk=cs.pk)
    return render(
        request,
        "par/set_import.html",
        {
            "form": form,
            "title": f"Nhập lại {cs.name} từ Excel",
            "cs": cs,
            "columns": [v[0] for v in criteria_services.SET_COLUMNS.values()],
        },
    )


@login_required
@require_safe
def set_export(request, pk):
    cs = selectors.set_get(actor=request.user, pk=pk)
    data = exports.criteria_set_xlsx(
        criteria_set=cs, nodes=selectors.flatten(selectors.set_tree(criteria_set=cs))
    )
    return _download(data, f"bo-chi-so-{cs.year}-{cs.bloc_code}-v{cs.version}.xlsx", XLSX)


def _managed_set(request, pk):
    cs = selectors.set_get(actor=request.user, pk=pk)
    if not policies.can_manage_sets(request.user, cs.organiser):
        raise PermissionDenied
    return cs


@login_required
@require_POST
def set_clone(request, pk):
    cs = _managed_set(request, pk)
    form = forms.CloneForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Năm không hợp lệ.")
        return redirect("par:set_detail", pk=cs.pk)
    try:
        clone = criteria_services.set_clone(
            actor=request.user, source=cs, year=form.cleaned_data["year"]
        )
    except DomainError as exc:
        _error(request, exc)
        return redirect("par:set_detail", pk=cs.pk)
    messages.success(request, f"Đã nhân bản thành “{clone.name}”.")
    return redirect("par:set_detail", pk=clone.pk)


@login_required
@require_POST
def set_new_version(request, pk):
    cs = _managed_set(request, pk)
    try:
        draft = criteria_services.set_new_version(actor=request.user, criteria_set=cs)
    except DomainError as exc:
        _error(request, exc)
        return redirect("par:set_detail", pk=cs.pk)
    messages.success(request, f"Đã tạo phiên bản {draft.version} để sửa; ban hành khi sửa xong.")
    return redirect("par:set_detail", pk=draft.pk)


@login_required
@require_POST
def set_issue(request, pk):
    cs = _managed_set(request, pk)
    try:
        moved = criteria_services.set_issue(actor=request.user, criteria_set=cs)
    except DomainError as exc:
        _error(request, exc)
    else:
        messages.success(
            request,
            f"Đã ban hành phiên bản {cs.version}; {moved} hồ sơ đang đánh giá chuyển sang phiên bản này.",
        )
    return redirect("par:set_detail", pk=cs.pk)


@login_required
@require_POST
def set_delete(request, pk):
    cs = _managed_set(request, pk)
    try:
        criteria_services.set_delete(actor=request.user, criteria_set=cs)
    except DomainError as exc:
        _error(request, exc)
        return redirect("par:set_detail", pk=cs.pk)
    messages.success(request, f"Đã xóa “{cs.name}”.")
    return redirect("par:set_list")


@login_required
def set_bands(request, pk):
    cs = _managed_set(request, pk)
    bands = [(b.name, b.min_score) for b in selectors.set_bands(criteria_set=cs)]
    form = forms.BandsForm(request.POST or None, bands=bands)
    if request.method == "POST" and form.is_valid():
        new = form.bands()
        if form.is_valid():
            try:
                criteria_services.bands_set(actor=request.user, criteria_set=cs, bands=new)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, "Đã lưu các mức xếp loại.")
                return redirect("par:set_detail", pk=cs.pk)
    return render(request, "par/set_bands.html", {"form": form, "cs": cs})


def _node_form_view(request, cs, criterion=None):
    if cs.status != SetStatus.DRAFT:
        messages.error(request, "Bộ chỉ số đã khóa; hãy tạo phiên bản mới để sửa.")
        return redirect("par:set_detail", pk=cs.pk)
    if criterion is not None:
        thresholds = selectors.TreeNode(criterion, list(criterion.thresholds.all())).thresholds_text
        initial = {
            "code": criterion.code,
            "name": criterion.name,
            "max_score": forms.number_text(criterion.max_score),
            "part": criterion.part,
            "method": criterion.method,
            "thresholds": thresholds,
            "figure_unit": criterion.figure_unit,
            "guide": criterion.guide,
            "evidence_required": criterion.evidence_required,
            "allow_not_applicable": criterion.allow_not_applicable,
        }
    else:
        parent = request.GET.get("cha", "")
        siblings = (
            cs.criteria.filter(parent__code=parent)
            if parent
            else cs.criteria.filter(parent__isnull=True)
        )
        code = f"{parent}.{siblings.count() + 1}" if parent else ""
        initial = {"code": code, "figure_unit": "%"}
    form = forms.NodeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            node = criteria_services.node_save(
                actor=request.user,
                criteria_set=cs,
                criterion=criterion,
                **{**d, "part": d["part"] or None},
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, f"Đã lưu mục {node.code}.")
            return redirect(reverse("par:set_detail", args=[cs.pk]) + f"#n-{node.pk}")
    title = f"Sửa mục {criterion.code}" if criterion else "Thêm lĩnh vực, tiêu chí"
    return render(
        request,
        "par/node_form.html",
        {"form": form, "cs": cs, "title": title, "criterion": criterion},
    )


@login_required
def node_create(request, pk):
    return _node_form_view(request, _managed_set(request, pk))


def _node(cs, node_id) -> Criterion:
    try:
        return cs.criteria.get(pk=node_id)
    except (Criterion.DoesNotExist, ValueError):
        raise Http404("Không tìm thấy tiêu chí.")


@login_required
def node_edit(request, pk, node_id):
    cs = _managed_set(request, pk)
    return _node_form_view(request, cs, _node(cs, node_id))


@login_required
@require_POST
def node_delete(request, pk, node_id):
    cs = _managed_set(request, pk)
    node = _node(cs, node_id)
    try:
        criteria_services.node_delete(actor=request.user, criterion=node)
    except DomainError as exc:
        _error(request, exc)
    else:
        messages.success(request, f"Đã xóa mục {node.code} và các mục con.")
    return redirect("par:set_detail", pk=cs.pk)


# Rounds ------------------------------------------------------------------------------------------


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
    organiser = _organiser_for_manage(request)
    years = selectors.result_years(actor=request.user)
    form = forms.RoundForm(
        request.POST or None,
        initial=_round_initial((years[0] + 1) if years else dates.today().year),
    )
    if request.method == "POST" and form.is_valid():
        try:
            r = services.round_create(actor=request.user, organiser=organiser, **form.cleaned_data)
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
            services.round_update(actor=request.user, round_=r, **form.cleaned_data)
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
        listing.Column(
            "missing", "Thiếu TLKC bắt buộc", accessor=lambda a: getattr(a, "n_missing", 0)
        ),
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
    can_manage = policies.can_manage_round(request.user, r)
    counts = {}
    if can_manage:
        counts = dict(
            Assessment.objects.filter(round=r)
            .order_by()
            .values("status")
            .annotate(n=Count("pk"))
            .values_list("status", "n")
        )
    sets = []
    if r.status == RoundStatus.DRAFT:
        for code in selectors.BLOC_ORDER:
            cs = CriteriaSet.objects.filter(
                organiser=r.organiser, year=r.year, bloc_code=code, is_current=True
            ).first()
            sets.append((BLOC_LABELS[code], cs, criteria_services.set_errors(cs) if cs else None))
    return render(
        request,
        "par/round_detail.html",
        {
            "round": r,
            "listing": page,
            "can_manage": can_manage,
            "counts": [(label, counts.get(value, 0)) for value, label in AssessmentStatus.choices],
            "finalised": counts.get(AssessmentStatus.FINALISED, 0),
            "total": sum(counts.values()),
            "sets": sets,
            "team": list(r.team.order_by("username")),
            "today": dates.today(),
        },
    )


def _managed_round(request, pk) -> Round:
    r = selectors.round_get(actor=request.user, pk=pk)
    if not policies.can_manage_round(request.user, r):
        raise PermissionDenied
    return r


@login_required
@require_POST
def round_open(request, pk):
    r = _managed_round(request, pk)
    try:
        n = services.round_open(actor=request.user, round_=r)
    except DomainError as exc:
        _error(request, exc)
    else:
        messages.success(
            request, f"Đã mở đợt đánh giá: {n} đơn vị bắt đầu tự đánh giá; các bộ chỉ số đã khóa."
        )
    return redirect("par:round_detail", pk=r.pk)


@login_required
def round_team(request, pk):
    r = _managed_round(request, pk)
    form = forms.TeamForm(
        request.POST or None,
        initial={"usernames": "\n".join(r.team.values_list("username", flat=True))},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.round_team_set(
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
    r = _managed_round(request, pk)
    try:
        n = services.results_compute(actor=request.user, round_=r)
    except DomainError as exc:
        _error(request, exc)
        return redirect("par:round_detail", pk=r.pk)
    messages.success(
        request, f"Đã tính kết quả tạm thời cho {n} đơn vị đã chốt thẩm định (chưa công bố)."
    )
    return redirect("par:results_bloc", year=r.year, bloc=selectors.BLOC_ORDER[1])


@login_required
@require_POST
def round_publish(request, pk):
    r = _managed_round(request, pk)
    try:
        n = services.round_publish(actor=request.user, round_=r)
    except DomainError as exc:
        _error(request, exc)
        return redirect("par:round_detail", pk=r.pk)
    left = services.unfinalised(r)
    note = f" {len(left)} đơn vị chưa chốt thẩm định không được xếp hạng." if left else ""
    messages.success(request, f"Đã công bố kết quả Chỉ số CCHC năm {r.year} của {n} đơn vị.{note}")
    return redirect("par:dashboard")


# Survey ------------------------------------------------------------------------------------------


@login_required
def survey(request, pk):
    r = _managed_round(request, pk)
    columns = services.survey_columns(r)
    rows = list(
        Assessment.objects.filter(round=r)
        .select_related("unit")
        .order_by("bloc_code", "unit__search_text")
    )
    scores: dict[int, dict[str, Decimal]] = {}
    for aid, code, score in Answer.objects.filter(
        assessment__round=r, criterion__method=Method.SURVEY
    ).values_list("assessment_id", "criterion__code", "appraised_score"):
        scores.setdefault(aid, {})[code] = score
    if request.method == "POST":
        posted, problems = {}, []
        for a in rows:
            for code in columns:
                key = f"s_{a.pk}_{code}"
                if key not in request.POST:
                    continue
                text = request.POST.get(key, "")
                try:
                    value = forms.parse_number(text)
                except ValueError:
                    problems.append(f"{a.unit.name}: điểm {code} “{text}” không phải số")
                    continue
                if value != scores.get(a.pk, {}).get(code):
                    posted.setdefault(a.pk, {})[code] = value
        if problems:
            messages.error(request, "Chưa lưu được điểm điều tra:\n" + "\n".join(problems))
        else:
            try:
                n = services.survey_set(actor=request.user, round_=r, scores=posted)
            except DomainError as exc:
                _error(request, exc)
            else:
                messages.success(request, f"Đã lưu điểm điều tra xã hội học của {n} đơn vị.")
                return redirect("par:survey", pk=r.pk)
    table = [
        (a, [(code, forms.number_text(scores.get(a.pk, {}).get(code))) for code in columns])
        for a in rows
    ]
    return render(
        request,
        "par/survey.html",
        {
            "round": r,
            "columns": columns,
            "table": table,
            "form": forms.UploadForm(),
            "editable": r.status == RoundStatus.OPEN,
        },
    )


@login_required
def survey_import(request, pk):
    r = _managed_round(request, pk)
    form = forms.UploadForm(request.POST or None, request.FILES or None)
    preview = token = None
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data["file"]
        data = f.read()
        try:
            preview = services.survey_import_preview(
                actor=request.user, round_=r, filename=f.name, data=data
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            if preview.ok:
                token = uploads.stash(
                    request, kind=f"par-survey-{r.pk}", filename=f.name, data=data
                )
    return render(
        request,
        "par/survey_import.html",
        {
            "round": r,
            "form": form,
            "preview": preview,
            "token": token,
            "columns": services.survey_columns(r),
        },
    )


@login_required
@require_POST
def survey_confirm(request, pk):
    r = _managed_round(request, pk)
    stashed = uploads.take(request, kind=f"par-survey-{r.pk}", token=request.POST.get("token", ""))
    if stashed is None:
        messages.error(request, "Phiên nhập đã hết hạn, vui lòng tải tệp lên lại.")
        return redirect("par:survey_import", pk=r.pk)
    filename, data = stashed
    try:
        n = services.survey_import(actor=request.user, round_=r, filename=filename, data=data)
    except DomainError as exc:
        _error(request, exc)
        return redirect("par:survey_import", pk=r.pk)
    messages.success(request, f"Đã nhập điểm điều tra xã hội học của {n} đơn vị từ tệp {filename}.")
    return redirect("par:survey", pk=r.pk)


@login_required
@require_safe
def survey_template(request, pk):
    r = _managed_round(request, pk)
    units = [
        a.unit
        for a in Assessment.objects.filter(round=r)
        .select_related("unit")
        .order_by("bloc_code", "unit__name")
    ]
    data = exports.survey_template_xlsx(columns=services.survey_columns(r), units=units)
    return _download(data, f"mau-dieu-tra-xa-hoi-hoc-{r.year}.xlsx", XLSX)


# Assessment: self-assessment, responses, evidence ------------------------------------------------


def _sheet_context(request, a, mode: str) -> dict:
    sheet = selectors.assessment_sheet(assessment=a)
    for area in sheet:
        for row in area.rows:
            row.state = forms.row_state(row.answer, mode)
            row.self_state = forms.row_state(row.answer, "self")
    prog = selectors.progress(sheet=sheet)
    return {"sheet": sheet, "progress": prog}


def _keep_posted(sheet, posted, stale=()) -> None:
    """After a refused save, show what the user typed, except on rows someone else changed meanwhile:
    those show the stored values (and are marked) so nothing is overwritten without being seen."""
    if posted is None:
        return
    for area in sheet:
        for row in area.rows:
            key = str(row.answer.pk)
            if row.criterion.code in stale:
                row.stale = True
            elif f"fp_{key}" in posted:
                row.state = {
                    **row.state,
                    "value": posted.get(f"v_{key}", ""),
                    "text": posted.get(f"t_{key}", ""),
                    "na": posted.get(f"na_{key}") == "1",
                }


def _assessment_mode(user, a) -> str | None:
    if services.self_edit_error(user, a) is None:
        return "self"
    if services.response_error(user, a) is None:
        return "response"
    return None


@login_required
def assessment_detail(request, pk):
    a = selectors.assessment_get(actor=request.user, pk=pk)
    mode = _assessment_mode(request.user, a)
    if request.method == "POST":
        if mode is None:
            if not policies.can_edit_self_assessment(request.user, a):
                raise PermissionDenied
            messages.error(
                request, services.self_edit_error(request.user, a) or "Hồ sơ không sửa được."
            )
            return redirect("par:assessment_detail", pk=a.pk)
        sheet = selectors.assessment_sheet(assessment=a)
        rows = [row for area in sheet for row in area.rows]
        entries, errors = forms.parse_sheet(request.POST, rows, mode)
        if errors:
            messages.error(request, "\n".join(errors))
            return _render_assessment(request, a, mode, posted=request.POST)
        try:
            if mode == "self":
                saved = services.self_assessment_save(
                    actor=request.user, assessment=a, entries=entries
                )
            else:
                saved = services.response_save(actor=request.user, assessment=a, entries=entries)
        except DomainError as exc:
            _error(request, exc)
            return _render_assessment(request, a, mode, posted=request.POST, stale=set(exc.rows))
        if mode == "self" and request.POST.get("action") == "submit":
            try:
                services.assessment_submit(actor=request.user, assessment=a)
            except DomainError as exc:
                _error(request, exc)
                return redirect("par:assessment_detail", pk=a.pk)
            messages.success(request, "Đã nộp hồ sơ tự đánh giá; hồ sơ chuyển sang chờ thẩm định.")
            return redirect("par:assessment_detail", pk=a.pk)
        what = "giải trình" if mode == "response" else "bản nháp"
        messages.success(request, f"Đã lưu {what} ({len(saved)} tiêu chí thay đổi).")
        return redirect("par:assessment_detail", pk=a.pk)
    return _render_assessment(request, a, mode)


def _render_assessment(request, a, mode, posted=None, stale=()):
    ctx = _sheet_context(request, a, mode or "self")
    _keep_posted(ctx["sheet"], posted, stale)
    show_appraisal = a.status in (AssessmentStatus.SENT_BACK, AssessmentStatus.FINALISED)
    return render(
        request,
        "par/assessment_detail.html",
        {
            "a": a,
            "mode": mode,
            "show_appraisal": show_appraisal,
            "lock_reason": services.self_edit_error(request.user, a) if mode is None else None,
            "is_staff": policies.can_edit_self_assessment(request.user, a),
            "can_appraise": policies.can_appraise(request.user, a),
            "can_reopen": policies.can_reopen(request.user, a)
            and a.round.status == RoundStatus.OPEN
            and a.status != AssessmentStatus.FINALISED,
            "reopen_form": forms.ReopenForm(initial={"until": dates.today() + timedelta(days=7)}),
            "documents": selectors.evidence_documents(actor=request.user, unit=a.unit)
            if mode == "self"
            else [],
            "evidence_editable": mode == "self",
            **ctx,
        },
    )


@login_required
@require_POST
def assessment_reopen(request, pk):
    a = selectors.assessment_get(actor=request.user, pk=pk)
    if not policies.can_reopen(request.user, a):
        raise PermissionDenied
    form = forms.ReopenForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Nhập hạn mới (dd/mm/yyyy).")
        return redirect("par:assessment_detail", pk=a.pk)
    try:
        services.assessment_reopen(actor=request.user, assessment=a, **form.cleaned_data)
    except DomainError as exc:
        _error(request, exc)
    else:
        messages.success(
            request, f"Đã mở lại hồ sơ của {a.unit.name} đến {dates.fmt(a.self_deadline)}."
        )
    return redirect("par:assessment_detail", pk=a.pk)


@login_required
@require_POST
def evidence_add(request, pk, answer_id):
    a = selectors.assessment_get(actor=request.user, pk=pk)
    if not policies.can_edit_self_assessment(request.user, a):
        raise PermissionDenied
    answer = selectors.answer_get(actor=request.user, assessment=a, pk=answer_id)
    form = forms.EvidenceForm(request.POST, request.FILES)
    error = None
    if form.is_valid():
        document = None
        if form.cleaned_data["document"] and not form.cleaned_data["file"]:
            document = selectors.document_by_label(
                actor=request.user, unit=a.unit, text=form.cleaned_data["document"]
            )
            if document is None:
                error = (
                    f"Không tìm thấy văn bản “{form.cleaned_data['document']}” trong sổ văn bản."
                )
        if error is None:
            try:
                services.evidence_add(
                    actor=request.user,
                    answer=answer,
                    upload=form.cleaned_data["file"],
                    document=document,
                )
            except DomainError as exc:
                error = exc.message
    else:
        error = " ".join(e for errs in form.errors.values() for e in errs)
    if is_htmx(request):
        answer = selectors.answer_get(actor=request.user, assessment=a, pk=answer_id)
        return render(
            request,
            "par/_evidence.html",
            {
                "a": a,
                "answer": answer,
                "evidence": list(answer.evidence.select_related("document")),
                "editable": True,
                "error": error,
                "evidence_form": forms.EvidenceForm(),
            },
        )
    if error:
        messages.error(request, f"Tiêu chí {answer.criterion.code}: {error}")
    else:
        messages.success(
            request, f"Đã thêm tài liệu kiểm chứng cho tiêu chí {answer.criterion.code}."
        )
    return redirect(reverse("par:assessment_detail", args=[a.pk]) + f"#row-{answer.pk}")


@login_required
@require_safe
def evidence_file(request, pk):
    ev = selectors.evidence_get(actor=request.user, pk=pk)
    if ev.document_id:
        return redirect("registry:document_detail", pk=ev.document_id)
    try:
        handle = ev.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("Tệp không còn trên máy chủ.")
    return FileResponse(handle, as_attachment=True, filename=ev.name)


@login_required
@require_POST
def evidence_remove(request, pk):
    ev = selectors.evidence_get(actor=request.user, pk=pk)
    a = ev.answer.assessment
    if not policies.can_edit_self_assessment(request.user, a):
        raise PermissionDenied
    try:
        services.evidence_remove(actor=request.user, evidence=ev)
    except DomainError as exc:
        _error(request, exc)
    else:
        messages.success(request, f"Đã gỡ “{ev.name}”.")
    return redirect(reverse("par:assessment_detail", args=[a.pk]) + f"#row-{ev.answer_id}")


# Appraisal ---------------------------------------------------------------------------------------


@login_required
def appraisal(request, pk):
    a = selectors.assessment_get(actor=request.user, pk=pk)
    can = policies.can_appraise(request.user, a)
    error = (
        services.appraisal_error(request.user, a)
        if can
        else "Bạn không phải người thẩm định hồ sơ này."
    )
    if request.method == "POST":
        if not can:
            raise PermissionDenied
        if error:
            messages.error(request, error)
            return redirect("par:appraisal", pk=a.pk)
        sheet = selectors.assessment_sheet(assessment=a)
        rows = [row for area in sheet for row in area.rows]
        entries, errors = forms.parse_sheet(request.POST, rows, "appraisal")
        if errors:
            messages.error(request, "\n".join(errors))
            return _render_appraisal(request, a, error, posted=request.POST)
        try:
            saved = services.appraisal_save(actor=request.user, assessment=a, entries=entries)
        except DomainError as exc:
            _error(request, exc)
            return _render_appraisal(request, a, error, posted=request.POST, stale=set(exc.rows))
        action = request.POST.get("action")
        try:
            if action == "send":
                services.appraisal_send(actor=request.user, assessment=a)
                messages.success(
                    request,
                    f"Đã gửi kết quả thẩm định cho {a.unit.name}; đơn vị có thể giải trình đến {dates.fmt(a.round.response_end)}.",
                )
            elif action == "finalise":
                services.appraisal_finalise(actor=request.user, assessment=a)
                messages.success(request, f"Đã chốt kết quả thẩm định của {a.unit.name}.")
            else:
                messages.success(
                    request, f"Đã lưu kết quả thẩm định ({len(saved)} tiêu chí thay đổi)."
                )
        except DomainError as exc:
            _error(request, exc)
        return redirect("par:appraisal", pk=a.pk)
    return _render_appraisal(request, a, error)


def _render_appraisal(request, a, error, posted=None, stale=()):
    ctx = _sheet_context(request, a, "appraisal")
    _keep_posted(ctx["sheet"], posted, stale)
    return render(
        request,
        "par/appraisal.html",
        {"a": a, "editable": error is None, "lock_reason": error, **ctx},
    )


# Results -----------------------------------------------------------------------------------------


def _year(request, default=None) -> int | None:
    years = selectors.result_years(actor=request.user)
    try:
        return int(
            request.GET.get("year") or default or (years[0] if years else dates.today().year)
        )
    except ValueError:
        return years[0] if years else None


def _published_years(user) -> list[int]:
    return list(
        Round.objects.visible_to(user)
        .filter(status=RoundStatus.PUBLISHED)
        .order_by("-year")
        .values_list("year", flat=True)
    )


@login_required
@require_safe
def dashboard(request):
    published = _published_years(request.user)
    year = _year(request, published[0] if published else None)
    data = selectors.dashboard(actor=request.user, year=year)
    state = data.state
    chart = {
        "type": "bar",
        "data": {
            "labels": data.bands,
            "datasets": [
                {
                    "label": BLOC_LABELS[code],
                    "data": [data.histogram.get(code, {}).get(b, 0) for b in data.bands],
                }
                for code in state.rows_by_bloc
            ],
        },
        "options": {
            "responsive": True,
            "maintainAspectRatio": False,
            "plugins": {
                "title": {"display": True, "text": f"Số đơn vị theo xếp loại – năm {year}"}
            },
            "scales": {
                "y": {
                    "beginAtZero": True,
                    "ticks": {"precision": 0},
                    "title": {"display": True, "text": "Số đơn vị"},
                }
            },
        },
    }
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
    return render(
        request,
        "par/dashboard.html",
        {
            "year": year,
            "years": selectors.result_years(actor=request.user),
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
    state = selectors.city_rankings(actor=request.user, year=year, bloc_code=bloc)
    rows = state.rows_by_bloc.get(bloc, [])
    scope = scope_for(request.user)
    linkable = (
        set(
            Unit.objects.visible_to(request.user)
            .filter(pk__in=[r.unit_id for r in rows])
            .values_list("pk", flat=True)
        )
        if not scope.is_admin
        else {r.unit_id for r in rows}
    )
    band_order = selectors.band_names(criteria_set_ids={r.criteria_set_id for r in rows})
    low = min((float(r.total) for r in rows), default=60)
    chart = {
        "type": "bar",
        "data": {
            "labels": [r.unit.short_name or r.unit.name for r in rows],
            "datasets": [
                {
                    "label": "Chỉ số CCHC (%)",
                    "data": [float(r.total) for r in rows],
                    "backgroundColor": [
                        BAND_COLORS[min(band_order.index(r.band), 4)]
                        if r.band in band_order
                        else "#6c757d"
                        for r in rows
                    ],
                }
            ],
        },
        "options": {
            "indexAxis": "y",
            "responsive": True,
            "maintainAspectRatio": False,
            "plugins": {
                "legend": {"display": False},
                "title": {
                    "display": True,
                    "text": f"Chỉ số CCHC năm {year} – {BLOC_LABELS[bloc]} (màu theo xếp loại)",
                },
            },
            "scales": {
                "x": {"min": max(0, int(low // 10) * 10 - 10), "max": 100},
                "y": {"ticks": {"autoSkip": False}},
            },
        },
    }
    return render(
        request,
        "par/results_bloc.html",
        {
            "year": year,
            "bloc": bloc,
            "bloc_label": BLOC_LABELS[bloc],
            "blocs": [(c, BLOC_LABELS[c]) for c in selectors.BLOC_ORDER],
            "years": selectors.result_years(actor=request.user),
            "state": state,
            "rows": rows,
            "linkable": linkable,
            "chart": chart,
            "chart_height": max(180, 80 + 22 * len(rows)),
        },
    )


def _ranking_blocs(request, year, bloc):
    if bloc == "tat-ca":
        state = selectors.city_rankings(actor=request.user, year=year)
        return state, list(state.rows_by_bloc.items())
    _bloc_or_404(bloc)
    state = selectors.city_rankings(actor=request.user, year=year, bloc_code=bloc)
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
        published_on=state.round.published_at.date() if state.round.published_at else None,
    )
    return _download(data, f"xep-hang-chi-so-cchc-{year}-{bloc}.docx", DOCX)


def _short(name: str, limit: int = 34) -> str:
    """A chart label: the name cut at a word boundary."""
    if len(name) <= limit:
        return name
    return name[:limit].rsplit(" ", 1)[0].rstrip(",;") + "…"


@login_required
@require_safe
def unit_results(request, pk):
    unit = selectors.result_unit_get(actor=request.user, pk=pk)
    history = selectors.unit_history(actor=request.user, unit=unit)
    latest = history[-1] if history else None
    names = selectors.area_names(
        criteria_set_ids={r.criteria_set_id for r in history if r.criteria_set_id}
    )
    maxima = selectors.area_maxima(criteria_set_id=latest.criteria_set_id) if latest else {}
    codes = sorted(maxima, key=lambda c: (not c.isdigit(), c.zfill(3)))
    radar = {
        "type": "radar",
        "data": {
            "labels": [f"{c}. {_short(names.get(c, c))}" for c in codes],
            "datasets": [
                {
                    "label": f"Năm {r.year}",
                    "data": [
                        round(100 * float(Decimal(r.area_scores.get(c, "0")) / maxima[c]), 1)
                        if maxima[c]
                        else 0
                        for c in codes
                    ],
                }
                for r in history[-2:]
            ],
        },
        "options": {
            "responsive": True,
            "maintainAspectRatio": False,
            "plugins": {
                "title": {"display": True, "text": "Tỷ lệ điểm đạt theo lĩnh vực (% điểm tối đa)"}
            },
            "scales": {"r": {"min": 50, "max": 100, "ticks": {"stepSize": 10}}},
        },
    }
    line = {
        "type": "line",
        "data": {
            "labels": [str(r.year) for r in history],
            "datasets": [
                {
                    "label": "Chỉ số CCHC (%)",
                    "data": [float(r.total) for r in history],
                    "yAxisID": "y",
                    "tension": 0.2,
                },
                {
                    "label": "Xếp hạng trong khối",
                    "data": [r.rank for r in history],
                    "yAxisID": "y2",
                    "tension": 0.2,
                },
            ],
        },
        "options": {
            "responsive": True,
            "maintainAspectRatio": False,
            "plugins": {"title": {"display": True, "text": "Chỉ số và thứ hạng qua các năm"}},
            "scales": {
                "y": {
                    "min": 60,
                    "max": 100,
                    "position": "left",
                    "title": {"display": True, "text": "Chỉ số (%)"},
                },
                "y2": {
                    "reverse": True,
                    "min": 1,
                    "position": "right",
                    "grid": {"drawOnChartArea": False},
                    "ticks": {"precision": 0},
                    "title": {"display": True, "text": "Hạng"},
                },
            },
        },
    }
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
    own = (
        Assessment.objects.visible_to(request.user)
        .filter(unit=unit)
        .select_related("round")
        .order_by("-round__year")
        .first()
    )
    return render(
        request,
        "par/unit_results.html",
        {
            "unit": unit,
            "history": history,
            "latest": latest,
            "areas": areas,
            "radar": radar,
            "line": line,
            "own": own,
            "bloc_labels": BLOC_LABELS,
        },
    )
