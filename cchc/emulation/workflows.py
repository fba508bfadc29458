"""The state machines of the movements, declared once with `cchc.core.workflow`:

- a registration (đăng ký thi đua): written by the unit, sent to the level above, approved or returned with a
  reason (then corrected and sent again);
- a movement report: written by the unit's staff, signed off by the unit's leader (the shared sign-off of
  `approval_transitions`: request, approve, return with a reason), then submitted by the staff; the figures of
  the system are frozen into it then.

Every status change goes through `Workflow.apply` in its service, which writes the audit record
"<entity>.<transition>"; pages and the API show the buttons `Workflow.options` gives.
"""

from __future__ import annotations

from typing import Any

from cchc.core.workflow import Transition, Workflow, approval_transitions
from cchc.emulation import policies
from cchc.emulation.choices import RegistrationStatus, ReportStatus

R = RegistrationStatus
S = ReportStatus


def registration_has_lines(registration: Any, **context: Any) -> str | None:
    """A registration names at least one title or award form."""
    if not registration.titles.exists():
        return "Chưa đăng ký danh hiệu hay hình thức khen thưởng nào: thêm ít nhất một dòng."
    return None


REGISTRATION_FLOW = Workflow(
    entity="registration",
    entity_label="đăng ký thi đua",
    states=RegistrationStatus,
    transitions=[
        Transition(
            "submit",
            "Gửi đăng ký",
            [R.DRAFT, R.RETURNED],
            R.SUBMITTED,
            policies.can_submit_registration,
            guard=registration_has_lines,
            url_name="emulation:registration_submit",
            icon="bi-send",
            confirm="Gửi bản đăng ký thi đua lên cấp trên? Trong khi chờ duyệt không sửa được nội dung.",
            refused="Chỉ cán bộ của đơn vị mới gửi bản đăng ký thi đua.",
        ),
        Transition(
            "approve",
            "Duyệt đăng ký",
            [R.SUBMITTED],
            R.APPROVED,
            policies.can_review_registration,
            url_name="emulation:registration_approve",
            button="success",
            icon="bi-check2-circle",
            confirm="Duyệt bản đăng ký thi đua này?",
            refused="Chỉ cơ quan thường trực cấp trên mới duyệt bản đăng ký thi đua.",
        ),
        Transition(
            "return",
            "Trả lại",
            [R.SUBMITTED],
            R.RETURNED,
            policies.can_review_registration,
            url_name="emulation:registration_return",
            button="outline-danger",
            icon="bi-arrow-counterclockwise",
            reason_required=True,
            refused="Chỉ cơ quan thường trực cấp trên mới trả lại bản đăng ký thi đua.",
        ),
    ],
)


def report_has_results(report: Any, **context: Any) -> str | None:
    """A report says what the unit did on at least one content of the movement."""
    if not report.results.exclude(text="").exists():
        return "Chưa ghi kết quả thực hiện của nội dung thi đua nào."
    return None


REQUEST_APPROVAL, APPROVE, RETURN = approval_transitions(
    ReportStatus,
    can_request=policies.can_prepare_report,
    can_approve=policies.can_approve_report,
    ready=report_has_results,
    url_prefix="emulation:report_",
    what="báo cáo",
)

REPORT_FLOW = Workflow(
    entity="movement_report",
    entity_label="báo cáo phong trào",
    states=ReportStatus,
    transitions=[
        REQUEST_APPROVAL,
        APPROVE,
        RETURN,
        Transition(
            "submit",
            "Nộp báo cáo",
            [S.APPROVED],
            S.SUBMITTED,
            policies.can_prepare_report,
            url_name="emulation:report_submit",
            button="success",
            icon="bi-box-arrow-up",
            confirm="Nộp báo cáo? Số liệu từ hệ thống được chốt vào báo cáo và không sửa được nữa.",
            refused="Chỉ cán bộ của đơn vị mới nộp báo cáo, sau khi lãnh đạo phê duyệt.",
        ),
    ],
)
