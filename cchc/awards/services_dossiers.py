"""Writes of nomination dossiers: open, add and remove nominees, attach and generate files, the leader's
sign-off, submission with its checks (`submission.py`), the paper dossier recorded by the standing agency, and
the standing agency's reception or return. Each is one transaction with its policy check and audit record;
refusals are `DomainError`s in Vietnamese naming the field."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max

from cchc.awards import files_dossiers
from cchc.awards import notices_dossiers as notices
from cchc.awards import policies_dossiers as policies
from cchc.awards import selectors_dossiers as selectors
from cchc.awards import submission as checks
from cchc.awards.choices import (
    AttachmentKind,
    DossierStatus,
    NominationStatus,
    ProgrammeKind,
    Subject,
)
from cchc.awards.models import Dossier, DossierFile, Nomination, Programme, RuleFile
from cchc.awards.rule_files import programme_rule
from cchc.awards.workflows_dossiers import DOSSIER_FLOW
from cchc.core import audit, dates
from cchc.core.attachments import attach
from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.scope import user_or_none
from cchc.core.text import fold_words
from cchc.initiatives.choices import InitiativeStatus
from cchc.initiatives.models import Initiative, InitiativeAuthor
from cchc.initiatives.selectors import PENDING as PENDING_INITIATIVE
from cchc.orgs.models import Person, Unit

EDIT_REFUSED = "Chỉ sửa được hồ sơ đang lập (hoặc bị trả lại) của đơn vị mình."


def search_text(dossier: Dossier) -> str:
    """Folded number, title, programme, proposing unit and nominees of a dossier."""
    return fold_words(
        str(dossier.number),
        dossier.title,
        dossier.programme.name,
        dossier.proposing_unit.name,
        dossier.proposing_unit.short_name,
        *(n.name for n in dossier.nominations.all()),
        str(dossier.year or ""),
    )


def _refresh_search(dossier: Dossier) -> None:
    Dossier.objects.filter(pk=dossier.pk).update(search_text=search_text(dossier))


def _occasion(
    programme: Programme, year: int | None, period: tuple[int, int] | None
) -> tuple[int | None, tuple[int, int] | None]:
    pf, rule = programme_rule(programme)
    if rule.kind == ProgrammeKind.PERIOD_END:
        own = pf.period_of(rule)
        period = period or own
        if period is None:
            raise DomainError("Nhập giai đoạn của hồ sơ tổng kết, ví dụ 2026-2030.", field="period")
        return None, (int(period[0]), int(period[1]))
    if year is None:
        raise DomainError("Nhập năm thành tích của hồ sơ.", field="year")
    today = dates.today()
    if not 2000 <= year <= today.year:
        raise DomainError(
            f"Năm thành tích {year} không hợp lệ (từ 2000 đến {today.year}).", field="year"
        )
    if rule.years is not None and not rule.years.start <= year <= rule.years.end:
        raise DomainError(
            f"Chương trình “{programme.name}” xét các năm {rule.years.start} - {rule.years.end}; "
            f"năm {year} không thuộc chương trình.",
            field="year",
        )
    return year, None


def _title(programme: Programme, unit: Unit, year: int | None, period) -> str:
    when = f"năm {year}" if year is not None else f"giai đoạn {period[0]} - {period[1]}"
    return f"Đề nghị {programme.name[:1].lower()}{programme.name[1:]} {when} — {unit.name}"[:300]


@transaction.atomic
def dossier_open(
    *,
    actor: Any,
    programme: Programme,
    proposing_unit: Unit,
    year: int | None = None,
    period: tuple[int, int] | None = None,
) -> Dossier:
    """Open a draft dossier of a proposing unit for a programme and a year (or the programme's period)."""
    if not (
        policies.can_open_dossier(actor, proposing_unit)
        or policies.is_standing_agency(actor, programme)
    ):
        raise PermissionDenied("Chỉ cán bộ của đơn vị đề nghị mới lập hồ sơ của đơn vị.")
    if not programme.is_active:
        raise DomainError(f"Chương trình “{programme.name}” không còn áp dụng.", field="programme")
    if not proposing_unit.path.startswith(programme.unit.path):
        raise DomainError(
            f"{proposing_unit.name} không thuộc cấp của chương trình “{programme.name}” "
            f"({programme.unit.name}).",
            field="proposing_unit",
        )
    year, period = _occasion(programme, year, period)
    # The programme's row is locked so that two dossiers opened at once get two numbers.
    Programme.objects.select_for_update().filter(pk=programme.pk).first()
    number = (Dossier.objects.filter(programme=programme).aggregate(m=Max("number"))["m"] or 0) + 1
    dossier = Dossier(
        programme=programme,
        proposing_unit=proposing_unit,
        number=number,
        year=year,
        period_start=period[0] if period else None,
        period_end=period[1] if period else None,
        title=_title(programme, proposing_unit, year, period),
        created_by=user_or_none(actor),
    )
    dossier.save()
    _refresh_search(dossier)
    audit.record(
        actor=actor,
        action="award_dossier.open",
        obj=dossier,
        after=audit.snapshot(dossier, ["programme", "proposing_unit", "year", "number"]),
        unit_path=proposing_unit.path,
    )
    return dossier


@transaction.atomic
def dossier_for_nominee(
    *, actor: Any, programme: Programme, proposing_unit: Unit, year: int | None
) -> Dossier:
    """The unit's draft dossier for the programme and year, opened when it has none (the API's way in)."""
    _y, period = _occasion(programme, year, None)
    qs = Dossier.objects.filter(
        programme=programme, proposing_unit=proposing_unit, status=DossierStatus.DRAFT
    )
    qs = qs.filter(year=year) if period is None else qs.filter(period_start=period[0])
    existing = qs.order_by("pk").first()
    if existing is not None:
        return existing
    return dossier_open(
        actor=actor, programme=programme, proposing_unit=proposing_unit, year=year, period=period
    )


def _check_edit(actor: Any, dossier: Dossier) -> None:
    if not policies.can_edit_dossier(actor, dossier):
        if dossier.status not in policies.EDITABLE:
            raise DomainError(
                f"Hồ sơ số {dossier.number} đang ở trạng thái “{dossier.get_status_display()}”: "
                "không sửa được.",
            )
        raise PermissionDenied(EDIT_REFUSED)


def _achievement_initiatives(
    dossier: Dossier, unit: Unit | None, person: Person | None, initiatives: Iterable[Initiative]
) -> list[Initiative]:
    """The initiatives a nominee names as its achievement, each checked: recognised or awaiting recognition, of
    the dossier's years, the collective's own (or of a unit below it) or co-authored by the person."""
    chosen = list({i.pk: i for i in initiatives}.values())
    if not chosen:
        return []
    start, end = selectors.years_of(dossier)
    authors = (
        set(
            InitiativeAuthor.objects.filter(
                person=person, initiative__in=[i.pk for i in chosen]
            ).values_list("initiative_id", flat=True)
        )
        if person is not None
        else set()
    )
    for i in chosen:
        if i.status not in (InitiativeStatus.RECOGNISED, *PENDING_INITIATIVE):
            raise DomainError(
                f"Sáng kiến “{i.title}” đang ở trạng thái “{i.get_status_display()}”: chỉ dùng làm thành "
                "tích sáng kiến đã được công nhận hoặc đang chờ Hội đồng xét.",
                field="initiatives",
            )
        if not start <= i.year <= end:
            raise DomainError(
                f"Sáng kiến “{i.title}” là sáng kiến năm {i.year}, không thuộc "
                f"{checks.occasion_text(dossier)} của hồ sơ.",
                field="initiatives",
            )
        if unit is not None and not i.unit.path.startswith(unit.path):
            raise DomainError(
                f"Sáng kiến “{i.title}” không phải của {unit.name} hay đơn vị trực thuộc.",
                field="initiatives",
            )
        if person is not None and i.pk not in authors:
            raise DomainError(
                f"{person.full_name} không phải tác giả của sáng kiến “{i.title}”.",
                field="initiatives",
            )
    return chosen


@transaction.atomic
def nomination_add(
    *,
    actor: Any,
    dossier: Dossier,
    unit: Unit | None = None,
    person: Person | None = None,
    achievement: str = "",
    initiatives: Iterable[Initiative] = (),
) -> Nomination:
    """Add a collective (a unit of the proposing unit) or a person working in it, for the programme's form; its
    eligibility is computed at once with its reasons. `initiatives` are the initiatives named as its achievement
    (one initiative, one award: checked at submission)."""
    _check_edit(actor, dossier)
    programme = dossier.programme
    if (unit is None) == (person is None):
        raise DomainError("Chọn một tập thể hoặc một cá nhân được đề nghị.", field="nominee")
    if programme.subject == Subject.COLLECTIVE and unit is None:
        raise DomainError(
            f"Chương trình “{programme.name}” khen thưởng tập thể: chọn một tập thể.", field="unit"
        )
    if programme.subject == Subject.PERSON and person is None:
        raise DomainError(
            f"Chương trình “{programme.name}” khen thưởng cá nhân: chọn một cá nhân.",
            field="person",
        )
    if programme.subject == Subject.HOUSEHOLD:
        raise DomainError(
            "Hồ sơ đề nghị khen thưởng hộ gia đình chưa được hỗ trợ.", field="nominee"
        )
    root = dossier.proposing_unit.path
    if unit is not None and not unit.path.startswith(root):
        raise DomainError(
            f"{unit.name} không thuộc {dossier.proposing_unit.name}: đơn vị chỉ đề nghị tập thể của mình.",
            field="unit",
        )
    if person is not None and not person.unit.path.startswith(root):
        raise DomainError(
            f"{person.full_name} không công tác tại {dossier.proposing_unit.name}.", field="person"
        )
    same = (
        dossier.nominations.filter(unit=unit) if unit else dossier.nominations.filter(person=person)
    )
    if same.exists():
        raise DomainError("Tập thể, cá nhân này đã có trong hồ sơ.", field="nominee")
    nomination = Nomination(
        dossier=dossier,
        subject=programme.subject,
        unit=unit,
        person=person,
        name=unit.name if unit is not None else person.full_name,  # type: ignore[union-attr]
        form=programme.form,
        achievement=achievement.strip(),
        order=dossier.nominations.count() + 1,
    )
    verdict = checks.nominee_verdict(dossier, nomination)
    nomination.verdict = verdict.verdict
    nomination.reasons = checks.reason_lines(verdict)
    nomination.checked_on = dates.today()
    chosen = _achievement_initiatives(dossier, unit, person, initiatives)
    nomination.save()
    nomination.initiatives.set(chosen)
    _refresh_search(dossier)
    after: dict[str, Any] = {"nominee": nomination.name, "verdict": nomination.verdict}
    if chosen:
        after["initiatives"] = [i.title for i in chosen]
    audit.record(
        actor=actor,
        action="award_dossier.nominee_add",
        obj=dossier,
        after=after,
        unit_path=dossier.proposing_unit.path,
    )
    return nomination


@transaction.atomic
def nomination_set_initiatives(
    *, actor: Any, nomination: Nomination, initiatives: Iterable[Initiative]
) -> Nomination:
    """Name (again) the initiatives of a nominee's achievement while its dossier is being prepared."""
    dossier = nomination.dossier
    _check_edit(actor, dossier)
    before = [i.title for i in nomination.initiatives.all()]
    chosen = _achievement_initiatives(dossier, nomination.unit, nomination.person, initiatives)
    nomination.initiatives.set(chosen)
    audit.record(
        actor=actor,
        action="award_dossier.nominee_initiatives",
        obj=dossier,
        before={"nominee": nomination.name, "initiatives": before},
        after={"nominee": nomination.name, "initiatives": [i.title for i in chosen]},
        unit_path=dossier.proposing_unit.path,
    )
    return nomination


@transaction.atomic
def nomination_remove(*, actor: Any, nomination: Nomination) -> None:
    dossier = nomination.dossier
    _check_edit(actor, dossier)
    name = nomination.name
    nomination.delete()
    _refresh_search(dossier)
    audit.record(
        actor=actor,
        action="award_dossier.nominee_remove",
        obj=dossier,
        before={"nominee": name},
        unit_path=dossier.proposing_unit.path,
    )


@transaction.atomic
def dossier_attach(
    *,
    actor: Any,
    dossier: Dossier,
    upload: Any,
    kind: str = AttachmentKind.MINUTES,
    nomination: Nomination | None = None,
) -> DossierFile:
    """Attach an uploaded file (the council's minutes, evidence) to a dossier being prepared."""
    _check_edit(actor, dossier)
    if kind not in AttachmentKind.values:
        raise DomainError("Chọn loại tệp.", field="kind")
    if upload is None:
        raise DomainError("Chọn tệp để tải lên.", field="file")
    record = attach(
        DossierFile(dossier=dossier, nomination=nomination, kind=kind), upload, actor=actor
    )
    audit.record(
        actor=actor,
        action="award_dossier.attach",
        obj=dossier,
        after={"file": record.name, "kind": kind},
        unit_path=dossier.proposing_unit.path,
    )
    return record


@transaction.atomic
def dossier_file_remove(*, actor: Any, file: DossierFile) -> None:
    dossier = file.dossier
    _check_edit(actor, dossier)
    name = file.name
    file.file.delete(save=False)
    file.delete()
    audit.record(
        actor=actor,
        action="award_dossier.file_remove",
        obj=dossier,
        before={"file": name},
        unit_path=dossier.proposing_unit.path,
    )


def _generate(dossier: Dossier, actor: Any) -> list[DossierFile]:
    """Replace the generated submission and achievement reports with ones made from today's data."""
    for old in dossier.files.filter(generated=True):
        old.file.delete(save=False)
        old.delete()
    made: list[DossierFile] = []
    for kind, nomination, filename, data in files_dossiers.dossier_documents(dossier):
        record = DossierFile(
            dossier=dossier,
            nomination=nomination,
            kind=kind,
            generated=True,
            name=filename,
            size=len(data),
            uploaded_by=user_or_none(actor),
        )
        record.file.save(filename, ContentFile(data), save=False)
        record.save()
        made.append(record)
    return made


@transaction.atomic
def dossier_generate(*, actor: Any, dossier: Dossier) -> list[DossierFile]:
    """Generate (again) the submission (tờ trình) and one achievement report per nominee as Word files."""
    _check_edit(actor, dossier)
    if not dossier.nominations.exists():
        raise DomainError("Hồ sơ chưa có tập thể, cá nhân nào để lập tờ trình.", field="nominee")
    made = _generate(dossier, actor)
    audit.record(
        actor=actor,
        action="award_dossier.generate",
        obj=dossier,
        after={"files": [f.name for f in made]},
        unit_path=dossier.proposing_unit.path,
    )
    return made


# --- The leader's sign-off ------------------------------------------------------------------------------------


@transaction.atomic
def dossier_request_approval(*, actor: Any, dossier: Dossier) -> Dossier:
    DOSSIER_FLOW.apply(
        "request_approval", actor=actor, obj=dossier, unit_path=dossier.proposing_unit.path
    )
    _generate(dossier, actor)
    notices.notify_move(
        dossier,
        notices.TO_APPROVE,
        f"Hồ sơ số {dossier.number} của {dossier.proposing_unit.name} chờ phê duyệt.",
    )
    return dossier


@transaction.atomic
def dossier_approve(*, actor: Any, dossier: Dossier) -> Dossier:
    return DOSSIER_FLOW.apply(
        "approve",
        actor=actor,
        obj=dossier,
        changes={"approved_at": dates.now(), "approved_by": user_or_none(actor)},
        unit_path=dossier.proposing_unit.path,
    )


@transaction.atomic
def dossier_return(*, actor: Any, dossier: Dossier, note: str) -> Dossier:
    DOSSIER_FLOW.apply(
        "return", actor=actor, obj=dossier, note=note, unit_path=dossier.proposing_unit.path
    )
    notices.notify_move(
        dossier, notices.RETURNED, f"Lãnh đạo trả lại hồ sơ số {dossier.number}: {note.strip()}"
    )
    return dossier


# --- Submission ------------------------------------------------------------------------------------------------


@transaction.atomic
def dossier_submit(
    *,
    actor: Any,
    dossier: Dossier,
    received_on: date | None = None,
    accept_late: bool = False,
) -> checks.SubmissionCheck:
    """Submit an approved dossier (its unit's staff), or record a paper dossier received on `received_on` (the
    standing agency of the level; its approvals happened on paper). The checks of `submission.py` run on the day
    it came in: any refusal moves it to "refused" with the reasons (audited), otherwise it is submitted and each
    nomination keeps its verdict. `accept_late` is the standing agency's decision to take a late dossier where
    the programme leaves it to a person."""
    paper = received_on is not None
    move = "record_paper" if paper else "submit"
    DOSSIER_FLOW.check(move, actor=actor, obj=dossier)
    today = dates.today()
    if paper:
        assert received_on is not None
        if received_on > today:
            raise DomainError(
                f"Ngày tiếp nhận {dates.fmt(received_on)} không được sau ngày hôm nay.",
                field="received_on",
            )
    if accept_late and not policies.can_receive_dossier(actor, dossier):
        raise PermissionDenied("Chỉ cơ quan thường trực mới quyết định nhận hồ sơ nộp muộn.")
    on = received_on or today
    # Quotas are shared within a plan's rule file: its row is locked so that two dossiers submitted at once
    # are counted one after the other.
    RuleFile.objects.select_for_update().filter(pk=dossier.programme.rule_file_id).first()
    result = checks.check_submission(dossier, submitted_on=on, accept_late=accept_late)
    nominations = list(dossier.nominations.all())
    changes: dict[str, Any] = {
        "submitted_at": dates.now(),
        "submitted_by": user_or_none(actor),
        "due_on": result.due_on,
    }
    if paper:
        changes.update(paper=True, received_on=received_on, received_by=user_or_none(actor))
    if result.refused:
        changes["refusal_reason"] = "\n".join(result.refusals)
        DOSSIER_FLOW.apply(
            "refuse",
            actor=actor,
            obj=dossier,
            changes=changes,
            note=result.message,
            unit_path=dossier.proposing_unit.path,
        )
        new_status = NominationStatus.REFUSED
        notices.notify_move(
            dossier,
            notices.REFUSED,
            f"Hồ sơ số {dossier.number} ({dossier.programme.name}) không được xét: "
            + "; ".join(result.refusals),
        )
    else:
        changes["refusal_reason"] = ""
        changes["return_reason"] = ""
        if not paper:
            _generate(dossier, actor)
        DOSSIER_FLOW.apply(
            move,
            actor=actor,
            obj=dossier,
            changes=changes,
            note=result.message,
            unit_path=dossier.proposing_unit.path,
        )
        new_status = NominationStatus.PROPOSED
        notices.notify_move(
            dossier,
            notices.SUBMITTED,
            f"{dossier.proposing_unit.name} nộp hồ sơ số {dossier.number} ({dossier.programme.name}).",
        )
    for n in nominations:
        verdict = result.verdicts.get(n.pk)
        if verdict is not None:
            n.verdict = verdict.verdict
            n.reasons = checks.reason_lines(verdict)
            n.checked_on = on
        n.status = new_status
        n.save(update_fields=["verdict", "reasons", "checked_on", "status"])
    return result


@transaction.atomic
def dossier_receive(*, actor: Any, dossier: Dossier) -> Dossier:
    """The standing agency receives a submitted dossier: its nominations go to the council."""
    changes: dict[str, Any] = {}
    if dossier.received_on is None:
        changes = {"received_on": dates.today(), "received_by": user_or_none(actor)}
    DOSSIER_FLOW.apply(
        "receive", actor=actor, obj=dossier, changes=changes, unit_path=dossier.proposing_unit.path
    )
    dossier.nominations.filter(status=NominationStatus.PROPOSED).update(
        status=NominationStatus.RECEIVED
    )
    notices.notify_move(
        dossier,
        notices.RECEIVED,
        f"Hồ sơ số {dossier.number} ({dossier.programme.name}) đã được tiếp nhận.",
    )
    return dossier


@transaction.atomic
def dossier_send_back(*, actor: Any, dossier: Dossier, note: str) -> Dossier:
    """The standing agency returns a submitted dossier to its unit with a reason."""
    DOSSIER_FLOW.apply(
        "send_back",
        actor=actor,
        obj=dossier,
        changes={"return_reason": note.strip()},
        note=note,
        unit_path=dossier.proposing_unit.path,
    )
    notices.notify_move(
        dossier, notices.RETURNED, f"Hồ sơ số {dossier.number} bị trả lại: {note.strip()}"
    )
    return dossier


@transaction.atomic
def dossier_reopen(*, actor: Any, dossier: Dossier) -> Dossier:
    """A returned or refused dossier goes back to draft for its unit to correct."""
    DOSSIER_FLOW.apply("reopen", actor=actor, obj=dossier, unit_path=dossier.proposing_unit.path)
    dossier.nominations.update(status=NominationStatus.PROPOSED)
    return dossier
