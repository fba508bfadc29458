"""Pages of award decisions (/khen-thuong/quyet-dinh/…): the list with the rounds ready for a decision, drafting
the chairman's decision and the upward proposal, a decision with its annex, signing, recording the higher
decision, revoking an award, the Word files and the fund's Excel. Thin: parse, load through a selector (404
outside the scope), check the policy (403), call one service, redirect or render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from cchc.awards import files_decisions as files
from cchc.awards import forms_decisions as forms
from cchc.awards import money
from cchc.awards import policies_decisions as policies
from cchc.awards import selectors_decisions as selectors
from cchc.awards import services_decisions as services
from cchc.awards.choices import DecisionKind, DecisionStatus
from cchc.awards.models import Decision, Programme
from cchc.awards.rules import powers
from cchc.awards.workflows_decisions import DECISION_FLOW
from cchc.core import dates, params
from cchc.core.errors import DomainError
from cchc.core.forms import add_domain_error
from cchc.orgs.models import Unit


@login_required
@require_safe
def decision_list(request):
    """The decisions the user reads, and the rounds of the user's levels with nominees waiting for a decision."""
    year = params.page_int(request, "year", minimum=params.MIN_YEAR, maximum=params.MAX_YEAR)
    decisions = list(selectors.decision_list(actor=request.user, year=year))
    programmes = selectors.programmes_for(actor=request.user)
    return render(
        request,
        "awards/decision_list.html",
        {
            "decisions": decisions,
            "year": year,
            "can_draft": bool(programmes),
            "waiting": selectors.rounds_waiting(programmes=programmes),
            "levels": selectors.levels_for(
                actor=request.user, roles=policies.STANDING_ROLES | policies.SIGNING_ROLES
            ),
            "this_year": dates.today().year,
        },
    )


def _round_preview(programme: Programme | None, year: int | None) -> dict[str, Any]:
    """The recommended nominees of a round split into this level's and the higher level's, with their money."""
    if programme is None or not year:
        return {}
    own, up = selectors.split_by_power(
        selectors.recommended(programme=programme, year=year), level=programme.unit
    )
    table = selectors.salary_table()
    today = dates.today()

    def rows(nominations):
        return [
            {
                "name": n.name,
                "unit": selectors.nominee_unit_name(n),
                "subject": n.get_subject_display(),
                "status": n.get_status_display(),
                "form": powers.form_name(selectors.effective_form(n)),
                "conferred_by": powers.conferred_by_text(selectors.effective_form(n)),
                "amount": money.vnd(
                    money.award_amount(
                        form_code=selectors.effective_form(n),
                        subject=n.subject,
                        day=today,
                        table=table,
                    )
                ),
            }
            for n in nominations
        ]

    return {"own": rows(own), "up": rows(up), "previewed": True}


def _round_form(request, form_class, *, template: str, title: str, create):
    programmes = selectors.programmes_for(actor=request.user)
    if not programmes:
        raise PermissionDenied
    data = request.POST if request.method == "POST" else (request.GET or None)
    form = form_class(data, programmes=programmes, initial={"year": dates.today().year - 1})
    preview: dict[str, Any] = {}
    if data is not None and form.is_valid():
        programme = next(p for p in programmes if p.pk == form.cleaned_data["programme"])
        preview = _round_preview(programme, form.cleaned_data["year"])
        if request.method == "POST":
            try:
                decision = create(programme, form.cleaned_data)
            except DomainError as exc:
                add_domain_error(form, exc)
            else:
                return redirect("awards:decision_detail", pk=decision.pk)
    return render(request, template, {"form": form, "preview": preview, "title": title})


@login_required
def decision_draft(request):
    """The standing agency drafts the chairman's decision of a round (GET previews the nominees)."""

    def create(programme, d):
        decision = services.decision_draft(
            actor=request.user,
            programme=programme,
            year=d["year"],
            fund_source=d["fund_source"],
            signer_title=d["signer_title"],
            submission_number=d["submission_number"],
            submission_date=d["submission_date"],
        )
        messages.success(request, "Đã lập dự thảo quyết định khen thưởng.")
        return decision

    return _round_form(
        request,
        forms.DraftForm,
        template="awards/decision_draft.html",
        title="Lập dự thảo quyết định khen thưởng",
        create=create,
    )


@login_required
def decision_propose(request):
    """The standing agency proposes upward the forms its level cannot confer (a submission to the higher level)."""

    def create(programme, d):
        decision = services.proposal_create(
            actor=request.user,
            programme=programme,
            year=d["year"],
            submission_number=d["submission_number"],
            submission_date=d["submission_date"],
        )
        messages.success(request, "Đã lập tờ trình đề nghị cấp trên khen thưởng.")
        return decision

    return _round_form(
        request,
        forms.ProposeForm,
        template="awards/decision_draft.html",
        title="Trình cấp trên khen thưởng",
        create=create,
    )


