"""JSON API of the organisation, scoped like the pages."""

from ninja import Router, Schema

from cchc.core import params
from cchc.core.api_rows import json_rows
from cchc.orgs import selectors

router = Router(tags=["orgs"])


class UnitOut(Schema):
    id: int
    name: str
    kind: str
    parent_id: int | None
    bloc: str | None


class ChildOut(Schema):
    id: int
    name: str
    kind: str
    people_count: int


class UnitDetailOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    parent_id: int | None
    bloc: str | None
    aliases: list[str]
    people_count: int
    children: list[ChildOut]


def _year(year: int | None) -> int:
    return year or selectors.current_bloc_year()


@router.get("/units", response=list[UnitOut])
def units(request, q: str = "", kind: str = "", bloc: str = "", year: int | None = None):
    """Units within the caller's scope, searched without diacritics (`q`), by kind and by bloc in a year.

    `year` defaults to the current year; `bloc` in each row is the unit's bloc that year.
    """
    y = params.year(year) or selectors.current_bloc_year()
    rows = selectors.unit_rows(
        actor=request.user, kind=kind or None, bloc=bloc or None, year=y, q=q
    )
    return json_rows(rows)


@router.get("/units/{unit_id}", response=UnitDetailOut)
def unit_detail(request, unit_id: int, year: int | None = None):
    """One unit with its children; people counts are active people of the unit's subtree; 404 outside scope."""
    unit = selectors.unit_get(actor=request.user, pk=unit_id)
    bloc = selectors.unit_bloc(unit=unit, year=_year(year))
    return UnitDetailOut(
        id=unit.pk,
        name=unit.name,
        short_name=unit.short_name,
        kind=unit.kind,
        parent_id=unit.parent_id,
        bloc=bloc.code if bloc else None,
        aliases=[a.name for a in selectors.unit_aliases(unit=unit)],
        people_count=selectors.unit_people_count(unit=unit),
        children=[
            ChildOut(id=c.pk, name=c.name, kind=c.kind, people_count=c.people_count)
            for c in selectors.unit_children(unit=unit)
        ],
    )


__all__ = ["router"]
