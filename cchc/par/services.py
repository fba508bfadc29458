"""Writes of the PAR Index cycle: rounds, self-assessment, evidence, appraisal, responses, survey, results.

Every service runs in one transaction, checks the policy (actor None is the system: demo loader, benchmark),
writes an audit record and refuses with a Vietnamese `DomainError` naming the criterion or the rows.
Dates are checked against `today` (default: the local date), so tests and the demo pass a fixed date.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import F, Q, Sum
from django.utils import timezone

from cchc.core import audit, dates, tabular
from cchc.core.attachments import attach
from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.scope import SYSTEM, user_or_none
from cchc.core.text import fold, nfc
from cchc.orgs.choices import BlocCode
from cchc.orgs.models import BlocMembership, Unit
from cchc.par import policies, ranking
from cchc.par.choices import AssessmentStatus, Method, Part, RoundStatus, SetStatus
from cchc.par.criteria_services import set_errors
from cchc.par.models import (
    Answer,
    Assessment,
    CriteriaSet,
    Criterion,
    Evidence,
    Result,
    Round,
    Threshold,
)
from cchc.par.scoring import (
    ThresholdRow,
    band_for,
    criterion_score,
    index_total,
    parse_number,
    q2,
    vn,
)

ZERO = Decimal("0")


def _today(today: date | None) -> date:
    return today or dates.today()


# Rounds ------------------------------------------------------------------------------------------


def _check_round_dates(d: dict) -> None:
    pairs = [
        ("self_start", "self_end", "tự đánh giá"),
        ("appraisal_start", "appraisal_end", "thẩm định"),
        ("response_start", "response_end", "giải trình"),
    ]
    for start, end, label in pairs:
        if d[start] is None or d[end] is None:
            raise DomainError(f"Thiếu ngày bắt đầu hoặc kết thúc {label}.", field=start)
        if d[start] > d[end]:
            raise DomainError(f"Ngày bắt đầu {label} phải trước hạn {label}.", field=end)
    if d["appraisal_start"] < d["self_start"]:
        raise DomainError(
            "Thẩm định không thể bắt đầu trước khi mở tự đánh giá.", field="appraisal_start"
        )
    if d["response_start"] < d["appraisal_start"]:
        raise DomainError(
            "Giải trình không thể bắt đầu trước khi mở thẩm định.", field="response_start"
        )


@transaction.atomic
def round_create(
    *,
    actor,
    organiser: Unit,
    year: int,
    self_start: date,
    self_end: date,
    appraisal_start: date,
    appraisal_end: date,
    response_start: date,
    response_end: date,
    name: str = "",
    survey_organised: bool = True,
    audit_it: bool = True,
) -> Round:
    """A new round for a year of the organising level (one per year)."""
    if not policies.can_manage_sets(actor, organiser):
        raise PermissionDenied("Chỉ cơ quan thường trực mới được tạo đợt đánh giá.")
    d = dict(
        self_start=self_start,
        self_end=self_end,
        appraisal_start=appraisal_start,
        appraisal_end=appraisal_end,
        response_start=response_start,
        response_end=response_end,
    )
    _check_round_dates(d)
    if Round.objects.filter(organiser=organiser, year=year).exists():
        raise DomainError(f"Đã có đợt đánh giá năm {year}.", field="year")
    r = Round.objects.create(
        organiser=organiser,
        year=year,
        name=nfc(name) or f"Xác định Chỉ số CCHC năm {year}",
        survey_organised=survey_organised,
        **d,
    )
    if audit_it:
        audit.record(
            actor=actor,
            action="round.create",
            obj=r,
            after=audit.snapshot(r),
            unit_path=organiser.path,
        )
    return r


@transaction.atomic
def round_update(*, actor, round_: Round, name: str, survey_organised: bool, **dates_) -> Round:
    """Change the windows (and name) of a round not yet published."""
    if not policies.can_manage_round(actor, round_):
        raise PermissionDenied()
    if round_.status == RoundStatus.PUBLISHED:
        raise DomainError("Đợt đánh giá đã công bố kết quả; không sửa được.")
    _check_round_dates(dates_)
    before = audit.snapshot(round_)
    for k, v in dates_.items():
        setattr(round_, k, v)
    round_.name = nfc(name) or round_.name
    round_.survey_organised = survey_organised
    round_.save()
    audit.record(
        actor=actor,
        action="round.update",
        obj=round_,
        before=before,
        after=audit.snapshot(round_),
        unit_path=round_.organiser.path,
    )
    return round_


def round_blocs(round_: Round) -> dict[str, list[Unit]]:
    """{bloc code: member units} of the organiser's blocs in the round's year."""
    members: dict[str, list[Unit]] = defaultdict(list)
    for m in (
        BlocMembership.objects.filter(year=round_.year, bloc__organiser=round_.organiser)
        .select_related("unit", "bloc")
        .order_by("unit__name")
    ):
        members[m.bloc.code].append(m.unit)
    return members


@transaction.atomic
def round_open(*, actor, round_: Round, audit_it: bool = True) -> int:
    """Open a round: freeze the current set of each bloc and create every member's assessment and answers.

    Refused when a bloc with members has no current set or its set is not valid (the codes are named).
    """
    if not policies.can_manage_round(actor, round_):
        raise PermissionDenied()
    if round_.status != RoundStatus.DRAFT:
        raise DomainError("Đợt đánh giá đã mở.")
    blocs = round_blocs(round_)
    if not blocs:
        raise DomainError(f"Năm {round_.year} chưa có đơn vị nào thuộc các khối thi đua.")
    sets = {
        cs.bloc_code: cs
        for cs in CriteriaSet.objects.filter(
            organiser=round_.organiser, year=round_.year, is_current=True, bloc_code__in=list(blocs)
        )
    }
    problems = []
    for code in blocs:
        cs = sets.get(code)
        label = dict(BlocCode.choices).get(code, code)
        if cs is None:
            problems.append(f"{label}: chưa có bộ chỉ số năm {round_.year}.")
            continue
        errors = set_errors(cs)
        if errors:
            problems.append(f"{label} – {cs.name}: " + " ".join(errors))
    if problems:
        raise DomainError("Chưa mở được đợt đánh giá:\n" + "\n".join(problems))
    now = timezone.now()
    CriteriaSet.objects.filter(pk__in=[cs.pk for cs in sets.values()]).update(
        status=SetStatus.FROZEN, frozen_at=now
    )
    assessments = [
        Assessment(round=round_, unit=u, criteria_set=sets[code], bloc_code=code)
        for code, units in blocs.items()
        for u in units
    ]
    Assessment.objects.bulk_create(assessments)
    leaves = defaultdict(list)
    for c in Criterion.objects.filter(criteria_set__in=list(sets.values()), is_leaf=True).only(
        "pk", "criteria_set_id"
    ):
        leaves[c.criteria_set_id].append(c.pk)
    Answer.objects.bulk_create(
        [
            Answer(assessment=a, criterion_id=cid)
            for a in assessments
            for cid in leaves[a.criteria_set_id]
        ],
        batch_size=2000,
    )
    round_.status, round_.opened_at = RoundStatus.OPEN, now
    round_.save(update_fields=["status", "opened_at"])
    if audit_it:
        audit.record(
            actor=actor,
            action="round.open",
            obj=round_,
            after={"assessments": len(assessments), "sets": [cs.pk for cs in sets.values()]},
            unit_path=round_.organiser.path,
        )
    return len(assessments)


@transaction.atomic
def round_team_set(*, actor, round_: Round, usernames: list[str]) -> list:
    """Name the members of the appraisal team by user name (unknown names are refused)."""
    from django.contrib.auth import get_user_model

    if not policies.can_manage_round(actor, round_):
        raise PermissionDenied()
    names = [n.strip() for n in usernames if n.strip()]
    users = list(get_user_model().objects.filter(username__in=names, is_active=True))
    missing = sorted(set(names) - {u.username for u in users})
    if missing:
        raise DomainError("Không có tài khoản: " + ", ".join(missing), field="team")
    before = sorted(round_.team.values_list("username", flat=True))
    round_.team.set(users)
    audit.record(
        actor=actor,
        action="round.team",
        obj=round_,
        before={"team": before},
        after={"team": sorted(u.username for u in users)},
        unit_path=round_.organiser.path,
    )
    return users


# Self-assessment ---------------------------------------------------------------------------------


@dataclass
class Entry:
    """What a form posted for one criterion. `value` is the points, 1/0 for yes/no, or the figure."""

    value: Decimal | None = None
    text: str = ""
    not_applicable: bool = False
    version: int | None = None


def _self_window_error(assessment: Assessment, today: date) -> str | None:
    r = assessment.round
    if r.status != RoundStatus.OPEN:
        return "Đợt đánh giá không ở trạng thái đang đánh giá."
    if assessment.status != AssessmentStatus.DRAFT:
        return f"Hồ sơ đang ở trạng thái “{assessment.get_status_display()}”; đơn vị không sửa được nữa."
    if today < r.self_start:
        return f"Chưa đến thời gian tự đánh giá (bắt đầu từ {dates.fmt(r.self_start)})."
    if today > assessment.self_close:
        return (
            f"Đã hết hạn tự đánh giá (hạn {dates.fmt(assessment.self_close)}); đơn vị không thể sửa hoặc nộp. "
            "Liên hệ cơ quan thường trực cấp trên nếu cần mở lại."
        )
    return None


def self_edit_error(actor, assessment: Assessment, today: date | None = None) -> str | None:
    """Why the actor cannot change this self-assessment now (None when they can)."""
    if not policies.can_edit_self_assessment(actor, assessment):
        return "Bạn không có quyền tự đánh giá cho đơn vị này."
    return _self_window_error(assessment, _today(today))


def _thresholds(criterion_ids) -> dict[int, list[ThresholdRow]]:
    rows = defaultdict(list)
    for t in Threshold.objects.filter(criterion_id__in=list(criterion_ids)):
        rows[t.criterion_id].append(ThresholdRow(t.min_value, t.score))
    return rows


def _score(criterion: Criterion, value, thresholds) -> tuple[Decimal | None, Decimal | None]:
    """(figure, score) for a value posted for a criterion; points carry no figure."""
    if value is None:
        return None, None
    scored = criterion_score(
        code=criterion.code,
        method=criterion.method,
        max_score=criterion.max_score,
        value=value,
        thresholds=thresholds.get(criterion.pk, ()),
        unit_label=criterion.figure_unit,
    )
    figure = value if criterion.method in (Method.THRESHOLD, Method.YES_NO) else None
    return figure, scored.score


def _stale_message(stale: list[Answer]) -> str:
    parts = []
    for a in stale:
        who = (
            a.updated_by.get_full_name() or a.updated_by.username
            if a.updated_by_id
            else "người khác"
        )
        when = timezone.localtime(a.updated_at).strftime("%H:%M ngày %d/%m/%Y")
        parts.append(
            f"tiêu chí {a.criterion.code} ({a.criterion.name}) vừa được {who} sửa lúc {when}"
        )
    return (
        "Không lưu được vì "
        + "; ".join(parts)
        + ". Nội dung mới của tiêu chí đó đang hiển thị (tô đỏ); hãy xem lại rồi "
        "nhập lại thay đổi của bạn nếu vẫn cần."
    )


def _apply(actor, answers: dict[int, Answer], entries: dict[int, Entry], build) -> list[str]:
    """Check versions and write each changed answer with a guarded update; refuse everything on a stale one.

    `build(answer, entry)` returns the field values to write. The update only matches the version the form
    was loaded with, so two people saving the same criterion never overwrite each other silently.
    """
    stale, changed = [], []
    for cid, entry in entries.items():
        a = answers.get(cid)
        if a is None:
            raise DomainError("Tiêu chí không thuộc hồ sơ này.")
        values = build(a, entry)
        if entry.version is not None and entry.version != a.version:
            stale.append(a)
            continue
        updated = Answer.objects.filter(pk=a.pk, version=a.version).update(
            **values,
            version=F("version") + 1,
            updated_by=user_or_none(actor),
            updated_at=timezone.now(),
        )
        if not updated:
            a.refresh_from_db()
            stale.append(a)
            continue
        changed.append(a.criterion.code)
    if stale:
        raise DomainError(
            _stale_message(stale), field="version", rows=[a.criterion.code for a in stale]
        )
    return changed


def _answers(assessment: Assessment, ids=None) -> dict[int, Answer]:
    qs = assessment.answers.select_related("criterion", "updated_by")
    if ids is not None:
        qs = qs.filter(criterion_id__in=list(ids))
    return {a.criterion_id: a for a in qs}


@transaction.atomic
def self_assessment_save(
    *, actor, assessment: Assessment, entries: dict[int, Entry], today: date | None = None
) -> list[str]:
    """Save the unit's draft scores, figures and explanations (only the criteria the form changed).

    Refuses the whole save when a score exceeds a maximum, when the window is closed, or when another user
    changed one of the same criteria meanwhile. Returns the codes saved.
    """
    error = self_edit_error(actor, assessment, today)
    if error:
        raise DomainError(error)
    answers = _answers(assessment, entries.keys())
    thresholds = _thresholds(entries.keys())
    problems = []
    computed: dict[int, tuple] = {}
    for cid, entry in entries.items():
        a = answers.get(cid)
        if a is None:
            raise DomainError("Tiêu chí không thuộc hồ sơ này.")
        c = a.criterion
        if c.method == Method.SURVEY:
            problems.append(
                f"Tiêu chí {c.code}: điểm điều tra xã hội học do cơ quan thường trực nhập."
            )
            continue
        if entry.not_applicable and not c.allow_not_applicable:
            problems.append(f"Tiêu chí {c.code}: không được đánh dấu “không áp dụng”.")
            continue
        try:
            computed[cid] = (
                (None, None) if entry.not_applicable else _score(c, entry.value, thresholds)
            )
        except DomainError as exc:
            problems.append(exc.message)
    if problems:
        raise DomainError("\n".join(problems), field="self_score")

    def build(a, entry):
        figure, score = computed[a.criterion_id]
        return {
            "self_figure": figure,
            "self_score": score,
            "explanation": nfc(entry.text) if entry.text else "",
            "not_applicable": entry.not_applicable,
        }

    changed = _apply(actor, answers, entries, build)
    if changed:
        audit.record(
            actor=actor,
            action="assessment.self_save",
            obj=assessment,
            after={"criteria": changed},
            unit_path=assessment.unit.path,
        )
    return changed


def _evidence_missing(assessment: Assessment) -> list[str]:
    return list(
        assessment.answers.filter(
            criterion__evidence_required=True, not_applicable=False, self_score__gt=0
        )
        .filter(evidence__isnull=True)
        .order_by("criterion__sort_key")
        .values_list("criterion__code", flat=True)
    )


def _unanswered(assessment: Assessment) -> list[str]:
    return list(
        assessment.answers.filter(self_score__isnull=True, not_applicable=False)
        .exclude(criterion__method=Method.SURVEY)
        .order_by("criterion__sort_key")
        .values_list("criterion__code", flat=True)
    )


def _codes(codes: list[str], limit: int = 15) -> str:
    more = len(codes) - limit
    return ", ".join(codes[:limit]) + (f" và {more} tiêu chí khác" if more > 0 else "")


@transaction.atomic
def assessment_submit(*, actor, assessment: Assessment, today: date | None = None) -> Assessment:
    """Submit the self-assessment for appraisal: every criterion answered, required evidence attached."""
    error = self_edit_error(actor, assessment, today)
    if error:
        raise DomainError(error)
    missing = _unanswered(assessment)
    if missing:
        raise DomainError(f"Chưa chấm điểm các tiêu chí: {_codes(missing)}.", rows=missing)
    no_evidence = _evidence_missing(assessment)
    if no_evidence:
        raise DomainError(
            f"Thiếu tài liệu kiểm chứng bắt buộc ở các tiêu chí: {_codes(no_evidence)}.",
            rows=no_evidence,
        )
    assessment.status = AssessmentStatus.SUBMITTED
    assessment.submitted_at, assessment.submitted_by = timezone.now(), user_or_none(actor)
    assessment.save(update_fields=["status", "submitted_at", "submitted_by"])
    audit.record(
        actor=actor, action="assessment.submit", obj=assessment, unit_path=assessment.unit.path
    )
    return assessment


@transaction.atomic
def assessment_reopen(
    *, actor, assessment: Assessment, until: date, note: str = "", today: date | None = None
) -> Assessment:
    """The standing agency above reopens one unit's self-assessment until a new date."""
    if not policies.can_reopen(actor, assessment):
        raise PermissionDenied("Chỉ cơ quan thường trực cấp trên mới được mở lại hồ sơ.")
    if assessment.round.status != RoundStatus.OPEN:
        raise DomainError("Đợt đánh giá không ở trạng thái đang đánh giá.")
    if assessment.status == AssessmentStatus.FINALISED:
        raise DomainError("Hồ sơ đã chốt kết quả; không mở lại được.")
    if until is None or until < _today(today):
        raise DomainError("Hạn mới phải từ hôm nay trở đi.", field="until")
    before = audit.snapshot(assessment, ["status", "self_deadline"])
    assessment.status, assessment.self_deadline = AssessmentStatus.DRAFT, until
    assessment.save(update_fields=["status", "self_deadline"])
    audit.record(
        actor=actor,
        action="assessment.reopen",
        obj=assessment,
        before=before,
        after=audit.snapshot(assessment, ["status", "self_deadline"]),
        unit_path=assessment.unit.path,
        note=nfc(note),
    )
    return assessment


