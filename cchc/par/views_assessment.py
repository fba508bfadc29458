"""Pages of a unit's assessment: the self-assessment sheet and the responses, the moves of its workflow (sent to
the leader, approved or returned, submitted, reopened), evidence and the system's figures.

Buttons of the moves come from `ASSESSMENT_FLOW.options` through `components/transitions.html`; a move refused
by its policy is 403, by its state or a guard 400 with the reason on the page.
"""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from cchc.core import dates
from cchc.core.errors import DomainError
from cchc.core.htmx import is_htmx
from cchc.par import appraisal_services, assessment_services, forms, policies, selectors
from cchc.par import sheet_selectors as sheets
from cchc.par.choices import AssessmentStatus
from cchc.par.views_common import check_move, error, moves
from cchc.par.workflows import ASSESSMENT_FLOW, SELF_MOVES

# --- The sheet, shared with the appraisal page ------------------------------------------------------------------


def sheet_context(request, a, mode: str) -> dict:
    """The sheet with the values each row shows in `mode`, the system's figures and the progress."""
    sheet = sheets.assessment_sheet(assessment=a)
    sheets.attach_system_figures(sheet, assessment=a, today=dates.today())
    for area in sheet:
        for row in area.rows:
            row.state = forms.row_state(row.answer, mode)
            row.self_state = forms.row_state(row.answer, "self")
    return {"sheet": sheet, "progress": sheets.progress(sheet=sheet)}


def keep_posted(sheet, posted, stale=()) -> None:
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


def posted_rows(request, a, mode: str):
    """{criterion id: Entry} of the rows the user changed, or raises DomainError naming bad numbers."""
    sheet = sheets.assessment_sheet(assessment=a)
    rows = [row for area in sheet for row in area.rows]
    entries, errors = forms.parse_sheet(request.POST, rows, mode)
    if errors:
        raise DomainError("\n".join(errors))
    return entries


SAVERS = {
    "self": assessment_services.self_assessment_save,
    "response": appraisal_services.response_save,
    "appraisal": appraisal_services.appraisal_save,
}


def save_sheet(request, a, mode: str) -> list[str]:
    """Save the rows of the posted sheet through the mode's service; DomainError names what is refused."""
    return SAVERS[mode](actor=request.user, assessment=a, entries=posted_rows(request, a, mode))


def has_sheet(request) -> bool:
    return any(k.startswith("fp_") for k in request.POST)


# --- Self-assessment and responses --------------------------------------------------------------------------


def _mode(user, a) -> str | None:
    if assessment_services.self_edit_error(user, a) is None:
        return "self"
    if appraisal_services.response_error(user, a) is None:
        return "response"
    return None


@login_required
def assessment_detail(request, pk):
    a = selectors.assessment_get(actor=request.user, pk=pk)
    mode = _mode(request.user, a)
    if request.method == "POST":
        if mode is None:
            if not policies.can_edit_self_assessment(request.user, a):
                raise PermissionDenied
            messages.error(
                request,
                assessment_services.self_edit_error(request.user, a) or "Hồ sơ không sửa được.",
            )
            return redirect("par:assessment_detail", pk=a.pk)
        try:
            saved = save_sheet(request, a, mode)
        except DomainError as exc:
            error(request, exc)
            return render_assessment(request, a, posted=request.POST, stale=set(exc.rows))
        what = "giải trình" if mode == "response" else "bản nháp"
        messages.success(request, f"Đã lưu {what} ({len(saved)} tiêu chí thay đổi).")
        return redirect("par:assessment_detail", pk=a.pk)
    return render_assessment(request, a)


def render_assessment(request, a, posted=None, stale=(), status: int = 200):
    user = request.user
    mode = _mode(user, a)
    ctx = sheet_context(request, a, mode or "self")
    keep_posted(ctx["sheet"], posted, stale)
    options = moves(ASSESSMENT_FLOW, user, a, today=dates.today())
    reopen = next((o for o in options if o.name == "reopen"), None)
    return render(
        request,
        "par/assessment_detail.html",
        {
            "a": a,
            "mode": mode,
            "show_appraisal": a.status in (AssessmentStatus.SENT_BACK, AssessmentStatus.FINALISED),
            "lock_reason": assessment_services.self_edit_error(user, a) if mode is None else None,
            "is_staff": policies.can_edit_self_assessment(user, a),
            "can_appraise": policies.can_appraise(user, a),
            "moves": [o for o in options if o.name in SELF_MOVES],
            "reopen": reopen,
            "reopen_form": forms.ReopenForm(initial={"until": dates.today() + timedelta(days=7)}),
            "documents": selectors.evidence_documents(actor=user, unit=a.unit)
            if mode == "self"
            else [],
            "evidence_editable": mode == "self",
            **ctx,
        },
        status=status,
    )


