"""The writes on a dossier from its page (POST only): nominees, files, the generated Word files, the moves of
its workflow and the paper dossier recorded by the standing agency. Each parses, loads through the selector
(404 outside the scope), checks the policy (403), calls one service and goes back to the dossier."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from cchc.awards import forms_dossiers as forms
from cchc.awards import policies_dossiers as policies
from cchc.awards import selectors_dossiers as selectors
from cchc.awards import services_dossiers as services
from cchc.awards.models import Dossier
from cchc.awards.workflows_dossiers import DOSSIER_FLOW
from cchc.core import page_actions
from cchc.core.errors import DomainError


def _back(dossier: Dossier):
    return redirect("awards:dossier_detail", pk=dossier.pk)


def _form_error(request, form) -> None:
    """Every error of a refused form, in one message."""
    messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))


def _edit_target(request, pk: Any) -> Dossier:
    dossier = selectors.dossier_get(actor=request.user, pk=pk)
    if not policies.can_edit_dossier(request.user, dossier):
        raise PermissionDenied
    return dossier


def _edit_nomination(request, pk: Any) -> Any:
    """A nominee of a dossier the user may edit (404 outside the scope, 403 otherwise)."""
    nomination = selectors.nomination_get(actor=request.user, pk=pk)
    if not policies.can_edit_dossier(request.user, nomination.dossier):
        raise PermissionDenied
    return nomination


@login_required
@require_POST
def dossier_nominee_add(request, pk):
    dossier = _edit_target(request, pk)
    form = forms.NomineeForm(
        request.POST,
        units=selectors.nominee_units(dossier=dossier),
        persons=selectors.nominee_persons(dossier=dossier),
        initiatives=selectors.nominee_initiatives(dossier=dossier),
    )
    if not form.is_valid():
        _form_error(request, form)
        return _back(dossier)
    data = form.cleaned_data
    unit = (
        selectors.nominee_units(dossier=dossier).filter(pk=data["unit"]).first()
        if data["unit"]
        else None
    )
    person = (
        selectors.nominee_persons(dossier=dossier).filter(pk=data["person"]).first()
        if data["person"]
        else None
    )
    try:
        n = services.nomination_add(
            actor=request.user,
            dossier=dossier,
            unit=unit,
            person=person,
            achievement=data["achievement"],
            initiatives=selectors.nominee_initiatives(dossier=dossier).filter(
                pk__in=data["initiatives"]
            ),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã thêm {n.name} ({n.get_verdict_display().lower()}).")
    return _back(dossier)


@login_required
@require_POST
def dossier_nominee_remove(request, pk):
    nomination = _edit_nomination(request, pk)
    dossier = nomination.dossier
    try:
        services.nomination_remove(actor=request.user, nomination=nomination)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã bỏ {nomination.name} khỏi hồ sơ.")
    return _back(dossier)


@login_required
@require_POST
def dossier_nominee_initiatives(request, pk):
    nomination = _edit_nomination(request, pk)
    dossier = nomination.dossier
    choices = selectors.nominee_initiatives(dossier=dossier)
    form = forms.NomineeInitiativesForm(request.POST, initiatives=choices)
    if not form.is_valid():
        _form_error(request, form)
        return _back(dossier)
    try:
        services.nomination_set_initiatives(
            actor=request.user,
            nomination=nomination,
            initiatives=choices.filter(pk__in=form.cleaned_data["initiatives"]),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã lưu sáng kiến làm thành tích của {nomination.name}.")
    return _back(dossier)


@login_required
@require_POST
def dossier_attach(request, pk):
    dossier = _edit_target(request, pk)
    form = forms.AttachForm(request.POST, request.FILES)
    if not form.is_valid():
        _form_error(request, form)
        return _back(dossier)
    try:
        services.dossier_attach(
            actor=request.user,
            dossier=dossier,
            upload=form.cleaned_data["file"],
            kind=form.cleaned_data["kind"],
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã đính kèm tệp.")
    return _back(dossier)


@login_required
@require_POST
def dossier_file_remove(request, file_id):
    f = selectors.dossier_file_get(actor=request.user, pk=file_id)
    if not policies.can_edit_dossier(request.user, f.dossier):
        raise PermissionDenied
    try:
        services.dossier_file_remove(actor=request.user, file=f)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã xóa tệp {f.name}.")
    return _back(f.dossier)


@login_required
@require_POST
def dossier_generate(request, pk):
    dossier = _edit_target(request, pk)
    try:
        made = services.dossier_generate(actor=request.user, dossier=dossier)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã lập {len(made)} tệp Word (tờ trình, báo cáo thành tích).")
    return _back(dossier)


def _move(request, pk: Any, name: str, call: Callable[[Dossier], Any], done: str):
    dossier = selectors.dossier_get(actor=request.user, pk=pk)
    return page_actions.move(
        request, dossier, flow=DOSSIER_FLOW, name=name, call=call, done=done, back=_back
    )


def _note(request) -> str:
    form = forms.ReasonForm(request.POST)
    return form.cleaned_data["note"] if form.is_valid() else ""


@login_required
@require_POST
def dossier_request_approval(request, pk):
    return _move(
        request,
        pk,
        "request_approval",
        lambda d: services.dossier_request_approval(actor=request.user, dossier=d),
        "Đã trình lãnh đạo phê duyệt; tờ trình và báo cáo thành tích đã được lập.",
    )


@login_required
@require_POST
def dossier_approve(request, pk):
    return _move(
        request,
        pk,
        "approve",
        lambda d: services.dossier_approve(actor=request.user, dossier=d),
        "Đã phê duyệt hồ sơ.",
    )


@login_required
@require_POST
def dossier_return(request, pk):
    return _move(
        request,
        pk,
        "return",
        lambda d: services.dossier_return(actor=request.user, dossier=d, note=_note(request)),
        "Đã trả lại hồ sơ cho cán bộ lập.",
    )


def _submitted(request, dossier: Dossier, result) -> None:
    if result.refused:
        messages.error(request, result.message)
    else:
        messages.success(request, result.message)


@login_required
@require_POST
def dossier_submit(request, pk):
    dossier = selectors.dossier_get(actor=request.user, pk=pk)
    if not DOSSIER_FLOW.transition("submit").allowed(request.user, dossier):
        raise PermissionDenied
    try:
        result = services.dossier_submit(actor=request.user, dossier=dossier)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        _submitted(request, dossier, result)
    return _back(dossier)


@login_required
@require_POST
def dossier_record_paper(request, pk):
    dossier = selectors.dossier_get(actor=request.user, pk=pk)
    if not policies.can_receive_dossier(request.user, dossier):
        raise PermissionDenied
    form = forms.PaperForm(request.POST)
    if not form.is_valid():
        _form_error(request, form)
        return _back(dossier)
    try:
        result = services.dossier_submit(
            actor=request.user,
            dossier=dossier,
            received_on=form.cleaned_data["received_on"],
            accept_late=form.cleaned_data["accept_late"],
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        _submitted(request, dossier, result)
    return _back(dossier)


@login_required
@require_POST
def dossier_receive(request, pk):
    return _move(
        request,
        pk,
        "receive",
        lambda d: services.dossier_receive(actor=request.user, dossier=d),
        "Đã tiếp nhận hồ sơ.",
    )


@login_required
@require_POST
def dossier_send_back(request, pk):
    return _move(
        request,
        pk,
        "send_back",
        lambda d: services.dossier_send_back(actor=request.user, dossier=d, note=_note(request)),
        "Đã trả lại hồ sơ cho đơn vị.",
    )


@login_required
@require_POST
def dossier_reopen(request, pk):
    return _move(
        request,
        pk,
        "reopen",
        lambda d: services.dossier_reopen(actor=request.user, dossier=d),
        "Hồ sơ đã trở lại trạng thái đang lập.",
    )