@transaction.atomic
def evidence_add(
    *, actor, answer: Answer, upload=None, document=None, today: date | None = None
) -> Evidence:
    """Attach an uploaded file or a registered document to an answer while the self-assessment is open."""
    assessment = answer.assessment
    error = self_edit_error(actor, assessment, today)
    if error:
        raise DomainError(error)
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
    error = self_edit_error(actor, assessment, today)
    if error:
        raise DomainError(error)
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


# Appraisal and responses -------------------------------------------------------------------------


def appraisal_error(actor, assessment: Assessment, today: date | None = None) -> str | None:
    """Why the actor cannot appraise this assessment now (None when they can)."""
    if not policies.can_appraise(actor, assessment):
        return "Bạn không thuộc cơ quan thường trực cấp trên hay tổ thẩm định của đợt này."
    r, today = assessment.round, _today(today)
    if r.status != RoundStatus.OPEN:
        return "Đợt đánh giá không ở trạng thái đang đánh giá."
    if assessment.status not in (AssessmentStatus.SUBMITTED, AssessmentStatus.SENT_BACK):
        if assessment.status == AssessmentStatus.DRAFT:
            return "Đơn vị chưa nộp hồ sơ tự đánh giá."
        return "Hồ sơ đã chốt kết quả."
    if today < r.appraisal_start:
        return f"Chưa đến thời gian thẩm định (bắt đầu từ {dates.fmt(r.appraisal_start)})."
    last = max(r.appraisal_end, r.response_end)
    if today > last:
        return f"Đã hết thời gian thẩm định (hạn {dates.fmt(last)})."
    return None


