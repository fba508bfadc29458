"""Writes of a unit's self-assessment: scores and explanations, evidence, the system's figures, and the moves of
its workflow (sent to the unit's leader, approved or returned, submitted; reopened by the standing agency above).

Every service runs in one transaction, checks the policy, writes an audit record and refuses with a Vietnamese
`DomainError` naming the criterion. Dates are checked against `today` (default: the local date), so tests and
the demo pass a fixed date. The answers are edited only while the file is a draft (Đang tự đánh giá).
"""

from datetime import date

from django.db import transaction

from cchc.core import audit, dates
from cchc.core.attachments import attach
from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.scope import user_or_none
from cchc.core.text import nfc
from cchc.par import policies, workflows
from cchc.par.answer_services import SELF, Entry, scores_save, versioned_write
from cchc.par.choices import AssessmentStatus, Method
from cchc.par.models import Answer, Assessment, Evidence
from cchc.par.scoring import vn
from cchc.par.sheet_selectors import system_figure
from cchc.par.workflows import ASSESSMENT_FLOW


def _today(today: date | None) -> date:
    return today or dates.today()


def self_edit_error(actor, assessment: Assessment, today: date | None = None) -> str | None:
    """Why the actor cannot change this self-assessment now (None when they can)."""
    if not policies.can_edit_self_assessment(actor, assessment):
        return "Bạn không có quyền tự đánh giá cho đơn vị này."
    if assessment.status != AssessmentStatus.DRAFT:
        message = (
            f"Hồ sơ đang ở trạng thái “{assessment.get_status_display()}”; "
            "chỉ sửa được khi đang tự đánh giá."
        )
        if assessment.status in (AssessmentStatus.AWAITING_APPROVAL, AssessmentStatus.APPROVED):
            message += " Muốn sửa, đề nghị lãnh đạo trả lại hồ sơ."
        return message
    return workflows.self_window(assessment, today=_today(today))


def _check_editable(actor, assessment: Assessment, today: date | None) -> None:
    error = self_edit_error(actor, assessment, today)
    if error:
        raise DomainError(error)


@transaction.atomic
def self_assessment_save(
    *, actor, assessment: Assessment, entries: dict[int, Entry], today: date | None = None
) -> list[str]:
    """Save the unit's draft scores, figures and explanations (only the criteria the form changed).

    Refuses the whole save when a score exceeds a maximum, when the window is closed, when the file is not a
    draft, or when another user changed one of the same criteria meanwhile. Returns the codes saved."""
    _check_editable(actor, assessment, today)
    return scores_save(actor=actor, assessment=assessment, entries=entries, side=SELF)


# --- Moves of the workflow -----------------------------------------------------------------------------------


def _move(name: str, *, actor, assessment: Assessment, today, changes=None, note: str = ""):
    return ASSESSMENT_FLOW.apply(
        name,
        actor=actor,
        obj=assessment,
        changes=changes,
        note=note,
        unit_path=assessment.unit.path,
        today=_today(today),
    )


@transaction.atomic
def assessment_request_approval(
    *, actor, assessment: Assessment, today: date | None = None
) -> Assessment:
    """The unit's officer sends the complete self-assessment to the unit's leader; answers are frozen."""
    return _move(
        "request_approval",
        actor=actor,
        assessment=assessment,
        today=today,
        changes={"return_note": ""},
    )


@transaction.atomic
def assessment_approve(*, actor, assessment: Assessment, today: date | None = None) -> Assessment:
    """The unit's leader approves the self-assessment; the officer may then submit it."""
    return _move(
        "approve",
        actor=actor,
        assessment=assessment,
        today=today,
        changes={"approved_at": dates.now(), "approved_by": user_or_none(actor)},
    )


@transaction.atomic
def assessment_return(
    *, actor, assessment: Assessment, note: str, today: date | None = None
) -> Assessment:
    """The unit's leader returns the self-assessment to the draft with a reason the officer reads."""
    note = nfc(note or "").strip()
    return _move(
        "return",
        actor=actor,
        assessment=assessment,
        today=today,
        note=note,
        changes={
            "return_note": note,
            "returned_at": dates.now(),
            "returned_by": user_or_none(actor),
            "approved_at": None,
            "approved_by": None,
        },
    )


@transaction.atomic
def assessment_submit(*, actor, assessment: Assessment, today: date | None = None) -> Assessment:
    """Submit the approved self-assessment for appraisal: only after the leader's approval, with every
    criterion answered and the required evidence attached."""
    return _move(
        "submit",
        actor=actor,
        assessment=assessment,
        today=today,
        changes={"submitted_at": dates.now(), "submitted_by": user_or_none(actor)},
    )