def _detail_context(request, decision: Decision, **forms_given) -> dict[str, Any]:
    rows = selectors.annex_rows(decision=decision, day=dates.today())
    awards = (
        selectors.decision_awards(decision=decision)
        if decision.status == DecisionStatus.SIGNED
        else []
    )
    options = DECISION_FLOW.options(request.user, decision)
    can_sign = any(o.name == "sign" for o in options)
    can_record = any(o.name == "record" for o in options)
    base = money.base_salary_on(decision.signed_on or dates.today(), selectors.salary_table())
    return {
        "decision": decision,
        "rows": rows,
        "total": money.vnd(selectors.total_amount(rows)),
        "base_salary": money.vnd(base),
        "awards": [
            {
                "award": a,
                "amount": money.vnd(a.amount),
                "form": powers.form_name(a.form),
                "can_revoke": policies.can_revoke_award(request.user, a),
            }
            for a in awards
        ],
        "options": options,
        "sign_form": forms_given.get("sign_form")
        or (forms.SignForm(initial={"signer_title": decision.signer_title}) if can_sign else None),
        "record_form": forms_given.get("record_form")
        or (forms.RecordForm(initial={"issuer": decision.issuer}) if can_record else None),
        "revoke_form": forms_given.get("revoke_form") or forms.RevokeForm(),
        "blank_revoke_form": forms.RevokeForm(),
        "revoke_award": forms_given.get("revoke_award"),
        "is_higher": decision.kind == DecisionKind.HIGHER,
    }


@login_required
@require_safe
def decision_detail(request, pk):
    decision = selectors.decision_get(actor=request.user, pk=pk)
    return render(request, "awards/decision_detail.html", _detail_context(request, decision))


@login_required
@require_POST
def decision_sign(request, pk):
    """The leader signs the decision: number, date, name; the awards are created and the decision registered."""
    decision = selectors.decision_get(actor=request.user, pk=pk)
    if not policies.can_sign_decision(request.user, decision):
        raise PermissionDenied
    form = forms.SignForm(request.POST)
    if form.is_valid():
        try:
            services.decision_sign(actor=request.user, decision=decision, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, f"Đã ký ban hành Quyết định số {decision.number}.")
            return redirect("awards:decision_detail", pk=decision.pk)
    decision.refresh_from_db()
    return render(
        request, "awards/decision_detail.html", _detail_context(request, decision, sign_form=form)
    )


@login_required
@require_POST
def decision_record(request, pk):
    """The standing agency records the higher level's decision on its proposal."""
    decision = selectors.decision_get(actor=request.user, pk=pk)
    if not policies.can_record_higher(request.user, decision):
        raise PermissionDenied
    form = forms.RecordForm(request.POST)
    if form.is_valid():
        try:
            services.higher_record(actor=request.user, decision=decision, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, f"Đã ghi nhận Quyết định số {decision.number} của cấp trên.")
            return redirect("awards:decision_detail", pk=decision.pk)
    decision.refresh_from_db()
    return render(
        request,
        "awards/decision_detail.html",
        _detail_context(request, decision, record_form=form),
    )


@login_required
@require_POST
def award_revoke(request, pk):
    """Revoke one award: the reason and the revoking decision; the award stays in the registry, marked revoked."""
    award = selectors.award_get(actor=request.user, pk=pk)
    if award.decision is None:
        raise Http404
    if not policies.can_revoke_award(request.user, award):
        raise PermissionDenied
    form = forms.RevokeForm(request.POST)
    if form.is_valid():
        try:
            services.award_revoke(actor=request.user, award=award, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(
                request, f"Đã ghi nhận việc thu hồi khen thưởng của {award.recipient}."
            )
            return redirect("awards:decision_detail", pk=award.decision_id)
    decision = selectors.decision_get(actor=request.user, pk=award.decision_id)
    return render(
        request,
        "awards/decision_detail.html",
        _detail_context(request, decision, revoke_form=form, revoke_award=award.pk),
    )


@login_required
@require_safe
def decision_docx(request, pk):
    """The decision as a Nghị định 30/2020 Word file (a draft dated today until signed)."""
    decision = selectors.decision_get(actor=request.user, pk=pk)
    data = files.decision_docx(decision, day=dates.today())
    return files.docx_response(data, f"quyet-dinh-khen-thuong-{decision.pk}")


@login_required
@require_safe
def decision_submission_docx(request, pk):
    """The submission (Tờ trình) to the higher level of a proposal."""
    decision = selectors.decision_get(actor=request.user, pk=pk)
    if decision.kind != DecisionKind.HIGHER:
        raise Http404("Quyết định này không có tờ trình cấp trên.")
    data = files.submission_docx(decision, day=dates.today())
    return files.docx_response(data, f"to-trinh-khen-thuong-{decision.pk}")


@login_required
@require_safe
def fund_xlsx(request):
    """The fund's spending of a level in a year (Excel): ?level=<id>&year=YYYY."""
    levels = selectors.levels_for(
        actor=request.user, roles=policies.STANDING_ROLES | policies.SIGNING_ROLES
    )
    level_id = params.page_int(request, "level")
    if level_id is not None:
        level = Unit.objects.filter(pk=level_id).first()
        if level is None or level not in levels:
            raise Http404("Không tìm thấy cấp.")
    elif levels:
        level = levels[0]
    else:
        raise PermissionDenied
    year = params.page_year(request, dates.today().year)
    return files.fund_xlsx(
        level=level, year=year, awards=selectors.fund_awards(level=level, year=year)
    )
