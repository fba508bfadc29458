"""Writes of the movements: the import that launches a movement from its plan, its corrections, the yearly
registrations and the movement reports with their sign-off, and the reminders of reports due or overdue.

Every service checks its policy, runs in one transaction, writes its audit record and refuses with a Vietnamese
`DomainError` naming the field or row. State changes go through the workflows of `cchc.emulation.workflows`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.urls import reverse

from cchc.core import audit, dates
from cchc.core.attachments import attach
from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.scope import OFFICER, STANDING, SYSTEM, user_or_none
from cchc.core.text import fold, fold_words, nfc
from cchc.emulation import deadlines, figures, policies, selectors
from cchc.emulation.choices import (
    COLLECTIVE_TITLES,
    PERSON_TITLES,
    ParticipantMode,
    PledgeKind,
    ReminderKind,
    ReportKind,
    ReportStatus,
    TitleChoice,
)
from cchc.emulation.import_preview import (
    MovementPreview,
    bloc_members,
    movement_import_preview,
)
from cchc.emulation.models import (
    Movement,
    MovementContent,
    MovementReport,
    Participant,
    Registration,
    RegistrationPledge,
    RegistrationTitle,
    ReportFile,
    ReportResult,
)
from cchc.emulation.workflows import REGISTRATION_FLOW, REPORT_FLOW
from cchc.orgs.choices import BlocCode
from cchc.orgs.models import Bloc, Person, Unit
from cchc.registry.choices import DatePrecision, DocType
from cchc.registry.models import Document
from cchc.registry.services import BasisInput, document_register

BLOC_NAMES = dict(BlocCode.choices)
MAX_CONTENT_CHARS = 20_000


def movement_search_text(movement: Movement) -> str:
    number = movement.document.number if movement.document is not None else ""
    return fold_words(movement.name, movement.theme, movement.unit.name, number)


def participant_search_text(unit: Unit, bloc_code: str = "") -> str:
    parent = unit.parent.name if unit.parent_id and unit.parent else ""
    return fold_words(unit.name, unit.short_name, unit.code, parent, BLOC_NAMES.get(bloc_code, ""))


# --- Importing a movement -----------------------------------------------------------------------------------------


@dataclass
class ImportChoices:
    """What the user confirmed or corrected on the preview; None keeps what the plan says.

    `parent_id` 0 saves the movement without a parent; `due_given` means the report rule fields were posted (an
    empty day and month then mean "no date"); `contents` replaces the contents (empty lines dropped); `mode` with
    `bloc_codes` or `unit_ids` replaces the participants."""

    name: str | None = None
    start_year: int | None = None
    end_year: int | None = None
    contents: list[str] | None = None
    standing_agency_id: int | None = None
    due_given: bool = False
    report_due_text: str = ""
    report_due_day: int | None = None
    report_due_month: int | None = None
    report_due_year: int | None = None
    report_due_before: bool = True
    mid_term_on: dt.date | None = None
    final_on: dt.date | None = None
    parent_id: int | None = None
    mode: str | None = None
    bloc_codes: list[str] = field(default_factory=list)
    unit_ids: list[int] = field(default_factory=list)


def _check_year(value: int | None, what: str, field_name: str) -> int:
    if value is None or not 2000 <= int(value) <= 2100:
        raise DomainError(f"{what} phải là một năm từ 2000 đến 2100.", field=field_name)
    return int(value)


def _check_due(day: int | None, month: int | None, year: int | None) -> None:
    if (day is None) != (month is None):
        raise DomainError(
            "Hạn báo cáo cần cả ngày và tháng (hoặc để trống cả hai khi kế hoạch không ghi).",
            field="report_due_day",
        )
    if day is None or month is None:
        return
    try:
        dt.date(year or 2024, int(month), int(day))  # 2024: a leap year accepts 29/02
    except ValueError:
        raise DomainError(
            f"Hạn báo cáo {day}/{month} không phải là một ngày có thật.", field="report_due_day"
        ) from None


def _register_document(actor, preview: MovementPreview) -> Document:
    """The plan's document: the one already registered for the level (same number and year, or the same
    unnumbered title), else registered now with its legal bases."""
    header, unit = preview.header, preview.unit
    if header.number:
        qs = Document.objects.filter(number__iexact=header.number, org_unit=unit)
        if header.date:
            qs = qs.filter(issued_on__year=header.date.year)
        existing = qs.order_by("id").first()
        if existing is not None:
            return existing
    elif header.title:
        for doc in Document.objects.filter(number="", org_unit=unit).order_by("id"):
            if fold(doc.title) == fold(header.title):
                return doc
    doc_type = (
        header.doc_type
        if header.doc_type in DocType.values and header.doc_type != DocType.KHAC
        else DocType.KH
    )
    return document_register(
        actor=actor,
        title=header.title or preview.name or "Kế hoạch phát động phong trào thi đua",
        doc_type=doc_type,
        number=header.number or "",
        issuer=header.issuer or "",
        issued_on=header.date,
        date_precision=header.date_precision or DatePrecision.DAY,
        signer=header.signer or "",
        signer_title=header.signer_title or "",
        org_unit=unit,
        issuer_unit=unit,
        period_start=header.period_start,
        period_end=header.period_end,
        body=preview.text,
        bases=[
            BasisInput(
                number=b.number or "",
                doc_type=b.doc_type if b.doc_type in DocType.values else "",
                date=b.date,
                issuer=b.issuer or "",
                title=b.title or "",
                raw=b.raw or "",
            )
            for b in header.bases
        ],
    )


def _participants(preview: MovementPreview, choices: ImportChoices) -> tuple[str, list[Any]]:
    """(mode, [(unit, bloc code)]) of the confirmed participants, checked against the level."""
    level = preview.unit
    mode = choices.mode or preview.mode
    if mode == ParticipantMode.BLOCS:
        codes = choices.bloc_codes if choices.mode else [b.code for b, c in preview.blocs if c]
        blocs = list(Bloc.objects.filter(organiser=level, code__in=codes))
        if not blocs:
            raise DomainError(
                f"Chọn ít nhất một khối thi đua do {level.name} tổ chức.", field="bloc_codes"
            )
        start = choices.start_year or (
            preview.proposal.period.start if preview.proposal.period else 0
        )
        rows = [(c.unit, c.bloc_code) for c in bloc_members(blocs, start)]
    elif mode == ParticipantMode.UNITS:
        if choices.mode:
            wanted = {int(i) for i in choices.unit_ids}
            units = list(
                Unit.objects.filter(pk__in=wanted, path__startswith=level.path).exclude(pk=level.pk)
            )
            strangers = wanted - {u.pk for u in units}
            if strangers:
                raise DomainError(
                    f"Có {len(strangers)} đơn vị được chọn không thuộc {level.name}.",
                    field="unit_ids",
                )
            units.sort(key=lambda u: (u.order, u.name))
        else:
            units = preview.checked_units
        rows = [(u, "") for u in units]
    else:
        raise DomainError(f"Cách chọn đơn vị tham gia “{mode}” không hợp lệ.", field="mode")
    if not rows:
        raise DomainError("Phong trào cần ít nhất một đơn vị tham gia.", field="unit_ids")
    return mode, rows


@transaction.atomic
def movement_import_confirm(
    *,
    actor,
    unit: Unit,
    filename: str,
    data: bytes,
    choices: ImportChoices | None = None,
    preview: MovementPreview | None = None,
) -> Movement:
    """Save the movement read from the plan in `data` for the level `unit`, with the user's corrections: its
    document registered with its bases (or the one already registered), its contents and participants; all of it
    or nothing. A plan already imported is refused."""
    choices = choices or ImportChoices()
    if preview is None:
        preview = movement_import_preview(actor=actor, unit=unit, filename=filename, data=data)
    p = preview.proposal
    if preview.existing is not None:
        raise DomainError(
            f"Văn bản này đã được nhập thành phong trào “{preview.existing.name}”.", field="file"
        )
    name = nfc(choices.name if choices.name is not None else preview.name)
    if not name:
        raise DomainError("Nhập tên phong trào.", field="name")
    start = _check_year(
        choices.start_year or (p.period.start if p.period else p.document.period_start),
        "Năm bắt đầu",
        "start_year",
    )
    end = _check_year(
        choices.end_year or (p.period.end if p.period else p.document.period_end or start),
        "Năm kết thúc",
        "end_year",
    )
    if end < start:
        raise DomainError("Năm kết thúc phải từ năm bắt đầu trở đi.", field="end_year")
    if choices.contents is not None:
        contents = [(str(i), nfc(t), "") for i, t in enumerate(choices.contents, start=1) if nfc(t)]
        read = {nfc(c.text): c for c in p.contents}
        contents = [
            (read[t].number or n, t, read[t].clause) if t in read else (n, t, "")
            for n, t, _ in contents
        ]
    else:
        contents = [(c.number, nfc(c.text), c.clause) for c in p.contents]
    if not contents:
        raise DomainError("Phong trào cần ít nhất một nội dung thi đua.", field="contents")
    if any(len(t) > MAX_CONTENT_CHARS for _, t, _ in contents):
        raise DomainError("Một nội dung thi đua quá dài (tối đa 20.000 ký tự).", field="contents")

    agency = preview.standing_agency
    if choices.standing_agency_id:
        agency = Unit.objects.filter(
            pk=choices.standing_agency_id, path__startswith=unit.path
        ).first()
        if agency is None:
            raise DomainError(
                f"Cơ quan thường trực phải là một đơn vị thuộc {unit.name}.",
                field="standing_agency",
            )

    rule = p.report_due
    if choices.due_given:
        due_text = nfc(choices.report_due_text)
        day, month = choices.report_due_day, choices.report_due_month
        due_year, before = choices.report_due_year, choices.report_due_before
        source = rule.source if rule and fold(rule.text) == fold(due_text) else ""
        clause = rule.clause if source and rule else ""
    else:
        due_text = rule.text if rule else ""
        day, month = (rule.day, rule.month) if rule else (None, None)
        due_year, before = (rule.year, rule.before) if rule else (None, True)
        source, clause = (rule.source, rule.clause) if rule else ("", "")
    _check_due(day, month, due_year)

    parent = preview.parent
    if choices.parent_id == 0:
        parent = None
    elif choices.parent_id:
        parent = next((m for m in preview.parent_choices if m.pk == choices.parent_id), None)
        if parent is None:
            raise DomainError(
                "Phong trào cấp trên phải là phong trào của một cấp trên đơn vị.", field="parent"
            )
    for review, what in ((choices.mid_term_on, "sơ kết"), (choices.final_on, "tổng kết")):
        if review is not None and not start <= review.year <= end + 1:
            raise DomainError(
                f"Ngày {what} {dates.fmt(review)} nằm ngoài giai đoạn {start} - {end}.",
                field="mid_term_on" if what == "sơ kết" else "final_on",
            )
    mode, rows = _participants(preview, choices)

    document = _register_document(actor, preview)
    reviews = "; ".join(f"{r.source} ({r.clause})" for r in p.reviews[:1])
    movement = Movement(
        unit=unit,
        document=document,
        name=name[:500],
        theme=(p.name.value if p.name else "")[:255],
        start_year=start,
        end_year=end,
        standing_agency=agency,
        standing_agency_text=(p.standing_agency.text if p.standing_agency else "")[:255],
        standing_agency_clause=(p.standing_agency.clause if p.standing_agency else "")[:60],
        report_due_text=due_text[:255],
        report_due_source=source,
        report_due_clause=clause[:60],
        report_due_day=day,
        report_due_month=month,
        report_due_year=due_year,
        report_due_before=bool(before),
        report_due_to=(rule.to if rule else "")[:255],
        mid_term_on=choices.mid_term_on,
        final_on=choices.final_on,
        reviews_text=reviews,
        parent=parent,
        parent_text=(p.parent.number if p.parent else "")[:500],
        participant_mode=mode,
        checks=list(preview.checks),
        created_by=user_or_none(actor),
    )
    movement.search_text = movement_search_text(movement)
    movement.full_clean(exclude=["document", "parent", "standing_agency", "unit"])
    movement.save()
    MovementContent.objects.bulk_create(
        [
            MovementContent(movement=movement, number=n[:8], text=t, clause=c[:60], order=i)
            for i, (n, t, c) in enumerate(contents, start=1)
        ]
    )
    Participant.objects.bulk_create(
        [
            Participant(
                movement=movement,
                unit=u,
                bloc_code=code,
                order=i,
                search_text=participant_search_text(u, code),
            )
            for i, (u, code) in enumerate(rows, start=1)
        ],
        batch_size=1000,
    )
    audit.record(
        actor=actor,
        action="movement.import",
        obj=movement,
        after={
            **audit.snapshot(movement, ["name", "start_year", "end_year", "report_due_text"]),
            "document": document.label if document else "",
            "contents": len(contents),
            "participants": len(rows),
            "parent": parent.name if parent else "",
        },
        unit_path=unit.path,
        note=os.path.basename(filename or ""),
    )
    return movement


MOVEMENT_FIELDS = [
    "name",
    "standing_agency",
    "report_due_text",
    "report_due_day",
    "report_due_month",
    "report_due_year",
    "report_due_before",
    "mid_term_on",
    "final_on",
]


@transaction.atomic
def movement_update(
    *,
    actor,
    movement: Movement,
    name: str,
    standing_agency: Unit | None,
    report_due_text: str,
    report_due_day: int | None,
    report_due_month: int | None,
    report_due_year: int | None = None,
    report_due_before: bool = True,
    mid_term_on: dt.date | None = None,
    final_on: dt.date | None = None,
) -> Movement:
    """Correct a movement after its import (the launching level's standing agency): its name, standing agency,
    the report rule when the plan left it unclear, and the days of its reviews."""
    if not policies.can_manage_movement(actor, movement):
        raise PermissionDenied("Bạn không có quyền sửa phong trào này.")
    name = nfc(name)
    if not name:
        raise DomainError("Nhập tên phong trào.", field="name")
    if standing_agency is not None and not standing_agency.path.startswith(movement.unit.path):
        raise DomainError(
            f"Cơ quan thường trực phải là một đơn vị thuộc {movement.unit.name}.",
            field="standing_agency",
        )
    _check_due(report_due_day, report_due_month, report_due_year)
    for review, what, key in (
        (mid_term_on, "sơ kết", "mid_term_on"),
        (final_on, "tổng kết", "final_on"),
    ):
        if review is not None and not movement.start_year <= review.year <= movement.end_year + 1:
            raise DomainError(
                f"Ngày {what} {dates.fmt(review)} nằm ngoài {movement.period_label}.", field=key
            )
    with audit.tracked(
        actor=actor,
        action="movement.update",
        obj=movement,
        fields=MOVEMENT_FIELDS,
        unit_path=movement.unit.path,
    ):
        if nfc(report_due_text) != movement.report_due_text:
            movement.report_due_source, movement.report_due_clause = "", ""
        movement.name = name[:500]
        movement.standing_agency = standing_agency
        movement.report_due_text = nfc(report_due_text)[:255]
        movement.report_due_day, movement.report_due_month = report_due_day, report_due_month
        movement.report_due_year, movement.report_due_before = report_due_year, report_due_before
        movement.mid_term_on, movement.final_on = mid_term_on, final_on
        movement.search_text = movement_search_text(movement)
        movement.save()
    return movement


# --- Registrations ------------------------------------------------------------------------------------------------


def _check_year_of(movement: Movement, year: int) -> None:
    if year not in movement.years:
        raise DomainError(
            f"Năm {year} không thuộc {movement.period_label} của phong trào.", field="year"
        )


def registration_search_text(registration: Registration) -> str:
    return fold_words(registration.unit.name, registration.movement.name, str(registration.year))


@transaction.atomic
def registration_start(*, actor, participant: Participant, year: int) -> Registration:
    """The participant's registration of `year`: the one already started, or a new draft."""
    if not policies.can_start_registration(actor, participant):
        raise PermissionDenied("Chỉ cán bộ của đơn vị mới đăng ký thi đua cho đơn vị.")
    movement = participant.movement
    _check_year_of(movement, year)
    existing = selectors.registration_of(movement=movement, unit=participant.unit, year=year)
    if existing is not None:
        return existing
    registration = Registration(
        movement=movement,
        participant=participant,
        unit=participant.unit,
        year=year,
        created_by=user_or_none(actor),
    )
    registration.search_text = registration_search_text(registration)
    registration.save()
    audit.record(
        actor=actor,
        action="registration.create",
        obj=registration,
        after=audit.snapshot(registration, ["year", "status"]),
        unit_path=participant.unit.path,
    )
    return registration


@dataclass(frozen=True)
class TitleLine:
    """A title registered for: `person_id` None for the unit itself."""

    title: str
    person_id: int | None = None


@dataclass(frozen=True)
class PledgeLine:
    kind: str
    text: str


def _lines_summary(registration: Registration) -> dict[str, list[str]]:
    return {
        "titles": [str(t) for t in registration.titles.select_related("person")],
        "pledges": [p.text[:120] for p in registration.pledges.all()],
    }


@transaction.atomic
def registration_save(
    *,
    actor,
    registration: Registration,
    titles: Iterable[TitleLine],
    pledges: Iterable[PledgeLine] = (),
) -> Registration:
    """Replace the lines of a registration: titles of the unit and its people, pledges and targets. A person
    must work in the unit; a title for people only (LĐTT, CSTĐ cơ sở) is not for the unit and the reverse."""
    if not policies.can_write_registration(actor, registration):
        raise PermissionDenied(
            "Bạn không sửa được bản đăng ký này (chỉ khi đang soạn hoặc bị trả lại)."
        )
    titles, pledges = list(titles), [p for p in pledges if nfc(p.text)]
    ids = {t.person_id for t in titles if t.person_id}
    people = {
        p.pk: p
        for p in Person.objects.filter(
            pk__in=ids, unit__path__startswith=registration.unit.path, is_active=True
        )
    }
    seen: set[tuple[int | None, str]] = set()
    for row, line in enumerate(titles, start=1):
        if line.title not in TitleChoice.values:
            raise DomainError(f"Dòng {row}: danh hiệu “{line.title}” không hợp lệ.", field="titles")
        label = TitleChoice(line.title).label
        if line.person_id and line.person_id not in people:
            raise DomainError(
                f"Dòng {row}: cá nhân không thuộc {registration.unit.name}.", field="titles"
            )
        if line.person_id and line.title in COLLECTIVE_TITLES:
            raise DomainError(
                f"Dòng {row}: “{label}” là danh hiệu của tập thể, không dành cho cá nhân.",
                field="titles",
            )
        if not line.person_id and line.title in PERSON_TITLES:
            raise DomainError(
                f"Dòng {row}: “{label}” là danh hiệu của cá nhân: chọn người đăng ký.",
                field="titles",
            )
        key = (line.person_id, line.title)
        if key in seen:
            who = people[line.person_id].full_name if line.person_id else "Tập thể"
            raise DomainError(f"Dòng {row}: {who} đã đăng ký “{label}”.", field="titles")
        seen.add(key)
    for row, pledge in enumerate(pledges, start=1):
        if pledge.kind not in PledgeKind.values:
            raise DomainError(f"Dòng {row}: loại “{pledge.kind}” không hợp lệ.", field="pledges")
    before = _lines_summary(registration)
    registration.titles.all().delete()
    registration.pledges.all().delete()
    RegistrationTitle.objects.bulk_create(
        [
            RegistrationTitle(
                registration=registration,
                person=people.get(t.person_id or 0),
                title=t.title,
                order=i,
            )
            for i, t in enumerate(titles, start=1)
        ]
    )
    RegistrationPledge.objects.bulk_create(
        [
            RegistrationPledge(registration=registration, kind=p.kind, text=nfc(p.text), order=i)
            for i, p in enumerate(pledges, start=1)
        ]
    )
    audit.record(
        actor=actor,
        action="registration.update",
        obj=registration,
        before=before,
        after=_lines_summary(registration),
        unit_path=registration.unit.path,
    )
    return registration


@transaction.atomic
def registration_submit(
    *, actor, registration: Registration, today: dt.date | None = None
) -> Registration:
    """Send the registration to the level above."""
    REGISTRATION_FLOW.apply(
        "submit",
        actor=actor,
        obj=registration,
        changes={
            "submitted_on": today or dates.today(),
            "return_note": "",
            "reviewed_on": None,
            "reviewed_by": None,
        },
        unit_path=registration.unit.path,
    )
    return registration


@transaction.atomic
def registration_approve(
    *, actor, registration: Registration, today: dt.date | None = None
) -> Registration:
    """The level above approves the registration."""
    REGISTRATION_FLOW.apply(
        "approve",
        actor=actor,
        obj=registration,
        changes={"reviewed_on": today or dates.today(), "reviewed_by": user_or_none(actor)},
        unit_path=registration.unit.path,
    )
    return registration


@transaction.atomic
def registration_return(
    *, actor, registration: Registration, note: str, today: dt.date | None = None
) -> Registration:
    """The level above returns the registration with a reason; the unit corrects it and sends it again."""
    REGISTRATION_FLOW.apply(
        "return",
        actor=actor,
        obj=registration,
        changes={
            "reviewed_on": today or dates.today(),
            "reviewed_by": user_or_none(actor),
            "return_note": nfc(note),
        },
        note=nfc(note),
        unit_path=registration.unit.path,
    )
    return registration


# --- Movement reports ---------------------------------------------------------------------------------------------


def report_search_text(report: MovementReport) -> str:
    return fold_words(
        report.unit.name,
        report.movement.name,
        str(report.year),
        ReportKind(report.kind).label,
    )


@transaction.atomic
def report_start(
    *,
    actor,
    participant: Participant,
    year: int,
    kind: str = ReportKind.ANNUAL,
    today: dt.date | None = None,
) -> MovementReport:
    """The participant's report of `year` (and kind): the one already started, or a new draft. A year not come
    yet is refused; a review report needs a movement over several years."""
    if not policies.can_start_report(actor, participant):
        raise PermissionDenied("Chỉ cán bộ của đơn vị mới lập báo cáo phong trào của đơn vị.")
    movement = participant.movement
    if kind not in ReportKind.values:
        raise DomainError(f"Loại báo cáo “{kind}” không hợp lệ.", field="kind")
    _check_year_of(movement, year)
    today = today or dates.today()
    if year > today.year:
        raise DomainError(f"Chưa đến năm {year}: chưa lập được báo cáo.", field="year")
    if kind != ReportKind.ANNUAL and movement.start_year == movement.end_year:
        raise DomainError(
            "Phong trào một năm không có sơ kết, tổng kết giai đoạn: chọn báo cáo năm.",
            field="kind",
        )
    existing = selectors.report_of(movement=movement, unit=participant.unit, year=year, kind=kind)
    if existing is not None:
        return existing
    report = MovementReport(
        movement=movement,
        participant=participant,
        unit=participant.unit,
        year=year,
        kind=kind,
        created_by=user_or_none(actor),
    )
    report.search_text = report_search_text(report)
    report.save()
    audit.record(
        actor=actor,
        action="movement_report.create",
        obj=report,
        after=audit.snapshot(report, ["year", "kind", "status"]),
        unit_path=participant.unit.path,
    )
    return report


REPORT_TEXT_FIELDS = ["good_models", "difficulties", "proposals"]


@transaction.atomic
def report_save(
    *,
    actor,
    report: MovementReport,
    results: dict[int, str],
    good_models: str = "",
    difficulties: str = "",
    proposals: str = "",
    files: Iterable[Any] = (),
) -> MovementReport:
    """Write the report while it is a draft: the result of each content (by content id), good models,
    difficulties, proposals, and files added."""
    if not policies.can_write_report(actor, report):
        raise PermissionDenied(
            "Bạn không sửa được báo cáo này (chỉ cán bộ của đơn vị, khi báo cáo đang soạn)."
        )
    contents = {c.pk: c for c in selectors.movement_contents(movement=report.movement)}
    strangers = set(results) - set(contents)
    if strangers:
        raise DomainError("Có nội dung không thuộc phong trào này.", field="results")
    existing = {r.content_id: r for r in report.results.all()}
    before = {
        **audit.snapshot(report, REPORT_TEXT_FIELDS),
        "results": {str(k): v.text for k, v in existing.items()},
    }
    for content_id, text in results.items():
        text = (text or "").strip()
        if len(text) > MAX_CONTENT_CHARS:
            raise DomainError(
                f"Kết quả của nội dung {contents[content_id].number or content_id} quá dài "
                "(tối đa 20.000 ký tự).",
                field="results",
            )
        row = existing.get(content_id)
        if row is None:
            ReportResult.objects.create(report=report, content=contents[content_id], text=text)
        elif row.text != text:
            row.text = text
            row.save(update_fields=["text"])
    report.good_models = (good_models or "").strip()
    report.difficulties = (difficulties or "").strip()
    report.proposals = (proposals or "").strip()
    report.save(update_fields=[*REPORT_TEXT_FIELDS, "updated_at"])
    names = [attach(ReportFile(report=report), f, actor=actor).name for f in files]
    audit.record(
        actor=actor,
        action="movement_report.update",
        obj=report,
        before=before,
        after={
            **audit.snapshot(report, REPORT_TEXT_FIELDS),
            "results": {str(k): (v or "").strip() for k, v in results.items()},
            "files": names,
        },
        unit_path=report.unit.path,
    )
    return report


@transaction.atomic
def report_file_remove(*, actor, file: ReportFile) -> None:
    """Remove a file from a report still being written."""
    report = file.report
    if not policies.can_write_report(actor, report):
        raise PermissionDenied("Bạn không gỡ được tệp của báo cáo này.")
    name = file.name
    file.file.delete(save=False)
    file.delete()
    audit.record(
        actor=actor,
        action="movement_report.remove_file",
        obj=report,
        before={"files": [name]},
        after={"files": []},
        unit_path=report.unit.path,
    )


@transaction.atomic
def report_request_approval(*, actor, report: MovementReport) -> MovementReport:
    """The unit's staff send the written report to their leader."""
    REPORT_FLOW.apply(
        "request_approval",
        actor=actor,
        obj=report,
        changes={"return_note": ""},
        unit_path=report.unit.path,
    )
    return report


@transaction.atomic
def report_approve(*, actor, report: MovementReport) -> MovementReport:
    """The unit's leader signs off the report."""
    REPORT_FLOW.apply("approve", actor=actor, obj=report, unit_path=report.unit.path)
    return report


@transaction.atomic
def report_return(*, actor, report: MovementReport, note: str) -> MovementReport:
    """The unit's leader returns the report to its draft with a reason."""
    REPORT_FLOW.apply(
        "return",
        actor=actor,
        obj=report,
        changes={"return_note": nfc(note)},
        note=nfc(note),
        unit_path=report.unit.path,
    )
    return report


@transaction.atomic
def report_submit(*, actor, report: MovementReport, today: dt.date | None = None) -> MovementReport:
    """Submit the approved report: the figures of the system are computed now and frozen into it, and the day of
    submission decides whether it is on time."""
    today = today or dates.today()
    REPORT_FLOW.check("submit", actor=actor, obj=report)
    frozen = figures.frozen(
        figures.unit_figures(unit=report.unit, year=report.year, today=today), on=today
    )
    REPORT_FLOW.apply(
        "submit",
        actor=actor,
        obj=report,
        changes={
            "submitted_on": today,
            "submitted_by": user_or_none(actor),
            "figures": frozen,
        },
        unit_path=report.unit.path,
    )
    return report


# --- Reminders ------------------------------------------------------------------------------------------------


def _reminder_text(kind: str, movement: Movement, participant: Participant, year: int, due, today):
    where = f"“{movement.name}” năm {year} của {participant.unit.name}"
    if kind == ReminderKind.OVERDUE:
        days = (today - due.late_from).days + 1
        return f"Báo cáo phong trào {where} đã quá hạn {days} ngày (hạn {due.label}): chưa nộp."
    left = (due.late_from - today).days
    return f"Báo cáo phong trào {where} sắp đến hạn ({due.label}, còn {left} ngày)."


def reminders_send(*, today: dt.date, days_ahead: int = deadlines.REMINDER_DAYS) -> dict[str, int]:
    """Notify the staff of every participant whose annual report is due within `days_ahead` days, or overdue,
    and not submitted (through `cchc.notifications`); once per user, participant, kind and due date however
    often it runs. Returns the new reminders per kind and `already` (those that existed)."""
    from cchc.accounts.models import Grant
    from cchc.notifications import services as notifications

    counts: dict[str, int] = {kind.value: 0 for kind in ReminderKind}
    staff: dict[int, set[int]] = {}
    for unit_id, user_id in Grant.objects.filter(
        role__in=[STANDING, OFFICER], user__is_active=True
    ).values_list("unit_id", "user_id"):
        staff.setdefault(unit_id, set()).add(user_id)
    wanted = 0
    with transaction.atomic():
        for movement in Movement.objects.select_related("document").order_by("pk"):
            for year in movement.years:
                if year > today.year:
                    continue
                due = selectors.report_due(movement, year)
                which = deadlines.reminder_for(due, today, days_ahead=days_ahead)
                if which is None:
                    continue
                kind = ReminderKind.OVERDUE if which == "overdue" else ReminderKind.DUE_SOON
                submitted = MovementReport.objects.filter(
                    movement=movement,
                    year=year,
                    kind=ReportKind.ANNUAL,
                    status=ReportStatus.SUBMITTED,
                ).values("unit_id")
                waiting = (
                    Participant.objects.filter(movement=movement)
                    .exclude(unit_id__in=submitted)
                    .filter(unit_id__in=list(staff))
                    .select_related("unit")
                )
                for participant in waiting:
                    users = staff[participant.unit_id]
                    wanted += len(users)
                    counts[kind.value] += notifications.notify(
                        users=users,
                        kind=kind.value,
                        subject=participant,
                        text=_reminder_text(kind, movement, participant, year, due, today),
                        url=reverse("emulation:report_start", args=[participant.pk, year]),
                        due_on=due.on,
                        unit_path=participant.unit.path,
                    )
        created = sum(counts.values())
        if created:
            audit.record(
                actor=SYSTEM,
                action="movement_reminder.send",
                model="notifications.notification",
                object_repr=f"Nhắc báo cáo phong trào ngày {dates.fmt(today)}",
                after={ReminderKind(k).label: n for k, n in counts.items()},
            )
    counts["already"] = wanted - created
    return counts


def reminders_summary(counts: dict[str, int]) -> list[str]:
    """The lines of the scheduler's report, in Vietnamese."""
    return [
        *(f"{kind.label}: {counts.get(kind.value, 0)}" for kind in ReminderKind),
        f"Đã nhắc trước đó (không gửi lại): {counts.get('already', 0)}",
    ]
