"""Who may do what in the PAR Index; shared by services (to enforce), templates (to show) and the API.

- The standing agency of a level (or an administrator) keeps its criteria sets and rounds and publishes.
- A unit's own staff (standing or officer grant on the unit or inside it) fill its self-assessment and responses.
- The standing agency of the level above (a standing grant strictly above the unit: Sở Nội vụ for the
  wards, communes and departments of the city) or a named member of the round's appraisal team appraises.
"""

from cchc.core.scope import ADMIN, OFFICER, STANDING, scope_for


def _standing_over(user, path: str) -> bool:
    return scope_for(user).has_role_over(path, {ADMIN, STANDING})


def can_manage_sets(user, organiser) -> bool:
    """The standing agency of the issuing level and administrators."""
    return organiser is not None and _standing_over(user, organiser.path)


def can_manage_round(user, round_) -> bool:
    """The standing agency of the organising level and administrators."""
    return _standing_over(user, round_.organiser.path)


def can_see_unpublished(user, organiser) -> bool:
    """Before publication only the level's standing agency and administrators see every unit's scores."""
    return organiser is not None and _standing_over(user, organiser.path)


def is_unit_staff(user, unit) -> bool:
    """A standing or officer grant on the unit itself or on an office inside it."""
    scope = scope_for(user)
    if scope.is_admin:
        return True
    return any(r.role in {STANDING, OFFICER} and r.path.startswith(unit.path) for r in scope.roots)


def is_standing_above(user, unit) -> bool:
    """The standing agency of the level above the unit (a standing grant strictly above it) or an
    administrator: Sở Nội vụ for the wards, communes and departments of the city."""
    return scope_for(user).has_role_below(unit.path, {STANDING})


def is_appraiser(user, assessment) -> bool:
    """The standing agency above the unit, a member of the round's appraisal team, or an administrator."""
    if is_standing_above(user, assessment.unit):
        return True
    return assessment.round.team.filter(pk=getattr(user, "pk", None)).exists()


def can_edit_self_assessment(user, assessment) -> bool:
    return is_unit_staff(user, assessment.unit)


def can_appraise(user, assessment) -> bool:
    return is_appraiser(user, assessment)


def can_reopen(user, assessment) -> bool:
    """Only the standing agency above (not a team member) reopens one unit's self-assessment."""
    return is_standing_above(user, assessment.unit)


def can_respond(user, assessment) -> bool:
    return is_unit_staff(user, assessment.unit)
