"""The state machine of an award decision: a draft of the standing agency becomes signed when the level's leader
signs it (its own decision), or recorded when the higher level's decision on a proposal arrives. A signed
decision is final: an award is withdrawn by revocation (`services_decisions.award_revoke`), never by editing."""

from __future__ import annotations

from cchc.awards import policies_decisions as policies
from cchc.awards.choices import DecisionStatus
from cchc.awards.models import Decision
from cchc.core.workflow import Transition, Workflow

DRAFT, SIGNED = DecisionStatus.DRAFT, DecisionStatus.SIGNED


def _has_nominees(decision: Decision, **_: object) -> str | None:
    if not decision.nominations.exists():
        return "Quyết định chưa có tập thể, cá nhân nào trong danh sách kèm theo."
    return None


DECISION_FLOW = Workflow(
    entity="award_decision",
    entity_label="quyết định khen thưởng",
    states=DecisionStatus,
    transitions=[
        Transition(
            "sign",
            "Ký ban hành",
            [DRAFT],
            SIGNED,
            policies.can_sign_decision,
            guard=_has_nominees,
            url_name="awards:decision_sign",
            button="success",
            icon="bi-pen",
            refused="Chỉ lãnh đạo của cấp quyết định mới ký quyết định khen thưởng.",
        ),
        Transition(
            "record",
            "Ghi nhận quyết định của cấp trên",
            [DRAFT],
            SIGNED,
            policies.can_record_higher,
            guard=_has_nominees,
            url_name="awards:decision_record",
            button="success",
            icon="bi-journal-check",
            refused="Chỉ cơ quan thường trực của cấp này mới ghi nhận quyết định của cấp trên.",
        ),
    ],
)
