"""The state machine of an initiative: drafted by its unit, submitted to a council, scored, then recognised or
refused; returned to draft with a reason; or recognised directly by recording the decision of an outside body.

    draft ──submit──▶ submitted ──open_scoring──▶ scoring ──recognise──▶ recognised
      ▲                   │                          ├──refuse──▶ refused
      └──────return───────┴──────────return──────────┘
    draft | submitted ──record_decision (outside body)──▶ recognised

Guards say in Vietnamese why a move is refused now; the policies say who (`policies.py`).
"""

from __future__ import annotations

from typing import Any

from cchc.core import dates
from cchc.core.workflow import Transition, Workflow
from cchc.initiatives import policies, scoring
from cchc.initiatives.choices import SCORING_ROLES, InitiativeStatus
from cchc.initiatives.models import Initiative

DRAFT = InitiativeStatus.DRAFT
SUBMITTED = InitiativeStatus.SUBMITTED
SCORING = InitiativeStatus.SCORING
RECOGNISED = InitiativeStatus.RECOGNISED
REFUSED = InitiativeStatus.REFUSED


def authors_problem(shares: list[Any], collective: bool) -> str | None:
    """Why the authors are not acceptable, or None: a collective alone, or named people whose shares add up to
    100%."""
    if collective and shares:
        return "Tác giả là tập thể đơn vị hoặc các cá nhân, không ghi đồng thời cả hai."
    if not collective and not shares:
        return "Chưa có tác giả: ghi các cá nhân (tỷ lệ đóng góp) hoặc chọn tác giả là tập thể."
    if shares:
        total = sum(shares)
        if total != 100:
            return (
                f"Tổng tỷ lệ đóng góp của các tác giả là {scoring.number(total)}%, phải bằng 100%."
            )
    return None


def ready_to_submit(initiative: Initiative, **context: Any) -> str | None:
    """What is missing before the council can receive the initiative (Nghị định 13/2012/NĐ-CP, Điều 3: new,
    applied or tried, with its effect)."""
    missing = []
    if not initiative.description.strip():
        missing.append("nội dung")
    if not initiative.novelty.strip():
        missing.append("tính mới")
    if not initiative.effect.strip():
        missing.append("hiệu quả đạt được")
    if initiative.applied_since is None:
        missing.append("ngày bắt đầu áp dụng")
    if missing:
        return "Chưa ghi " + ", ".join(missing) + " của sáng kiến."
    if initiative.applied_since and initiative.applied_since > dates.today():
        return "Ngày bắt đầu áp dụng không được sau ngày hôm nay."
    if initiative.council_id is None:
        return "Chưa chọn Hội đồng xét sáng kiến."
    authors = list(initiative.authors.all())
    return authors_problem(
        [a.share for a in authors if a.person_id], any(a.person_id is None for a in authors)
    )


def ready_to_score(initiative: Initiative, **context: Any) -> str | None:
    """The council scores with a published sheet, a threshold and scoring members."""
    council = initiative.council
    if council is None:
        return "Sáng kiến chưa gửi Hội đồng nào."
    if council.is_external:
        return (
            "Hội đồng là cơ quan bên ngoài: ghi nhận quyết định của cơ quan đó thay vì chấm điểm."
        )
    if not council.criteria.exists():
        return f"{council.name} chưa công bố phiếu chấm điểm."
    if council.threshold is None:
        return f"{council.name} chưa công bố ngưỡng công nhận."
    if not council.members.filter(role__in=SCORING_ROLES).exists():
        return f"{council.name} chưa có thành viên chấm điểm."
    return None


def _verdict(initiative: Initiative, context: dict[str, Any]) -> scoring.Verdict:
    verdict = context.get("verdict")
    if verdict is None:
        from cchc.initiatives.selectors import initiative_verdict

        verdict = initiative_verdict(initiative=initiative)
    return verdict


def may_recognise(initiative: Initiative, **context: Any) -> str | None:
    """The council recognises when a quorum has scored and the average reaches the threshold."""
    verdict = _verdict(initiative, context)
    if verdict.passed:
        return None
    return verdict.text


def may_refuse(initiative: Initiative, **context: Any) -> str | None:
    """The council may refuse once a quorum has scored (a passing average needs a written reason)."""
    verdict = _verdict(initiative, context)
    if verdict.decided:
        return None
    return verdict.text


def outside_body(initiative: Initiative, **context: Any) -> str | None:
    """A decision recorded by the unit is that of an outside body, not of a council scoring in the system."""
    council = initiative.council
    if initiative.status == SUBMITTED and council is not None and not council.is_external:
        return (
            f"Sáng kiến đã gửi {council.name}: quyết định do Hội đồng ghi nhận sau khi chấm điểm."
        )
    return None


INITIATIVE_FLOW = Workflow(
    entity="initiative",
    entity_label="sáng kiến",
    states=InitiativeStatus,
    transitions=[
        Transition(
            "submit",
            "Gửi Hội đồng",
            [DRAFT],
            SUBMITTED,
            policies.can_submit_initiative,
            guard=ready_to_submit,
            url_name="initiatives:initiative_submit",
            icon="bi-send",
            confirm="Gửi sáng kiến tới Hội đồng? Sau khi gửi, đơn vị không sửa được nữa.",
            refused="Chỉ cán bộ của đơn vị được gửi sáng kiến của đơn vị.",
        ),
        Transition(
            "open_scoring",
            "Mở chấm điểm",
            [SUBMITTED],
            SCORING,
            policies.can_open_scoring,
            guard=ready_to_score,
            url_name="initiatives:initiative_open_scoring",
            icon="bi-clipboard-check",
            refused="Chỉ thư ký Hội đồng hoặc cơ quan thường trực của cấp mở chấm điểm.",
        ),
        Transition(
            "recognise",
            "Công nhận",
            [SCORING],
            RECOGNISED,
            policies.can_decide_initiative,
            guard=may_recognise,
            url_name="initiatives:initiative_recognise",
            button="success",
            icon="bi-patch-check",
            refused="Chỉ thư ký Hội đồng hoặc cơ quan thường trực của cấp ghi nhận quyết định.",
        ),
        Transition(
            "refuse",
            "Không công nhận",
            [SCORING],
            REFUSED,
            policies.can_decide_initiative,
            guard=may_refuse,
            url_name="initiatives:initiative_refuse",
            button="danger",
            icon="bi-x-circle",
            refused="Chỉ thư ký Hội đồng hoặc cơ quan thường trực của cấp ghi nhận quyết định.",
        ),
        Transition(
            "return",
            "Trả lại để hoàn thiện",
            [SUBMITTED, SCORING],
            DRAFT,
            policies.can_return_initiative,
            url_name="initiatives:initiative_return",
            button="outline-secondary",
            icon="bi-arrow-counterclockwise",
            reason_required=True,
            refused="Chỉ thư ký Hội đồng hoặc cơ quan thường trực của cấp trả lại sáng kiến.",
        ),
        Transition(
            "record_decision",
            "Ghi nhận quyết định của cơ quan bên ngoài",
            [DRAFT, SUBMITTED],
            RECOGNISED,
            policies.can_record_decision,
            guard=outside_body,
            url_name="initiatives:initiative_record_decision",
            button="outline-success",
            icon="bi-journal-check",
            refused="Chỉ cán bộ của đơn vị ghi nhận quyết định công nhận sáng kiến của đơn vị.",
        ),
    ],
)
