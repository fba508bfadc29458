"""Pages of the organisation registry: thin views over selectors and services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from cchc.core import listing, uploads
from cchc.core.errors import DomainError
from cchc.core.forms import add_domain_error
from cchc.orgs import forms, panels, policies, selectors, services
from cchc.orgs.choices import RANKED_KINDS, BlocCode, EmploymentKind, Gender, UnitKind
from cchc.orgs.models import Bloc, BlocMembership, UnitAlias


def _current_year(request) -> int:
    value = request.GET.get("year", "")
    return (
        int(value)
        if value.isdigit() and 1990 <= int(value) <= 2100
        else selectors.current_bloc_year()
    )


def _bloc_filter(qs, value):
    """Units in the bloc in the current year."""
    members = BlocMembership.objects.filter(bloc__code=value, year=selectors.current_bloc_year())
    return qs.filter(pk__in=members.values("unit_id"))


UNIT_SPEC = listing.ListSpec(
    title="Danh sách đơn vị",
    columns=[
        listing.Column("name", "Tên đơn vị", sort="name"),
        listing.Column("short_name", "Tên ngắn", sort="short_name"),
        listing.Column("kind", "Loại", accessor="get_kind_display", sort="kind"),
        listing.Column("parent", "Cấp trên", accessor="parent.name", sort="parent__name"),
        listing.Column("code", "Mã", sort="code"),
        listing.Column("is_active", "Đang hoạt động", sort="is_active"),
    ],
    filters=[
        listing.Filter("kind", "Loại đơn vị", choices=UnitKind.choices),
        listing.Filter(
            "bloc", "Khối thi đua (năm nay)", choices=BlocCode.choices, apply=_bloc_filter
        ),
        listing.Filter(
            "active",
            "Trạng thái",
            choices=[("1", "Đang hoạt động"), ("0", "Đã giải thể/sáp nhập")],
            apply=lambda qs, v: qs.filter(is_active=(v == "1")),
        ),
    ],
    default_sort="name",
    export_name="don-vi",
    search_placeholder="Tên, mã hoặc tên gọi khác",
)


@login_required
@require_safe
def unit_list(request):
    qs = selectors.unit_list(actor=request.user)
    if listing.wants_export(request):
        return listing.export(UNIT_SPEC, qs, request)
    page = listing.paginate(UNIT_SPEC, qs, request)
    return render(
        request,
        "orgs/unit_list.html",
        {
            "listing": page,
            "can_import_units": policies.can_import_units(request.user),
            "can_import_people": policies.can_import_people(request.user),
        },
    )


@login_required
@require_safe
def unit_tree(request):
    """The organisation as a tree for users over many units: the top of the user's scope, opened level by level
    (children grouped by kind when there are many), or the units matching a search with their path."""
    q = request.GET.get("q", "").strip()[:200]
    context = {"q": q, "roots": [], "results": [], "total": 0}
    if q:
        context["results"], context["total"] = selectors.tree_search(actor=request.user, q=q)
    else:
        roots = selectors.tree_roots(actor=request.user)
        context["roots"] = [
            {"unit": r, "children": selectors.tree_children(actor=request.user, unit=r)}
            for r in roots[:50]
        ]
    return render(request, "orgs/unit_tree.html", context)


@login_required
@require_safe
def unit_tree_children(request, pk):
    """One level of the tree (htmx): a unit's children, or those of one kind when `kind` is given."""
    unit = selectors.unit_get(actor=request.user, pk=pk)
    kind = request.GET.get("kind", "")
    if kind:
        if kind not in UnitKind.values:
            raise Http404
        children = {
            "units": selectors.tree_group(actor=request.user, unit=unit, kind=kind),
            "groups": [],
        }
    else:
        children = selectors.tree_children(actor=request.user, unit=unit)
    return render(request, "orgs/_tree_nodes.html", {"parent": unit, "children": children})