@transaction.atomic
def appraisal_save(
    *, actor, assessment: Assessment, entries: dict[int, Entry], today: date | None = None
) -> list[str]:
    """Save appraised scores (or figures) and comments; a stale version refuses the save naming the criterion."""
    error = appraisal_error(actor, assessment, today)
    if error:
        raise DomainError(error)
    answers = _answers(assessment, entries.keys())
    thresholds = _thresholds(entries.keys())
    problems, computed = [], {}
    for cid, entry in entries.items():
        a = answers.get(cid)
        if a is None:
            raise DomainError("Tiêu chí không thuộc hồ sơ này.")
        if a.criterion.method == Method.SURVEY:
            problems.append(
                f"Tiêu chí {a.criterion.code}: điểm điều tra nhập ở trang điều tra xã hội học."
            )
            continue
        try:
            computed[cid] = (
                (None, None)
                if entry.not_applicable
                else _score(a.criterion, entry.value, thresholds)
            )
        except DomainError as exc:
            problems.append(exc.message)
    if problems:
        raise DomainError("\n".join(problems), field="appraised_score")

    def build(a, entry):
        figure, score = computed[a.criterion_id]
        return {
            "appraised_figure": figure,
            "appraised_score": score,
            "appraisal_comment": nfc(entry.text) if entry.text else "",
            "not_applicable": entry.not_applicable,
        }

    changed = _apply(actor, answers, entries, build)
    if changed:
        audit.record(
            actor=actor,
            action="assessment.appraise",
            obj=assessment,
            after={"criteria": changed},
            unit_path=assessment.unit.path,
        )
    return changed


