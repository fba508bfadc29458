"""Reads of nomination dossiers: lists and objects within the user's scope, the nominations that fill a quota,
the same achievement proposed elsewhere, the evidence the system holds for a nominee, and the board of the units
of a programme's pool that have not submitted."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Q, QuerySet
from django.http import Http404
from django.urls import reverse

from cchc.awards.choices import DossierStatus, NominationStatus, Subject
from cchc.awards.models import Dossier, DossierFile, Nomination, Programme
from cchc.awards.rule_files import programme_rule
from cchc.awards.rules import facts
from cchc.core import dates
from cchc.core.scope import OFFICER, STANDING, scope_for
from cchc.initiatives.choices import InitiativeStatus
from cchc.initiatives.models import Initiative
from cchc.initiatives.selectors import PENDING as PENDING_INITIATIVE
from cchc.orgs.choices import LEVEL_KINDS
from cchc.orgs.models import BlocMembership, Person, Unit

# Dossiers that stand before the standing agency: their nominations fill quotas and carry the achievement.
LODGED = (DossierStatus.SUBMITTED, DossierStatus.RECEIVED)
# Nominations no longer standing (refused at submission, turned down by the council or not awarded).
DROPPED = (NominationStatus.REFUSED, NominationStatus.FAILED, NominationStatus.NOT_AWARDED)


# --- Lists and objects ----------------------------------------------------------------------------------------


def dossier_list(*, actor: Any) -> QuerySet[Dossier]:
    """The dossiers of the units in the actor's scope (a standing agency above covers its units')."""
    return (
        Dossier.objects.visible_to(actor)
        .select_related("programme", "programme__unit", "proposing_unit")
        .prefetch_related("nominations")
    )


def dossier_get(*, actor: Any, pk: Any) -> Dossier:
    """One dossier in the actor's scope (404 outside it)."""
    dossier = dossier_list(actor=actor).filter(pk=pk).first()
    if dossier is None:
        raise Http404("Không tìm thấy hồ sơ đề nghị khen thưởng.")
    return dossier


def nomination_get(*, actor: Any, pk: Any) -> Nomination:
    nomination = (
        Nomination.objects.filter(dossier__in=Dossier.objects.visible_to(actor), pk=pk)
        .select_related("dossier", "dossier__programme", "unit", "person", "person__unit")
        .first()
    )
    if nomination is None:
        raise Http404("Không tìm thấy đề nghị khen thưởng.")
    return nomination


def dossier_file_get(*, actor: Any, pk: Any) -> DossierFile:
    file = (
        DossierFile.objects.filter(dossier__in=Dossier.objects.visible_to(actor), pk=pk)
        .select_related("dossier")
        .first()
    )
    if file is None:
        raise Http404("Không tìm thấy tệp của hồ sơ.")
    return file


def programme_choices(*, actor: Any) -> QuerySet[Programme]:
    """The active programmes the actor's units may propose for (their level's and the levels above)."""
    return (
        Programme.objects.visible_to(actor)
        .filter(is_active=True)
        .select_related("unit", "rule_file")
        .order_by("unit__depth", "rule_file__file_id", "order")
    )


def programme_get(*, actor: Any, pk: Any) -> Programme:
    programme = programme_choices(actor=actor).filter(pk=pk).first()
    if programme is None:
        raise Http404("Không tìm thấy chương trình khen thưởng.")
    return programme


def proposing_unit_choices(*, actor: Any) -> QuerySet[Unit]:
    """Units the actor proposes for: the levels and offices where they are staff."""
    scope = scope_for(actor)
    return (
        Unit.objects.filter(scope.q("path", roles={STANDING, OFFICER}), is_active=True)
        .order_by("depth", "order", "name")
        .distinct()
    )


def nominee_units(*, dossier: Dossier) -> QuerySet[Unit]:
    """Collectives a dossier may propose: the proposing unit and its units."""
    return Unit.objects.filter(
        path__startswith=dossier.proposing_unit.path, is_active=True
    ).order_by("depth", "order", "name")


def nominee_persons(*, dossier: Dossier) -> QuerySet[Person]:
    """Persons a dossier may propose: those working in the proposing unit or its units."""
    return (
        Person.objects.filter(unit__path__startswith=dossier.proposing_unit.path, is_active=True)
        .select_related("unit")
        .order_by("unit__depth", "unit__name", "full_name")
    )


