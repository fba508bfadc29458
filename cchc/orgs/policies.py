"""Who may do what with units and people; shared by services, templates and the API."""

from cchc.core.scope import ADMIN, OFFICER, STANDING, scope_for

UNIT_MANAGERS = frozenset({ADMIN, STANDING})
PEOPLE_KEEPERS = frozenset({ADMIN, STANDING, OFFICER})


def can_view_unit(user, unit) -> bool:
    """Anyone whose grant covers the unit."""
    return scope_for(user).covers_path(unit.path)


def can_manage_unit(user, unit) -> bool:
    """Standing agencies manage (rename, dissolve) the units below their level; the level itself is managed from
    above (a ward by the city), and the top by administrators."""
    return scope_for(user).has_role_below(unit.path, UNIT_MANAGERS)


def can_create_unit_under(user, parent) -> bool:
    """Standing agencies add units anywhere in their subtree, their own level included; top units need an admin."""
    if parent is None:
        return scope_for(user).is_admin
    return scope_for(user).has_role_over(parent.path, UNIT_MANAGERS)


def can_manage_people(user, unit) -> bool:
    """Standing agencies and unit officers keep the people of the units they cover."""
    return scope_for(user).has_role_over(unit.path, PEOPLE_KEEPERS)


def can_edit_aliases(user, unit) -> bool:
    """Whoever keeps a unit's units or people may record (or drop) another name it is written with."""
    return can_manage_unit(user, unit) or can_manage_people(user, unit)


def can_import_units(user) -> bool:
    """Importing units needs a role that manages units somewhere; each row is then checked on its parent."""
    scope = scope_for(user)
    return scope.is_admin or bool(scope.roles() & UNIT_MANAGERS)


def can_import_people(user) -> bool:
    """Importing people needs a role that keeps people somewhere; each row is then checked on its unit."""
    scope = scope_for(user)
    return scope.is_admin or bool(scope.roles() & PEOPLE_KEEPERS)


def can_manage_blocs(user) -> bool:
    """Blocs are arranged by administrators and the city's standing agency (a grant on a top-level unit)."""
    return scope_for(user).standing_at_top()
