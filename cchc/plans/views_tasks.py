"""Pages of CCHC plans and tasks: plan list and plan page with its settings, task list and task page with progress
reports, targets (added, corrected, deleted, confirmed) and their measures (reminders are in `cchc.notifications`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cchc.core import dates, listing, params
from cchc.core.errors import DomainError
from cchc.core.forms import add_domain_error
from cchc.plans import import_preview, plan_services, policies, target_services, tracking, workflows
from cchc.plans import task_selectors as selectors
from cchc.plans.choices import TaskStatus, Timeliness
from cchc.plans.forms_tasks import (
    DeadlineForm,
    MeasureForm,
    PlanSettingsForm,
    ProgressForm,
    TargetAddForm,
    TargetConfirmForm,
    TargetWordingForm,
)
from cchc.plans.models import Area
from cchc.registry.models import Document

DUE_WITHIN_CHOICES = [("7", "7 ngày tới"), ("15", "15 ngày tới"), ("30", "30 ngày tới")]


def _int(value) -> int | None:
    try:
        return params.identifier(value, name="plan")
    except params.BadParam:
        return None


def _office_names(task) -> str:
    return "; ".join(str(o) for o in task.offices.all() if o.role == "lead")


# --- Plans --------------------------------------------------------------------------------------------------

PLAN_SPEC = listing.ListSpec(
    title="Kế hoạch CCHC",
    columns=[
        listing.Column("title", "Kế hoạch", sort="title"),
        listing.Column("unit", "Đơn vị", accessor="unit.name", sort="unit__name"),
        listing.Column("year", "Năm", sort="year"),
        listing.Column(
            "document", "Văn bản", accessor=lambda p: p.document.label if p.document_id else ""
        ),
        listing.Column("task_count", "Số nhiệm vụ", sort="task_count"),
        listing.Column("done_count", "Đã hoàn thành", sort="done_count"),
    ],
    filters=[
        listing.Filter(
            "year",
            "Năm",
            choices=lambda r: [(y, y) for y in range(dates.today().year + 1, 2019, -1)],
            apply=lambda qs, v: qs.filter(year=int(v)) if v.isdigit() else qs,
        ),
    ],
    default_sort="-year",
    export_name="ke-hoach-cchc",
    search_placeholder="Tên kế hoạch, đơn vị, số văn bản",
)


@login_required
@require_safe
def plan_list(request):
    qs = selectors.plan_list(actor=request.user)
    can_import = bool(import_preview.importable_units(request.user))
    return listing.respond(
        request, PLAN_SPEC, qs, "plans/plan_list.html", {"can_import": can_import}
    )


def _plan_page(request, plan, *, settings_form=None, status=200):
    sections = selectors.plan_areas(plan=plan)
    tasks = [t for s in sections for t in s["tasks"]]
    counts = selectors.timeliness_counts(tasks)
    can_manage = policies.can_manage_plan(request.user, plan)
    initial = {"title": plan.title, "report_every": plan.report_every}
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "sections": sections,
            "targets": selectors.plan_targets(plan=plan),
            "task_total": len(tasks),
            "done_total": sum(1 for t in tasks if t.status == TaskStatus.DONE),
            "counts": counts,
            "timeliness_labels": [
                (value, label, counts[value]) for value, label in Timeliness.choices
            ],
            "can_manage": can_manage,
            "can_withdraw": can_manage and not import_preview.has_progress(plan),
            "can_manage_targets": policies.can_manage_targets(request.user, plan),
            "settings_form": settings_form
            or (PlanSettingsForm(initial=initial) if can_manage else None),
        },
        status=status,
    )


@login_required
@require_safe
def plan_detail(request, pk):
    return _plan_page(request, selectors.plan_get(actor=request.user, pk=pk))


@login_required
@require_POST
def plan_withdraw(request, pk):
    """Withdraw a plan imported by mistake (no progress yet), with a reason; its document stays registered."""
    plan = selectors.plan_get(actor=request.user, pk=pk)
    if not policies.can_manage_plan(request.user, plan):
        raise PermissionDenied
    title, unit_name = plan.title, plan.unit.name
    try:
        plan_services.plan_withdraw(
            actor=request.user, plan=plan, reason=request.POST.get("reason", "")
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("plans:plan_detail", pk=pk)
    messages.success(
        request, f"Đã rút kế hoạch “{title}” của {unit_name}; văn bản vẫn giữ trong sổ văn bản."
    )
    return redirect("plans:plan_list")


@login_required
@require_POST
def plan_update(request, pk):
    plan = selectors.plan_get(actor=request.user, pk=pk)
    if not policies.can_manage_plan(request.user, plan):
        raise PermissionDenied
    form = PlanSettingsForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            plan_services.plan_update(
                actor=request.user, plan=plan, title=d["title"], report_every=d["report_every"]
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(
                request,
                f"Đã lưu kế hoạch; kỳ báo cáo nhiệm vụ thường xuyên: {plan.get_report_every_display().lower()}.",
            )
            return redirect("plans:plan_detail", pk=plan.pk)
    messages.error(request, "Chưa lưu được kế hoạch: xem lỗi ở biểu mẫu bên dưới.")
    plan.refresh_from_db()
    return _plan_page(request, plan, settings_form=form, status=400)


# --- Tasks --------------------------------------------------------------------------------------------------


def _plan_choices(request):
    plans = selectors.plan_list(actor=request.user).order_by("-year", "unit__name")
    return [(p.pk, f"{p.unit.short_name or p.unit.name} – {p.year}") for p in plans]


def _area_choices(request):
    plan_id = _int(request.GET.get("plan"))
    if plan_id is None:
        return []
    areas = Area.objects.filter(plan__in=selectors.plan_list(actor=request.user), plan_id=plan_id)
    return [(a.pk, f"{a.code}. {a.title[:60]}") for a in areas.order_by("order", "id")]


def _lead_choices(request):
    plan_id = _int(request.GET.get("plan"))
    plan = selectors.plan_list(actor=request.user).filter(pk=plan_id).first() if plan_id else None
    return selectors.lead_unit_choices(actor=request.user, plan=plan)


def _id_filter(lookup: str, label: str):
    return lambda qs, v: qs.filter(**{lookup: params.identifier(v, name=lookup, label=label)})


TASK_SPEC = listing.ListSpec(
    title="Nhiệm vụ CCHC",
    columns=[
        listing.Column("no", "TT", sort="plan__year,plan_id,no"),
        listing.Column("content", "Nhiệm vụ", sort="content"),
        listing.Column(
            "plan",
            "Đơn vị",
            accessor="plan.unit.name",
            sort="plan__unit__name",
            uniform_by="plan__unit_id",
        ),
        listing.Column("lead", "Chủ trì", accessor=_office_names, export=True),
        listing.Column(
            "deadline",
            "Thời hạn",
            accessor=lambda t: selectors.deadline_label(t),
            sort="due_on nulls last,deadline_before",
        ),
        listing.Column("status", "Trạng thái", accessor="get_status_display", sort="status"),
        listing.Column("percent", "Tiến độ (%)", sort="percent"),
        listing.Column(
            "timeliness", "Đánh giá thời hạn", accessor=lambda t: selectors.task_timeliness(t).label
        ),
    ],
    filters=[
        listing.Filter(
            "plan", "Kế hoạch", choices=_plan_choices, apply=_id_filter("plan_id", "Kế hoạch")
        ),
        listing.Filter(
            "area", "Lĩnh vực", choices=_area_choices, apply=_id_filter("area_id", "Lĩnh vực")
        ),
        listing.Filter(
            "lead",
            "Cơ quan chủ trì",
            choices=_lead_choices,
            apply=lambda qs, v: qs.filter(
                offices__role="lead",
                offices__unit_id=params.identifier(v, name="lead", label="Cơ quan chủ trì"),
            ).distinct(),
        ),
        listing.Filter("status", "Trạng thái", choices=TaskStatus.choices),
        listing.Filter(
            "timeliness",
            "Đánh giá thời hạn",
            choices=Timeliness.choices,
            apply=selectors.filter_timeliness,
        ),
        listing.Filter(
            "overdue",
            "Quá hạn",
            choices=[("1", "Đang quá hạn")],
            apply=lambda qs, v: (
                selectors.filter_timeliness(qs, Timeliness.OVERDUE) if v == "1" else qs
            ),
        ),
        listing.Filter(
            "due_within",
            "Đến hạn trong",
            choices=DUE_WITHIN_CHOICES,
            parse=params.days,
            apply=lambda qs, v: selectors.filter_due_within(qs, int(v)) if v.isdigit() else qs,
        ),
    ],
    export_name="nhiem-vu-cchc",
    search_placeholder="Nội dung, cơ quan, thời hạn",
)


@login_required
@require_safe
def task_list(request):
    qs = selectors.task_list(actor=request.user)
    if listing.wants_export(request):
        return listing.export(TASK_SPEC, qs, request)
    page = listing.paginate(TASK_SPEC, qs, request)
    page.rows = selectors.decorate(page.rows)
    plan_id = _int(page.active.get("plan"))
    plan = selectors.plan_list(actor=request.user).filter(pk=plan_id).first() if plan_id else None
    return render(request, "plans/task_list.html", {"listing": page, "plan": plan})


def _progress_form(request, task, data=None, files=None):
    choices = workflows.status_choices(request.user, task)
    form = ProgressForm(
        data,
        files,
        periods=tracking.task_periods(task),
        documents=selectors.product_documents(actor=request.user, task=task),
        initial={
            "status": task.status if task.status != TaskStatus.TODO else TaskStatus.DOING,
            "percent": task.percent,
            "version": task.version,
        },
    )
    form.fields["status"].choices = choices
    reopen = [o for o in workflows.TASK_FLOW.options(request.user, task) if o.confirm]
    if reopen:
        form.fields["status"].widget.attrs["data-confirm-unless"] = task.status
        form.fields["status"].widget.attrs["data-confirm"] = reopen[0].confirm
    return form


def _task_page(request, task, *, progress_form=None, deadline_form=None, status=200):
    can_report = policies.can_report_progress(request.user, task)
    can_set_deadline = policies.can_set_deadline(request.user, task)
    return render(
        request,
        "plans/task_detail.html",
        {
            "task": task,
            "plan": task.plan,
            "reports": selectors.task_reports(task=task),
            "can_report": can_report,
            "progress_form": progress_form
            or (_progress_form(request, task) if can_report else None),
            "can_set_deadline": can_set_deadline,
            "needs_date": selectors.unknown_deadline(task),
            "deadline_form": deadline_form or (DeadlineForm() if can_set_deadline else None),
        },
        status=status,
    )


@login_required
@require_safe
def task_detail(request, pk):
    return _task_page(request, selectors.task_get(actor=request.user, pk=pk))


@login_required
@require_POST
def task_progress(request, pk):
    task = selectors.task_get(actor=request.user, pk=pk)
    if not policies.can_report_progress(request.user, task):
        raise PermissionDenied
    form = _progress_form(request, task, request.POST, request.FILES)
    if form.is_valid():
        d = form.cleaned_data
        document = None
        if d.get("product_document"):
            document = (
                Document.objects.visible_to(request.user).filter(pk=d["product_document"]).first()
            )
        try:
            tracking.progress_report(
                actor=request.user,
                task=task,
                percent=d["percent"],
                status=d["status"],
                text=d["text"],
                reported_on=d["reported_on"],
                period_label=d.get("period_label") or "",
                files=d["files"],
                product_document=document,
                seen_version=d.get("version"),
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(
                request, f"Đã ghi báo cáo tiến độ nhiệm vụ {task.no}: {d['percent']}%."
            )
            return redirect("plans:task_detail", pk=task.pk)
    messages.error(request, "Chưa ghi được báo cáo tiến độ: xem lỗi ở biểu mẫu bên dưới.")
    return _task_page(request, task, progress_form=form, status=400)


@login_required
@require_POST
def task_deadline(request, pk):
    task = selectors.task_get(actor=request.user, pk=pk)
    if not policies.can_set_deadline(request.user, task):
        raise PermissionDenied
    form = DeadlineForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            tracking.task_set_deadline(
                actor=request.user,
                task=task,
                due_on=d["due_on"],
                start_on=d["start_on"],
                note=d["note"],
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(
                request, f"Đã nhập hạn {dates.fmt(d['due_on'])} cho nhiệm vụ {task.no}."
            )
            return redirect("plans:task_detail", pk=task.pk)
    messages.error(request, "Chưa nhập được thời hạn: xem lỗi ở biểu mẫu bên dưới.")
    return _task_page(request, task, deadline_form=form, status=400)


@login_required
@require_safe
def progress_file(request, file_id):
    f = selectors.progress_file_get(actor=request.user, pk=file_id)
    try:
        handle = f.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("Tệp không còn trên máy chủ.")
    return FileResponse(handle, as_attachment=True, filename=f.name)


# --- Targets ------------------------------------------------------------------------------------------------


def _target_page(request, target, *, confirm_form=None, measure_form=None, status=200):
    plan = target.plan
    can_manage = policies.can_manage_targets(request.user, plan)
    can_measure = policies.can_record_measure(request.user, target)
    initial = {
        "comparator": target.comparator,
        "value": "" if target.value is None else f"{target.value.normalize():f}",
        "value_unit": target.value_unit,
        "responsible": target.responsible_id,
        "version": target.version,
    }
    units = selectors.responsible_choices(plan=plan) if can_manage else []
    measures = list(target.measures.order_by("period_end", "id"))
    return render(
        request,
        "plans/target_detail.html",
        {
            "target": target,
            "plan": plan,
            "measures": measures,
            "can_manage": can_manage,
            "can_delete": can_manage and not measures,
            "can_measure": can_measure,
            "confirm_form": confirm_form
            or (TargetConfirmForm(initial=initial, units=units) if can_manage else None),
            "measure_form": measure_form
            or (
                MeasureForm(
                    initial={"period_label": f"Năm {plan.year}", "period_end": f"31/12/{plan.year}"}
                )
            ),
        },
        status=status,
    )


def _target_form_page(request, form, *, plan, target=None, status=200):
    if target is None:
        title = "Thêm chỉ tiêu"
    else:
        title = f"Sửa chỉ tiêu {target.code})" if target.code else "Sửa chỉ tiêu"
    context = {"form": form, "plan": plan, "target": target, "title": title}
    return render(request, "plans/target_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def target_add(request, pk):
    plan = selectors.plan_get(actor=request.user, pk=pk)
    if not policies.can_manage_targets(request.user, plan):
        raise PermissionDenied
    units = {u.pk: u for u in selectors.responsible_choices(plan=plan)}
    if request.method == "GET":
        return _target_form_page(request, TargetAddForm(units=units.values()), plan=plan)
    form = TargetAddForm(request.POST, units=units.values())
    if form.is_valid():
        d = form.cleaned_data
        try:
            target = target_services.target_add(
                actor=request.user,
                plan=plan,
                code=d["code"],
                text=d["text"],
                comparator=d["comparator"],
                value=d["value"],
                value_unit=d["value_unit"],
                responsible=units.get(d["responsible"]),
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, f"Đã thêm chỉ tiêu “{target.text[:80]}”.")
            return redirect("plans:target_detail", pk=target.pk)
    return _target_form_page(request, form, plan=plan, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def target_edit(request, pk):
    target = selectors.target_get(actor=request.user, pk=pk)
    if not policies.can_manage_targets(request.user, target.plan):
        raise PermissionDenied
    if request.method == "GET":
        form = TargetWordingForm(
            initial={"code": target.code, "text": target.text, "version": target.version}
        )
        return _target_form_page(request, form, plan=target.plan, target=target)
    form = TargetWordingForm(request.POST)
    if form.is_valid():
        try:
            target_services.target_update(
                actor=request.user,
                target=target,
                code=form.cleaned_data["code"],
                text=form.cleaned_data["text"],
                seen_version=form.cleaned_data.get("version"),
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "Đã lưu nội dung chỉ tiêu.")
            return redirect("plans:target_detail", pk=target.pk)
    target.refresh_from_db()
    return _target_form_page(request, form, plan=target.plan, target=target, status=400)


@login_required
@require_POST
def target_delete(request, pk):
    target = selectors.target_get(actor=request.user, pk=pk)
    plan = target.plan
    if not policies.can_manage_targets(request.user, plan):
        raise PermissionDenied
    try:
        target_services.target_delete(actor=request.user, target=target)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("plans:target_detail", pk=target.pk)
    messages.success(request, f"Đã xóa chỉ tiêu “{target.text[:80]}”.")
    return redirect("plans:plan_detail", pk=plan.pk)


@login_required
@require_safe
def target_detail(request, pk):
    return _target_page(request, selectors.target_get(actor=request.user, pk=pk))


@login_required
@require_POST
def target_confirm(request, pk):
    target = selectors.target_get(actor=request.user, pk=pk)
    if not policies.can_manage_targets(request.user, target.plan):
        raise PermissionDenied
    units = {u.pk: u for u in selectors.responsible_choices(plan=target.plan)}
    form = TargetConfirmForm(request.POST, units=units.values())
    if form.is_valid():
        d = form.cleaned_data
        try:
            target_services.target_confirm(
                actor=request.user,
                target=target,
                comparator=d["comparator"],
                value=d["value"],
                value_unit=d["value_unit"],
                responsible=units.get(d["responsible"]),
                seen_version=d.get("version"),
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "Đã xác nhận chỉ tiêu.")
            return redirect("plans:target_detail", pk=target.pk)
    messages.error(request, "Chưa xác nhận được chỉ tiêu: xem lỗi ở biểu mẫu bên dưới.")
    return _target_page(request, target, confirm_form=form, status=400)


@login_required
@require_POST
def target_measure(request, pk):
    target = selectors.target_get(actor=request.user, pk=pk)
    if not policies.can_record_measure(request.user, target):
        raise PermissionDenied
    form = MeasureForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            measure = target_services.target_measure_record(
                actor=request.user,
                target=target,
                period_label=d["period_label"],
                period_end=d["period_end"],
                value=d["value"],
                achieved=d["achieved"],
                note=d["note"],
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            verdict = "đạt" if measure.achieved else "không đạt"
            messages.success(request, f"Đã ghi kết quả {measure.period_label}: {verdict}.")
            return redirect("plans:target_detail", pk=target.pk)
    messages.error(request, "Chưa ghi được kết quả: xem lỗi ở biểu mẫu bên dưới.")
    return _target_page(request, target, measure_form=form, status=400)


# --- Reminders ----------------------------------------------------------------------------------------------


@login_required
@require_safe
def reminder_list_moved(request):
    """The reminders are in the inbox of every notification now; the old address (with its filters) leads there."""
    query = request.META.get("QUERY_STRING", "")
    return redirect(reverse("notifications:inbox") + (f"?{query}" if query else ""), permanent=True)