CHILDREN_SPEC = listing.ListSpec(
    title="Đơn vị trực thuộc",
    columns=[
        listing.Column("name", "Tên đơn vị", sort="name"),
        listing.Column("kind", "Loại", accessor="get_kind_display", sort="kind"),
        listing.Column("people_count", "Số người", sort="people_count"),
    ],
    filters=[listing.Filter("kind", "Loại đơn vị", choices=UnitKind.choices)],
    default_sort="name",
    page_size=20,
    export_name="don-vi-truc-thuoc",
    search_placeholder="Tên, mã hoặc tên gọi khác",
)


@login_required
@require_safe
def unit_detail(request, pk):
    unit = selectors.unit_get(actor=request.user, pk=pk)
    children = selectors.unit_children(unit=unit)
    if listing.wants_export(request):
        return listing.export(CHILDREN_SPEC, children, request)
    year = _current_year(request)
    people = selectors.person_list(actor=request.user, unit=unit).filter(unit=unit)
    can_manage = policies.can_manage_unit(request.user, unit)
    ancestors = selectors.unit_ancestors(unit=unit)
    for ancestor in ancestors:
        ancestor.linkable = policies.can_view_unit(request.user, ancestor)
    return render(
        request,
        "orgs/unit_detail.html",
        {
            "unit": unit,
            "ancestors": ancestors,
            "listing": listing.paginate(CHILDREN_SPEC, children, request),
            "people": people,
            "aliases": selectors.unit_aliases(unit=unit),
            "bloc": selectors.unit_bloc(unit=unit, year=year),
            "year": year,
            "standing_agency": selectors.standing_agency_of(level=unit),
            "can_manage": can_manage,
            "can_add_child": policies.can_create_unit_under(request.user, unit),
            "can_manage_people": policies.can_manage_people(request.user, unit),
            "can_edit_aliases": policies.can_edit_aliases(request.user, unit),
            "can_set_bloc": policies.can_manage_blocs(request.user) and unit.kind in RANKED_KINDS,
            "blocs": selectors.bloc_list() if policies.can_manage_blocs(request.user) else [],
            "deactivate_form": forms.DeactivateForm()
            if can_manage and unit.is_active and unit.parent_id
            else None,
            "panels": panels.collect(panels.UNIT, user=request.user, obj=unit),
        },
    )