MOVES = {
    "request_approval": (
        assessment_services.assessment_request_approval,
        "Đã trình lãnh đạo phê duyệt hồ sơ tự đánh giá.",
    ),
    "approve": (
        assessment_services.assessment_approve,
        "Đã phê duyệt hồ sơ tự đánh giá; cán bộ của đơn vị nộp hồ sơ cho cơ quan thẩm định.",
    ),
    "return": (
        assessment_services.assessment_return,
        "Đã trả lại hồ sơ tự đánh giá cho cán bộ của đơn vị, kèm lý do.",
    ),
    "submit": (
        assessment_services.assessment_submit,
        "Đã nộp hồ sơ tự đánh giá; hồ sơ chuyển sang chờ thẩm định.",
    ),
}


@login_required
@require_POST
def assessment_move(request, pk, transition):
    """One move of the self-assessment's workflow; a sheet posted with it is saved first."""
    a = selectors.assessment_get(actor=request.user, pk=pk)
    check_move(ASSESSMENT_FLOW, transition, request.user, a)
    service, done = MOVES[transition]
    extra = {"note": request.POST.get("note", "")} if transition == "return" else {}
    if has_sheet(request) and _mode(request.user, a) == "self":
        try:
            saved = save_sheet(request, a, "self")
        except DomainError as exc:
            error(request, exc)
            return render_assessment(
                request, a, posted=request.POST, stale=set(exc.rows), status=400
            )
        if saved:
            messages.info(request, f"Đã lưu bản nháp ({len(saved)} tiêu chí thay đổi).")
    try:
        service(actor=request.user, assessment=a, **extra)
    except DomainError as exc:
        error(request, exc)
        return render_assessment(request, a, status=400)
    messages.success(request, done)
    return redirect("par:assessment_detail", pk=a.pk)


@login_required
@require_POST
def assessment_reopen(request, pk):
    a = selectors.assessment_get(actor=request.user, pk=pk)
    check_move(ASSESSMENT_FLOW, "reopen", request.user, a)
    form = forms.ReopenForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Nhập hạn mới (dd/mm/yyyy).")
        return redirect("par:assessment_detail", pk=a.pk)
    try:
        assessment_services.assessment_reopen(actor=request.user, assessment=a, **form.cleaned_data)
    except DomainError as exc:
        error(request, exc)
        return render_assessment(request, a, status=400)
    messages.success(
        request, f"Đã mở lại hồ sơ của {a.unit.name} đến {dates.fmt(a.self_deadline)}."
    )
    return redirect("par:assessment_detail", pk=a.pk)


# --- Evidence and the system's figures ----------------------------------------------------------------------


def _staff_answer(request, pk, answer_id):
    a = selectors.assessment_get(actor=request.user, pk=pk)
    if not policies.can_edit_self_assessment(request.user, a):
        raise PermissionDenied
    return a, selectors.answer_get(actor=request.user, assessment=a, pk=answer_id)


def _row_url(a, answer_id) -> str:
    return reverse("par:assessment_detail", args=[a.pk]) + f"#row-{answer_id}"


@login_required
@require_POST
def answer_use_measure(request, pk, answer_id):
    a, answer = _staff_answer(request, pk, answer_id)
    try:
        ev = assessment_services.answer_use_measure(actor=request.user, answer=answer)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, f"Tiêu chí {answer.criterion.code}: đã dùng số liệu hệ thống ({ev.name})."
        )
    return redirect(_row_url(a, answer.pk))


@login_required
@require_POST
def evidence_add(request, pk, answer_id):
    a, answer = _staff_answer(request, pk, answer_id)
    form = forms.EvidenceForm(request.POST, request.FILES)
    error_text = None
    if form.is_valid():
        document = None
        if form.cleaned_data["document"] and not form.cleaned_data["file"]:
            document = selectors.document_by_label(
                actor=request.user, unit=a.unit, text=form.cleaned_data["document"]
            )
            if document is None:
                error_text = (
                    f"Không tìm thấy văn bản “{form.cleaned_data['document']}” trong sổ văn bản."
                )
        if error_text is None:
            try:
                assessment_services.evidence_add(
                    actor=request.user,
                    answer=answer,
                    upload=form.cleaned_data["file"],
                    document=document,
                )
            except DomainError as exc:
                error_text = exc.message
    else:
        error_text = " ".join(e for errs in form.errors.values() for e in errs)
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
                "error": error_text,
                "evidence_form": forms.EvidenceForm(),
            },
        )
    if error_text:
        messages.error(request, f"Tiêu chí {answer.criterion.code}: {error_text}")
    else:
        messages.success(
            request, f"Đã thêm tài liệu kiểm chứng cho tiêu chí {answer.criterion.code}."
        )
    return redirect(_row_url(a, answer.pk))


@login_required
@require_safe
def evidence_file(request, pk):
    ev = selectors.evidence_get(actor=request.user, pk=pk)
    if ev.document_id:
        return redirect("registry:document_detail", pk=ev.document_id)
    if ev.source_url:
        return redirect(ev.source_url)
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
        assessment_services.evidence_remove(actor=request.user, evidence=ev)
    except DomainError as exc:
        error(request, exc)
    else:
        messages.success(request, f"Đã gỡ “{ev.name}”.")
    return redirect(_row_url(a, ev.answer_id))
