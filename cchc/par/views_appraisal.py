"""The appraisal page of an assessment: self and appraised scores side by side, the system's figures beside the
self-scores; saving the appraised scores, sending the result to the unit and finalising it (moves of
`ASSESSMENT_FLOW`, their buttons from its options; the sheet posted with a move is saved first)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cchc.core import dates
from cchc.core.errors import DomainError
from cchc.par import appraisal_services, policies, selectors
from cchc.par.views_assessment import has_sheet, keep_posted, save_sheet, sheet_context
from cchc.par.views_common import check_move, error, moves
from cchc.par.workflows import APPRAISAL_MOVES, ASSESSMENT_FLOW


def _lock_reason(user, a) -> str | None:
    if not policies.can_appraise(user, a):
        return "Bạn không phải người thẩm định hồ sơ này."
    return appraisal_services.appraisal_error(user, a)


@login_required
def appraisal(request, pk):
    a = selectors.assessment_get(actor=request.user, pk=pk)
    if request.method == "POST":
        if not policies.can_appraise(request.user, a):
            raise PermissionDenied
        reason = _lock_reason(request.user, a)
        if reason:
            messages.error(request, reason)
            return redirect("par:appraisal", pk=a.pk)
        try:
            saved = save_sheet(request, a, "appraisal")
        except DomainError as exc:
            error(request, exc)
            return render_appraisal(request, a, posted=request.POST, stale=set(exc.rows))
        messages.success(request, f"Đã lưu kết quả thẩm định ({len(saved)} tiêu chí thay đổi).")
        return redirect("par:appraisal", pk=a.pk)
    return render_appraisal(request, a)


def render_appraisal(request, a, posted=None, stale=(), status: int = 200):
    reason = _lock_reason(request.user, a)
    ctx = sheet_context(request, a, "appraisal")
    keep_posted(ctx["sheet"], posted, stale)
    return render(
        request,
        "par/appraisal.html",
        {
            "a": a,
            "editable": reason is None,
            "lock_reason": reason,
            "moves": moves(ASSESSMENT_FLOW, request.user, a, APPRAISAL_MOVES, today=dates.today()),
            **ctx,
        },
        status=status,
    )


MOVES = {
    "send_back": appraisal_services.appraisal_send,
    "finalise": appraisal_services.appraisal_finalise,
}


@login_required
@require_POST
def appraisal_move(request, pk, transition):
    """Send the appraisal result to the unit or finalise it, saving the posted sheet first."""
    a = selectors.assessment_get(actor=request.user, pk=pk)
    check_move(ASSESSMENT_FLOW, transition, request.user, a)
    if has_sheet(request) and _lock_reason(request.user, a) is None:
        try:
            saved = save_sheet(request, a, "appraisal")
        except DomainError as exc:
            error(request, exc)
            return render_appraisal(
                request, a, posted=request.POST, stale=set(exc.rows), status=400
            )
        if saved:
            messages.info(request, f"Đã lưu kết quả thẩm định ({len(saved)} tiêu chí thay đổi).")
    try:
        MOVES[transition](actor=request.user, assessment=a)
    except DomainError as exc:
        error(request, exc)
        return render_appraisal(request, a, status=400)
    if transition == "send_back":
        messages.success(
            request,
            f"Đã gửi kết quả thẩm định cho {a.unit.name}; đơn vị có thể giải trình đến "
            f"{dates.fmt(a.round.response_end)}.",
        )
    else:
        messages.success(request, f"Đã chốt kết quả thẩm định của {a.unit.name}.")
    return redirect("par:appraisal", pk=a.pk)
