"""Pages of the criteria sets: list, detail, create, edit, import and export, clone, versions, bands, nodes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from cchc.core import dates, measures
from cchc.core.errors import DomainError
from cchc.core.forms import add_domain_error
from cchc.par import criteria_import, criteria_services, forms, policies, selectors
from cchc.par.choices import Method
from cchc.par.models import Criterion
from cchc.par.views_common import (
    BLOC_LABELS,
    XLSX,
    download,
    error,
    organiser_for_manage,
)


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
    user = request.user
    return render(
        request,
        "par/set_detail.html",
        {
            "cs": cs,
            "nodes": flat,
            "errors": selectors.set_errors(cs),
            "bands": selectors.set_bands(criteria_set=cs),
            "versions": selectors.set_versions(criteria_set=cs),
            "n_leaves": len(leaves),
            "n_appraised": sum(1 for n in leaves if n.criterion.method != Method.SURVEY),
            "n_survey": sum(1 for n in leaves if n.criterion.method == Method.SURVEY),
            "can_manage": policies.can_manage_sets(user, cs.organiser),
            "can_edit": policies.can_edit_set(user, cs),
            "can_version": policies.can_version_set(user, cs),
            "can_issue": policies.can_issue_set(user, cs),
            "can_delete": policies.can_delete_set(user, cs),
            "measure_labels": dict(measures.choices()),
            "clone_form": forms.CloneForm(initial={"year": cs.year + 1}),
            "bloc_label": BLOC_LABELS.get(cs.bloc_code, cs.bloc_code),
        },
    )


@login_required
def set_create(request):
    organiser = organiser_for_manage(request)
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
    organiser = organiser_for_manage(request)
    form = forms.SetImportForm(
        request.POST or None, request.FILES or None, initial={"year": dates.today().year + 1}
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        f = d.pop("file")
        try:
            cs = criteria_import.set_import(
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
            "columns": [v[0] for v in criteria_import.IMPORT_COLUMNS.values()],
        },
    )


@login_required
def set_reimport(request, pk):
    cs = selectors.set_get(actor=request.user, pk=pk)
    if not policies.can_edit_set(request.user, cs):
        raise PermissionDenied
    form = forms.ReimportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data["file"]
        try:
            criteria_import.set_import(
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
            "columns": [v[0] for v in criteria_import.IMPORT_COLUMNS.values()],
        },
    )


@login_required
@require_safe
def set_export(request, pk):
    cs = selectors.set_get(actor=request.user, pk=pk)
    data = criteria_import.set_xlsx(cs)
    return download(data, f"bo-chi-so-{cs.year}-{cs.bloc_code}-v{cs.version}.xlsx", XLSX)


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
        error(request, exc)
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
        error(request, exc)
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
        error(request, exc)
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
        error(request, exc)
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
    if not policies.can_edit_set(request.user, cs):
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
            "measure_code": criterion.measure_code,
        }
    else:
        code = selectors.next_child_code(criteria_set=cs, parent_code=request.GET.get("cha", ""))
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
        error(request, exc)
    else:
        messages.success(request, f"Đã xóa mục {node.code} và các mục con.")
    return redirect("par:set_detail", pk=cs.pk)
