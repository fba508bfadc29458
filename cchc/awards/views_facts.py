"""Pages of the fact registers the award rules read (/khen-thuong/du-lieu/…): discipline, yearly evaluations of
people and collectives, spells of direct CCHC work, checks of manual standards. One list, add and edit page per
kind, driven by the descriptions in `fact_kinds`; the writes go through `services_facts`."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from cchc.awards import forms_rules, policies, selectors_rules, services_facts
from cchc.awards.fact_kinds import KINDS, FactKind, person_label, writable_people, writable_units
from cchc.awards.models import ManualCheck
from cchc.core import dates, listing
from cchc.core.errors import DomainError
from cchc.core.forms import add_domain_error


def _kind(slug: str) -> FactKind:
    kind = KINDS.get(slug)
    if kind is None:
        raise Http404("Không có sổ dữ liệu này.")
    return kind


def _can_add(user, kind: FactKind) -> bool:
    if kind.model is ManualCheck:
        return policies.can_check_some_standard(user)
    return policies.can_record_some_fact(user)


def _can_edit(user, kind: FactKind, record) -> bool:
    if kind.model is ManualCheck:
        return policies.can_check_standard(user, record.programme)
    return policies.can_record_fact(user, kind.unit_of(record))


def _set_choices(form: forms.Form, name: str, choices: list) -> None:
    cast(forms.ChoiceField, form.fields[name]).choices = choices


def _setup(request, kind: FactKind, form: forms.Form) -> None:
    fields = form.fields
    user = request.user
    if "person" in fields:
        people = writable_people(user).order_by("unit__path", "full_name")
        _set_choices(
            form, "person", [("", "— Chọn cá nhân —")] + [(p.pk, person_label(p)) for p in people]
        )
    if "unit" in fields:
        units = writable_units(user).order_by("path")
        _set_choices(
            form,
            "unit",
            [("", "— Chọn tập thể —")] + [(u.pk, ("— " * u.depth) + u.name) for u in units],
        )
    if "standard" in fields:
        rows = selectors_rules.checkable_standards(actor=user)
        _set_choices(
            form,
            "standard",
            [("", "— Chọn tiêu chuẩn —")]
            + [(f"{p.pk}|{code}", f"{p.name} — {text}") for p, code, text in rows],
        )
        units = writable_units(user).order_by("path")
        people = writable_people(user).order_by("unit__path", "full_name")
        _set_choices(
            form,
            "candidate",
            [
                ("", "— Chọn —"),
                ("Tập thể", [(f"u:{u.pk}", u.name) for u in units]),
                ("Cá nhân", [(f"p:{p.pk}", person_label(p)) for p in people]),
            ],
        )


@login_required
@require_safe
def fact_home(request):
    return render(
        request,
        "awards/fact_home.html",
        {
            "kinds": [
                (k, selectors_rules.fact_rows(actor=request.user, model=k.model).count())
                for k in KINDS.values()
            ]
        },
    )


@login_required
@require_safe
def fact_list(request, kind: str):
    k = _kind(kind)
    qs = selectors_rules.fact_rows(actor=request.user, model=k.model)
    if listing.wants_export(request):
        return listing.export(k.spec, qs, request)
    page = listing.paginate(k.spec, qs, request)
    cols = [c for c in k.spec.columns if c.key not in page.hidden]
    rows = [
        (obj, [c.value(obj) for c in cols], _can_edit(request.user, k, obj)) for obj in page.rows
    ]
    return render(
        request,
        "awards/fact_list.html",
        {
            "kind": k,
            "kinds": KINDS.values(),
            "listing": page,
            "rows": rows,
            "can_add": _can_add(request.user, k),
        },
    )


def _form_page(request, k: FactKind, record):
    initial = k.initial(record) if record is not None else {"checked_on": dates.today()}
    form = k.form(request.POST or None, initial=initial)
    _setup(request, k, form)
    if request.method == "POST" and form.is_valid():
        try:
            k.save(request, form.cleaned_data, record)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "Đã lưu.")
            return redirect("awards:fact_list", kind=k.slug)
    return render(request, "awards/fact_form.html", {"kind": k, "form": form, "record": record})


@login_required
@require_http_methods(["GET", "POST"])
def fact_create(request, kind: str):
    k = _kind(kind)
    if not _can_add(request.user, k):
        raise PermissionDenied
    return _form_page(request, k, None)


@login_required
@require_http_methods(["GET", "POST"])
def fact_edit(request, kind: str, pk: int):
    k = _kind(kind)
    record = selectors_rules.fact_get(actor=request.user, model=k.model, pk=pk)
    if not _can_edit(request.user, k, record):
        raise PermissionDenied
    return _form_page(request, k, record)


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_import(request):
    """Yearly evaluations from a sheet, all or nothing, each refused row named."""
    if not policies.can_record_some_fact(request.user):
        raise PermissionDenied
    form = forms_rules.ImportForm(request.POST or None, request.FILES or None)
    rows: list = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            count = services_facts.evaluation_import(
                actor=request.user,
                filename=upload.name,
                data=upload.read(),
                people=writable_people(request.user),
            )
        except DomainError as exc:
            add_domain_error(form, exc)
            rows = exc.rows
        else:
            messages.success(request, f"Đã ghi {count} xếp loại.")
            return redirect("awards:fact_list", kind="xep-loai")
    return render(
        request, "awards/fact_import.html", {"form": form, "rows": rows, "kind": KINDS["xep-loai"]}
    )
