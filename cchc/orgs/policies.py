"""Who may do what with units and people; shared by services, templates and the API."""

from cchc.core.scope import ADMIN, OFFICER, STANDING, scope_for


def can_view_unit(user, unit) -> bool:
    """Anyone whose grant covers the unit."""
    return scope_for(user).covers_path(unit.path)


def can_manage_unit(user, unit) -> bool:
    """Standing agencies and administrators manage the units of their subtree."""
    return scope_for(user).has_role_over(unit.path, {ADMIN, STANDING})


def can_create_unit_under(user, parent) -> bool:
    if parent is None:
        return scope_for(user).is_admin
    return can_manage_unit(user, parent)


def can_manage_people(user, unit) -> bool:
    """Standing agencies and unit officers keep the people of the units they cover."""
    return scope_for(user).has_role_over(unit.path, {ADMIN, STANDING, OFFICER})


def can_manage_blocs(user) -> bool:
    return bool(
        scope_for(user).is_admin or any(r.role == STANDING and r.path.count("/") == 2 for r in scope_for(user).roots)
    )