@login_required
@require_POST
def unit_deactivate(request, pk):
    unit = selectors.unit_get(actor=request.user, pk=pk)
    if not policies.can_manage_unit(request.user, unit):
        raise PermissionDenied
    form = forms.DeactivateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Ngày giải thể/sáp nhập không hợp lệ (dd/mm/yyyy).")
        return redirect("orgs:unit_detail", pk=unit.pk)
    merged_into = None
    code = form.cleaned_data["merged_into"].strip()
    if code:
        merged_into = selectors.unit_list(actor=request.user).filter(code=code).first()
        if merged_into is None:
            messages.error(request, f"Không tìm thấy đơn vị có mã “{code}” trong phạm vi của bạn.")
            return redirect("orgs:unit_detail", pk=unit.pk)
    try:
        services.unit_deactivate(
            actor=request.user, unit=unit, on=form.cleaned_data["on"], merged_into=merged_into
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã ghi nhận giải thể/sáp nhập “{unit.name}”.")
    return redirect("orgs:unit_detail", pk=unit.pk)


@login_required
@require_POST
def unit_bloc_set(request, pk):
    unit = selectors.unit_get(actor=request.user, pk=pk)
    if not policies.can_manage_blocs(request.user):
        raise PermissionDenied
    year = request.POST.get("year", "")
    code = request.POST.get("bloc", "")
    bloc = Bloc.objects.filter(code=code).first() if code else None
    if not year.isdigit() or (code and bloc is None):
        messages.error(request, "Năm hoặc khối thi đua không hợp lệ.")
        return redirect("orgs:unit_detail", pk=unit.pk)
    try:
        services.bloc_membership_set(actor=request.user, unit=unit, bloc=bloc, year=int(year))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        label = bloc.name if bloc else "không thuộc khối nào"
        messages.success(request, f"Năm {year}: {unit.name} – {label}.")
    return redirect(reverse("orgs:unit_detail", args=[unit.pk]) + f"?year={year}")


@login_required
def unit_create(request, pk):
    parent = selectors.unit_get(actor=request.user, pk=pk)
    if not policies.can_create_unit_under(request.user, parent):
        raise PermissionDenied
    form = forms.UnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            unit = services.unit_create(
                actor=request.user,
                parent=parent,
                name=d["name"],
                kind=d["kind"],
                short_name=d["short_name"],
                code=d["code"],
                aliases=[a for a in d["aliases"].splitlines() if a.strip()],
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, f"Đã thêm đơn vị “{unit.name}”.")
            return redirect("orgs:unit_detail", pk=unit.pk)
    return render(
        request,
        "orgs/unit_form.html",
        {"form": form, "parent": parent, "title": f"Thêm đơn vị thuộc {parent.name}"},
    )


@login_required
def unit_edit(request, pk):
    unit = selectors.unit_get(actor=request.user, pk=pk)
    if not policies.can_manage_unit(request.user, unit):
        raise PermissionDenied
    initial = {
        "name": unit.name,
        "short_name": unit.short_name,
        "kind": unit.kind,
        "code": unit.code,
        "version": unit.version,
    }
    form = forms.UnitForm(request.POST or None, initial=initial)
    form.fields.pop("aliases")
    if request.method == "POST" and form.is_valid():
        try:
            changes = dict(form.cleaned_data)
            seen = changes.pop("version", None)
            services.unit_update(actor=request.user, unit=unit, seen_version=seen, **changes)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "Đã lưu thay đổi.")
            return redirect("orgs:unit_detail", pk=unit.pk)
    return render(
        request,
        "orgs/unit_form.html",
        {"form": form, "unit": unit, "title": f"Sửa đơn vị {unit.name}"},
    )


@login_required
@require_POST
def alias_add(request, pk):
    unit = selectors.unit_get(actor=request.user, pk=pk)
    if not policies.can_edit_aliases(request.user, unit):
        raise PermissionDenied
    form = forms.AliasForm(request.POST)
    if form.is_valid():
        try:
            services.alias_add(actor=request.user, unit=unit, name=form.cleaned_data["name"])
            messages.success(request, "Đã thêm tên gọi khác.")
        except DomainError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, "Tên gọi khác không được để trống.")
    return redirect("orgs:unit_detail", pk=unit.pk)


@login_required
@require_POST
def alias_remove(request, pk, alias_id):
    unit = selectors.unit_get(actor=request.user, pk=pk)
    alias = UnitAlias.objects.filter(unit=unit, pk=alias_id).first()
    if alias is None:
        raise Http404
    if not policies.can_edit_aliases(request.user, unit):
        raise PermissionDenied
    try:
        services.alias_remove(actor=request.user, alias=alias)
        messages.success(request, f"Đã xóa tên gọi “{alias.name}”.")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("orgs:unit_detail", pk=unit.pk)


PERSON_SPEC = listing.ListSpec(
    title="Danh sách cá nhân",
    columns=[
        listing.Column("full_name", "Họ và tên", sort="full_name"),
        listing.Column("gender", "Giới tính", accessor="get_gender_display", sort="gender"),
        listing.Column("birth_year", "Năm sinh", sort="birth_year"),
        listing.Column("position", "Chức vụ", sort="position"),
        listing.Column(
            "employment_kind",
            "Loại cán bộ",
            accessor="get_employment_kind_display",
            sort="employment_kind",
        ),
        listing.Column("unit", "Đơn vị", accessor="unit.name", sort="unit__name"),
    ],
    filters=[
        listing.Filter("employment_kind", "Loại cán bộ", choices=EmploymentKind.choices),
        listing.Filter("gender", "Giới tính", choices=Gender.choices),
        listing.Filter(
            "active",
            "Trạng thái",
            choices=[("1", "Đang công tác"), ("0", "Đã nghỉ")],
            apply=lambda qs, v: qs.filter(is_active=(v == "1")),
        ),
    ],
    default_sort="full_name",
    export_name="ca-nhan",
    search_placeholder="Họ tên hoặc chức vụ",
)