def _fill_appraised(assessment: Assessment) -> None:
    """Criteria the appraisers left untouched keep the self-assessed score."""
    assessment.answers.filter(appraised_score__isnull=True, not_applicable=False).exclude(
        criterion__method=Method.SURVEY
    ).update(appraised_score=F("self_score"), appraised_figure=F("self_figure"))


@transaction.atomic
def appraisal_send(*, actor, assessment: Assessment, today: date | None = None) -> Assessment:
    """Send the appraisal result back to the unit, which may respond within the response window."""
    error = appraisal_error(actor, assessment, today)
    if error:
        raise DomainError(error)
    if assessment.status != AssessmentStatus.SUBMITTED:
        raise DomainError("Kết quả thẩm định đã được gửi cho đơn vị.")
    _fill_appraised(assessment)
    assessment.status, assessment.sent_at = AssessmentStatus.SENT_BACK, timezone.now()
    assessment.save(update_fields=["status", "sent_at"])
    audit.record(
        actor=actor, action="assessment.send_back", obj=assessment, unit_path=assessment.unit.path
    )
    return assessment


def response_error(actor, assessment: Assessment, today: date | None = None) -> str | None:
    if not policies.can_respond(actor, assessment):
        return "Bạn không có quyền giải trình cho đơn vị này."
    r, today = assessment.round, _today(today)
    if assessment.status != AssessmentStatus.SENT_BACK:
        return "Chỉ giải trình khi đã nhận kết quả thẩm định và trước khi chốt."
    if today < r.response_start:
        return f"Chưa đến thời gian giải trình (bắt đầu từ {dates.fmt(r.response_start)})."
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
    answers = _answers(assessment, entries.keys())
    now = timezone.now()
    changed = _apply(
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


@transaction.atomic
def appraisal_finalise(*, actor, assessment: Assessment, today: date | None = None) -> Assessment:
    """The appraisal team closes the file; its appraised scores enter the results."""
    error = appraisal_error(actor, assessment, today)
    if error:
        raise DomainError(error)
    _fill_appraised(assessment)
    assessment.status = AssessmentStatus.FINALISED
    assessment.finalised_at, assessment.finalised_by = timezone.now(), user_or_none(actor)
    assessment.save(update_fields=["status", "finalised_at", "finalised_by"])
    audit.record(
        actor=actor, action="assessment.finalise", obj=assessment, unit_path=assessment.unit.path
    )
    return assessment


# Survey ------------------------------------------------------------------------------------------

SURVEY_UNIT_COLUMNS = {"unit_code": ["Mã đơn vị", "Mã"], "unit": ["Đơn vị", "Tên đơn vị"]}


def survey_columns(round_: Round) -> dict[str, tuple[str, Decimal]]:
    """{code: (name, maximum)} of the survey items of the round's sets (the columns of the import file)."""
    cols: dict[str, tuple[str, Decimal]] = {}
    set_ids = Assessment.objects.filter(round=round_).values("criteria_set_id")
    for c in Criterion.objects.filter(
        criteria_set_id__in=set_ids, method=Method.SURVEY, is_leaf=True
    ).order_by("sort_key"):
        cols.setdefault(c.code, (c.name, c.max_score))
    return cols


@dataclass
class SurveyRow:
    number: int
    unit_label: str
    cells: list[str]
    errors: list[str] = field(default_factory=list)
    assessment: Assessment | None = None
    scores: dict[str, Decimal] = field(default_factory=dict)


@dataclass
class SurveyPreview:
    columns: list[str]
    rows: list[SurveyRow]
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows) and all(not r.errors for r in self.rows)

    @property
    def bad_rows(self) -> list[SurveyRow]:
        return [r for r in self.rows if r.errors]

    def message(self) -> str:
        parts = list(self.errors)
        for r in self.bad_rows[:30]:
            parts.append(f"Dòng {r.number}: " + "; ".join(r.errors))
        if len(self.bad_rows) > 30:
            parts.append(f"… và {len(self.bad_rows) - 30} dòng lỗi khác.")
        return "\n".join(parts)


