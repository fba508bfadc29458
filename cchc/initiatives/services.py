"""Writes of initiatives and councils: draft, submit, score, decide, record an outside decision; keep a council's
members and sheet. Each is one transaction with its policy check and audit record; refusals are `DomainError`s
in Vietnamese naming the field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import reverse

from cchc.accounts.models import Grant
from cchc.core import audit, dates
from cchc.core.attachments import attach
from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.scope import OFFICER, STANDING, user_or_none
from cchc.core.text import fold_words, nfc
from cchc.initiatives import policies, scoring, selectors
from cchc.initiatives.choices import (
    COUNCIL_LEVELS,
    RECOGNISED,
    REFUSED,
    RETURNED,
    SCORING_ROLES,
    SUBMITTED,
    TO_SCORE,
    CchcArea,
    CouncilRole,
    EffectScope,
    InitiativeKind,
    InitiativeLevel,
    InitiativeStatus,
)
from cchc.initiatives.models import (
    OWNER_KINDS,
    CouncilMember,
    Initiative,
    InitiativeAuthor,
    InitiativeCouncil,
    InitiativeFile,
    Score,
    ScoringCriterion,
)
from cchc.initiatives.workflows import INITIATIVE_FLOW, authors_problem
from cchc.notifications import services as notifications
from cchc.orgs.choices import LEVEL_KINDS
from cchc.orgs.models import Person, Unit
from cchc.registry.choices import DocType
from cchc.registry.models import Document
from cchc.registry.policies import can_register_document
from cchc.registry.services import document_register

INITIATIVE_FIELDS = [
    "unit",
    "year",
    "area",
    "kind",
    "title",
    "description",
    "novelty",
    "applied_since",
    "effect",
    "effect_scope",
    "council",
]
COUNCIL_FIELDS = ["name", "level", "is_external", "threshold", "quorum", "note", "is_active"]


@dataclass(frozen=True)
class AuthorInput:
    """An author as entered: a person with a share in percent, or the collective (no person, no share)."""

    person: Person | None = None
    share: Decimal | None = None


@dataclass(frozen=True)
class CriterionInput:
    """A row of a scoring sheet as entered."""

    name: str
    max_points: Decimal
    guide: str = ""


def _validate(obj: models.Model, exclude: Sequence[str] = ("search_text",)) -> None:
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        first_field, messages = next(iter(exc.message_dict.items()))
        label = (
            getattr(obj._meta.get_field(first_field), "verbose_name", "")
            if first_field != "__all__"
            else ""
        )
        raise DomainError(f"{label}: {messages[0]}" if label else messages[0], field=first_field)


def _decimal(value: Any, *, field: str, label: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        result = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise DomainError(f"{label} “{value}” không phải là số.", field=field)
    if not result.is_finite():
        raise DomainError(f"{label} “{value}” không phải là số.", field=field)
    return result


def issuer_name(unit: Unit) -> str:
    """The body that signs for a unit: "Ủy ban nhân dân phường Lê Chân" for a level of local government, the
    unit's own name otherwise (a department)."""
    if unit.kind in LEVEL_KINDS:
        return f"Ủy ban nhân dân {unit.name[:1].lower()}{unit.name[1:]}"
    return unit.name


def search_text(initiative: Initiative, authors: Sequence[InitiativeAuthor]) -> str:
    """Folded title, kind, area, unit, authors and council of an initiative."""
    return fold_words(
        initiative.title,
        initiative.get_kind_display(),
        initiative.get_area_display(),
        initiative.unit.name,
        initiative.unit.short_name,
        *(a.person.full_name for a in authors if a.person is not None),
        initiative.council.name if initiative.council is not None else "",
        str(initiative.year),
    )


def council_search_text(council: InitiativeCouncil) -> str:
    return fold_words(council.name, council.unit.name, council.get_level_display())


# --- Notifications --------------------------------------------------------------------------------------------


def _detail_url(initiative: Initiative) -> str:
    return reverse("initiatives:initiative_detail", args=[initiative.pk])


def unit_user_ids(initiative: Initiative) -> set[int]:
    """Who hears about the unit's initiative: its author account and the officers and standing office of the
    unit and of the units between it and its level (a ward, a department), not those above."""
    ids = [int(p) for p in initiative.unit.path.strip("/").split("/") if p]
    kinds = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "kind"))
    start = 0
    for index, uid in enumerate(ids):
        if kinds.get(uid) in OWNER_KINDS:
            start = index
    users = set(
        Grant.objects.filter(unit_id__in=ids[start:], role__in=[STANDING, OFFICER]).values_list(
            "user_id", flat=True
        )
    )
    if initiative.created_by_id:
        users.add(initiative.created_by_id)
    return users


