"""Reads of the organisation: every query starts from what the actor may see."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from cchc.core import dates
from cchc.core.text import fold
from cchc.orgs.models import (
    Bloc,
    BlocMembership,
    Person,
    PersonMove,
    StandingAgency,
    Unit,
    UnitAlias,
)


def unit_list(
    *, actor, kind: str | None = None, bloc: str | None = None, year: int | None = None, q: str = ""
):
    """Units the actor may see, with their parent and, when `year` is given, filtered by bloc that year."""
    qs = Unit.objects.visible_to(actor).select_related("parent")
    if kind:
        qs = qs.filter(kind=kind)
    if bloc:
        memberships = BlocMembership.objects.filter(bloc__code=bloc)
        if year:
            memberships = memberships.filter(year=year)
        qs = qs.filter(pk__in=memberships.values("unit_id"))
    for word in fold(q).split():
        qs = qs.filter(search_text__contains=word)
    return qs


def unit_get(*, actor, pk) -> Unit:
    """One unit inside the actor's scope, else 404."""
    try:
        return Unit.objects.visible_to(actor).select_related("parent", "merged_into").get(pk=pk)
    except (Unit.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy đơn vị.")


def _subtree_people_count():
    """Active people of a unit and everything below it, as one correlated subquery."""
    people = (
        Person.objects.filter(is_active=True, unit__path__startswith=OuterRef("path"))
        .order_by()
        .values("is_active")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(people, output_field=IntegerField()), Value(0))


def unit_children(*, unit: Unit):
    """Direct children of a unit, each with the number of active people in its subtree."""
    return (
        unit.children.select_related("parent")
        .annotate(people_count=_subtree_people_count())
        .order_by("order", "name")
    )


def unit_people_count(*, unit: Unit) -> int:
    """Active people of the unit and everything below it."""
    return Person.objects.filter(unit__path__startswith=unit.path, is_active=True).count()


def unit_bloc(*, unit: Unit, year: int) -> Bloc | None:
    """The unit's bloc in a year, or None."""
    m = BlocMembership.objects.select_related("bloc").filter(unit=unit, year=year).first()
    return m.bloc if m else None


def bloc_codes_by_unit(*, unit_ids, year: int) -> dict[int, str]:
    """{unit_id: bloc code} for one year, in one query."""
    return dict(
        BlocMembership.objects.filter(unit_id__in=list(unit_ids), year=year).values_list(
            "unit_id", "bloc__code"
        )
    )


def unit_ancestors(*, unit: Unit):
    """The units above a unit, from the top down."""
    ids = unit.ancestor_ids()[:-1]
    return list(Unit.objects.filter(pk__in=ids).order_by("depth"))


def unit_aliases(*, unit: Unit):
    """The unit's other names, alphabetically."""
    return list(unit.aliases.order_by("name"))


def standing_agency_of(*, level: Unit, field: str = "cchc") -> Unit | None:
    """The standing agency of a level (city, ward, commune), or None."""
    sa = StandingAgency.objects.select_related("agency").filter(level=level, field=field).first()
    return sa.agency if sa else None


def level_of(*, unit: Unit) -> Unit:
    """The nearest unit at or above `unit` that is a level of local government (ward, commune, city)."""
    from cchc.orgs.choices import LEVEL_KINDS

    if unit.kind in LEVEL_KINDS:
        return unit
    for anc in reversed(unit_ancestors(unit=unit)):
        if anc.kind in LEVEL_KINDS:
            return anc
    return unit


def bloc_list():
    """Every bloc with its organising level."""
    return Bloc.objects.select_related("organiser").order_by("id")


def bloc_members(*, actor, bloc: Bloc, year: int):
    """Memberships of a bloc in a year among the units the actor may see (and the levels above them)."""
    return (
        BlocMembership.objects.filter(bloc=bloc, year=year)
        .filter(unit__in=Unit.objects.visible_with_ancestors(actor))
        .select_related("unit")
        .order_by("unit__name")
    )


def bloc_years() -> list[int]:
    """Years with bloc memberships, latest first."""
    return list(BlocMembership.objects.order_by("-year").values_list("year", flat=True).distinct())


def current_bloc_year() -> int:
    """This year when blocs are arranged for it, else the latest arranged year before it, else the latest."""
    years = bloc_years()
    this_year = dates.today().year
    if not years or this_year in years:
        return this_year
    earlier = [y for y in years if y < this_year]
    return earlier[0] if earlier else years[-1]


def person_list(*, actor, unit: Unit | None = None):
    """People the actor may see, optionally only those of a subtree."""
    qs = Person.objects.visible_to(actor).select_related("unit", "unit__parent")
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    return qs


def person_get(*, actor, pk) -> Person:
    """One person inside the actor's scope, else 404."""
    try:
        return Person.objects.visible_to(actor).select_related("unit").get(pk=pk)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy cá nhân.")


def person_moves(*, person: Person):
    """The moves of a person, oldest first."""
    return PersonMove.objects.filter(person=person).select_related("from_unit", "to_unit")


def alias_index(*, within: Unit) -> dict[str, Unit]:
    """{folded name or alias: unit} for every unit in the subtree of `within` (the ward's offices)."""
    units = list(
        Unit.objects.filter(path__startswith=within.path).prefetch_related(
            Prefetch("aliases", queryset=UnitAlias.objects.all())
        )
    )
    index: dict[str, Unit] = {}
    for u in units:
        for name in [u.name, u.short_name, *[a.name for a in u.aliases.all()]]:
            key = fold(name)
            if key and key not in index:
                index[key] = u
    return index