def dossier_history(*, dossier: Dossier):
    from cchc.core.models import AuditLog

    return AuditLog.objects.filter(model="awards.dossier", object_id=str(dossier.pk)).order_by(
        "at", "id"
    )


def deadline_text(*, dossier: Dossier) -> str:
    """The programme's deadline for the dossier's occasion, as a phrase with its clause ("" when none)."""
    from cchc.awards.rules import deadlines

    _pf, rule = programme_rule(dossier.programme)
    if rule.deadline is None:
        return ""
    year = dossier.year if dossier.year is not None else (dossier.period_end or 0)
    return f"{deadlines.describe(rule.deadline, year)} ({rule.deadline.source})"


# --- What the checks at submission read -----------------------------------------------------------------------


def occasion_q(dossier: Dossier, prefix: str = "dossier__") -> Q:
    """The same achievement year (annual, ad-hoc) or the same period (period-end) as the dossier."""
    if dossier.year is not None:
        return Q(**{f"{prefix}year": dossier.year})
    return Q(
        **{f"{prefix}period_start": dossier.period_start, f"{prefix}period_end": dossier.period_end}
    )


def _bloc_codes(unit_ids: Iterable[int], year: int | None) -> dict[int, str]:
    if year is None:
        return {}
    return dict(
        BlocMembership.objects.filter(unit_id__in=set(unit_ids), year=year).values_list(
            "unit_id", "bloc__code"
        )
    )


def as_fact(nomination: Nomination, bloc_codes: dict[int, str] | None = None) -> facts.Nomination:
    """A nomination as the quota rules read it."""
    dossier = nomination.dossier
    unit_id = nomination.unit_id or dossier.proposing_unit_id
    return facts.Nomination(
        id=nomination.pk or 0,
        programme=dossier.programme.code,
        subject=nomination.subject,
        label=f"hồ sơ số {dossier.number} — {nomination.name}"
        + (
            f" ({dossier.proposing_unit.name})"
            if nomination.name != dossier.proposing_unit.name
            else ""
        ),
        proposer_id=dossier.proposing_unit_id,
        proposer_name=dossier.proposing_unit.name,
        status="awarded" if nomination.status == NominationStatus.AWARDED else "proposed",
        year=dossier.year,
        period=(dossier.period_start or 0, dossier.period_end or 0)
        if dossier.year is None
        else None,
        unit_id=nomination.unit_id,
        person_id=nomination.person_id,
        bloc_code=(bloc_codes or {}).get(unit_id),
        parent_id=nomination.parent_id,
    )


def counted_nominations(
    *, dossier: Dossier, programme_codes: Iterable[str]
) -> list[facts.Nomination]:
    """The nominations of other lodged dossiers of the same occasion for these programmes: what fills a quota."""
    rows = list(
        Nomination.objects.filter(
            occasion_q(dossier),
            dossier__programme__code__in=set(programme_codes),
            dossier__status__in=LODGED,
        )
        .exclude(dossier=dossier)
        .exclude(status__in=DROPPED)
        .select_related("dossier", "dossier__programme", "dossier__proposing_unit")
        .order_by("dossier__submitted_at", "dossier_id", "order", "id")
    )
    year = dossier.year or dossier.period_end
    blocs = _bloc_codes([n.unit_id or n.dossier.proposing_unit_id for n in rows], year)
    return [as_fact(n, blocs) for n in rows]


def bloc_codes_for(nominations: Iterable[Nomination], year: int | None) -> dict[int, str]:
    return _bloc_codes([n.unit_id or n.dossier.proposing_unit_id for n in nominations], year)


def same_achievement(*, nomination: Nomination) -> list[Nomination]:
    """Other standing nominations of the same nominee for the same achievement year or period, in another
    dossier (any programme): one achievement is rewarded once, with one form."""
    dossier = nomination.dossier
    who = Q(unit_id=nomination.unit_id) if nomination.unit_id else Q(person_id=nomination.person_id)
    if nomination.unit_id and nomination.subject == Subject.COLLECTIVE:
        who = Q(unit_id=nomination.unit_id, subject=Subject.COLLECTIVE)
    return list(
        Nomination.objects.filter(who, occasion_q(dossier), dossier__status__in=LODGED)
        .exclude(dossier=dossier)
        .exclude(status__in=DROPPED)
        .select_related("dossier", "dossier__programme", "dossier__proposing_unit")
        .order_by("dossier_id")
    )