def _check_survey(actor, round_: Round) -> None:
    if not policies.can_manage_round(actor, round_):
        raise PermissionDenied("Chỉ cơ quan thường trực mới được nhập điểm điều tra xã hội học.")
    if round_.status != RoundStatus.OPEN:
        raise DomainError("Chỉ nhập điểm điều tra khi đợt đánh giá đang mở.")


def survey_import_preview(*, actor, round_: Round, filename: str, data: bytes) -> SurveyPreview:
    """Check every row of a survey file (unit, then one column per survey item); nothing is written."""
    _check_survey(actor, round_)
    items = survey_columns(round_)
    columns = dict(SURVEY_UNIT_COLUMNS)
    for code, (name, _) in items.items():
        columns[code] = [code, name, f"{code}. {name}"]
    try:
        table = tabular.read_table(filename, data, columns, required=["unit", *items.keys()])
    except DomainError as exc:
        return SurveyPreview(columns=list(items), rows=[], errors=[exc.message])
    assessments = list(
        Assessment.objects.filter(round=round_).select_related("unit", "criteria_set")
    )
    by_code = {a.unit.code: a for a in assessments if a.unit.code}
    by_name: dict[str, Assessment] = {}
    for a in assessments:
        for n in (a.unit.name, a.unit.short_name):
            if n:
                by_name.setdefault(fold(n), a)
    maxima = defaultdict(dict)
    for c in Criterion.objects.filter(
        criteria_set_id__in={a.criteria_set_id for a in assessments}, method=Method.SURVEY
    ):
        maxima[c.criteria_set_id][c.code] = c.max_score
    rows, seen = [], {}
    for number, v in table.rows:
        label = v.get("unit", "") or v.get("unit_code", "")
        row = SurveyRow(number=number, unit_label=label, cells=[v.get(k, "") for k in items])
        a = by_code.get(v.get("unit_code", "")) or by_name.get(fold(v.get("unit", "")))
        if not label:
            row.errors.append("thiếu tên đơn vị")
        elif a is None:
            row.errors.append(f"không có đơn vị “{label}” trong đợt đánh giá")
        elif a.pk in seen:
            row.errors.append(f"đơn vị “{a.unit.name}” trùng với dòng {seen[a.pk]}")
        else:
            seen[a.pk] = number
            row.assessment = a
        for code in items:
            text = v.get(code, "")
            try:
                value = parse_number(text)
            except ValueError:
                row.errors.append(f"điểm {code} “{text}” không phải số")
                continue
            if value is None:
                row.errors.append(f"thiếu điểm {code}")
                continue
            if a is not None:
                top = maxima[a.criteria_set_id].get(code)
                if top is None:
                    row.errors.append(f"bộ chỉ số của đơn vị không có mục {code}")
                    continue
                if value < 0 or value > top:
                    row.errors.append(f"điểm {code} {vn(value)} ngoài khoảng 0 – {vn(top)}")
                    continue
            row.scores[code] = q2(value)
        rows.append(row)
    if not rows:
        return SurveyPreview(
            columns=list(items), rows=[], errors=["Tệp không có dòng dữ liệu nào."]
        )
    return SurveyPreview(columns=list(items), rows=rows)