def _notify_unit(initiative: Initiative, kind: str, text: str) -> None:
    notifications.notify(
        users=unit_user_ids(initiative),
        kind=kind,
        subject=initiative,
        text=text,
        url=_detail_url(initiative),
        unit_path=initiative.unit.path,
    )


# --- Initiatives ----------------------------------------------------------------------------------------------


def _check_fields(actor: Any, fields: dict[str, Any]) -> None:
    today = dates.today()
    if not nfc(fields.get("title")):
        raise DomainError("Tên sáng kiến không được để trống.", field="title")
    if not nfc(fields.get("description")):
        raise DomainError("Nội dung sáng kiến không được để trống.", field="description")
    year = fields.get("year")
    if not isinstance(year, int) or not 2000 <= year <= today.year:
        raise DomainError(
            f"Năm của sáng kiến phải từ 2000 đến {today.year} (năm hiện tại).", field="year"
        )
    if fields.get("area") not in CchcArea.values:
        raise DomainError("Chọn lĩnh vực cải cách hành chính của sáng kiến.", field="area")
    if fields.get("kind") not in InitiativeKind.values:
        raise DomainError("Chọn loại: sáng kiến, mô hình hay giải pháp.", field="kind")
    if fields.get("effect_scope") not in EffectScope.values:
        raise DomainError("Chọn phạm vi ảnh hưởng của sáng kiến.", field="effect_scope")
    applied = fields.get("applied_since")
    if applied is not None and applied > today:
        raise DomainError(
            f"Ngày áp dụng {dates.fmt(applied)} sau ngày hôm nay ({dates.fmt(today)}).",
            field="applied_since",
        )
    council = fields.get("council")
    if council is not None:
        allowed = {c.pk for c in selectors.council_choices(actor=actor, unit=fields["unit"])}
        if council.pk not in allowed:
            raise DomainError(
                f"{council.name} không xét sáng kiến của {fields['unit'].name}: chọn Hội đồng của "
                "cấp đơn vị hoặc cấp trên.",
                field="council",
            )


def _check_authors(actor: Any, authors: Sequence[AuthorInput]) -> None:
    people = [a for a in authors if a.person is not None]
    collective = len(people) != len(authors)
    if collective and len(authors) - len(people) > 1:
        raise DomainError("Tập thể đơn vị chỉ ghi một lần.", field="authors")
    seen: set[int] = set()
    visible = set(
        Person.objects.visible_to(actor)
        .filter(pk__in=[a.person.pk for a in people if a.person is not None])
        .values_list("pk", flat=True)
    )
    for a in people:
        assert a.person is not None
        if a.person.pk in seen:
            raise DomainError(f"{a.person.full_name} được ghi hai lần.", field="authors")
        seen.add(a.person.pk)
        if a.person.pk not in visible:
            raise DomainError(
                f"{a.person.full_name} không thuộc đơn vị trong phạm vi của bạn.", field="authors"
            )
        if a.share is None or not Decimal(0) < a.share <= Decimal(100):
            raise DomainError(
                f"Tỷ lệ đóng góp của {a.person.full_name} phải lớn hơn 0 và không quá 100%.",
                field="authors",
            )
    if people or collective:
        problem = authors_problem([a.share for a in people], collective)
        if problem:
            raise DomainError(problem, field="authors")


def _set_authors(initiative: Initiative, authors: Sequence[AuthorInput]) -> list[InitiativeAuthor]:
    initiative.authors.all().delete()
    rows = InitiativeAuthor.objects.bulk_create(
        [
            InitiativeAuthor(
                initiative=initiative,
                person=a.person,
                share=a.share if a.person is not None else None,
                order=i,
            )
            for i, a in enumerate(authors, start=1)
        ]
    )
    return rows


def _authors_summary(initiative: Initiative) -> list[str]:
    return [a.label for a in initiative.authors.select_related("person", "initiative__unit")]


