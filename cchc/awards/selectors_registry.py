"""Reads of the award registry (sổ khen thưởng): the scoped list and detail, the public verification and honour
board, and the history of titles and forms the award rules read ("02 lần liên tục", prior awards)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse

from cchc.awards.choices import DecisionStatus
from cchc.awards.models import Award
from cchc.awards.rules.catalogue import catalogue
from cchc.core.scope import SYSTEM
from cchc.core.text import fold_words
from cchc.initiatives.choices import InitiativeStatus
from cchc.initiatives.models import Initiative
from cchc.orgs.models import Person, Unit

# Levels of the conferring authority (the catalogue's `conferred_by.level`), highest first, with their names.
LEVEL_NAMES = {
    "national": "Trung ương",
    "ministry": "Bộ, ngành",
    "city": "Thành phố",
    "district": "Quận, huyện (trước 2025)",
    "ward": "Phường",
    "commune": "Cấp xã (xã, phường, đặc khu)",
    "unit": "Cơ quan, đơn vị",
}
# An award counts as decided when it has no decision row (history recorded by hand) or a signed one.
DECIDED = Q(decision__isnull=True) | Q(decision__status=DecisionStatus.SIGNED)


def form_name(code: str) -> str:
    """The Vietnamese name of a title or an award form of the catalogue ("Chiến sĩ thi đua cơ sở")."""
    form = catalogue().form(code)
    return form.name if form else code


def form_level(code: str) -> str | None:
    """The level that confers a form (`ward`, `city`, ...), from the catalogue; None for a code not in it."""
    form = catalogue().form(code)
    return form.conferred_by.level if form else None


def form_is_title(code: str) -> bool:
    form = catalogue().form(code)
    return bool(form and form.type == "title")


def form_choices() -> list[tuple[str, str]]:
    return [(f.code, f.name) for f in catalogue().forms]


def level_choices() -> list[tuple[str, str]]:
    return list(LEVEL_NAMES.items())


def forms_of_level(level: str) -> list[str]:
    return [f.code for f in catalogue().forms if f.conferred_by.level == level]


def award_search_text(award: Award) -> str:
    """The folded text the registry searches without diacritics: recipient, unit, form, decision, year."""
    return fold_words(
        award.recipient,
        award.recipient_unit,
        form_name(award.form),
        award.form,
        award.decision_number,
        award.decided_by,
        str(award.year),
    )


def public_url() -> str:
    """The address of the public site the QR codes point to (`CCHC_PUBLIC_URL`, else `CCHC_SITE_URL`)."""
    return (settings.CCHC_PUBLIC_URL or settings.SITE_URL).rstrip("/")


def verify_url(award: Award) -> str:
    """The absolute address of the award's public verification page (what its certificate's QR code holds)."""
    return public_url() + reverse("awards_public:verify", kwargs={"code": award.code})


def certificate_url(award: Award) -> str:
    return reverse("awards:award_certificate", kwargs={"pk": award.pk})


# --- The registry (signed-in users, scoped) --------------------------------------------------------------------


def award_list(
    *,
    actor: Any,
    person: Person | None = None,
    unit: Unit | None = None,
    year: int | None = None,
) -> QuerySet[Award]:
    """Awards the actor may see (the recipient's unit in their scope), with their decision, unit and person;
    `unit` keeps those of the unit and the units below it."""
    qs = Award.objects.visible_to(actor).select_related("decision", "unit", "person")
    if person is not None:
        qs = qs.filter(person=person)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if year is not None:
        qs = qs.filter(year=year)
    return qs


def award_get(*, actor: Any, pk: Any) -> Award:
    """One award the actor may see, with its decision and nomination; else 404."""
    award = (
        Award.objects.visible_to(actor)
        .select_related("decision__unit", "unit__parent", "person", "nomination")
        .filter(pk=pk)
        .first()
        if str(pk).isdigit()
        else None
    )
    if award is None:
        raise Http404("Không tìm thấy khen thưởng.")
    return award


def person_awards(*, actor: Any, person: Person) -> list[Award]:
    """The awards of a person the actor may see, latest year first (the person's page)."""
    return list(award_list(actor=actor, person=person))


def unit_awards(*, actor: Any, unit: Unit) -> list[Award]:
    """The awards of a unit as a collective the actor may see, latest year first (the unit's page)."""
    return list(award_list(actor=actor).filter(unit=unit, person__isnull=True))


# --- What the public sees ---------------------------------------------------------------------------------------


def award_by_code(*, code: str) -> Award | None:
    """The decided award whose certificate carries `code` (revoked ones too: the page says so); None when unknown
    or when its decision is not signed yet."""
    if not code or len(code) > 40:
        return None
    return Award.objects.select_related("decision").filter(DECIDED, code=code).first()


@dataclass(frozen=True)
class BoardFilters:
    year: int | None = None
    level: str | None = None
    unit_id: int | None = None
    form: str | None = None

    def cache_key(self) -> str:
        return f"honour-board:{self.year}:{self.level}:{self.unit_id}:{self.form}"


def public_awards(*, filters: BoardFilters) -> list[Award]:
    """Decided, not revoked awards for the honour board, by year, conferring level, unit (and below) and form."""
    qs: QuerySet[Award] = (
        Award.objects.filter(DECIDED, revoked_on__isnull=True)
        .select_related("decision")
        .only(
            "id",
            "recipient",
            "recipient_unit",
            "subject",
            "form",
            "year",
            "decision_number",
            "decision_date",
            "decided_by",
            "decision__number",
            "decision__signed_on",
            "decision__issuer",
        )
    )
    qs = _board_filter(qs, filters, "unit")
    if filters.form:
        qs = qs.filter(form=filters.form)
    if filters.level:
        qs = qs.filter(form__in=forms_of_level(filters.level))
    return list(qs.order_by("-year", "form", "recipient"))


def public_initiatives(*, filters: BoardFilters) -> list[Initiative]:
    """Recognised initiatives for the honour board, by year, level of recognition and unit (and below)."""
    qs = (
        Initiative.objects.visible_to(SYSTEM)
        .filter(status=InitiativeStatus.RECOGNISED)
        .select_related("unit__parent")
        .prefetch_related("authors__person")
    )
    qs = _board_filter(qs, filters, "unit")
    if filters.level:
        # An initiative of a ward is recognised at the level "xã, phường" (commune).
        qs = qs.filter(level={"ward": "commune"}.get(filters.level, filters.level))
    if filters.form:
        qs = qs.none()
    return list(qs.order_by("-year", "title"))


def _board_filter(qs: QuerySet, filters: BoardFilters, unit_field: str) -> QuerySet:
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.unit_id:
        unit = Unit.objects.filter(pk=filters.unit_id).only("path").first()
        qs = qs.filter(**{f"{unit_field}__path__startswith": unit.path}) if unit else qs.none()
    return qs


def board_units() -> list[tuple[int, str]]:
    """Units with at least one decided award or recognised initiative, for the board's filter."""
    award_units = Award.objects.filter(DECIDED, revoked_on__isnull=True).values("unit__path")
    paths = set(award_units.values_list("unit__path", flat=True))
    paths |= set(
        Initiative.objects.filter(status=InitiativeStatus.RECOGNISED).values_list(
            "unit__path", flat=True
        )
    )
    ids = {int(p) for path in paths for p in path.strip("/").split("/")[:2] if p}
    return list(
        Unit.objects.filter(pk__in=ids, depth__lte=1).order_by("path").values_list("pk", "name")
    )


def board_years() -> list[int]:
    years = set(Award.objects.filter(DECIDED).values_list("year", flat=True).distinct())
    years |= set(
        Initiative.objects.filter(status=InitiativeStatus.RECOGNISED)
        .values_list("year", flat=True)
        .distinct()
    )
    return sorted(years, reverse=True)


# --- What the award rules read ---------------------------------------------------------------------------------


def awards_of(
    *,
    units: Iterable[int] | None = None,
    persons: Iterable[int] | None = None,
    years: Iterable[int] = (),
) -> dict[int, dict[int, frozenset[str]]]:
    """{id: {year: codes of the titles and forms held}} for each unit (as a collective) or person, from the
    decided, not revoked awards: the shape of `UnitFacts.titles` / `PersonFacts.titles`.

    Give `units` or `persons` (ids). Every year of `years` is filled (an empty set: known to hold none, so
    "02 lần liên tục" fails rather than staying "cần kiểm tra"); years outside it appear only when an award
    exists. The registry is the record of awards (Luật Thi đua, khen thưởng 2022, Điều 84: lưu trữ hồ sơ khen
    thưởng). One query.
    """
    if (units is None) == (persons is None):
        raise ValueError("awards_of takes units or persons, one of them")
    ids = set(units if units is not None else persons or ())
    wanted_years = list(years)
    held: dict[int, dict[int, set[str]]] = {i: {y: set() for y in wanted_years} for i in ids}
    if ids:
        qs = Award.objects.filter(DECIDED, revoked_on__isnull=True)
        if units is not None:
            qs = qs.filter(unit_id__in=ids, person__isnull=True)
            key = "unit_id"
        else:
            qs = qs.filter(person_id__in=ids)
            key = "person_id"
        for owner, year, form in qs.order_by().values_list(key, "year", "form"):
            held[owner].setdefault(year, set()).add(form)
    return {i: {y: frozenset(codes) for y, codes in by_year.items()} for i, by_year in held.items()}