def _write_survey(round_: Round, scores: dict[int, dict[str, Decimal]]) -> int:
    answers = list(
        Answer.objects.filter(
            assessment_id__in=list(scores), criterion__method=Method.SURVEY
        ).select_related("criterion")
    )
    for a in answers:
        if a.criterion.code in scores[a.assessment_id]:
            a.appraised_score = scores[a.assessment_id][a.criterion.code]
            a.version += 1
    Answer.objects.bulk_update(answers, ["appraised_score", "version"], batch_size=1000)
    return len(scores)


@transaction.atomic
def survey_import(*, actor, round_: Round, filename: str, data: bytes) -> int:
    """Store the survey scores of a file, or none of them: any bad row refuses the whole file."""
    preview = survey_import_preview(actor=actor, round_=round_, filename=filename, data=data)
    if not preview.ok:
        raise DomainError(
            "Tệp điều tra xã hội học có lỗi; chưa có điểm nào được lưu.\n" + preview.message(),
            rows=[r.number for r in preview.bad_rows],
        )
    count = _write_survey(round_, {r.assessment.pk: r.scores for r in preview.rows})
    audit.record(
        actor=actor,
        action="survey.import",
        obj=round_,
        after={"file": filename, "units": count},
        unit_path=round_.organiser.path,
    )
    return count


