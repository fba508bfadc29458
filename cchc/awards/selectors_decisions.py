"""Reads of award decisions, the awards they confer, the base salary table, the catalogue and the fund's
spending. Every read of a decision or an award starts from `visible_to(actor)` (404 outside the scope)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from cchc.awards import money
from cchc.awards.choices import (
    DecisionKind,
    DecisionStatus,
    NominationStatus,
    Subject,
)
from cchc.awards.models import Award, BaseSalary, Decision, Nomination, Programme
from cchc.awards.rules import powers
from cchc.awards.rules.catalogue import catalogue
from cchc.core.scope import ADMIN, STANDING, scope_for
from cchc.orgs.choices import LEVEL_KINDS
from cchc.orgs.models import Unit

# Nominations the council recommended: "lowered" ones at the council's lower form.
RECOMMENDED = (NominationStatus.PASSED, NominationStatus.LOWERED)
SUBJECT_ORDER: dict[str, int] = {"collective": 0, "household": 1, "person": 2}


# --- Money --------------------------------------------------------------------------------------------------


def salary_table() -> list[money.SalaryRow]:
    """The base salary table, oldest first."""
    return [
        money.SalaryRow(from_date=d, amount=a)
        for d, a in BaseSalary.objects.order_by("from_date").values_list("from_date", "amount")
    ]


def base_salary_list() -> QuerySet[BaseSalary]:
    return BaseSalary.objects.select_related("created_by").order_by("-from_date")


@dataclass(frozen=True)
class CatalogueRow:
    code: str
    name: str
    type_label: str
    conferred_by: str
    subject: str
    coefficient: Decimal
    amount: int | None
    confirmed: bool
    source: str

    @property
    def amount_text(self) -> str:
        return money.vnd(self.amount) if self.amount is not None else "cần kiểm tra"


def catalogue_rows(*, day: date) -> list[CatalogueRow]:
    """Every title and form of the catalogue, one row per subject, with its amount on `day`."""
    table = salary_table()
    rows = []
    for form in catalogue().forms:
        for subject, k in form.coefficients.items():
            rows.append(
                CatalogueRow(
                    code=form.code,
                    name=form.name,
                    type_label="Danh hiệu thi đua"
                    if form.type == "title"
                    else "Hình thức khen thưởng",
                    conferred_by=form.conferred_by.text or form.conferred_by.level,
                    subject=str(Subject(subject).label),
                    coefficient=k,
                    amount=money.award_amount(
                        form_code=form.code, subject=subject, day=day, table=table
                    ),
                    confirmed=form.confirmed,
                    source=form.source,
                )
            )
    return rows


# --- Decisions ----------------------------------------------------------------------------------------------


def decision_list(*, actor, level: Unit | None = None, year: int | None = None):
    qs = Decision.objects.visible_to(actor).select_related("unit", "programme", "proposed_to")
    if level is not None:
        qs = qs.filter(unit=level)
    if year:
        qs = qs.filter(Q(year=year) | Q(signed_on__year=year))
    return qs.order_by("-created_at", "-id")


def decision_get(*, actor, pk) -> Decision:
    decision = (
        Decision.objects.visible_to(actor)
        .select_related("unit", "programme", "programme__rule_file", "proposed_to", "document")
        .filter(pk=pk)
        .first()
    )
    if decision is None:
        raise Http404("Không tìm thấy quyết định.")
    return decision


def award_get(*, actor, pk) -> Award:
    award = (
        Award.objects.visible_to(actor)
        .select_related("decision", "decision__unit", "revoke_document")
        .filter(pk=pk)
        .first()
    )
    if award is None:
        raise Http404("Không tìm thấy khen thưởng.")
    return award


def decision_awards(*, decision: Decision) -> list[Award]:
    awards = list(decision.awards.select_related("person", "unit"))
    awards.sort(key=lambda a: (SUBJECT_ORDER.get(a.subject, 9), a.pk))
    return awards


def effective_form(nomination: Nomination) -> str:
    """The form the council recommended: the lower form for a lowered nominee, else the proposed one."""
    return nomination.result_form or nomination.form


def nominee_unit_name(nomination: Nomination) -> str:
    if nomination.person_id and nomination.person is not None:
        return nomination.person.unit.name
    unit = nomination.unit
    if unit is not None and unit.kind not in LEVEL_KINDS and unit.parent is not None:
        return unit.parent.name
    return ""


def nominee_unit(nomination: Nomination) -> Unit:
    """The unit an award of this nominee belongs to (the person's unit, or the collective itself)."""
    if nomination.person_id and nomination.person is not None:
        return nomination.person.unit
    assert nomination.unit is not None
    return nomination.unit


def recommended(*, programme: Programme, year: int) -> list[Nomination]:
    """Nominees the council recommended for a programme and year, not yet in a decision or a proposal."""
    return list(
        Nomination.objects.filter(
            dossier__programme=programme, dossier__year=year, status__in=RECOMMENDED
        )
        .exclude(decisions__isnull=False)
        .select_related("person", "person__unit", "unit", "unit__parent", "dossier")
        .order_by("subject", "dossier_id", "order", "id")
    )


def split_by_power(
    nominations: list[Nomination], *, level: Unit
) -> tuple[list[Nomination], list[Nomination]]:
    """(the level confers these itself, these go to the level above) by the catalogue."""
    own: list[Nomination] = []
    up: list[Nomination] = []
    for n in nominations:
        (own if powers.confers_code(effective_form(n), level.kind) else up).append(n)
    return own, up


@dataclass(frozen=True)
class AnnexRow:
    name: str
    unit: str
    form: str
    subject: str
    amount: int | None

    @property
    def amount_text(self) -> str:
        return money.vnd(self.amount) if self.amount is not None else "cần kiểm tra"


def annex_rows(*, decision: Decision, day: date | None = None) -> list[AnnexRow]:
    """The annex of Điều 1: from the awards once signed or recorded, else from the nominations with their amount
    on `day` (the expected date of signing)."""
    if decision.status == DecisionStatus.SIGNED:
        return [
            AnnexRow(
                name=a.recipient,
                unit=a.recipient_unit,
                form=powers.form_name(a.form),
                subject=a.subject,
                amount=int(a.amount),
            )
            for a in decision_awards(decision=decision)
        ]
    table = salary_table()
    when = day or decision.signed_on or decision.created_at.date()
    nominations = sorted(
        decision.nominations.select_related("person", "person__unit", "unit", "unit__parent"),
        key=lambda n: (SUBJECT_ORDER.get(n.subject, 9), n.pk),
    )
    return [
        AnnexRow(
            name=n.name,
            unit=nominee_unit_name(n),
            form=powers.form_name(effective_form(n)),
            subject=n.subject,
            amount=money.award_amount(
                form_code=effective_form(n), subject=n.subject, day=when, table=table
            ),
        )
        for n in nominations
    ]


def total_amount(rows: list[AnnexRow]) -> int:
    return sum(r.amount or 0 for r in rows)


def levels_for(*, actor, roles=frozenset({STANDING, ADMIN})) -> list[Unit]:
    """The levels (ward, commune, city) under the actor's grants with one of `roles` (by default: the levels
    whose decisions the actor prepares as the standing agency)."""
    scope = scope_for(actor)
    qs = Unit.objects.filter(kind__in=LEVEL_KINDS)
    if not scope.is_admin:
        qs = qs.filter(scope.q("path", roles=set(roles)))
    return list(qs.order_by("depth", "name"))


def programmes_for(*, actor) -> list[Programme]:
    """Programmes organised at a level the actor is the standing agency of."""
    levels = levels_for(actor=actor)
    return list(
        Programme.objects.filter(unit__in=levels, is_active=True)
        .select_related("unit", "rule_file")
        .order_by("unit__depth", "unit__name", "order")
    )


@dataclass(frozen=True)
class WaitingRound:
    programme: Programme
    year: int
    count: int


def rounds_waiting(*, programmes: list[Programme]) -> list[WaitingRound]:
    """Rounds (programme, year) of these programmes with nominees the council recommended and no decision or
    proposal yet: what the standing agency still has to draft."""
    by_pk = {p.pk: p for p in programmes}
    rows = (
        Nomination.objects.filter(
            dossier__programme__in=list(by_pk), status__in=RECOMMENDED, decisions__isnull=True
        )
        .values("dossier__programme", "dossier__year")
        .annotate(n=Count("id"))
        .order_by("-dossier__year", "dossier__programme")
    )
    return [
        WaitingRound(by_pk[r["dossier__programme"]], r["dossier__year"], r["n"])
        for r in rows
        if r["dossier__year"]
    ]


# --- The fund ----------------------------------------------------------------------------------------------


def fund_awards(*, level: Unit, year: int) -> list[Award]:
    """Awards the level's fund pays in a year: those of its own signed decisions dated in that year (revoked
    awards included: the money was paid)."""
    return list(
        Award.objects.filter(
            decision__unit=level,
            decision__kind=DecisionKind.OWN,
            decision__status=DecisionStatus.SIGNED,
            decision_date__year=year,
        )
        .select_related("decision")
        .order_by("decision_date", "decision_id", "id")
    )