# --- Initiatives named as the achievement ------------------------------------------------------------------------


def nominee_initiatives(*, dossier: Dossier) -> QuerySet[Initiative]:
    """Initiatives a nominee of the dossier may name as its achievement: those of the proposing unit and its
    units in the dossier's years, recognised or awaiting recognition."""
    start, end = years_of(dossier)
    return (
        Initiative.objects.filter(
            unit__path__startswith=dossier.proposing_unit.path,
            year__gte=start,
            year__lte=end,
            status__in=[InitiativeStatus.RECOGNISED, *PENDING_INITIATIVE],
        )
        .select_related("unit")
        .order_by("-year", "title", "pk")
    )


def initiative_uses(*, nomination: Nomination) -> list[tuple[Initiative, Nomination]]:
    """(initiative, other nomination) for each initiative this nomination names that a standing nomination of
    another lodged dossier names too (any programme, any year)."""
    mine = {i.pk: i for i in nomination.initiatives.all()}
    if not mine:
        return []
    others = (
        Nomination.objects.filter(initiatives__in=list(mine), dossier__status__in=LODGED)
        .exclude(dossier_id=nomination.dossier_id)
        .exclude(status__in=DROPPED)
        .select_related("dossier", "dossier__programme", "dossier__proposing_unit")
        .annotate(initiative_id=F("initiatives__id"))
        .order_by("dossier_id", "pk")
    )
    return [(mine[o.initiative_id], o) for o in others]


def nominations_using(*, actor: Any, initiative_id: int) -> list[Nomination]:
    """Every nomination naming the initiative as its achievement, oldest dossier first, each with `visible`:
    whether the actor may open its dossier (the initiative's page shows the line, links only those)."""
    found = list(
        Nomination.objects.filter(initiatives__id=initiative_id)
        .select_related("dossier", "dossier__programme", "dossier__proposing_unit")
        .order_by("dossier__created_at", "dossier_id", "pk")
    )
    if found:
        seen = set(
            Dossier.objects.visible_to(actor)
            .filter(pk__in={n.dossier_id for n in found})
            .values_list("pk", flat=True)
        )
        for n in found:
            setattr(n, "visible", n.dossier_id in seen)  # noqa: B010 - an attribute for the page only
    return found


# --- Evidence the system holds ---------------------------------------------------------------------------------


@dataclass
class EvidenceRow:
    kind: str
    text: str
    url: str = ""


@dataclass
class Evidence:
    """What the system knows of a nominee's achievement: PAR results, recognised initiatives, plan figures."""

    nomination: Nomination
    par: list[EvidenceRow] = field(default_factory=list)
    initiatives: list[EvidenceRow] = field(default_factory=list)
    plans: list[EvidenceRow] = field(default_factory=list)

    @property
    def rows(self) -> list[EvidenceRow]:
        return [*self.par, *self.initiatives, *self.plans]


def years_of(dossier: Dossier) -> tuple[int, int]:
    """The first and last achievement years of a dossier (its year, or its period)."""
    if dossier.year is not None:
        return dossier.year, dossier.year
    return dossier.period_start or 0, dossier.period_end or 0


def _level_of(unit: Unit) -> Unit:
    """The level (ward, commune, city) or department a unit belongs to, for its PAR results."""
    ids = [int(p) for p in unit.path.strip("/").split("/") if p]
    units = {u.pk: u for u in Unit.objects.filter(pk__in=ids)}
    for uid in reversed(ids):
        u = units.get(uid)
        if u is not None and (u.kind in LEVEL_KINDS or u.kind == "department"):
            return u
    return unit