@transaction.atomic
def initiative_create(
    *,
    actor: Any,
    unit: Unit,
    year: int,
    area: str,
    title: str,
    description: str,
    kind: str = InitiativeKind.INITIATIVE,
    novelty: str = "",
    applied_since: dt.date | None = None,
    effect: str = "",
    effect_scope: str = EffectScope.UNIT,
    council: InitiativeCouncil | None = None,
    authors: Sequence[AuthorInput] = (),
) -> Initiative:
    """Draft an initiative of a unit with its authors (officers and standing office of the unit)."""
    if not policies.can_create_initiative(actor, unit):
        raise PermissionDenied("Bạn không có quyền tạo sáng kiến cho đơn vị này.")
    fields = dict(
        unit=unit,
        year=year,
        area=area,
        kind=kind,
        title=nfc(title),
        description=(description or "").strip(),
        novelty=(novelty or "").strip(),
        applied_since=applied_since,
        effect=(effect or "").strip(),
        effect_scope=effect_scope,
        council=council,
    )
    _check_fields(actor, fields)
    _check_authors(actor, authors)
    initiative = Initiative(**fields, created_by=user_or_none(actor))
    _validate(initiative)
    initiative.save()
    rows = _set_authors(initiative, authors)
    initiative.search_text = search_text(initiative, rows)
    initiative.save(update_fields=["search_text"])
    audit.record(
        actor=actor,
        action="initiative.create",
        obj=initiative,
        after={**audit.snapshot(initiative), "authors": _authors_summary(initiative)},
        unit_path=unit.path,
    )
    return initiative


@transaction.atomic
def initiative_update(
    *,
    actor: Any,
    initiative: Initiative,
    authors: Sequence[AuthorInput] | None = None,
    **changes: Any,
) -> Initiative:
    """Change a draft (and replace its authors when given); the unit may move within the actor's reach."""
    if not policies.can_edit_initiative(actor, initiative):
        if initiative.status != InitiativeStatus.DRAFT:
            raise DomainError(
                f"Sáng kiến đang ở trạng thái “{initiative.get_status_display()}”: chỉ sửa được khi "
                "đang soạn (Hội đồng trả lại để hoàn thiện)."
            )
        raise PermissionDenied("Bạn không có quyền sửa sáng kiến này.")
    unknown = set(changes) - set(INITIATIVE_FIELDS)
    if unknown:
        raise ValueError(f"initiative_update: unknown fields {sorted(unknown)}")
    new_unit = changes.get("unit", initiative.unit)
    if new_unit != initiative.unit and not policies.can_create_initiative(actor, new_unit):
        raise PermissionDenied("Bạn không có quyền chuyển sáng kiến sang đơn vị này.")
    fields = {f: getattr(initiative, f) for f in INITIATIVE_FIELDS}
    fields.update(changes)
    for key in ("title",):
        fields[key] = nfc(fields[key])
    for key in ("description", "novelty", "effect"):
        fields[key] = (fields[key] or "").strip()
    _check_fields(actor, fields)
    if authors is not None:
        _check_authors(actor, authors)
    before = audit.snapshot(initiative, INITIATIVE_FIELDS)
    before["authors"] = _authors_summary(initiative)
    for key, value in fields.items():
        setattr(initiative, key, value)
    _validate(initiative)
    initiative.save()
    rows = (
        _set_authors(initiative, authors)
        if authors is not None
        else list(initiative.authors.select_related("person"))
    )
    initiative.search_text = search_text(initiative, rows)
    initiative.save(update_fields=["search_text"])
    if hasattr(initiative, "_prefetched_objects_cache"):
        initiative._prefetched_objects_cache.pop("authors", None)
    after = audit.snapshot(initiative, INITIATIVE_FIELDS)
    after["authors"] = _authors_summary(initiative)
    audit.record(
        actor=actor,
        action="initiative.update",
        obj=initiative,
        before=before,
        after=after,
        unit_path=initiative.unit.path,
    )
    return initiative


@transaction.atomic
def initiative_attach(*, actor: Any, initiative: Initiative, upload: Any) -> InitiativeFile:
    """Add an evidence file to a draft initiative."""
    if not policies.can_edit_initiative(actor, initiative):
        raise PermissionDenied(
            "Chỉ thêm minh chứng khi sáng kiến đang soạn, bởi cán bộ của đơn vị."
        )
    f = InitiativeFile(initiative=initiative)
    attach(f, upload, actor=actor)
    audit.record(
        actor=actor,
        action="initiative.attach",
        obj=initiative,
        after={"file": f.name},
        unit_path=initiative.unit.path,
    )
    return f


@transaction.atomic
def initiative_detach(*, actor: Any, file: InitiativeFile) -> None:
    """Remove an evidence file from a draft initiative."""
    initiative = file.initiative
    if not policies.can_edit_initiative(actor, initiative):
        raise PermissionDenied("Chỉ gỡ minh chứng khi sáng kiến đang soạn, bởi cán bộ của đơn vị.")
    name = file.name
    file.file.delete(save=False)
    file.delete()
    audit.record(
        actor=actor,
        action="initiative.detach",
        obj=initiative,
        before={"file": name},
        unit_path=initiative.unit.path,
    )