@login_required
@require_safe
def person_list(request):
    qs = selectors.person_list(actor=request.user)
    can_import = policies.can_import_people(request.user)
    return listing.respond(
        request, PERSON_SPEC, qs, "orgs/person_list.html", {"can_import_people": can_import}
    )


@login_required
@require_safe
def person_detail(request, pk):
    person = selectors.person_get(actor=request.user, pk=pk)
    return render(
        request,
        "orgs/person_detail.html",
        {
            "person": person,
            "moves": selectors.person_moves(person=person),
            "can_manage": policies.can_manage_people(request.user, person.unit),
            "panels": panels.collect(panels.PERSON, user=request.user, obj=person),
        },
    )


@login_required
def person_create(request, pk):
    unit = selectors.unit_get(actor=request.user, pk=pk)
    if not policies.can_manage_people(request.user, unit):
        raise PermissionDenied
    form = forms.PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(actor=request.user, unit=unit, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, f"Đã thêm {person.full_name}.")
            return redirect("orgs:unit_detail", pk=unit.pk)
    return render(
        request,
        "orgs/person_form.html",
        {"form": form, "unit": unit, "title": f"Thêm cá nhân – {unit.name}"},
    )


@login_required
def person_edit(request, pk):
    person = selectors.person_get(actor=request.user, pk=pk)
    if not policies.can_manage_people(request.user, person.unit):
        raise PermissionDenied
    initial = {
        f: getattr(person, f)
        for f in ["full_name", "gender", "birth_year", "position", "employment_kind"]
    }
    form = forms.PersonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(actor=request.user, person=person, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "Đã lưu thay đổi.")
            return redirect("orgs:person_detail", pk=person.pk)
    return render(
        request,
        "orgs/person_form.html",
        {"form": form, "unit": person.unit, "title": f"Sửa thông tin {person.full_name}"},
    )


@login_required
def person_move(request, pk):
    person = selectors.person_get(actor=request.user, pk=pk)
    if not policies.can_manage_people(request.user, person.unit):
        raise PermissionDenied
    targets = [
        u
        for u in selectors.unit_list(actor=request.user).order_by("path")
        if policies.can_manage_people(request.user, u)
    ]
    form = forms.MoveForm(request.POST or None)
    form.fields["to_unit"].widget.choices = [(u.pk, ("— " * u.depth) + u.name) for u in targets]
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        to_unit = next((u for u in targets if u.pk == d["to_unit"]), None)
        if to_unit is None:
            form.add_error("to_unit", "Đơn vị đến không hợp lệ.")
        else:
            try:
                services.person_move(
                    actor=request.user,
                    person=person,
                    to_unit=to_unit,
                    on=d["moved_on"],
                    note=d["note"],
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, f"Đã chuyển {person.full_name} sang {to_unit.name}.")
                return redirect("orgs:person_detail", pk=person.pk)
    return render(
        request,
        "orgs/person_form.html",
        {"form": form, "unit": person.unit, "title": f"Chuyển công tác – {person.full_name}"},
    )


@login_required
@require_safe
def bloc_list(request):
    year = _current_year(request)
    blocs = []
    for bloc in selectors.bloc_list():
        blocs.append(
            {
                "bloc": bloc,
                "count": selectors.bloc_members(actor=request.user, bloc=bloc, year=year).count(),
            }
        )
    return render(
        request,
        "orgs/bloc_list.html",
        {"blocs": blocs, "year": year, "years": selectors.bloc_years()},
    )


