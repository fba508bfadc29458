"""Pages of the plan import: upload or paste, preview with office fixes and targets, confirm."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cchc.core import uploads
from cchc.core.errors import DomainError
from cchc.plans import import_preview, plan_services
from cchc.plans.choices import TargetComparator
from cchc.plans.forms_import import PlanUploadForm
from cchc.registry.choices import DocType

UPLOAD_KIND = "plan-import"


def _units_or_404(request):
    units = import_preview.importable_units(request.user)
    if not units:
        raise PermissionDenied
    return units


def _unit_or_404(units, unit_id):
    try:
        unit_id = int(unit_id)
    except (TypeError, ValueError):
        raise Http404("Không tìm thấy đơn vị.") from None
    for unit in units:
        if unit.pk == unit_id:
            return unit
    raise Http404("Không tìm thấy đơn vị.")


def _year(value) -> int | None:
    try:
        return int(value) if value else None
    except (TypeError, ValueError):
        return None


def _render_preview(request, preview, token, *, posted=None, status=200, refusal=""):
    unmatched = preview.unmatched()
    posted = posted or {}
    rows = []
    for i, office in enumerate(unmatched):
        rows.append(
            {
                "i": i,
                "office": office,
                "chosen": posted.get(f"fix_{i}", ""),
                "alias": posted.get(f"alias_{i}") is not None if posted else True,
            }
        )
    chosen_targets = set(posted.getlist("target")) if hasattr(posted, "getlist") else None
    targets = [
        {
            "t": t,
            "label": TargetComparator(t.comparator).label,
            "checked": chosen_targets is None or t.code in chosen_targets,
        }
        for t in preview.targets
    ]
    areas = []
    for area in preview.areas:
        areas.append(
            {"area": area, "tasks": [t for t in preview.tasks if t.area_code == area.code]}
        )
    loose = [t for t in preview.tasks if t.area_code is None]
    if loose:
        areas.insert(0, {"area": None, "tasks": loose})
    return render(
        request,
        "plans/import_preview.html",
        {
            "preview": preview,
            "token": token,
            "unmatched_rows": rows,
            "office_choices": preview.office_choices,
            "targets": targets,
            "areas": areas,
            "counts": preview.counts(),
            "doubtful": sum(1 for t in preview.tasks if t.warnings),
            "refusal": refusal,
            "doc_type_label": DocType(preview.header.doc_type).label
            if preview.header.doc_type in DocType.values
            else "",
        },
        status=status,
    )


@login_required
def plan_import(request):
    """Upload a plan file (or paste its text); a valid upload answers with the preview."""
    units = _units_or_404(request)
    form = PlanUploadForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST" and form.is_valid():
        unit = _unit_or_404(units, form.cleaned_data["unit"])
        filename, data = form.payload()
        try:
            preview = import_preview.plan_import_preview(
                actor=request.user,
                unit=unit,
                filename=filename,
                data=data,
                year=form.cleaned_data.get("year"),
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            token = uploads.stash(request, kind=UPLOAD_KIND, filename=filename, data=data)
            return _render_preview(request, preview, token)
    return render(request, "plans/import_upload.html", {"form": form, "units": units})


def _fixes(post, count: int) -> tuple[dict, list[str]]:
    fixes, aliases = {}, []
    for i in range(count):
        text, unit_id = post.get(f"fixtext_{i}", ""), post.get(f"fix_{i}", "")
        if text and unit_id:
            fixes[text] = unit_id
            if post.get(f"alias_{i}"):
                aliases.append(text)
    return fixes, aliases


@login_required
@require_POST
def plan_import_confirm(request):
    """Save the previewed plan with the user's fixes and chosen targets, then go to the plan's page."""
    units = _units_or_404(request)
    unit = _unit_or_404(units, request.POST.get("unit"))
    token = request.POST.get("token", "")
    stashed = uploads.take(request, kind=UPLOAD_KIND, token=token, keep=True)
    if stashed is None:
        messages.error(request, "Phiên nhập kế hoạch đã hết hạn, vui lòng tải tệp lên lại.")
        return redirect("plans:plan_import")
    filename, data = stashed
    year = _year(request.POST.get("year"))
    try:
        count = int(request.POST.get("unmatched_count", "0"))
    except ValueError:
        count = 0
    fixes, aliases = _fixes(request.POST, min(count, 500))
    try:
        plan = plan_services.plan_import_confirm(
            actor=request.user,
            unit=unit,
            filename=filename,
            data=data,
            year=year,
            fixes=fixes,
            save_aliases=aliases,
            targets=request.POST.getlist("target"),
            replace=bool(request.POST.get("replace")),
            accept_issuer=bool(request.POST.get("accept_issuer")),
        )
    except DomainError as exc:
        try:
            preview = import_preview.plan_import_preview(
                actor=request.user, unit=unit, filename=filename, data=data, year=year
            )
        except DomainError:
            uploads.take(request, kind=UPLOAD_KIND, token=token)
            return redirect("plans:plan_import")
        # The refusal is shown once: not again when the preview already states it.
        shown = set(preview.blocking) | set(preview.warnings) | {preview.issuer_warning}
        refusal = "" if any(text and text in exc.message for text in shown) else exc.message
        return _render_preview(
            request, preview, token, posted=request.POST, status=400, refusal=refusal
        )
    uploads.take(request, kind=UPLOAD_KIND, token=token)
    messages.success(request, f"Đã nhập “{plan.title}”: {plan.tasks.count()} nhiệm vụ.")
    return redirect("plans:plan_detail", pk=plan.pk)
