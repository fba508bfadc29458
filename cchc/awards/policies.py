"""Who may do what in the award cycle; shared by the services (enforce), the pages (buttons) and the API.

- every user reads the rule files and programmes of their level and of the levels above it (the selectors);
- the standing agency of a level (a `standing` grant on the level itself) keeps that level's rule files and
  its programme rows (name, in force or not): the city's Sở Nội vụ does not rewrite a ward's plan;
- the facts the rules read that no other module keeps (discipline, evaluations, direct CCHC work) are recorded
  by the standing agency or the officers of the person's (or collective's) unit or a unit above it;
- a manual standard of a programme is checked by the standing agency of the programme's level.
"""

from __future__ import annotations

from typing import Any

from cchc.core.scope import ADMIN, OFFICER, STANDING, scope_for

STANDING_ROLES = frozenset({ADMIN, STANDING})
UNIT_ROLES = frozenset({ADMIN, STANDING, OFFICER})


def is_standing_of(user: Any, unit: Any) -> bool:
    """Whether the user is the standing agency of exactly this level (or an administrator)."""
    if unit is None:
        return False
    scope = scope_for(user)
    if scope.is_admin:
        return True
    return any(r.role == STANDING and r.path == unit.path for r in scope.roots)


def standing_levels(user: Any) -> list[int]:
    """Ids of the levels whose standing agency the user is (empty for an administrator: any level)."""
    return sorted({r.unit_id for r in scope_for(user).roots if r.role == STANDING})


def can_edit_rule_file(user: Any, unit: Any) -> bool:
    """The standing agency of the level that issued the plan loads and corrects its rule file."""
    return is_standing_of(user, unit)


def can_create_rule_file(user: Any) -> bool:
    """Anyone who is the standing agency of some level (or an administrator) may load a new rule file."""
    scope = scope_for(user)
    return scope.is_admin or bool(standing_levels(user))


def can_edit_programme(user: Any, programme: Any) -> bool:
    """A programme row (its name, whether it is in force) is kept by the standing agency of its level."""
    return is_standing_of(user, programme.unit)


def can_record_fact(user: Any, unit: Any) -> bool:
    """Discipline, evaluations and CCHC work of a person or collective of `unit` are recorded by the standing
    agency or officers of that unit or of a unit above it."""
    return unit is not None and scope_for(user).has_role_over(unit.path, UNIT_ROLES)


def can_record_some_fact(user: Any) -> bool:
    """Whether the user may record facts for any unit at all (the "add" buttons)."""
    return bool(scope_for(user).roles() & UNIT_ROLES)


def can_check_standard(user: Any, programme: Any) -> bool:
    """A manual standard ("kết quả nổi bật về TTHC") is checked by the standing agency of the programme's level
    or above it, who evaluates the candidates."""
    return programme is not None and scope_for(user).has_role_over(
        programme.unit.path, STANDING_ROLES
    )


def can_check_some_standard(user: Any) -> bool:
    return bool(scope_for(user).roles() & STANDING_ROLES)
