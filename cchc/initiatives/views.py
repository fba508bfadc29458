"""Pages of initiatives (/sang-kien/): the register, an initiative, its form, scoring, decisions, councils and
the counts. Thin: parse, load through a selector (404 outside the scope), check the policy (403), call one
service, redirect or render."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from cchc.accounts.models import Grant
from cchc.core import audit, dates, listing, page_actions
from cchc.core.errors import DomainError
from cchc.core.forms import add_domain_error
from cchc.core.scope import scope_for
from cchc.core.text import fold
from cchc.initiatives import (
    decision_files,
    forms,
    policies,
    scoring,
    selectors,
    services,
    workflows,
)
from cchc.initiatives.choices import (
    LEVEL_ORDER,
    LEVEL_SHORT,
    STATUS_TONES,
    CchcArea,
    InitiativeKind,
    InitiativeLevel,
    InitiativeStatus,
)
from cchc.initiatives.models import CouncilMember, Initiative
from cchc.initiatives.workflows import INITIATIVE_FLOW
from cchc.orgs import panels
from cchc.orgs.models import Person, Unit

# States in which the council's scores mean something to show.
SCORED = {InitiativeStatus.SCORING, InitiativeStatus.RECOGNISED, InitiativeStatus.REFUSED}
# Transitions that need a form (a decision, a reason) rather than a single button.
FORM_TRANSITIONS = {"recognise", "refuse", "record_decision"}


def _unit_filter(qs, value):
    unit = Unit.objects.filter(pk=value).only("path").first() if value.isdigit() else None
    return qs.filter(unit__path__startswith=unit.path) if unit else qs.none()


def _unit_filter_choices(request) -> list[tuple[str, str]]:
    units = (
        Unit.objects.visible_to(request.user)
        .filter(kind__in=selectors.COUNTED_KINDS)
        .order_by("path")
        .values_list("pk", "name")
    )
    return [(str(pk), name) for pk, name in units]


def _years(request) -> list[tuple[str, str]]:
    return [(str(y), str(y)) for y in range(dates.today().year, 2019, -1)]


def _year_filter(qs, value):
    return qs.filter(year=int(value)) if value.isdigit() else qs.none()


LIST_SPEC = listing.ListSpec(
    title="Sổ sáng kiến",
    columns=[
        listing.Column("title", "Tên sáng kiến", sort="title"),
        listing.Column("kind", "Loại", accessor="get_kind_display", sort="kind"),
        listing.Column("unit", "Đơn vị", accessor="unit_label", sort="unit__path"),
        listing.Column("year", "Năm", sort="year,title"),
        listing.Column("area", "Lĩnh vực", accessor="get_area_display", sort="area"),
        listing.Column("authors", "Tác giả", accessor="author_names"),
        listing.Column("status", "Trạng thái", accessor="get_status_display", sort="status"),
        listing.Column("level", "Cấp công nhận", accessor="get_level_display", sort="level"),
        listing.Column("recognised_on", "Ngày công nhận", sort="recognised_on"),
        listing.Column(
            "decision",
            "Quyết định công nhận",
            accessor=lambda i: i.decision.label if i.decision_id else "",
        ),
    ],
    filters=[
        listing.Filter("unit", "Đơn vị", choices=_unit_filter_choices, apply=_unit_filter),
        listing.Filter("year", "Năm", choices=_years, apply=_year_filter),
        listing.Filter("level", "Cấp công nhận", choices=InitiativeLevel.choices),
        listing.Filter("status", "Trạng thái", choices=InitiativeStatus.choices),
        listing.Filter("area", "Lĩnh vực", choices=CchcArea.choices),
        listing.Filter("kind", "Loại", choices=InitiativeKind.choices),
    ],
    default_sort="-year",
    export_name="so-sang-kien",
    search_placeholder="Tên sáng kiến, tác giả, đơn vị",
)


def _can_draft_some(user) -> bool:
    return bool(scope_for(user).roles() & policies.UNIT_ROLES)


@login_required
@require_safe
def initiative_list(request):
    qs = selectors.initiative_list(actor=request.user)
    return listing.respond(
        request,
        LIST_SPEC,
        qs,
        "initiatives/initiative_list.html",
        {"can_create": _can_draft_some(request.user), "tones": STATUS_TONES},
    )


# --- Create and edit ------------------------------------------------------------------------------------------


def _person_choices(user) -> list[tuple[Any, str]]:
    rows = selectors.person_choices(actor=user)
    return [("", "— Chọn cá nhân —")] + [
        (p.pk, f"{p.full_name} – {p.position + ', ' if p.position else ''}{p.unit.name}")
        for p in rows
    ]


def _council_choices(user) -> list[tuple[Any, str]]:
    """Councils the user can see; the service checks that the chosen one takes the chosen unit's initiatives
    (its own level or one above)."""
    rows = selectors.council_list(actor=user).filter(is_active=True).order_by("unit__path", "name")
    return [("", "— Chưa chọn —")] + [
        (
            c.pk,
            f"{c.name} ({c.get_level_display().lower()})"
            + (" – cơ quan bên ngoài" if c.is_external else ""),
        )
        for c in rows
    ]


def _form_setup(request, form, formset, units: list[Unit]) -> None:
    form.fields["unit"].choices = [(u.pk, ("— " * u.depth) + u.name) for u in units]
    form.fields["council"].choices = _council_choices(request.user)
    people = _person_choices(request.user)
    for f in formset.forms:
        f.fields["person"].choices = people


def _authors_from(form, formset) -> list[services.AuthorInput]:
    authors: list[services.AuthorInput] = []
    if form.cleaned_data.get("collective"):
        authors.append(services.AuthorInput())
    ids = [
        f.cleaned_data.get("person")
        for f in formset.forms
        if f.cleaned_data.get("person") and not f.cleaned_data.get("DELETE")
    ]
    people = Person.objects.in_bulk(ids)
    for f in formset.forms:
        d = f.cleaned_data
        if d.get("person") and not d.get("DELETE"):
            authors.append(
                services.AuthorInput(person=people.get(d["person"]), share=d.get("share"))
            )
    return [a for a in authors if a.person is not None or a.share is None]


def _fields_from(form, units_by_id: dict[int, Unit], user) -> dict[str, Any] | None:
    d = form.cleaned_data
    unit = units_by_id.get(d["unit"])
    if unit is None:
        form.add_error("unit", "Đơn vị không hợp lệ.")
        return None
    council = None
    if d.get("council"):
        council = next(
            (c for c in selectors.council_choices(actor=user, unit=unit) if c.pk == d["council"]),
            None,
        )
        if council is None:
            form.add_error("council", f"Hội đồng này không xét sáng kiến của {unit.name}.")
            return None
    return dict(
        unit=unit,
        year=d["year"],
        kind=d["kind"],
        area=d["area"],
        title=d["title"],
        description=d["description"],
        novelty=d["novelty"],
        applied_since=d["applied_since"],
        effect=d["effect"],
        effect_scope=d["effect_scope"],
        council=council,
    )


def _form_page(request, form, formset, **context):
    return render(
        request,
        "initiatives/initiative_form.html",
        {"form": form, "formset": formset, **context},
    )


@login_required
def initiative_create(request):
    units = selectors.unit_choices(actor=request.user)
    if not units:
        raise PermissionDenied
    initial = {"year": dates.today().year, "unit": units[0].pk}
    form = forms.InitiativeForm(request.POST or None, initial=initial)
    formset = forms.AuthorFormSet(request.POST or None, prefix="authors")
    _form_setup(request, form, formset, units)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        fields = _fields_from(form, {u.pk: u for u in units}, request.user)
        if fields is not None:
            try:
                initiative = services.initiative_create(
                    actor=request.user, authors=_authors_from(form, formset), **fields
                )
            except DomainError as exc:
                add_domain_error(form, exc)
            else:
                messages.success(request, f"Đã tạo sáng kiến “{initiative.title}”.")
                return redirect("initiatives:initiative_detail", pk=initiative.pk)
    return _form_page(request, form, formset, title="Thêm sáng kiến")


@login_required
def initiative_edit(request, pk):
    initiative = selectors.initiative_get(actor=request.user, pk=pk)
    if not policies.can_edit_initiative(request.user, initiative):
        raise PermissionDenied
    units = selectors.unit_choices(actor=request.user)
    authors = list(initiative.authors.all())
    initial = {
        "unit": initiative.unit_id,
        "year": initiative.year,
        "kind": initiative.kind,
        "area": initiative.area,
        "title": initiative.title,
        "description": initiative.description,
        "novelty": initiative.novelty,
        "applied_since": dates.fmt(initiative.applied_since),
        "effect": initiative.effect,
        "effect_scope": initiative.effect_scope,
        "council": initiative.council_id,
        "collective": any(a.person_id is None for a in authors),
    }
    rows = [
        {"person": a.person_id, "share": scoring.number(a.share)} for a in authors if a.person_id
    ]
    form = forms.InitiativeForm(request.POST or None, initial=initial)
    formset = forms.AuthorFormSet(request.POST or None, prefix="authors", initial=rows)
    _form_setup(request, form, formset, units)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        fields = _fields_from(form, {u.pk: u for u in units}, request.user)
        if fields is not None:
            try:
                services.initiative_update(
                    actor=request.user,
                    initiative=initiative,
                    authors=_authors_from(form, formset),
                    **fields,
                )
            except DomainError as exc:
                add_domain_error(form, exc)
            else:
                messages.success(request, "Đã lưu thay đổi.")
                return redirect("initiatives:initiative_detail", pk=initiative.pk)
    return _form_page(
        request, form, formset, title=f"Sửa sáng kiến “{initiative.title}”", initiative=initiative
    )


# --- An initiative --------------------------------------------------------------------------------------------


def _verdict_for(initiative: Initiative):
    council = initiative.council
    if council is None or council.is_external:
        return None
    return selectors.initiative_verdict(initiative=initiative)


@login_required
@require_safe
def initiative_detail(request, pk):
    initiative = selectors.initiative_get(actor=request.user, pk=pk)
    verdict = _verdict_for(initiative) if initiative.status == InitiativeStatus.SCORING else None
    options = (
        INITIATIVE_FLOW.options(request.user, initiative, verdict=verdict)
        if verdict
        else (INITIATIVE_FLOW.options(request.user, initiative))
    )
    seat = policies.seat_of(request.user, initiative.council)
    history = list(selectors.initiative_history(initiative=initiative))
    return render(
        request,
        "initiatives/initiative_detail.html",
        {
            "initiative": initiative,
            "authors": list(initiative.authors.all()),
            "files": list(initiative.files.all()),
            "options": options,
            "form_transitions": FORM_TRANSITIONS,
            "table": (
                selectors.score_table(actor=request.user, initiative=initiative)
                if initiative.status in SCORED
                else None
            ),
            "seat": seat,
            "my_points": (
                selectors.member_points(initiative=initiative, member=seat) if seat else {}
            ),
            "can_score": seat is not None and initiative.status == InitiativeStatus.SCORING,
            "can_edit": policies.can_edit_initiative(request.user, initiative),
            "history": [(e, audit.action_label(e.action)) for e in history],
            "attach_form": forms.AttachForm(),
            "tones": STATUS_TONES,
            "panels": panels.collect(panels.INITIATIVE, user=request.user, obj=initiative),
        },
    )


def _move(request, pk: Any, name: str, call, done: str):
    initiative = selectors.initiative_get(actor=request.user, pk=pk)
    return page_actions.move(
        request,
        initiative,
        flow=INITIATIVE_FLOW,
        name=name,
        call=call,
        done=done,
        back=lambda i: redirect("initiatives:initiative_detail", pk=i.pk),
    )


@login_required
@require_POST
def initiative_submit(request, pk):
    return _move(
        request,
        pk,
        "submit",
        lambda i: services.initiative_submit(actor=request.user, initiative=i),
        "Đã gửi sáng kiến tới Hội đồng.",
    )


@login_required
@require_POST
def initiative_open_scoring(request, pk):
    return _move(
        request,
        pk,
        "open_scoring",
        lambda i: services.initiative_open_scoring(actor=request.user, initiative=i),
        "Đã mở chấm điểm; các thành viên Hội đồng được thông báo.",
    )


@login_required
@require_POST
def initiative_return(request, pk):
    form = forms.ReasonForm(request.POST)
    reason = form.cleaned_data.get("reason", "") if form.is_valid() else ""
    return _move(
        request,
        pk,
        "return",
        lambda i: services.initiative_return(actor=request.user, initiative=i, reason=reason),
        "Đã trả lại sáng kiến để đơn vị hoàn thiện.",
    )


@login_required
def initiative_recognise(request, pk):
    initiative = selectors.initiative_get(actor=request.user, pk=pk)
    if not policies.can_decide_initiative(request.user, initiative):
        raise PermissionDenied
    verdict = _verdict_for(initiative)
    council = initiative.council
    initial = {"decided_on": dates.fmt(dates.today())}
    form = forms.DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.initiative_recognise(
                actor=request.user,
                initiative=initiative,
                number=d["number"],
                decided_on=d["decided_on"],
                signer=d["signer"],
                signer_title=d["signer_title"],
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(
                request,
                f"Đã công nhận sáng kiến {initiative.get_level_display().lower()}; "
                f"{initiative.decision.label if initiative.decision else 'quyết định'} "
                "đã vào sổ văn bản.",
            )
            return redirect("initiatives:initiative_detail", pk=initiative.pk)
    guard = (
        workflows.may_recognise(initiative, verdict=verdict)
        if initiative.status == InitiativeStatus.SCORING
        else f"Sáng kiến đang ở trạng thái “{initiative.get_status_display()}”."
    )
    return render(
        request,
        "initiatives/decision_form.html",
        {
            "initiative": initiative,
            "form": form,
            "verdict": verdict,
            "refused_reason": guard,
            "title": "Công nhận sáng kiến",
            "issuer": services.issuer_name(council.unit) if council else "",
        },
    )


@login_required
def initiative_refuse(request, pk):
    initiative = selectors.initiative_get(actor=request.user, pk=pk)
    if not policies.can_decide_initiative(request.user, initiative):
        raise PermissionDenied
    verdict = _verdict_for(initiative)
    form = forms.ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_refuse(
                actor=request.user, initiative=initiative, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "Đã ghi nhận: sáng kiến không được công nhận.")
            return redirect("initiatives:initiative_detail", pk=initiative.pk)
    guard = (
        workflows.may_refuse(initiative, verdict=verdict)
        if initiative.status == InitiativeStatus.SCORING
        else f"Sáng kiến đang ở trạng thái “{initiative.get_status_display()}”."
    )
    return render(
        request,
        "initiatives/refuse_form.html",
        {"initiative": initiative, "form": form, "verdict": verdict, "refused_reason": guard},
    )


@login_required
def initiative_record_decision(request, pk):
    initiative = selectors.initiative_get(actor=request.user, pk=pk)
    if not policies.can_record_decision(request.user, initiative):
        raise PermissionDenied
    outside = [
        c
        for c in selectors.council_choices(actor=request.user, unit=initiative.unit)
        if c.is_external
    ]
    initial = {
        "council": initiative.council_id
        if initiative.council and initiative.council.is_external
        else None
    }
    form = forms.OutsideDecisionForm(request.POST or None, initial=initial)
    form.fields["council"].choices = [("", "— Không có trong danh mục —")] + [
        (c.pk, f"{c.name} ({c.get_level_display().lower()})") for c in outside
    ]
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        council = next((c for c in outside if c.pk == d.get("council")), None)
        try:
            services.initiative_record_decision(
                actor=request.user,
                initiative=initiative,
                council=council,
                body=d["body"],
                level=d["level"],
                number=d["number"],
                decided_on=d["decided_on"],
                signer=d["signer"],
                signer_title=d["signer_title"],
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "Đã ghi nhận quyết định công nhận sáng kiến.")
            return redirect("initiatives:initiative_detail", pk=initiative.pk)
    option = next(
        (
            o
            for o in INITIATIVE_FLOW.options(request.user, initiative)
            if o.name == "record_decision"
        ),
        None,
    )
    refused = (
        option.reason
        if option
        else f"Sáng kiến đang ở trạng thái “{initiative.get_status_display()}”."
    )
    return render(
        request,
        "initiatives/outside_decision_form.html",
        {"initiative": initiative, "form": form, "refused_reason": refused},
    )


@login_required
def initiative_score(request, pk):
    initiative = selectors.initiative_get(actor=request.user, pk=pk)
    seat = policies.seat_of(request.user, initiative.council)
    if seat is None or not policies.can_score_initiative(request.user, initiative):
        raise PermissionDenied
    council = seat.council
    criteria = list(council.criteria.order_by("order", "id"))
    values = {
        c.pk: (str(v).replace(".", ","))
        for c in criteria
        for cid, v in selectors.member_points(initiative=initiative, member=seat).items()
        if cid == c.pk
    }
    errors: list[str] = []
    open_ = initiative.status == InitiativeStatus.SCORING
    if request.method == "POST":
        values = {c.pk: request.POST.get(f"c{c.pk}", "").strip() for c in criteria}
        try:
            services.initiative_score(
                actor=request.user,
                initiative=initiative,
                points={cid: v or None for cid, v in values.items()},
            )
        except DomainError as exc:
            errors = exc.rows or [exc.message]
        else:
            messages.success(request, "Đã lưu phiếu chấm điểm của bạn.")
            return redirect("initiatives:initiative_detail", pk=initiative.pk)
    total = Decimal(0)
    rows = []
    for c in criteria:
        text = values.get(c.pk, "")
        rows.append((c, text))
        try:
            total += Decimal(str(text).replace(",", ".")) if text else 0
        except ArithmeticError:
            pass
    return render(
        request,
        "initiatives/score_form.html",
        {
            "initiative": initiative,
            "seat": seat,
            "council": council,
            "rows": rows,
            "errors": errors,
            "is_open": open_,
            "max_total": sum((c.max_points for c in criteria), Decimal(0)),
            "total": total,
            "authors": list(initiative.authors.all()),
            "files": list(initiative.files.all()),
        },
    )


@login_required
@require_POST
def initiative_attach(request, pk):
    initiative = selectors.initiative_get(actor=request.user, pk=pk)
    if not policies.can_edit_initiative(request.user, initiative):
        raise PermissionDenied
    form = forms.AttachForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.initiative_attach(
                actor=request.user, initiative=initiative, upload=form.cleaned_data["file"]
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "Đã thêm minh chứng.")
    else:
        messages.error(request, "Chưa chọn tệp minh chứng.")
    return redirect("initiatives:initiative_detail", pk=initiative.pk)


@login_required
@require_safe
def initiative_file(request, file_id):
    f = selectors.initiative_file_get(actor=request.user, pk=file_id)
    try:
        handle = f.file.open("rb")
    except FileNotFoundError:
        raise Http404("Tệp không còn trên máy chủ.")
    return FileResponse(handle, as_attachment=True, filename=f.name)


@login_required
@require_POST
def initiative_file_remove(request, file_id):
    f = selectors.initiative_file_get(actor=request.user, pk=file_id)
    if not policies.can_edit_initiative(request.user, f.initiative):
        raise PermissionDenied
    try:
        services.initiative_detach(actor=request.user, file=f)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã gỡ minh chứng.")
    return redirect("initiatives:initiative_detail", pk=f.initiative_id)


@login_required
@require_safe
def initiative_decision_docx(request, pk):
    """The Word draft of the recognition decision (Nghị định 30/2020/NĐ-CP layout)."""
    initiative = selectors.initiative_get(actor=request.user, pk=pk)
    council = initiative.council
    if council is None or council.is_external:
        raise Http404("Sáng kiến không do Hội đồng trong hệ thống xét.")
    if not policies.can_see_scores(request.user, initiative):
        raise PermissionDenied
    verdict = _verdict_for(initiative)
    data = decision_files.recognition_docx(
        initiative=initiative,
        authors=list(initiative.authors.all()),
        verdict=verdict,
        issuer=services.issuer_name(council.unit),
    )
    return decision_files.response(data, f"du-thao-quyet-dinh-cong-nhan-sang-kien-{initiative.pk}")


# --- Counts ---------------------------------------------------------------------------------------------------


def _int_param(request, key: str, default: int | None) -> int | None:
    text = request.GET.get(key, "").strip()
    if not text:
        return default
    if not text.isdigit():
        raise DomainError(f"“{text}” không phải là năm.", field=key)
    return int(text)


def count_params(request) -> dict[str, Any]:
    """Period, level and grouping of the counts page from the query string (Vietnamese errors)."""
    year = dates.today().year
    start = _int_param(request, "from", None)
    end = _int_param(request, "to", None)
    start, end = start or end or year, end or start or year
    level = request.GET.get("level", "").strip() or None
    selectors.check_years(start, end)
    selectors.check_level(level)
    by = request.GET.get("by", "unit").strip() or "unit"
    if by not in ("unit", "person"):
        raise DomainError(
            "Chọn thống kê theo đơn vị (unit) hoặc theo cá nhân (person).", field="by"
        )
    need = _int_param(request, "need", None)
    return {"start": start, "end": end, "level": level, "by": by, "need": need}


def _level_label(level: str | None) -> str:
    return f"từ {InitiativeLevel(level).label.lower()} trở lên" if level else "mọi cấp"


def _count_rows(request, params) -> tuple[list[str], list[list[Any]], list[Any]]:
    """Headers, cells and the underlying rows of the counts table (units or people)."""
    level_heads = [LEVEL_SHORT[lv] for lv in LEVEL_ORDER]
    need = params["need"]
    if params["by"] == "person":
        rows: list[Any] = selectors.person_counts(
            actor=request.user,
            start_year=params["start"],
            end_year=params["end"],
            min_level=params["level"],
        )
        headers = ["Cá nhân", "Đơn vị", "Sáng kiến được công nhận", *level_heads]
        cells = [[r.person, r.unit, r.count, *(r.by_level[lv] for lv in LEVEL_ORDER)] for r in rows]
    else:
        rows = selectors.unit_counts(
            actor=request.user,
            start_year=params["start"],
            end_year=params["end"],
            min_level=params["level"],
        )
        headers = ["Đơn vị", "Sáng kiến được công nhận", *level_heads]
        cells = [[r.unit, r.count, *(r.by_level[lv] for lv in LEVEL_ORDER)] for r in rows]
    if need:
        headers.append(f"Đạt từ {need} sáng kiến")
        for cell, row in zip(cells, rows, strict=True):
            cell.append("Đạt" if row.count >= need else "Chưa đạt")
    return headers, cells, rows


COUNT_SORTS: dict[str, Any] = {
    "count": lambda r: (-r.count, fold(getattr(r, "person", None) or r.unit)),
    "name": lambda r: (fold(getattr(r, "person", None) or r.unit), -r.count),
}


@login_required
@require_safe
def counts(request):
    error = ""
    try:
        params = count_params(request)
    except DomainError as exc:
        error = exc.message
        year = dates.today().year
        params = {"start": year, "end": year, "level": None, "by": "unit", "need": None}
    headers, cells, rows = _count_rows(request, params)
    period = (
        str(params["start"])
        if params["start"] == params["end"]
        else f"{params['start']} – {params['end']}"
    )
    title = f"Sáng kiến được công nhận {_level_label(params['level'])}, {period}"
    q = request.GET.get("q", "").strip()
    pairs = list(zip(rows, cells, strict=True))
    if q:
        words = fold(q).split()
        pairs = [
            p for p in pairs if all(w in fold(" ".join(str(c) for c in p[1][:2])) for w in words)
        ]
    sort = request.GET.get("sort", "count")
    pairs.sort(key=lambda p: COUNT_SORTS.get(sort, COUNT_SORTS["count"])(p[0]))
    if request.GET.get("export") == "xlsx":
        return listing.xlsx_response(
            "Thống kê sáng kiến",
            headers,
            [c for _, c in pairs],
            f"thong-ke-sang-kien-{params['by']}",
        )
    page = Paginator(pairs, 50).get_page(request.GET.get("page"))
    chart = selectors.yearly_level_counts(
        actor=request.user,
        start_year=params["start"],
        end_year=params["end"],
        min_level=params["level"],
    )
    need = params["need"]
    passing = sum(1 for r, _ in pairs if need and r.count >= need)
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("export", None)
    return render(
        request,
        "initiatives/counts.html",
        {
            "params": params,
            "error": error,
            "title": title,
            "headers": headers,
            "page": page,
            "total_rows": len(pairs),
            "passing": passing,
            "q": q,
            "sort": sort,
            "levels": InitiativeLevel.choices,
            "query": query.urlencode(),
            "chart": _chart(chart),
            "years": list(
                range(
                    max(dates.today().year + 4, params["end"]), min(2020, params["start"]) - 1, -1
                )
            ),
            "total": sum(sum(v.values()) for v in chart.values()),
        },
    )


LEVEL_COLOURS = {
    "unit": "#adb5bd",
    "commune": "#0d6efd",
    "district": "#6f42c1",
    "city": "#198754",
    "ministry": "#fd7e14",
    "national": "#dc3545",
}


def _chart(table: dict[int, dict[str, int]]) -> dict:
    """A stacked bar chart of recognised initiatives by year and level (Chart.js config)."""
    years = sorted(table)
    datasets = [
        {
            "label": InitiativeLevel(lv).label,
            "data": [table[y][lv] for y in years],
            "backgroundColor": LEVEL_COLOURS[lv],
            "stack": "levels",
        }
        for lv in LEVEL_ORDER
        if any(table[y][lv] for y in years)
    ]
    return {
        "type": "bar",
        "data": {"labels": [str(y) for y in years], "datasets": datasets},
        "options": {
            "responsive": True,
            "maintainAspectRatio": False,
            "plugins": {
                "title": {"display": True, "text": "Sáng kiến được công nhận theo năm và cấp"},
                "legend": {"position": "bottom"},
            },
            "scales": {
                "x": {"stacked": True},
                "y": {"stacked": True, "beginAtZero": True, "ticks": {"precision": 0}},
            },
        },
    }


# --- Councils -------------------------------------------------------------------------------------------------


COUNCIL_SPEC = listing.ListSpec(
    title="Hội đồng sáng kiến",
    columns=[
        listing.Column("name", "Tên Hội đồng", sort="name"),
        listing.Column("unit", "Cấp (đơn vị)", accessor="unit.name", sort="unit__path"),
        listing.Column("level", "Cấp công nhận", accessor="get_level_display", sort="level"),
        listing.Column("is_external", "Bên ngoài", sort="is_external"),
        listing.Column("member_count", "Thành viên", sort="member_count"),
        listing.Column("criterion_count", "Tiêu chí", sort="criterion_count"),
        listing.Column(
            "threshold",
            "Ngưỡng",
            accessor=lambda c: float(c.threshold) if c.threshold is not None else None,
            sort="threshold",
        ),
        listing.Column("waiting_count", "Chờ xét", sort="waiting_count"),
    ],
    filters=[
        listing.Filter("level", "Cấp công nhận", choices=InitiativeLevel.choices),
        listing.Filter(
            "external",
            "Loại",
            choices=[("0", "Chấm điểm trong hệ thống"), ("1", "Cơ quan bên ngoài")],
            apply=lambda qs, v: qs.filter(is_external=v == "1") if v in ("0", "1") else qs,
        ),
    ],
    default_sort="unit",
    export_name="hoi-dong-sang-kien",
    search_placeholder="Tên Hội đồng, đơn vị",
)


def _council_units(user) -> list[Unit]:
    return [
        u
        for u in Unit.objects.visible_to(user)
        .filter(kind__in=selectors.COUNTED_KINDS, is_active=True)
        .order_by("path")
        if policies.can_create_council(user, u)
    ]


@login_required
@require_safe
def council_list(request):
    return listing.respond(
        request,
        COUNCIL_SPEC,
        selectors.council_list(actor=request.user),
        "initiatives/council_list.html",
        {"can_create": bool(scope_for(request.user).roles() & policies.STANDING_ROLES)},
    )


@login_required
@require_safe
def council_detail(request, pk):
    council = selectors.council_get(actor=request.user, pk=pk)
    members = list(council.members.all())
    queue = list(selectors.council_queue(actor=request.user, council=council))
    seat = policies.seat_of(request.user, council)
    scored = (
        selectors.scored_by(member=seat, initiative_ids=[i.pk for i in queue]) if seat else set()
    )
    can_manage = policies.can_manage_council(request.user, council)
    return render(
        request,
        "initiatives/council_detail.html",
        {
            "council": council,
            "members": members,
            "criteria": list(council.criteria.all()),
            "queue": queue,
            "decided": list(selectors.council_decided(actor=request.user, council=council)[:50]),
            "seat": seat,
            "scored": scored,
            "can_manage": can_manage,
            "member_form": _member_form(council)
            if can_manage and not council.is_external
            else None,
            "max_total": sum((c.max_points for c in council.criteria.all()), Decimal(0)),
            "tones": STATUS_TONES,
        },
    )


def _member_form(council, data=None):
    form = forms.MemberForm(data)
    seated = set(council.members.values_list("user_id", flat=True))
    users = (
        get_user_model()
        .objects.filter(
            is_active=True,
            pk__in=Grant.objects.filter(unit__path__startswith=council.unit.path).values("user_id"),
        )
        .exclude(pk__in=seated)
        .order_by("last_name", "first_name", "username")
    )
    form.fields["user"].choices = [
        (u.pk, f"{u.get_full_name() or u.username} ({u.username})") for u in users
    ]
    return form


def _council_form(request, units, initial=None):
    form = forms.CouncilForm(request.POST or None, initial=initial)
    form.fields["unit"].choices = [(u.pk, u.name) for u in units]
    return form


@login_required
def council_create(request):
    units = _council_units(request.user)
    if not units:
        raise PermissionDenied
    form = _council_form(request, units, initial={"level": "commune"})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        unit = next((u for u in units if u.pk == d["unit"]), None)
        try:
            if unit is None:
                raise DomainError("Đơn vị không hợp lệ.", field="unit")
            council = services.council_create(
                actor=request.user,
                unit=unit,
                name=d["name"],
                level=d["level"],
                is_external=d["is_external"],
                quorum=d["quorum"],
                note=d["note"],
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, f"Đã lập {council.name}.")
            return redirect("initiatives:council_detail", pk=council.pk)
    return render(
        request, "initiatives/council_form.html", {"form": form, "title": "Lập Hội đồng sáng kiến"}
    )


@login_required
def council_edit(request, pk):
    council = selectors.council_get(actor=request.user, pk=pk)
    if not policies.can_manage_council(request.user, council):
        raise PermissionDenied
    initial = {
        "unit": council.unit_id,
        "name": council.name,
        "level": council.level,
        "is_external": council.is_external,
        "quorum": council.quorum,
        "note": council.note,
    }
    form = _council_form(request, [council.unit], initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.council_update(
                actor=request.user,
                council=council,
                name=d["name"],
                level=d["level"],
                is_external=d["is_external"],
                quorum=d["quorum"],
                note=d["note"],
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "Đã lưu thay đổi.")
            return redirect("initiatives:council_detail", pk=council.pk)
    return render(
        request,
        "initiatives/council_form.html",
        {"form": form, "title": f"Sửa {council.name}", "council": council},
    )


@login_required
def council_sheet(request, pk):
    council = selectors.council_get(actor=request.user, pk=pk)
    if not policies.can_manage_council(request.user, council):
        raise PermissionDenied
    rows = [
        {"name": c.name, "max_points": scoring.number(c.max_points), "guide": c.guide}
        for c in council.criteria.all()
    ]
    threshold = scoring.number(council.threshold) if council.threshold is not None else ""
    form = forms.SheetForm(request.POST or None, initial={"threshold": threshold})
    formset = forms.CriterionFormSet(request.POST or None, prefix="criteria", initial=rows)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        criteria = [
            services.CriterionInput(
                name=f.cleaned_data["name"],
                max_points=f.cleaned_data["max_points"],
                guide=f.cleaned_data.get("guide", ""),
            )
            for f in formset.forms
            if f.cleaned_data.get("name") and not f.cleaned_data.get("DELETE")
        ]
        try:
            services.council_sheet_set(
                actor=request.user,
                council=council,
                criteria=criteria,
                threshold=form.cleaned_data["threshold"],
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "Đã công bố phiếu chấm điểm.")
            return redirect("initiatives:council_detail", pk=council.pk)
    return render(
        request,
        "initiatives/council_sheet.html",
        {
            "council": council,
            "form": form,
            "formset": formset,
            "scored": selectors.sheet_used(council=council),
        },
    )


@login_required
@require_POST
def council_member_add(request, pk):
    council = selectors.council_get(actor=request.user, pk=pk)
    if not policies.can_manage_council(request.user, council):
        raise PermissionDenied
    form = _member_form(council, request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            member = services.council_member_add(
                actor=request.user,
                council=council,
                user=get_user_model().objects.get(pk=d["user"]),
                role=d["role"],
                position=d["position"],
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Đã thêm {member.display_name} vào Hội đồng.")
    else:
        messages.error(request, "Chọn tài khoản và vai trò của thành viên.")
    return redirect("initiatives:council_detail", pk=council.pk)


@login_required
@require_POST
def council_member_remove(request, pk, member_id):
    council = selectors.council_get(actor=request.user, pk=pk)
    if not policies.can_manage_council(request.user, council):
        raise PermissionDenied
    member = (
        CouncilMember.objects.filter(council=council, pk=member_id).select_related("user").first()
    )
    if member is None:
        raise Http404("Không tìm thấy thành viên.")
    try:
        services.council_member_remove(actor=request.user, member=member)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã bớt {member.display_name} khỏi Hội đồng.")
    return redirect("initiatives:council_detail", pk=council.pk)