@transaction.atomic
def survey_set(*, actor, round_: Round, scores: dict[int, dict[str, Decimal | None]]) -> int:
    """Survey scores entered by hand: {assessment id: {item code: score}}; refused whole on any bad value."""
    _check_survey(actor, round_)
    assessments = {
        a.pk: a
        for a in Assessment.objects.filter(round=round_, pk__in=list(scores)).select_related("unit")
    }
    maxima = defaultdict(dict)
    for c in Criterion.objects.filter(
        criteria_set_id__in={a.criteria_set_id for a in assessments.values()}, method=Method.SURVEY
    ):
        maxima[c.criteria_set_id][c.code] = c.max_score
    problems, clean = [], {}
    for aid, items in scores.items():
        a = assessments.get(aid)
        if a is None:
            raise DomainError("Hồ sơ không thuộc đợt đánh giá này.")
        clean[aid] = {}
        for code, value in items.items():
            if value is None:
                continue
            top = maxima[a.criteria_set_id].get(code)
            if top is None or value < 0 or value > top:
                problems.append(
                    f"{a.unit.name}: điểm {code} {vn(value)} ngoài khoảng 0 – {vn(top or 0)}"
                )
                continue
            clean[aid][code] = q2(value)
    if problems:
        raise DomainError("Chưa lưu được điểm điều tra:\n" + "\n".join(problems))
    count = _write_survey(round_, clean)
    audit.record(
        actor=actor,
        action="survey.set",
        obj=round_,
        after={"units": count},
        unit_path=round_.organiser.path,
    )
    return count


# Results -----------------------------------------------------------------------------------------


def _sums(assessment_ids) -> dict[int, dict]:
    """Per assessment: appraised, survey, self and not-applicable maximum, and the score of each area (1 query)."""
    out: dict[int, dict] = defaultdict(
        lambda: {"app": ZERO, "survey": ZERO, "self": ZERO, "na": ZERO, "areas": {}}
    )
    rows = (
        Answer.objects.filter(assessment_id__in=assessment_ids)
        .values("assessment_id", "criterion__area_code", "criterion__part")
        .annotate(
            app=Sum("appraised_score", filter=Q(not_applicable=False)),
            own=Sum("self_score", filter=Q(not_applicable=False)),
            na=Sum("criterion__max_score", filter=Q(not_applicable=True)),
        )
        .order_by()
    )
    for r in rows:
        d = out[r["assessment_id"]]
        app, own, na = r["app"] or ZERO, r["own"] or ZERO, r["na"] or ZERO
        if r["criterion__part"] == Part.SURVEY:
            d["survey"] += app
        else:
            d["app"] += app
            d["self"] += own
            d["na"] += na
        d["areas"][r["criterion__area_code"]] = (
            d["areas"].get(r["criterion__area_code"], ZERO) + app
        )
    return out