BLOC_MEMBER_SPEC = listing.ListSpec(
    title="Thành viên khối thi đua",
    columns=[
        listing.Column("unit", "Đơn vị", accessor="unit.name", sort="unit__name"),
        listing.Column(
            "short_name", "Tên ngắn", accessor="unit.short_name", sort="unit__short_name"
        ),
        listing.Column("kind", "Loại", accessor="unit.get_kind_display", sort="unit__kind"),
        listing.Column("code", "Mã", accessor="unit.code", sort="unit__code"),
        listing.Column("year", "Năm", sort="year"),
    ],
    filters=[
        listing.Filter(
            "kind",
            "Loại đơn vị",
            choices=[
                (k, UnitKind(k).label)
                for k in (
                    UnitKind.DEPARTMENT,
                    UnitKind.WARD,
                    UnitKind.COMMUNE,
                    UnitKind.SPECIAL_ZONE,
                )
            ],
            lookup="unit__kind",
        ),
    ],
    default_sort="unit",
    page_size=50,
    export_name="khoi-thi-dua",
    search_field="unit__search_text",
    search_placeholder="Tên đơn vị",
)


@login_required
@require_safe
def bloc_detail(request, code):
    bloc = selectors.bloc_list().filter(code=code).first()
    if bloc is None:
        raise Http404
    year = _current_year(request)
    members = selectors.bloc_members(actor=request.user, bloc=bloc, year=year)
    context = {"bloc": bloc, "year": year, "years": selectors.bloc_years()}
    return listing.respond(
        request, BLOC_MEMBER_SPEC, members, "orgs/bloc_detail.html", context, keep=("year",)
    )


IMPORTS = {
    "don-vi": (
        "Nhập danh sách đơn vị",
        services.units_import_preview,
        services.units_import,
        services.UNIT_COLUMNS,
        policies.can_import_units,
    ),
    "ca-nhan": (
        "Nhập danh sách cá nhân",
        services.people_import_preview,
        services.people_import,
        services.PERSON_COLUMNS,
        policies.can_import_people,
    ),
}


def _import_kind(request, what):
    """The import named in the URL, or 404 when it does not exist or the user may not import."""
    if what not in IMPORTS:
        raise Http404
    if not IMPORTS[what][4](request.user):
        raise PermissionDenied
    return IMPORTS[what][:4]


@login_required
def import_upload(request, what):
    title, preview_fn, _, columns = _import_kind(request, what)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    preview = token = None
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data["file"]
        data = f.read()
        preview = preview_fn(actor=request.user, filename=f.name, data=data)
        if preview.ok:
            token = uploads.stash(request, kind=f"orgs-{what}", filename=f.name, data=data)
    return render(
        request,
        "orgs/import.html",
        {
            "form": form,
            "title": title,
            "what": what,
            "preview": preview,
            "token": token,
            "columns": [v[0] for v in columns.values()],
        },
    )


@login_required
@require_POST
def import_confirm(request, what):
    title, _, commit_fn, _ = _import_kind(request, what)
    stashed = uploads.take(request, kind=f"orgs-{what}", token=request.POST.get("token", ""))
    if stashed is None:
        messages.error(request, "Phiên nhập đã hết hạn, vui lòng tải tệp lên lại.")
        return redirect("orgs:import_upload", what=what)
    filename, data = stashed
    try:
        created = commit_fn(actor=request.user, filename=filename, data=data)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("orgs:import_upload", what=what)
    messages.success(request, f"Đã nhập {len(created)} dòng từ tệp {filename}.")
    return redirect("orgs:unit_list" if what == "don-vi" else "orgs:person_list")


@login_required
@require_safe
def import_template(request, what):
    title, _, _, columns = _import_kind(request, what)
    headers = [v[0] for v in columns.values()]
    return listing.xlsx_response(title, headers, [], f"mau-{what}")
