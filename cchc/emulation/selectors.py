"""Reads of the movements: every query starts from what the actor may see (404 outside it).

The boards are querysets of participants annotated in SQL (the report's submission date and status, the
timeliness against the movement's rule, the registration's status, the cascaded movement), so a board of
thousands of units is a fixed number of queries whatever its size, and lists filter, sort, page and export them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from cchc.core import dates
from cchc.core.scope import OFFICER, STANDING, scope_for
from cchc.emulation import deadlines
from cchc.emulation.choices import RegistrationStatus, ReportKind, ReportStatus, Timeliness
from cchc.emulation.models import (
    Movement,
    MovementContent,
    MovementReport,
    Participant,
    Registration,
    ReportFile,
)

NOT_REGISTERED = "none"
REGISTRATION_STATES = [(NOT_REGISTERED, "Chưa đăng ký"), *RegistrationStatus.choices]


# --- Movements ------------------------------------------------------------------------------------------------


def movement_list(*, actor) -> QuerySet[Movement]:
    """Movements the actor may see: of its units and of the levels above them."""
    return (
        Movement.objects.visible_to(actor)
        .select_related("unit", "document", "parent", "parent__document", "standing_agency")
        .annotate(participant_count=Count("participants", distinct=True))
    )


def movement_get(*, actor, pk) -> Movement:
    """One movement the actor may see, else 404."""
    try:
        return (
            Movement.objects.visible_to(actor)
            .select_related("unit", "document", "parent", "parent__unit", "standing_agency")
            .get(pk=pk)
        )
    except (Movement.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy phong trào.")


def movement_contents(*, movement: Movement) -> list[MovementContent]:
    return list(movement.contents.order_by("order", "id"))


def movement_children(*, actor, movement: Movement) -> list[Movement]:
    """The movements that cascade this one, among those the actor may see."""
    return list(
        Movement.objects.visible_to(actor)
        .filter(parent=movement)
        .select_related("unit", "document")
        .order_by("unit__name")
    )


def due_rule(movement: Movement) -> deadlines.DueRule:
    """The movement's report rule for the pure deadline functions, with its citation."""
    number = movement.document.number if movement.document_id and movement.document else ""
    citation = ", ".join(x for x in (number, movement.report_due_clause) if x)
    return deadlines.DueRule(
        text=movement.report_due_text,
        day=movement.report_due_day,
        month=movement.report_due_month,
        year=movement.report_due_year,
        before=movement.report_due_before,
        citation=citation,
    )


def report_due(movement: Movement, year: int, kind: str = ReportKind.ANNUAL) -> deadlines.Due:
    """The due date of a report of `year` (annual: the movement's rule; reviews: their day)."""
    if kind == ReportKind.MID_TERM:
        return deadlines.review_due(movement.mid_term_on, "sơ kết")
    if kind == ReportKind.FINAL:
        return deadlines.review_due(movement.final_on, "tổng kết")
    return deadlines.due_for(due_rule(movement), year)


def report_years(movement: Movement, today: dt.date | None = None) -> list[int]:
    """The years of the movement whose reports may be written by now (the period up to this year)."""
    this_year = (today or dates.today()).year
    return [y for y in movement.years if y <= this_year] or [movement.start_year]


def default_year(movement: Movement, today: dt.date | None = None) -> int:
    """The latest year of the movement whose report is due by now, else its latest year under way."""
    today = today or dates.today()
    years = report_years(movement, today)
    for year in reversed(years):
        due = report_due(movement, year)
        if due.late_from is None or due.late_from <= today:
            return year
    return years[0]


# --- Participants and the boards --------------------------------------------------------------------------------


def participants(*, actor, movement: Movement) -> QuerySet[Participant]:
    """The movement's participants the actor may see (a ward sees itself among the city's)."""
    return (
        Participant.objects.visible_to(actor)
        .filter(movement=movement)
        .select_related("unit", "unit__parent")
    )