# --- Workflow -------------------------------------------------------------------------------------------------


@transaction.atomic
def initiative_submit(*, actor: Any, initiative: Initiative) -> Initiative:
    """Send a draft to its council; the council's secretary and the standing agency of its level are told."""
    INITIATIVE_FLOW.apply(
        "submit",
        actor=actor,
        obj=initiative,
        changes={"submitted_on": dates.today(), "return_reason": ""},
        unit_path=initiative.unit.path,
    )
    council = initiative.council
    assert council is not None
    if not council.is_external:
        secretaries = council.members.filter(role=CouncilRole.SECRETARY).values_list(
            "user_id", flat=True
        )
        notifications.notify(
            users=list(secretaries),
            kind=SUBMITTED,
            subject=initiative,
            text=f"{initiative.unit.name} gửi sáng kiến “{initiative.title}” tới {council.name}.",
            url=_detail_url(initiative),
            unit_path=council.unit.path,
        )
    return initiative


@transaction.atomic
def initiative_open_scoring(*, actor: Any, initiative: Initiative) -> Initiative:
    """Open scoring: the council's scoring members receive "Sáng kiến chờ chấm điểm"."""
    INITIATIVE_FLOW.apply(
        "open_scoring", actor=actor, obj=initiative, unit_path=initiative.unit.path
    )
    council = initiative.council
    assert council is not None
    notifications.notify(
        users=list(
            council.members.filter(role__in=SCORING_ROLES).values_list("user_id", flat=True)
        ),
        kind=TO_SCORE,
        subject=initiative,
        text=f"Chấm điểm sáng kiến “{initiative.title}” của {initiative.unit.name} "
        f"({council.name}).",
        url=reverse("initiatives:initiative_score", args=[initiative.pk]),
        unit_path=council.unit.path,
    )
    return initiative


def _member_for(actor: Any, initiative: Initiative, member: CouncilMember | None) -> CouncilMember:
    council = initiative.council
    refused = "Chỉ thành viên Hội đồng (chủ tịch, phó chủ tịch, ủy viên) chấm điểm sáng kiến."
    if council is None or council.is_external:
        raise PermissionDenied(refused)
    if member is None:
        seat = policies.seat_of(actor, council)
        if seat is None:
            raise PermissionDenied(refused)
        return seat
    if member.council_id != council.pk or member.role not in SCORING_ROLES:
        raise DomainError(f"{member.display_name} không phải thành viên chấm điểm của {council}.")
    # The system (an import, the demo) may record a member's sheet; a person only their own.
    if member.user_id != getattr(actor, "pk", None) and not getattr(actor, "is_system", False):
        raise PermissionDenied(refused)
    return member


@transaction.atomic
def initiative_score(
    *,
    actor: Any,
    initiative: Initiative,
    points: Mapping[int, Any],
    member: CouncilMember | None = None,
) -> scoring.Verdict:
    """Record (or correct) a member's points on every criterion of the council's sheet while the initiative is
    under scoring; returns the council's verdict so far."""
    seat = _member_for(actor, initiative, member)
    locked = Initiative.objects.select_for_update().filter(pk=initiative.pk).first()
    if locked is None or locked.status != InitiativeStatus.SCORING:
        state = InitiativeStatus(locked.status).label if locked else "không còn"
        raise DomainError(f"Sáng kiến đang ở trạng thái “{state}”: không chấm điểm được.")
    council = seat.council
    criteria = list(council.criteria.order_by("order", "id"))
    known = {c.pk for c in criteria}
    unknown = set(points) - known
    if unknown:
        raise DomainError("Có tiêu chí không thuộc phiếu chấm của Hội đồng.", field="points")
    values = {
        c.pk: _decimal(points.get(c.pk), field=f"c{c.pk}", label=f"Điểm tiêu chí “{c.name}”")
        for c in criteria
    }
    errors = scoring.check_sheet(
        [scoring.Criterion(c.pk, c.name, c.max_points) for c in criteria], values
    )
    if errors:
        raise DomainError(" ".join(errors), field="points", rows=errors)
    sheet = {cid: v for cid, v in values.items() if v is not None}
    before = {
        c.name: v
        for c in criteria
        for cid, v in selectors.member_points(initiative=initiative, member=seat).items()
        if cid == c.pk
    }
    for c in criteria:
        Score.objects.update_or_create(
            initiative=initiative, member=seat, criterion=c, defaults={"points": sheet[c.pk]}
        )
    audit.record(
        actor=actor,
        action="initiative.score",
        obj=initiative,
        before=before or None,
        after={c.name: sheet[c.pk] for c in criteria},
        note=f"{seat.display_name} ({seat.get_role_display()})",
        unit_path=initiative.unit.path,
    )
    return selectors.initiative_verdict(initiative=initiative)


