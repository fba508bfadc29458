"""Reads of the organisation: every query starts from what the actor may see."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from cchc.core import compiled, dates
from cchc.core.scope import scope_for
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


def unit_rows(
    *,
    actor,
    kind: str | None = None,
    bloc: str | None = None,
    year: int,
    q: str = "",
    limit: int = 5000,
) -> list[dict]:
    """`unit_list` as plain rows for the API (id, name, kind, parent_id and the unit's bloc that year), in one
    query, in tree order, at most `limit`. Its SQL is built once per scope and filters (cchc.core.compiled)."""
    scope = scope_for(actor)
    words = tuple(fold(q).split())
    key = (
        "orgs.unit_rows",
        scope.is_anonymous,
        scope.is_admin,
        scope.roots,
        kind,
        bloc,
        year,
        words,
        limit,
    )

    def build():
        bloc_of = (
            BlocMembership.objects.filter(unit_id=OuterRef("pk"), year=year)
            .order_by()
            .values("bloc__code")[:1]
        )
        return (
            unit_list(actor=actor, kind=kind, bloc=bloc, year=year, q=q)
            .select_related(None)
            .order_by("path")
            .annotate(bloc=Subquery(bloc_of))
            .values("id", "name", "kind", "parent_id", "bloc")[:limit]
        )

    return compiled.values_rows(key, build)


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
    rows = compiled.values_rows(
        "orgs.bloc_years",
        lambda: BlocMembership.objects.order_by("-year").values("year").distinct(),
    )
    return [row["year"] for row in rows]


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


# --- The unit tree ------------------------------------------------------------------------------------------

# A unit's children are shown in groups by kind when there are more of them than this, in this order.
TREE_GROUP_ABOVE = 12
TREE_KIND_ORDER = [
    "department",
    "district",
    "ward",
    "commune",
    "special_zone",
    "office",
    "center",
    "vertical_agency",
    "mass_org",
    "residential_group",
]


def tree_roots(*, actor):
    """The top of the actor's tree: the units none of whose ancestors the actor sees (the city for its standing
    agency, the ward for a ward's office), with counts."""
    visible = Unit.objects.visible_to(actor)
    return list(
        _with_counts(visible.exclude(parent__in=visible)).order_by("depth", "order", "name")
    )


def _count(model, field: str, **filters):
    rows = (
        model.objects.filter(**{field: OuterRef("pk")}, **filters)
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def _with_counts(qs):
    """Each unit with its number of active children and of active people working in it directly."""
    return qs.annotate(
        child_count=_count(Unit, "parent", is_active=True),
        people_count=_count(Person, "unit", is_active=True),
    )


def tree_children(*, actor, unit: Unit) -> dict:
    """The children of a unit for the tree: `units` when they are few or of one kind, else `groups` of
    (kind, label, count) to open one by one; each unit with its children and people counts (one query)."""
    children = _with_counts(
        Unit.objects.visible_to(actor).filter(parent=unit).select_related("parent")
    ).order_by("order", "name")
    kinds = dict(
        children.order_by().values_list("kind").annotate(n=Count("pk")).values_list("kind", "n")
    )
    total = sum(kinds.values())
    if total <= TREE_GROUP_ABOVE or len(kinds) <= 1:
        return {"units": list(children), "groups": [], "total": total}
    from cchc.orgs.choices import UnitKind

    labels = dict(UnitKind.choices)
    order = {k: i for i, k in enumerate(TREE_KIND_ORDER)}
    groups = [
        {"kind": kind, "label": labels.get(kind, kind), "count": n}
        for kind, n in sorted(kinds.items(), key=lambda kv: (order.get(kv[0], 99), kv[0]))
    ]
    return {"units": [], "groups": groups, "total": total}


def tree_group(*, actor, unit: Unit, kind: str):
    """The children of one kind of a unit, with their counts."""
    return list(
        _with_counts(Unit.objects.visible_to(actor).filter(parent=unit, kind=kind)).order_by(
            "order", "name"
        )
    )


def tree_search(*, actor, q: str, limit: int = 100) -> tuple[list[Unit], int]:
    """Units whose name, code or other names contain every folded word of `q`, with the names of the units
    above each (for its path in the tree); at most `limit`, and how many matched."""
    words = fold(q).split()
    if not words:
        return [], 0
    qs = Unit.objects.visible_to(actor)
    for word in words:
        qs = qs.filter(search_text__contains=word)
    total = qs.count()
    units = list(_with_counts(qs).order_by("depth", "name")[:limit])
    ancestor_ids = {int(p) for u in units for p in u.path.strip("/").split("/")[:-1] if p}
    names = dict(Unit.objects.filter(pk__in=ancestor_ids).values_list("pk", "name"))
    for u in units:
        u.trail = [names[int(p)] for p in u.path.strip("/").split("/")[:-1] if int(p) in names]
    return units, total
