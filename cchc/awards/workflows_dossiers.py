"""The state machine of a nomination dossier (hồ sơ đề nghị khen thưởng).

    draft ──request_approval──▶ awaiting_approval ──approve──▶ approved ──submit──▶ submitted
      ▲                               │                            │                   ├──receive──▶ received
      └────────────return (leader)────┴────────────────────────────┘                   └──send_back──▶ returned
    draft | awaiting | approved | returned ──record_paper (standing agency, received_on)──▶ submitted
    (the checks at submission fail) ──refuse──▶ refused;  returned | refused ──reopen──▶ draft

The unit's leader signs off before its staff submit (`approval_transitions`); a paper dossier recorded by the
standing agency with the day it came in stands instead of those steps. The checks at submission (deadline, quotas,
eligibility, one achievement one award) live in `submission.py`; the services choose `submit`/`record_paper` or
`refuse` from their outcome.
"""

from __future__ import annotations

from typing import Any

from cchc.awards import policies_dossiers as policies
from cchc.awards.choices import DossierStatus
from cchc.core.workflow import Transition, Workflow, approval_transitions

S = DossierStatus
BEFORE_SUBMISSION = [S.DRAFT, S.AWAITING_APPROVAL, S.APPROVED, S.RETURNED]


def has_nominees(dossier: Any, **context: Any) -> str | None:
    """A dossier proposes at least one collective or person."""
    if not dossier.nominations.exists():
        return "Hồ sơ chưa có tập thể, cá nhân nào được đề nghị."
    return None


def _submits_or_receives(user: Any, dossier: Any) -> bool:
    return policies.can_prepare_dossier(user, dossier) or policies.can_receive_dossier(
        user, dossier
    )


REQUEST_APPROVAL, APPROVE, RETURN = approval_transitions(
    DossierStatus,
    can_request=policies.can_prepare_dossier,
    can_approve=policies.can_approve_dossier,
    ready=has_nominees,
    url_prefix="awards:dossier_",
    what="hồ sơ",
)

DOSSIER_FLOW = Workflow(
    entity="award_dossier",
    entity_label="hồ sơ đề nghị khen thưởng",
    states=DossierStatus,
    transitions=[
        REQUEST_APPROVAL,
        APPROVE,
        RETURN,
        Transition(
            "submit",
            "Nộp hồ sơ",
            [S.APPROVED],
            S.SUBMITTED,
            policies.can_prepare_dossier,
            guard=has_nominees,
            url_name="awards:dossier_submit",
            button="success",
            icon="bi-box-arrow-up",
            confirm="Nộp hồ sơ cho cơ quan thường trực? Hệ thống kiểm tra thời hạn, cơ cấu, số lượng và "
            "điều kiện của từng tập thể, cá nhân khi nộp.",
            refused="Chỉ cán bộ của đơn vị đề nghị mới nộp hồ sơ, sau khi lãnh đạo phê duyệt.",
        ),
        Transition(
            "record_paper",
            "Ghi nhận hồ sơ giấy",
            BEFORE_SUBMISSION,
            S.SUBMITTED,
            policies.can_receive_dossier,
            guard=has_nominees,
            refused="Chỉ cơ quan thường trực của cấp xét khen thưởng mới ghi nhận hồ sơ giấy.",
        ),
        Transition(
            "refuse",
            "Không được xét",
            BEFORE_SUBMISSION,
            S.REFUSED,
            _submits_or_receives,
            refused="Chỉ đơn vị đề nghị hoặc cơ quan thường trực mới nộp hồ sơ.",
        ),
        Transition(
            "receive",
            "Tiếp nhận hồ sơ",
            [S.SUBMITTED],
            S.RECEIVED,
            policies.can_receive_dossier,
            url_name="awards:dossier_receive",
            button="success",
            icon="bi-inbox",
            confirm="Tiếp nhận hồ sơ? Các đề nghị trong hồ sơ chuyển sang Hội đồng Thi đua - Khen thưởng xét.",
            refused="Chỉ cơ quan thường trực của cấp xét khen thưởng mới tiếp nhận hồ sơ.",
        ),
        Transition(
            "send_back",
            "Trả lại đơn vị",
            [S.SUBMITTED],
            S.RETURNED,
            policies.can_receive_dossier,
            url_name="awards:dossier_send_back",
            button="outline-danger",
            icon="bi-arrow-return-left",
            reason_required=True,
            refused="Chỉ cơ quan thường trực của cấp xét khen thưởng mới trả lại hồ sơ.",
        ),
        Transition(
            "reopen",
            "Sửa lại hồ sơ",
            [S.RETURNED, S.REFUSED],
            S.DRAFT,
            policies.can_prepare_dossier,
            url_name="awards:dossier_reopen",
            button="outline-primary",
            icon="bi-pencil",
            refused="Chỉ cán bộ của đơn vị đề nghị mới sửa lại hồ sơ.",
        ),
    ],
)
