"""The state machines of the PAR Index, declared once with `cchc.core.workflow`: a round (draft → open →
published), a unit's assessment (self-assessment signed off by the unit's leader, submitted, appraised, finalised)
and a criteria set (frozen when a round opens).

Guards refuse with the reason a user reads beside the disabled button: a window not open yet or closed, criteria
not scored, required evidence missing. Dates are checked against `today` from the context (default: the local
date), so tests and the demo pass a fixed date. Every status change goes through `Workflow.apply` in its
service, which writes the audit record "<entity>.<transition>".
"""

from datetime import date

from cchc.core import dates
from cchc.core.workflow import Transition, Workflow, all_guards, approval_transitions
from cchc.par import policies, selectors
from cchc.par.choices import AssessmentStatus, RoundStatus, SetStatus

A = AssessmentStatus


def _today(context: dict) -> date:
    return context.get("today") or dates.today()


def _codes(codes: list[str], limit: int = 15) -> str:
    more = len(codes) - limit
    return ", ".join(codes[:limit]) + (f" và {more} tiêu chí khác" if more > 0 else "")


# --- Guards -----------------------------------------------------------------------------------------------------


def round_is_open(assessment, **context) -> str | None:
    if assessment.round.status != RoundStatus.OPEN:
        return "Đợt đánh giá không ở trạng thái đang đánh giá."
    return None


def self_window(assessment, **context) -> str | None:
    """The self-assessment window of the round, or the unit's own date after a reopening."""
    closed = round_is_open(assessment)
    if closed:
        return closed
    r, today = assessment.round, _today(context)
    if today < r.self_start:
        return f"Chưa đến thời gian tự đánh giá (từ {dates.fmt(r.self_start)})."
    if today > assessment.self_close:
        return (
            f"Đã hết hạn tự đánh giá (hạn {dates.fmt(assessment.self_close)}); đơn vị không thể sửa "
            "hoặc nộp. Liên hệ cơ quan thường trực cấp trên nếu cần mở lại."
        )
    return None


def self_assessment_complete(assessment, **context) -> str | None:
    """Every scored criterion answered and the required evidence attached."""
    missing = selectors.unanswered_codes(assessment)
    if missing:
        return f"Chưa chấm điểm các tiêu chí: {_codes(missing)}."
    no_evidence = selectors.evidence_missing_codes(assessment)
    if no_evidence:
        return f"Thiếu tài liệu kiểm chứng bắt buộc ở các tiêu chí: {_codes(no_evidence)}."
    return None


def appraisal_window(assessment, **context) -> str | None:
    """From the start of the appraisal to the end of the appraisal or of the responses, whichever is later."""
    closed = round_is_open(assessment)
    if closed:
        return closed
    r, today = assessment.round, _today(context)
    if today < r.appraisal_start:
        return f"Chưa đến thời gian thẩm định (từ {dates.fmt(r.appraisal_start)})."
    last = max(r.appraisal_end, r.response_end)
    if today > last:
        return f"Đã hết thời gian thẩm định (hạn {dates.fmt(last)})."
    return None


def ready_to_open(round_, **context) -> str | None:
    problems = selectors.round_open_problems(round_)
    return ("Chưa mở được đợt đánh giá:\n" + "\n".join(problems)) if problems else None


def has_finalised(round_, **context) -> str | None:
    if not selectors.round_finalised_count(round_):
        return "Chưa có hồ sơ nào được chốt kết quả thẩm định; chưa công bố được."
    return None


# --- Round --------------------------------------------------------------------------------------------------------