@transaction.atomic
def results_compute(*, actor, round_: Round) -> int:
    """(Re)compute the results of the finalised assessments: index, rank in each bloc, award order, band.

    Units whose assessment is not finalised are left out of the ranking. Refused once published.
    """
    if not policies.can_manage_round(actor, round_):
        raise PermissionDenied()
    if round_.status == RoundStatus.PUBLISHED:
        raise DomainError("Kết quả đã công bố; không tính lại được.")
    assessments = list(
        Assessment.objects.filter(round=round_, status=AssessmentStatus.FINALISED)
        .select_related("unit")
        .only("pk", "unit__name", "unit_id", "criteria_set_id", "bloc_code")
    )
    sums = _sums([a.pk for a in assessments])
    sets = {
        cs.pk: cs
        for cs in CriteriaSet.objects.filter(
            pk__in={a.criteria_set_id for a in assessments}
        ).prefetch_related("bands")
    }
    by_bloc: dict[str, list] = defaultdict(list)
    computed = {}
    for a in assessments:
        cs, s = sets[a.criteria_set_id], sums[a.pk]
        total, applicable = index_total(
            appraised=s["app"],
            survey=s["survey"],
            appraised_max=cs.appraised_max,
            survey_max=cs.survey_max,
            not_applicable_max=s["na"],
            survey_organised=round_.survey_organised,
        )
        computed[a.pk] = (total, applicable)
        by_bloc[a.bloc_code].append(
            (
                a,
                ranking.Entry(
                    unit_id=a.unit_id,
                    unit_name=a.unit.name,
                    total=total,
                    appraised=s["app"],
                    survey=s["survey"],
                ),
            )
        )
    results = []
    for _code, pairs in by_bloc.items():
        by_unit = {e.unit_id: a for a, e in pairs}
        for r in ranking.rank([e for _, e in pairs]):
            a = by_unit[r.entry.unit_id]
            cs, s = sets[a.criteria_set_id], sums[a.pk]
            total, applicable = computed[a.pk]
            results.append(
                Result(
                    round=round_,
                    year=round_.year,
                    unit_id=a.unit_id,
                    bloc_code=a.bloc_code,
                    criteria_set=cs,
                    self_score=q2(s["self"]),
                    appraised_score=q2(s["app"]),
                    survey_score=q2(s["survey"]),
                    applicable_max=applicable,
                    total=total,
                    rank=r.rank,
                    award_order=r.award_order,
                    bloc_size=len(pairs),
                    band=band_for(total, [(b.name, b.min_score) for b in cs.bands.all()]),
                    area_scores={k: str(q2(v)) for k, v in s["areas"].items()},
                    published=False,
                )
            )
    Result.objects.filter(round=round_).delete()
    Result.objects.bulk_create(results, batch_size=1000)
    if actor is not None:
        audit.record(
            actor=actor,
            action="results.compute",
            obj=round_,
            after={"results": len(results)},
            unit_path=round_.organiser.path,
        )
    return len(results)


def unfinalised(round_: Round) -> list[str]:
    """Names of the units whose assessment is not finalised (left out of the ranking)."""
    return list(
        Assessment.objects.filter(round=round_)
        .exclude(status=AssessmentStatus.FINALISED)
        .order_by("unit__name")
        .values_list("unit__name", flat=True)
    )


@transaction.atomic
def round_publish(*, actor, round_: Round) -> int:
    """Compute the results once more and publish them: from now on every unit of the level sees the ranking."""
    if not policies.can_manage_round(actor, round_):
        raise PermissionDenied("Chỉ cơ quan thường trực cấp thành phố mới được công bố kết quả.")
    if round_.status != RoundStatus.OPEN:
        raise DomainError("Chỉ công bố được đợt đánh giá đang mở.")
    count = results_compute(actor=SYSTEM, round_=round_)
    if count == 0:
        raise DomainError("Chưa có hồ sơ nào được chốt kết quả thẩm định; chưa công bố được.")
    left_out = unfinalised(round_)
    Result.objects.filter(round=round_).update(published=True)
    round_.status, round_.published_at, round_.published_by = (
        RoundStatus.PUBLISHED,
        timezone.now(),
        user_or_none(actor),
    )
    round_.save(update_fields=["status", "published_at", "published_by"])
    audit.record(
        actor=actor,
        action="round.publish",
        obj=round_,
        after={"results": count, "left_out": left_out},
        unit_path=round_.organiser.path,
    )
    return count