@transaction.atomic
def initiative_return(*, actor: Any, initiative: Initiative, reason: str) -> Initiative:
    """Send an initiative back to its unit to complete, with the reason; the scores so far are dropped (the
    council scores the completed version)."""
    reason = (reason or "").strip()
    dropped = Score.objects.filter(initiative=initiative).count()
    note = reason + (f" (hủy {dropped} điểm đã chấm)" if dropped else "")
    INITIATIVE_FLOW.apply(
        "return",
        actor=actor,
        obj=initiative,
        changes={"return_reason": reason, "submitted_on": None},
        note=note if reason else "",
        unit_path=initiative.unit.path,
    )
    Score.objects.filter(initiative=initiative).delete()
    _notify_unit(
        initiative,
        RETURNED,
        f"Sáng kiến “{initiative.title}” được trả lại để hoàn thiện: {reason}",
    )
    return initiative


def _check_decided_on(decided_on: dt.date | None, initiative: Initiative) -> dt.date:
    if decided_on is None:
        raise DomainError("Nhập ngày của quyết định công nhận.", field="decided_on")
    today = dates.today()
    if decided_on > today:
        raise DomainError(
            f"Ngày quyết định {dates.fmt(decided_on)} sau ngày hôm nay ({dates.fmt(today)}).",
            field="decided_on",
        )
    if initiative.submitted_on and decided_on < initiative.submitted_on:
        raise DomainError(
            f"Ngày quyết định {dates.fmt(decided_on)} trước ngày gửi Hội đồng "
            f"({dates.fmt(initiative.submitted_on)}).",
            field="decided_on",
        )
    if decided_on.year < initiative.year:
        raise DomainError(
            f"Ngày quyết định {dates.fmt(decided_on)} trước năm của sáng kiến ({initiative.year}).",
            field="decided_on",
        )
    return decided_on


def _decision_document(
    *,
    actor: Any,
    initiative: Initiative,
    document: Document | None,
    number: str,
    decided_on: dt.date,
    issuer: str,
    issuer_unit: Unit | None,
    org_unit: Unit,
    signer: str,
    signer_title: str,
) -> Document:
    """The registered decision: the one given, the one already registered under this number (one decision
    often recognises several initiatives), or a new registration (Quyết định công nhận sáng kiến)."""
    if document is not None:
        if not Document.objects.visible_to(actor).filter(pk=document.pk).exists():
            raise PermissionDenied("Bạn không xem được văn bản đã chọn.")
        if document.doc_type != DocType.QD:
            raise DomainError(f"{document.label} không phải là quyết định.", field="document")
        return document
    number = nfc(number).replace(" ", "")
    if not number:
        raise DomainError(
            "Nhập số, ký hiệu của quyết định công nhận (ví dụ 15/QĐ-UBND).", field="number"
        )
    existing = (
        Document.objects.visible_to(actor)
        .filter(number__iexact=number, issued_on__year=decided_on.year, org_unit=org_unit)
        .first()
    )
    if existing is not None:
        if existing.issued_on != decided_on:
            raise DomainError(
                f"Quyết định số {number} đã đăng ký với ngày {dates.fmt(existing.issued_on)}, "
                f"khác ngày {dates.fmt(decided_on)} đã nhập.",
                field="decided_on",
            )
        return existing
    if not can_register_document(actor, org_unit):
        raise PermissionDenied(
            f"Bạn không có quyền đăng ký văn bản của {org_unit.name}: chọn quyết định đã đăng ký."
        )
    return document_register(
        actor=actor,
        title=f"Về việc công nhận sáng kiến “{initiative.title}”",
        doc_type=DocType.QD,
        number=number,
        issuer=issuer,
        issued_on=decided_on,
        signer=signer,
        signer_title=signer_title,
        org_unit=org_unit,
        issuer_unit=issuer_unit,
        period_start=initiative.year,
        period_end=initiative.year,
    )