ROUND_FLOW = Workflow(
    entity="round",
    entity_label="đợt đánh giá",
    states=RoundStatus,
    transitions=[
        Transition(
            "open",
            "Mở đợt đánh giá",
            [RoundStatus.DRAFT],
            RoundStatus.OPEN,
            policies.can_manage_round,
            guard=ready_to_open,
            url_name="par:round_open",
            button="success",
            icon="bi-play-circle",
            confirm="Mở đợt đánh giá? Các bộ chỉ số sẽ bị khóa và mọi đơn vị của các khối bắt đầu "
            "tự đánh giá.",
            refused="Chỉ cơ quan thường trực mới được mở đợt đánh giá.",
        ),
        Transition(
            "publish",
            "Công bố kết quả",
            [RoundStatus.OPEN],
            RoundStatus.PUBLISHED,
            policies.can_manage_round,
            guard=has_finalised,
            url_name="par:round_publish",
            button="success",
            icon="bi-megaphone",
            confirm="Công bố kết quả? Sau khi công bố mọi đơn vị thấy bảng xếp hạng; đơn vị chưa chốt "
            "thẩm định không được xếp hạng.",
            refused="Chỉ cơ quan thường trực cấp thành phố mới được công bố kết quả.",
        ),
    ],
)

# --- Assessment ---------------------------------------------------------------------------------------------------

REQUEST_APPROVAL, APPROVE, RETURN = approval_transitions(
    AssessmentStatus,
    can_request=policies.can_edit_self_assessment,
    can_approve=policies.can_approve_self_assessment,
    ready=self_assessment_complete,
    open_=self_window,
    url_prefix="par:assessment_",
    what="hồ sơ tự đánh giá",
)

ASSESSMENT_FLOW = Workflow(
    entity="assessment",
    entity_label="hồ sơ đánh giá",
    states=AssessmentStatus,
    transitions=[
        REQUEST_APPROVAL,
        APPROVE,
        RETURN,
        Transition(
            "submit",
            "Nộp hồ sơ",
            [A.APPROVED],
            A.SUBMITTED,
            policies.can_edit_self_assessment,
            guard=all_guards(self_window, self_assessment_complete),
            url_name="par:assessment_submit",
            button="success",
            icon="bi-box-arrow-up",
            confirm="Nộp hồ sơ tự đánh giá cho cơ quan thẩm định? Sau khi nộp đơn vị không sửa được "
            "nữa.",
            refused="Chỉ cán bộ của đơn vị mới nộp hồ sơ tự đánh giá.",
        ),
        Transition(
            "send_back",
            "Gửi kết quả thẩm định cho đơn vị",
            [A.SUBMITTED],
            A.SENT_BACK,
            policies.can_appraise,
            guard=appraisal_window,
            url_name="par:appraisal_send",
            button="outline-primary",
            icon="bi-send",
            refused="Bạn không thuộc cơ quan thường trực cấp trên hay tổ thẩm định của đợt này.",
        ),
        Transition(
            "finalise",
            "Chốt kết quả thẩm định",
            [A.SUBMITTED, A.SENT_BACK],
            A.FINALISED,
            policies.can_appraise,
            guard=appraisal_window,
            url_name="par:appraisal_finalise",
            button="success",
            icon="bi-check2-all",
            confirm="Chốt kết quả thẩm định? Sau khi chốt không sửa được nữa.",
            refused="Bạn không thuộc cơ quan thường trực cấp trên hay tổ thẩm định của đợt này.",
        ),
        Transition(
            "reopen",
            "Mở lại hồ sơ",
            [A.DRAFT, A.AWAITING_APPROVAL, A.APPROVED, A.SUBMITTED, A.SENT_BACK],
            A.DRAFT,
            policies.can_reopen,
            guard=round_is_open,
            url_name="par:assessment_reopen",
            button="warning",
            icon="bi-unlock",
            refused="Chỉ cơ quan thường trực cấp trên mới được mở lại hồ sơ.",
        ),
    ],
)

# The moves a unit's pages offer as buttons; reopening takes a date and has its own form.
SELF_MOVES = ("request_approval", "approve", "return", "submit")
APPRAISAL_MOVES = ("send_back", "finalise")

# --- Criteria set -------------------------------------------------------------------------------------------------

SET_FLOW = Workflow(
    entity="criteria_set",
    entity_label="bộ chỉ số",
    states=SetStatus,
    transitions=[
        Transition(
            "freeze",
            "Khóa bộ chỉ số",
            [SetStatus.DRAFT],
            SetStatus.FROZEN,
            lambda user, cs: policies.can_manage_sets(user, cs.organiser),
            refused="Chỉ cơ quan thường trực cấp ban hành mới được khóa bộ chỉ số.",
        ),
    ],
)
