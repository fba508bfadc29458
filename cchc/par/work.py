"""The PAR Index on a user's home page ("Việc của tôi"): self-assessments waiting for the leader's approval, and the
next deadline of each open round the user works in (their unit's self-assessment, the appraisal they owe)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse

from cchc.core.dates import fmt
from cchc.core.work import WorkItem
from cchc.par import selectors
from cchc.par.choices import AssessmentStatus, RoundStatus

EDITING = (AssessmentStatus.DRAFT, AssessmentStatus.AWAITING_APPROVAL, AssessmentStatus.APPROVED)


def work_items(*, user: Any, today: date) -> list[WorkItem]:
    items = []
    for a in selectors.awaiting_approval(user)[:50]:
        items.append(
            WorkItem(
                section="approvals",
                title=f"Phê duyệt hồ sơ tự đánh giá Chỉ số CCHC năm {a.round.year}",
                url=reverse("par:assessment_detail", args=[a.pk]),
                due_on=a.self_close,
                detail=f"{a.unit.name} · hạn nộp {fmt(a.self_close)}",
                tone="primary",
            )
        )
    own = selectors.own_assessments(actor=user).filter(
        round__status=RoundStatus.OPEN, status__in=EDITING
    )
    for a in own[:50]:
        late = a.self_close < today
        items.append(
            WorkItem(
                section="overdue" if late else "deadlines",
                title=f"Hồ sơ tự đánh giá Chỉ số CCHC năm {a.round.year}: "
                f"{a.get_status_display().lower()}",
                url=reverse("par:assessment_detail", args=[a.pk]),
                due_on=a.self_close,
                detail=f"{a.unit.name} · hạn nộp {fmt(a.self_close)}",
                tone="danger" if late else "info",
            )
        )
    for a in selectors.appraisal_queue(actor=user)[:50]:
        items.append(
            WorkItem(
                section="deadlines",
                title=f"Thẩm định hồ sơ Chỉ số CCHC năm {a.round.year}",
                url=reverse("par:appraisal", args=[a.pk]),
                due_on=a.round.appraisal_end,
                detail=f"{a.unit.name} · hạn thẩm định {fmt(a.round.appraisal_end)}",
                tone="info",
            )
        )
    return items