@transaction.atomic
def initiative_recognise(
    *,
    actor: Any,
    initiative: Initiative,
    decided_on: dt.date | None,
    number: str = "",
    signer: str = "",
    signer_title: str = "",
    document: Document | None = None,
) -> Initiative:
    """Record the council's recognition at its level, with the decision registered (or linked) in the
    document register; the unit receives "Sáng kiến đã được công nhận"."""
    INITIATIVE_FLOW.check("recognise", actor=actor, obj=initiative)
    council = initiative.council
    assert council is not None
    decided_on = _check_decided_on(decided_on, initiative)
    doc = _decision_document(
        actor=actor,
        initiative=initiative,
        document=document,
        number=number,
        decided_on=decided_on,
        issuer=issuer_name(council.unit),
        issuer_unit=council.unit,
        org_unit=council.unit,
        signer=signer,
        signer_title=signer_title,
    )
    verdict = selectors.initiative_verdict(initiative=initiative)
    INITIATIVE_FLOW.apply(
        "recognise",
        actor=actor,
        obj=initiative,
        changes={
            "level": council.level,
            "recognised_on": decided_on,
            "recognised_by": council.name,
            "decision": doc,
            "refusal_reason": "",
        },
        note=verdict.text,
        unit_path=initiative.unit.path,
        verdict=verdict,
    )
    _notify_unit(
        initiative,
        RECOGNISED,
        f"Sáng kiến “{initiative.title}” được công nhận {initiative.get_level_display().lower()} "
        f"theo {doc.label} ngày {dates.fmt(decided_on)}.",
    )
    return initiative


@transaction.atomic
def initiative_refuse(*, actor: Any, initiative: Initiative, reason: str = "") -> Initiative:
    """Record the council's refusal: the verdict's reason when the average is below the threshold; a written
    reason when it reached it. The unit receives "Sáng kiến không được công nhận"."""
    verdict = selectors.initiative_verdict(initiative=initiative)
    reason = (reason or "").strip()
    INITIATIVE_FLOW.check("refuse", actor=actor, obj=initiative, verdict=verdict)
    if verdict.passed and not reason:
        raise DomainError(f"{verdict.text}: ghi rõ lý do Hội đồng không công nhận.", field="reason")
    text = reason or verdict.text
    INITIATIVE_FLOW.apply(
        "refuse",
        actor=actor,
        obj=initiative,
        changes={"refusal_reason": text},
        note=text,
        unit_path=initiative.unit.path,
        verdict=verdict,
    )
    _notify_unit(
        initiative, REFUSED, f"Sáng kiến “{initiative.title}” không được công nhận: {text}"
    )
    return initiative


@transaction.atomic
def initiative_record_decision(
    *,
    actor: Any,
    initiative: Initiative,
    decided_on: dt.date | None,
    council: InitiativeCouncil | None = None,
    body: str = "",
    level: str = "",
    number: str = "",
    signer: str = "",
    signer_title: str = "",
    document: Document | None = None,
) -> Initiative:
    """Record the recognition decided by an outside body (a council outside the system, named by a council
    record or by its name), with its level, date and registered decision; no scoring in the system."""
    INITIATIVE_FLOW.check("record_decision", actor=actor, obj=initiative)
    if council is not None:
        allowed = {c.pk for c in selectors.council_choices(actor=actor, unit=initiative.unit)}
        if council.pk not in allowed:
            raise DomainError(
                f"{council.name} không xét sáng kiến của {initiative.unit.name}.", field="council"
            )
        if not council.is_external:
            raise DomainError(
                f"{council.name} chấm điểm trong hệ thống: gửi sáng kiến tới Hội đồng.",
                field="council",
            )
    body = nfc(body) or (council.name if council else "")
    if not body:
        raise DomainError("Chọn hoặc ghi tên cơ quan đã công nhận sáng kiến.", field="body")
    level = level or (council.level if council else "")
    if level not in InitiativeLevel.values:
        raise DomainError("Chọn cấp công nhận của quyết định.", field="level")
    decided_on = _check_decided_on(decided_on, initiative)
    doc = _decision_document(
        actor=actor,
        initiative=initiative,
        document=document,
        number=number,
        decided_on=decided_on,
        issuer=issuer_name(council.unit) if council else body,
        issuer_unit=council.unit if council else None,
        org_unit=initiative.unit,
        signer=signer,
        signer_title=signer_title,
    )
    INITIATIVE_FLOW.apply(
        "record_decision",
        actor=actor,
        obj=initiative,
        changes={
            "council": council or initiative.council,
            "level": level,
            "recognised_on": decided_on,
            "recognised_by": body,
            "decision": doc,
            "submitted_on": initiative.submitted_on or decided_on,
        },
        note=f"{body}: {doc.label} ngày {dates.fmt(decided_on)}",
        unit_path=initiative.unit.path,
    )
    return initiative


# --- Councils -------------------------------------------------------------------------------------------------