@transaction.atomic
def assessment_reopen(
    *, actor, assessment: Assessment, until: date, note: str = "", today: date | None = None
) -> Assessment:
    """The standing agency above reopens one unit's self-assessment until a new date (back to the draft)."""
    if not policies.can_reopen(actor, assessment):
        raise PermissionDenied("Chỉ cơ quan thường trực cấp trên mới được mở lại hồ sơ.")
    if until is None or until < _today(today):
        raise DomainError("Hạn mới phải từ hôm nay trở đi.", field="until")
    return _move(
        "reopen",
        actor=actor,
        assessment=assessment,
        today=today,
        note=nfc(note or ""),
        changes={"self_deadline": until, "approved_at": None, "approved_by": None},
    )


# --- Evidence and the system's figures -----------------------------------------------------------------------


@transaction.atomic
def evidence_add(
    *, actor, answer: Answer, upload=None, document=None, today: date | None = None
) -> Evidence:
    """Attach an uploaded file or a registered document to an answer while the self-assessment is a draft."""
    assessment = answer.assessment
    _check_editable(actor, assessment, today)
    if upload is None and document is None:
        raise DomainError(
            f"Tiêu chí {answer.criterion.code}: chọn tệp hoặc văn bản đã đăng ký.", field="file"
        )
    ev = Evidence(answer=answer)
    if upload is not None:
        attach(ev, upload, actor=actor)
    else:
        ev.document, ev.name, ev.uploaded_by = document, str(document)[:255], user_or_none(actor)
        ev.save()
    audit.record(
        actor=actor,
        action="evidence.add",
        obj=ev,
        after={
            "criterion": answer.criterion.code,
            "name": ev.name,
            "document": getattr(document, "pk", None),
        },
        unit_path=assessment.unit.path,
    )
    return ev


@transaction.atomic
def evidence_remove(*, actor, evidence: Evidence, today: date | None = None) -> None:
    assessment = evidence.answer.assessment
    _check_editable(actor, assessment, today)
    before = {"criterion": evidence.answer.criterion.code, "name": evidence.name}
    if evidence.file:
        evidence.file.delete(save=False)
    evidence.delete()
    audit.record(
        actor=actor,
        action="evidence.remove",
        model="par.evidence",
        object_repr=before["name"],
        before=before,
        unit_path=assessment.unit.path,
    )


@transaction.atomic
def answer_use_measure(
    *, actor, answer: Answer, today: date | None = None, measured_on: date | None = None
) -> Evidence:
    """Take the figure the system computes for a criterion (`Criterion.measure_code`) as the unit's figure:
    the score follows from the criterion's thresholds, and the figure is recorded as evidence naming its value
    and its source (replacing an earlier one). `measured_on` is the day the figure is computed for (default:
    `today`). Refused when the system has no figure (the reason says what is missing)."""
    assessment = answer.assessment
    _check_editable(actor, assessment, today)
    criterion = answer.criterion
    if not criterion.measure_code or criterion.method != Method.THRESHOLD:
        raise DomainError(f"Tiêu chí {criterion.code} không lấy số liệu từ hệ thống.")
    on = measured_on or _today(today)
    figure = system_figure(
        criterion,
        list(criterion.thresholds.all()),
        unit=assessment.unit,
        year=assessment.round.year,
        today=on,
    )
    if not figure.known or figure.proposed is None:
        raise DomainError(f"Tiêu chí {criterion.code}: {figure.value.reason or 'chưa có số liệu.'}")
    value = figure.value.value
    shown = f"{vn(value, 1)} {figure.unit}"
    text = f"{figure.label}: {shown} – {figure.value.source_label}."
    fresh = Answer.objects.select_related("criterion", "updated_by").get(pk=answer.pk)
    versioned_write(
        actor,
        {criterion.pk: fresh},
        {criterion.pk: Entry(value=value, version=fresh.version)},
        lambda a, e: {
            "self_figure": value,
            "self_score": figure.proposed.score,
            "not_applicable": False,
            "explanation": a.explanation or f"Theo số liệu hệ thống: {text}",
        },
    )
    fresh.evidence.exclude(measure_code="").delete()
    ev = Evidence.objects.create(
        answer=fresh,
        name=f"Số liệu hệ thống {shown}: {figure.label} – {figure.value.source_label}"[:255],
        measure_code=figure.code,
        source_url=figure.value.source_url,
        uploaded_by=user_or_none(actor),
    )
    audit.record(
        actor=actor,
        action="evidence.measure",
        obj=ev,
        after={
            "criterion": criterion.code,
            "measure": figure.code,
            "value": value,
            "score": figure.proposed.score,
            "source": figure.value.source_url,
        },
        unit_path=assessment.unit.path,
    )
    return ev
