"""Who may register and change documents."""

from cchc.core.scope import ADMIN, OFFICER, STANDING, scope_for


def can_register_document(user, org_unit) -> bool:
    """Standing agencies and unit officers register documents of the units they cover; documents of outside
    bodies (no unit) need an administrator or the standing agency of the top level."""
    scope = scope_for(user)
    if org_unit is None:
        return scope.standing_at_top()
    return scope.has_role_over(org_unit.path, {ADMIN, STANDING, OFFICER})


def can_edit_document(user, document) -> bool:
    return can_register_document(user, document.org_unit)