def _check_council(fields: dict[str, Any]) -> None:
    if not nfc(fields.get("name")):
        raise DomainError("Tên Hội đồng không được để trống.", field="name")
    level = fields.get("level")
    if level not in InitiativeLevel.values:
        raise DomainError("Chọn cấp công nhận của Hội đồng.", field="level")
    if not fields.get("is_external") and level not in COUNCIL_LEVELS:
        raise DomainError(
            "Hội đồng chấm điểm trong hệ thống thuộc cấp cơ quan, xã, quận hoặc thành phố; "
            "Hội đồng cấp bộ, toàn quốc được ghi là cơ quan bên ngoài.",
            field="level",
        )
    threshold = fields.get("threshold")
    if threshold is not None and threshold < 0:
        raise DomainError("Ngưỡng công nhận không được âm.", field="threshold")
    quorum = fields.get("quorum")
    if quorum is not None and quorum < 1:
        raise DomainError("Số thành viên chấm điểm tối thiểu phải từ 1.", field="quorum")


@transaction.atomic
def council_create(
    *,
    actor: Any,
    unit: Unit,
    name: str,
    level: str,
    is_external: bool = False,
    threshold: Decimal | None = None,
    quorum: int | None = None,
    note: str = "",
) -> InitiativeCouncil:
    """Set up a council of a level (the standing agency of the level), or record an outside body by name."""
    if not policies.can_create_council(actor, unit):
        raise PermissionDenied("Chỉ cơ quan thường trực của cấp lập Hội đồng sáng kiến của cấp.")
    fields = dict(
        name=nfc(name),
        level=level,
        is_external=is_external,
        threshold=threshold,
        quorum=quorum,
        note=(note or "").strip(),
    )
    _check_council(fields)
    if InitiativeCouncil.objects.filter(unit=unit, name__iexact=fields["name"]).exists():
        raise DomainError(f"{unit.name} đã có “{fields['name']}”.", field="name")
    council = InitiativeCouncil(unit=unit, **fields)
    council.search_text = council_search_text(council)
    _validate(council)
    council.save()
    audit.record(
        actor=actor,
        action="council.create",
        obj=council,
        after=audit.snapshot(council),
        unit_path=unit.path,
    )
    return council


@transaction.atomic
def council_update(*, actor: Any, council: InitiativeCouncil, **changes: Any) -> InitiativeCouncil:
    """Change a council's name, level, threshold, quorum or note (the standing agency of its level)."""
    if not policies.can_manage_council(actor, council):
        raise PermissionDenied("Chỉ cơ quan thường trực của cấp sửa Hội đồng sáng kiến.")
    unknown = set(changes) - set(COUNCIL_FIELDS)
    if unknown:
        raise ValueError(f"council_update: unknown fields {sorted(unknown)}")
    fields = {f: getattr(council, f) for f in COUNCIL_FIELDS}
    fields.update(changes)
    fields["name"] = nfc(fields["name"])
    _check_council(fields)
    if (
        InitiativeCouncil.objects.filter(unit=council.unit, name__iexact=fields["name"])
        .exclude(pk=council.pk)
        .exists()
    ):
        raise DomainError(f"{council.unit.name} đã có “{fields['name']}”.", field="name")
    if (
        "threshold" in changes
        and changes["threshold"] != council.threshold
        and Score.objects.filter(criterion__council=council).exists()
    ):
        raise DomainError(
            "Hội đồng đã chấm điểm theo ngưỡng này: không sửa ngưỡng được nữa.", field="threshold"
        )
    with audit.tracked(
        actor=actor,
        action="council.update",
        obj=council,
        fields=COUNCIL_FIELDS,
        unit_path=council.unit.path,
    ):
        for key, value in fields.items():
            setattr(council, key, value)
        council.search_text = council_search_text(council)
        _validate(council)
        council.save()
    return council


def _forget_members(council: InitiativeCouncil) -> None:
    for key in ("_seats_by_user", "_member_rows"):
        council.__dict__.pop(key, None)
    getattr(council, "_prefetched_objects_cache", {}).pop("members", None)