def participant_get(*, actor, pk) -> Participant:
    try:
        return (
            Participant.objects.visible_to(actor)
            .select_related("unit", "movement", "movement__unit", "movement__document")
            .get(pk=pk)
        )
    except (Participant.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy đơn vị tham gia phong trào.")


def participant_of(*, movement: Movement, unit) -> Participant | None:
    return Participant.objects.filter(movement=movement, unit=unit).first()


def timeliness_case(due: deadlines.Due, today: dt.date) -> Case:
    """The SQL form of `deadlines.report_timeliness` over an annotated `submitted_on`."""
    if due.late_from is None:
        return Case(
            When(submitted_on__isnull=False, then=Value(Timeliness.SUBMITTED.value)),
            default=Value(Timeliness.PENDING.value),
            output_field=CharField(),
        )
    missing = Timeliness.MISSING if today >= due.late_from else Timeliness.PENDING
    return Case(
        When(
            submitted_on__isnull=False,
            submitted_on__lt=due.late_from,
            then=Value(Timeliness.SUBMITTED.value),
        ),
        When(submitted_on__isnull=False, then=Value(Timeliness.LATE.value)),
        default=Value(missing.value),
        output_field=CharField(),
    )


def report_board(
    *,
    actor,
    movement: Movement,
    year: int,
    kind: str = ReportKind.ANNUAL,
    today: dt.date | None = None,
) -> QuerySet[Participant]:
    """Every participant the actor may see with its report of the year: `report_id`, `report_status`,
    `submitted_on` and `timeliness` (submitted on time, late, missing or pending), one query."""
    today = today or dates.today()
    due = report_due(movement, year, kind)
    return (
        participants(actor=actor, movement=movement)
        .annotate(
            report=FilteredRelation("reports", condition=Q(reports__year=year, reports__kind=kind))
        )
        .annotate(
            report_id=F("report__id"),
            report_status=F("report__status"),
            submitted_on=Case(
                When(report__status=ReportStatus.SUBMITTED, then=F("report__submitted_on")),
                default=None,
                output_field=DateField(),
            ),
        )
        .annotate(timeliness=timeliness_case(due, today))
    )


@dataclass(frozen=True)
class YearCount:
    """Reports of one year of a movement: on time, late, missing and not due yet, and the due date."""

    year: int
    due: deadlines.Due
    submitted: int
    late: int
    missing: int
    pending: int

    @property
    def total(self) -> int:
        return self.submitted + self.late + self.missing + self.pending


def report_counts(*, actor, movement: Movement, today: dt.date | None = None) -> list[YearCount]:
    """Per year of the movement up to this year, how the visible participants' annual reports stand (two
    queries whatever the number of units and years)."""
    today = today or dates.today()
    units = participants(actor=actor, movement=movement).values("unit_id")
    total = participants(actor=actor, movement=movement).count()
    years = report_years(movement, today)
    dues = {y: report_due(movement, y) for y in years}
    aggregates: dict[str, Any] = {}
    for y, due in dues.items():
        in_year = Q(year=y)
        aggregates[f"all_{y}"] = Count("pk", filter=in_year)
        if due.late_from is not None:
            aggregates[f"ok_{y}"] = Count("pk", filter=in_year & Q(submitted_on__lt=due.late_from))
    counts = MovementReport.objects.filter(
        movement=movement,
        kind=ReportKind.ANNUAL,
        status=ReportStatus.SUBMITTED,
        unit_id__in=units,
        year__in=years,
    ).aggregate(**aggregates)
    rows = []
    for y, due in dues.items():
        sent = counts.get(f"all_{y}") or 0
        on_time = counts.get(f"ok_{y}", sent) or 0
        not_sent = total - sent
        overdue = due.late_from is not None and today >= due.late_from
        rows.append(
            YearCount(
                year=y,
                due=due,
                submitted=on_time,
                late=sent - on_time,
                missing=not_sent if overdue else 0,
                pending=0 if overdue else not_sent,
            )
        )
    return rows


def registration_board(*, actor, movement: Movement, year: int) -> QuerySet[Participant]:
    """Every participant the actor may see with its registration of the year: `registration_id` and
    `registration_state` ("none" when it has not registered), one query."""
    return (
        participants(actor=actor, movement=movement)
        .annotate(reg=FilteredRelation("registrations", condition=Q(registrations__year=year)))
        .annotate(
            registration_id=F("reg__id"),
            registration_state=Coalesce(
                F("reg__status"), Value(NOT_REGISTERED), output_field=CharField()
            ),
            registered_on=F("reg__submitted_on"),
        )
    )


def cascade_board(*, actor, movement: Movement) -> QuerySet[Participant]:
    """Every participant the actor may see with the movement it launched to cascade this one (`child_id`,
    `child_name`, `child_number`), or none; one query."""
    children = Movement.objects.filter(parent=movement, unit=OuterRef("unit")).order_by("pk")
    return participants(actor=actor, movement=movement).annotate(
        child_id=Subquery(children.values("pk")[:1]),
        child_name=Subquery(children.values("name")[:1]),
        child_number=Subquery(children.values("document__number")[:1]),
        child_issued_on=Subquery(children.values("document__issued_on")[:1]),
        launched=Exists(children),
    )


# --- The actor's own work -----------------------------------------------------------------------------------------


def units_under(paths: list[str], *, strictly: bool = False):
    """The units inside the subtrees at `paths` (without the roots themselves when `strictly`), as a queryset."""
    from cchc.orgs.models import Unit

    cond = Q(pk__in=[])
    for path in paths:
        inside = Q(path__startswith=path)
        cond |= inside & ~Q(path=path) if strictly else inside
    return Unit.objects.filter(cond)


def own_unit_ids(actor) -> set[int]:
    """The units the actor works for, as `policies.is_unit_staff` reads it: the unit of each standing or officer
    grant and the units above it (an office's officer prepares its ward's report too)."""
    ids: set[int] = set()
    for r in scope_for(actor).roots:
        if r.role in {STANDING, OFFICER}:
            ids.update(int(p) for p in r.path.strip("/").split("/") if p)
    return ids


def own_participations(*, actor) -> QuerySet[Participant]:
    """The participations of the units the actor works for: what they register for and report on."""
    return (
        Participant.objects.filter(unit_id__in=own_unit_ids(actor))
        .select_related("unit", "movement", "movement__unit", "movement__document")
        .order_by("-movement__start_year", "movement__unit__path", "unit__path")
    )


# --- Registrations ------------------------------------------------------------------------------------------------


def registration_list(*, actor) -> QuerySet[Registration]:
    return Registration.objects.visible_to(actor).select_related(
        "unit", "movement", "movement__unit"
    )


def registration_get(*, actor, pk) -> Registration:
    try:
        return (
            Registration.objects.visible_to(actor)
            .select_related("unit", "movement", "movement__unit", "movement__document")
            .get(pk=pk)
        )
    except (Registration.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy bản đăng ký thi đua.")


def registration_of(*, movement: Movement, unit, year: int) -> Registration | None:
    return Registration.objects.filter(movement=movement, unit=unit, year=year).first()


# --- Reports ------------------------------------------------------------------------------------------------------


def report_list(*, actor) -> QuerySet[MovementReport]:
    return MovementReport.objects.visible_to(actor).select_related(
        "unit", "movement", "movement__unit", "movement__document"
    )


def report_get(*, actor, pk) -> MovementReport:
    try:
        return (
            MovementReport.objects.visible_to(actor)
            .select_related("unit", "movement", "movement__unit", "movement__document")
            .get(pk=pk)
        )
    except (MovementReport.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy báo cáo phong trào.")


def report_of(*, movement: Movement, unit, year: int, kind: str) -> MovementReport | None:
    return MovementReport.objects.filter(movement=movement, unit=unit, year=year, kind=kind).first()


def report_verdict(report: MovementReport, today: dt.date | None = None) -> deadlines.Verdict:
    """How one report stands against its due date (submitted on time, late, missing, pending)."""
    due = report_due(report.movement, report.year, report.kind)
    submitted_on = report.submitted_on if report.status == ReportStatus.SUBMITTED else None
    return deadlines.report_timeliness(due, submitted_on, today or dates.today())


def report_results(*, report: MovementReport) -> list[tuple[MovementContent, str]]:
    """(content, what the unit wrote) for every content of the movement, in order."""
    written = dict(report.results.values_list("content_id", "text"))
    return [(c, written.get(c.pk, "")) for c in movement_contents(movement=report.movement)]


def report_file_get(*, actor, pk) -> ReportFile:
    try:
        return ReportFile.objects.select_related("report").get(
            pk=pk, report__in=MovementReport.objects.visible_to(actor)
        )
    except (ReportFile.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy tệp.")


def submitted_reports(*, movement: Movement, year: int, kind: str = ReportKind.ANNUAL):
    """The submitted reports of a year, by unit id (for the aggregated report)."""
    return {
        r.unit_id: r
        for r in MovementReport.objects.filter(
            movement=movement, year=year, kind=kind, status=ReportStatus.SUBMITTED
        )
    }
