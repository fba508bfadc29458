"""Writes of the appraisal: appraised scores and comments, the result sent to the unit, the unit's responses
(giải trình), and the final result. Each service runs in one transaction, checks the policy and the windows of
the round, and audits; the moves go through `ASSESSMENT_FLOW.apply`.
"""

from datetime import date

from django.db import transaction
from django.db.models import F

from cchc.core import audit, dates
from cchc.core.errors import DomainError
from cchc.core.scope import user_or_none
from cchc.core.text import nfc
from cchc.par import policies, workflows
from cchc.par.answer_services import APPRAISAL, Entry, answers_of, scores_save, versioned_write
from cchc.par.choices import AssessmentStatus, Method
from cchc.par.models import Assessment
from cchc.par.workflows import ASSESSMENT_FLOW


def _today(today: date | None) -> date:
    return today or dates.today()


def appraisal_error(actor, assessment: Assessment, today: date | None = None) -> str | None:
    """Why the actor cannot appraise this assessment now (None when they can)."""
    if not policies.can_appraise(actor, assessment):
        return "Bạn không thuộc cơ quan thường trực cấp trên hay tổ thẩm định của đợt này."
    if assessment.status not in (AssessmentStatus.SUBMITTED, AssessmentStatus.SENT_BACK):
        if assessment.status == AssessmentStatus.FINALISED:
            return "Hồ sơ đã chốt kết quả."
        return "Đơn vị chưa nộp hồ sơ tự đánh giá."
    return workflows.appraisal_window(assessment, today=_today(today))


@transaction.atomic
def appraisal_save(
    *, actor, assessment: Assessment, entries: dict[int, Entry], today: date | None = None
) -> list[str]:
    """Save appraised scores (or figures) and comments; a stale version refuses the save naming the criterion."""
    error = appraisal_error(actor, assessment, today)
    if error:
        raise DomainError(error)
    return scores_save(actor=actor, assessment=assessment, entries=entries, side=APPRAISAL)


def _fill_appraised(assessment: Assessment) -> None:
    """Criteria the appraisers left untouched keep the self-assessed score."""
    assessment.answers.filter(appraised_score__isnull=True, not_applicable=False).exclude(
        criterion__method=Method.SURVEY
    ).update(appraised_score=F("self_score"), appraised_figure=F("self_figure"))


@transaction.atomic
def appraisal_send(*, actor, assessment: Assessment, today: date | None = None) -> Assessment:
    """Send the appraisal result back to the unit, which may respond within the response window."""
    ASSESSMENT_FLOW.check("send_back", actor=actor, obj=assessment, today=_today(today))
    _fill_appraised(assessment)
    return ASSESSMENT_FLOW.apply(
        "send_back",
        actor=actor,
        obj=assessment,
        changes={"sent_at": dates.now()},
        unit_path=assessment.unit.path,
        today=_today(today),
    )


@transaction.atomic
def appraisal_finalise(*, actor, assessment: Assessment, today: date | None = None) -> Assessment:
    """The appraisal team closes the file; its appraised scores enter the results."""
    ASSESSMENT_FLOW.check("finalise", actor=actor, obj=assessment, today=_today(today))
    _fill_appraised(assessment)
    return ASSESSMENT_FLOW.apply(
        "finalise",
        actor=actor,
        obj=assessment,
        changes={"finalised_at": dates.now(), "finalised_by": user_or_none(actor)},
        unit_path=assessment.unit.path,
        today=_today(today),
    )


def response_error(actor, assessment: Assessment, today: date | None = None) -> str | None:
    """Why the actor cannot respond to the appraisal now (None when they can)."""
    if not policies.can_respond(actor, assessment):
        return "Bạn không có quyền giải trình cho đơn vị này."
    r, today = assessment.round, _today(today)
    if assessment.status != AssessmentStatus.SENT_BACK:
        return "Chỉ giải trình khi đã nhận kết quả thẩm định và trước khi chốt."
    if today < r.response_start:
        return f"Chưa đến thời gian giải trình (từ {dates.fmt(r.response_start)})."
    if today > r.response_end:
        return f"Đã hết hạn giải trình (hạn {dates.fmt(r.response_end)})."
    return None


@transaction.atomic
def response_save(
    *, actor, assessment: Assessment, entries: dict[int, Entry], today: date | None = None
) -> list[str]:
    """The unit's responses (giải trình) to the appraisal, criterion by criterion."""
    error = response_error(actor, assessment, today)
    if error:
        raise DomainError(error)
    answers = answers_of(assessment, entries.keys())
    now = dates.now()
    changed = versioned_write(
        actor,
        answers,
        entries,
        lambda a, e: {
            "response": nfc(e.text) if e.text else "",
            "responded_at": now if e.text else None,
        },
    )
    if changed:
        audit.record(
            actor=actor,
            action="assessment.respond",
            obj=assessment,
            after={"criteria": changed},
            unit_path=assessment.unit.path,
        )
    return changed
