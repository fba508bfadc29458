"""Who may register and change documents."""

from cchc.core.scope import ADMIN, OFFICER, STANDING, scope_for


def can_register_document(user, org_unit) -> bool:
    """Standing agencies and unit officers register documents of the units they cover; outside documents need an administrator or a standing agency at the top."""
    scope = scope_for(user)
    if org_unit is None:
        return scope.is_admin or any(
            r.role == STANDING and r.path.count("/") == 2 for r in scope.roots
        )
    return scope.has_role_over(org_unit.path, {ADMIN, STANDING, OFFICER})


def can_edit_document(user, document) -> bool:
    return can_register_document(user, document.org_unit)
