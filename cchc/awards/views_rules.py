"""Pages of the award rules (/khen-thuong/): the award cycle at a glance, the programmes with their rules as
sentences, the rule files with their YAML, loading and correcting a rule file, the published JSON schema.
Thin: parse, load through a selector (404 outside the scope), check the policy (403), call one service."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from cchc.awards import forms_rules, policies, selectors_rules, services_rules
from cchc.awards.choices import ProgrammeKind, Subject
from cchc.awards.models import Programme, RuleFile
from cchc.awards.rules import schema
from cchc.awards.rules.catalogue import catalogue
from cchc.core import listing
from cchc.core.errors import DomainError
from cchc.core.forms import add_domain_error
from cchc.core.scope import scope_for
from cchc.orgs.choices import LEVEL_KINDS
from cchc.orgs.models import Unit

KIND_TONES = {"annual": "primary", "period_end": "success", "ad_hoc": "warning"}


@login_required
@require_safe
def home(request):
    context = selectors_rules.awards_home(actor=request.user)
    return render(
        request,
        "awards/home.html",
        {
            **context,
            "can_create_file": policies.can_create_rule_file(request.user),
            "can_record": policies.can_record_some_fact(request.user),
        },
    )


# --- Programmes -----------------------------------------------------------------------------------------------


def _level_choices(request) -> list[tuple[str, str]]:
    units = (
        Unit.objects.filter(pk__in=Programme.objects.visible_to(request.user).values("unit"))
        .order_by("path")
        .values_list("pk", "name")
    )
    return [(str(pk), name) for pk, name in units]


def _document_choices(request) -> list[tuple[str, str]]:
    rows = (
        RuleFile.objects.visible_to(request.user)
        .exclude(document_number="")
        .order_by("document_number")
        .values_list("document_number", flat=True)
        .distinct()
    )
    return [(n, n) for n in rows]


def _form_choices(request) -> list[tuple[str, str]]:
    codes = (
        Programme.objects.visible_to(request.user)
        .order_by("form")
        .values_list("form", flat=True)
        .distinct()
    )
    return [(c, selectors_rules.form_name(c)) for c in codes]


def _active_filter(qs, value):
    return qs.filter(is_active=value == "1")


PROGRAMME_SPEC = listing.ListSpec(
    title="Chương trình khen thưởng",
    columns=[
        listing.Column("name", "Tên chương trình", sort="name"),
        listing.Column("kind", "Loại", accessor="get_kind_display", sort="kind"),
        listing.Column("subject", "Đối tượng", accessor="get_subject_display", sort="subject"),
        listing.Column("form", "Hình thức", accessor=lambda p: selectors_rules.form_name(p.form)),
        listing.Column("unit", "Cấp tổ chức xét", accessor="unit.name", sort="unit__path"),
        listing.Column(
            "document",
            "Văn bản",
            accessor="rule_file.document_number",
            sort="rule_file__document_number",
        ),
        listing.Column("source", "Căn cứ", sort="source"),
        listing.Column("is_active", "Đang áp dụng", sort="is_active"),
        listing.Column("code", "Mã", sort="code"),
    ],
    filters=[
        listing.Filter("level", "Cấp", choices=_level_choices, lookup="unit_id"),
        listing.Filter("kind", "Loại", choices=ProgrammeKind.choices),
        listing.Filter("subject", "Đối tượng", choices=Subject.choices),
        listing.Filter(
            "document", "Văn bản", choices=_document_choices, lookup="rule_file__document_number"
        ),
        listing.Filter("form", "Hình thức", choices=_form_choices),
        listing.Filter(
            "active",
            "Áp dụng",
            choices=[("1", "Đang áp dụng"), ("0", "Ngừng")],
            apply=_active_filter,
        ),
    ],
    default_sort="unit",
    export_name="chuong-trinh-khen-thuong",
    search_placeholder="Tên, mã chương trình, số văn bản",
)


@login_required
@require_safe
def programme_list(request):
    qs = selectors_rules.programme_list(actor=request.user)
    return listing.respond(
        request,
        PROGRAMME_SPEC,
        qs,
        "awards/programme_list.html",
        {"tones": KIND_TONES, "form_names": catalogue().names()},
    )


@login_required
@require_safe
def programme_detail(request, pk: int):
    programme = selectors_rules.programme_get(actor=request.user, pk=pk)
    view = selectors_rules.programme_view(programme)
    return render(
        request,
        "awards/programme_detail.html",
        {
            "programme": programme,
            "view": view,
            "tones": KIND_TONES,
            "can_edit": policies.can_edit_programme(request.user, programme),
            "can_check": policies.can_check_standard(request.user, programme),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def programme_edit(request, pk: int):
    programme = selectors_rules.programme_get(actor=request.user, pk=pk)
    if not policies.can_edit_programme(request.user, programme):
        raise PermissionDenied
    initial = {"name": programme.name, "is_active": programme.is_active}
    form = forms_rules.ProgrammeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services_rules.programme_update(
                actor=request.user,
                programme=programme,
                name=form.cleaned_data["name"],
                is_active=form.cleaned_data["is_active"],
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "Đã lưu chương trình.")
            return redirect("awards:programme_detail", pk=programme.pk)
    return render(request, "awards/programme_form.html", {"form": form, "programme": programme})


# --- Rule files -----------------------------------------------------------------------------------------------


@login_required
@require_safe
def rule_file_list(request):
    files = selectors_rules.rule_file_list(actor=request.user)
    return render(
        request,
        "awards/rule_file_list.html",
        {"files": files, "can_create": policies.can_create_rule_file(request.user)},
    )


@login_required
@require_safe
def rule_file_detail(request, pk: int):
    rule_file = selectors_rules.rule_file_get(actor=request.user, pk=pk)
    return render(
        request,
        "awards/rule_file_detail.html",
        {
            "rule_file": rule_file,
            "programmes": rule_file.programmes.all(),
            "conflicts": selectors_rules.rule_file_conflicts(rule_file),
            "can_edit": policies.can_edit_rule_file(request.user, rule_file.unit),
        },
    )


def _choice_field(form, name: str) -> forms.ChoiceField:
    return cast(forms.ChoiceField, form.fields[name])


def _unit_choices(user) -> list[tuple[int, str]]:
    """The levels whose standing agency the user is (every level for an administrator)."""
    levels = Unit.objects.filter(kind__in=LEVEL_KINDS).order_by("path")
    if not scope_for(user).is_admin:
        levels = levels.filter(pk__in=policies.standing_levels(user))
    return [(u.pk, u.name) for u in levels]


def _save_form(request, form, *, rule_file: RuleFile | None, units: dict[int, Unit]):
    """Validate the form, call the service; returns the saved file or None with the errors on the form."""
    if not form.is_valid():
        return None, []
    unit = rule_file.unit if rule_file else units.get(form.cleaned_data["unit"])
    if unit is None:
        form.add_error("unit", "Cấp ban hành không hợp lệ.")
        return None, []
    try:
        saved = services_rules.rule_file_save(
            actor=request.user,
            unit=unit,
            text=form.cleaned_data["text"],
            rule_file=rule_file,
            version=_version(request),
            source_path=form.cleaned_data.get(
                "source_path", rule_file.source_path if rule_file else ""
            ),
        )
    except DomainError as exc:
        if exc.rows:
            form.add_error(
                "text", f"Tệp quy định có {len(exc.rows)} lỗi (xem bảng bên trên), chưa lưu gì."
            )
        else:
            add_domain_error(form, exc)
        return None, exc.rows
    return saved, []


def _version(request) -> int | None:
    """The version of the rule file the editor opened (carried by the page)."""
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else None


@login_required
@require_http_methods(["GET", "POST"])
def rule_file_create(request):
    if not policies.can_create_rule_file(request.user):
        raise PermissionDenied
    choices = _unit_choices(request.user)
    units = Unit.objects.in_bulk([pk for pk, _ in choices])
    form = forms_rules.RuleFileForm(request.POST or None, request.FILES or None)
    _choice_field(form, "unit").choices = choices
    rows: list = []
    if request.method == "POST":
        saved, rows = _save_form(request, form, rule_file=None, units=units)
        if saved is not None:
            messages.success(request, f"Đã nạp tệp quy định {saved.file_id}.")
            return redirect("awards:rule_file_detail", pk=saved.pk)
    return render(request, "awards/rule_file_form.html", {"form": form, "rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def rule_file_edit(request, pk: int):
    rule_file = selectors_rules.rule_file_get(actor=request.user, pk=pk)
    if not policies.can_edit_rule_file(request.user, rule_file.unit):
        raise PermissionDenied
    initial = {"unit": rule_file.unit_id, "text": rule_file.text}
    form = forms_rules.RuleFileForm(request.POST or None, request.FILES or None, initial=initial)
    _choice_field(form, "unit").choices = [(rule_file.unit_id, rule_file.unit.name)]
    form.fields["unit"].disabled = True
    rows: list = []
    if request.method == "POST":
        saved, rows = _save_form(request, form, rule_file=rule_file, units={})
        if saved is not None:
            messages.success(request, f"Đã lưu tệp quy định (phiên bản {saved.version}).")
            return redirect("awards:rule_file_detail", pk=saved.pk)
    return render(
        request,
        "awards/rule_file_form.html",
        {
            "form": form,
            "rows": rows,
            "rule_file": rule_file,
            "version": request.POST.get("version") or rule_file.version,
        },
    )


@login_required
@require_safe
def rule_file_schema(request):
    """The JSON Schema of rule files, published for editors and tools."""
    response = HttpResponse(
        schema.json_schema_text(), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="programme.schema.json"'
    return response