@transaction.atomic
def council_member_add(
    *, actor: Any, council: InitiativeCouncil, user: Any, role: str, position: str = ""
) -> CouncilMember:
    """Seat a user on a council with a role (the standing agency of its level)."""
    if not policies.can_manage_council(actor, council):
        raise PermissionDenied("Chỉ cơ quan thường trực của cấp sửa thành phần Hội đồng.")
    if council.is_external:
        raise DomainError("Cơ quan bên ngoài không có thành viên trong hệ thống.")
    if role not in CouncilRole.values:
        raise DomainError("Chọn vai trò của thành viên.", field="role")
    name = user.get_full_name() or user.username
    if council.members.filter(user=user).exists():
        raise DomainError(f"{name} đã là thành viên của {council.name}.", field="user")
    if role == CouncilRole.CHAIR and council.members.filter(role=CouncilRole.CHAIR).exists():
        raise DomainError(f"{council.name} đã có Chủ tịch Hội đồng.", field="role")
    order = (council.members.aggregate(m=models.Max("order"))["m"] or 0) + 1
    try:
        with transaction.atomic():
            member = CouncilMember.objects.create(
                council=council, user=user, role=role, position=nfc(position), order=order
            )
    except IntegrityError:
        raise DomainError(f"{name} đã là thành viên của {council.name}.", field="user")
    _forget_members(council)
    audit.record(
        actor=actor,
        action="council.member_add",
        obj=council,
        after={"member": name, "role": member.get_role_display(), "position": member.position},
        unit_path=council.unit.path,
    )
    return member


@transaction.atomic
def council_member_remove(*, actor: Any, member: CouncilMember) -> None:
    """Take a member off a council; one who has scored stays (their points are the council's record)."""
    council = member.council
    if not policies.can_manage_council(actor, council):
        raise PermissionDenied("Chỉ cơ quan thường trực của cấp sửa thành phần Hội đồng.")
    scored = Score.objects.filter(member=member).values("initiative_id").distinct().count()
    if scored:
        raise DomainError(
            f"{member.display_name} đã chấm điểm {scored} sáng kiến: không bớt khỏi Hội đồng được."
        )
    name, role = member.display_name, member.get_role_display()
    member.delete()
    _forget_members(council)
    audit.record(
        actor=actor,
        action="council.member_remove",
        obj=council,
        before={"member": name, "role": role},
        unit_path=council.unit.path,
    )


@transaction.atomic
def council_sheet_set(
    *,
    actor: Any,
    council: InitiativeCouncil,
    criteria: Sequence[CriterionInput],
    threshold: Decimal | None,
) -> list[ScoringCriterion]:
    """Publish a council's scoring sheet (criteria with maximum points, in order) and its threshold; refused
    once the council has scored with it, so that recorded verdicts keep their sheet."""
    if not policies.can_manage_council(actor, council):
        raise PermissionDenied("Chỉ cơ quan thường trực của cấp sửa phiếu chấm điểm.")
    if council.is_external:
        raise DomainError("Cơ quan bên ngoài không chấm điểm trong hệ thống.")
    used = selectors.sheet_used(council=council)
    if used:
        raise DomainError(
            f"{council.name} đã chấm {used} sáng kiến theo phiếu này: không sửa phiếu được nữa."
        )
    if not criteria:
        raise DomainError("Phiếu chấm cần ít nhất một tiêu chí.", field="criteria")
    names: set[str] = set()
    for index, c in enumerate(criteria, start=1):
        name = nfc(c.name)
        if not name:
            raise DomainError(f"Dòng {index}: tên tiêu chí không được để trống.", field="criteria")
        if name.lower() in names:
            raise DomainError(f"Dòng {index}: tiêu chí “{name}” ghi hai lần.", field="criteria")
        names.add(name.lower())
        if c.max_points is None or c.max_points <= 0:
            raise DomainError(
                f"Dòng {index}: điểm tối đa của “{name}” phải lớn hơn 0.", field="criteria"
            )
    total = sum((c.max_points for c in criteria), Decimal(0))
    if threshold is None:
        raise DomainError("Nhập ngưỡng công nhận (điểm trung bình tối thiểu).", field="threshold")
    if threshold < 0 or threshold > total:
        raise DomainError(
            f"Ngưỡng {scoring.number(threshold)} phải từ 0 đến tổng điểm tối đa "
            f"{scoring.number(total)}.",
            field="threshold",
        )
    before = {
        "criteria": [str(c) for c in council.criteria.order_by("order", "id")],
        "threshold": council.threshold,
    }
    council.criteria.all().delete()
    rows = ScoringCriterion.objects.bulk_create(
        [
            ScoringCriterion(
                council=council,
                name=nfc(c.name),
                max_points=c.max_points,
                guide=(c.guide or "").strip(),
                order=i,
            )
            for i, c in enumerate(criteria, start=1)
        ]
    )
    council.threshold = threshold
    council.save(update_fields=["threshold"])
    audit.record(
        actor=actor,
        action="council.sheet",
        obj=council,
        before=before,
        after={"criteria": [str(r) for r in rows], "threshold": threshold},
        unit_path=council.unit.path,
    )
    return rows