def evidence_for(*, nominations: Iterable[Nomination], dossier: Dossier) -> list[Evidence]:
    """The evidence attached automatically to each nominee of a dossier."""
    from cchc.initiatives.selectors import recognised_for, recognised_for_persons
    from cchc.par.models import Result
    from cchc.plans.figures import measure_on_time_rate

    start, end = years_of(dossier)
    nominations = list(nominations)
    unit_ids = {n.unit_id for n in nominations if n.unit_id}
    person_ids = {n.person_id for n in nominations if n.person_id}
    by_unit = recognised_for(unit_ids=unit_ids, start_year=start, end_year=end) if unit_ids else {}
    by_person = (
        recognised_for_persons(person_ids=person_ids, start_year=start, end_year=end)
        if person_ids
        else {}
    )
    out: list[Evidence] = []
    for n in nominations:
        ev = Evidence(n)
        unit = n.unit if n.unit_id else (n.person.unit if n.person is not None else None)
        if unit is not None:
            level = _level_of(unit)
            results = Result.objects.filter(
                unit=level, year__gte=start, year__lte=end, published=True
            ).order_by("year")
            for r in results:
                ev.par.append(
                    EvidenceRow(
                        "par",
                        f"Chỉ số CCHC năm {r.year} của {level.name}: {r.total} điểm, xếp hạng "
                        f"{r.rank}/{r.bloc_size} {r.get_bloc_code_display().lower()}"
                        + (f", xếp loại “{r.band}”" if r.band else ""),
                        reverse("par:unit_results", args=[level.pk]),
                    )
                )
            if not results:
                ev.par.append(
                    EvidenceRow(
                        "par",
                        f"Chưa có kết quả Chỉ số CCHC đã công bố của {level.name} cho năm "
                        f"{start if start == end else f'{start} - {end}'}.",
                    )
                )
            for year in range(start, min(end, dates.today().year) + 1):
                measure = measure_on_time_rate(unit=level, year=year)
                if measure.value is not None:
                    text = (
                        f"Kế hoạch CCHC năm {year}: {measure.value}% nhiệm vụ hoàn thành đúng hạn "
                        f"({measure.source_label})"
                    )
                else:
                    text = measure.reason
                ev.plans.append(EvidenceRow("plan", text, measure.source_url))
        recognised = (
            by_unit.get(n.unit_id, []) if n.unit_id else by_person.get(n.person_id or 0, [])
        )
        for i in recognised:
            ev.initiatives.append(
                EvidenceRow(
                    "initiative",
                    f"Sáng kiến “{i.title}” năm {i.year}, công nhận ngày {dates.fmt(i.recognised_on)}",
                    reverse("initiatives:initiative_detail", args=[i.id]),
                )
            )
        if not recognised:
            ev.initiatives.append(
                EvidenceRow(
                    "initiative",
                    "Chưa có sáng kiến được công nhận trong hệ thống cho năm "
                    f"{start if start == end else f'{start} - {end}'}.",
                )
            )
        out.append(ev)
    return out


# --- Who has not submitted -------------------------------------------------------------------------------------


@dataclass
class BoardRow:
    unit: Unit
    dossiers: list[Dossier]

    @property
    def state(self) -> str:
        if not self.dossiers:
            return "Chưa lập hồ sơ"
        return "; ".join(f"Hồ sơ số {d.number}: {d.get_status_display()}" for d in self.dossiers)


def pool_units(*, programme: Programme, year: int) -> list[Unit]:
    """The units expected to propose for a programme in a year: those of its pool, as eligibility reads it
    (the blocs of the year, the unit kinds, the issuer itself or its units)."""
    from cchc.awards.eligibility import pool_unit_ids

    _, rule = programme_rule(programme)
    ids = pool_unit_ids(rule, programme.unit, year)
    if rule.pool.issuer in ("itself", "itself_or_below") and programme.unit.pk not in ids:
        ids = [programme.unit.pk, *ids]
    units = Unit.objects.in_bulk(ids)
    return [units[i] for i in ids if i in units]


def board(*, programme: Programme, year: int) -> list[BoardRow]:
    """Units of the pool with no dossier lodged for the programme and year (ai chưa nộp hồ sơ), with the state
    of their dossiers if they have some."""
    units = pool_units(programme=programme, year=year)
    dossiers: dict[int, list[Dossier]] = {}
    qs = Dossier.objects.filter(programme=programme).filter(
        Q(year=year) | Q(year__isnull=True, period_start__lte=year, period_end__gte=year)
    )
    for d in qs.order_by("number"):
        dossiers.setdefault(d.proposing_unit_id, []).append(d)
    rows = []
    for unit in units:
        own = dossiers.get(unit.pk, [])
        if any(d.status in LODGED for d in own):
            continue
        rows.append(BoardRow(unit, own))
    return rows
