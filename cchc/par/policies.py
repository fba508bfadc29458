"""Who may do what in the PAR Index; shared by services (to enforce), pages (to show) and the API.

- The standing agency of a level (or an administrator) keeps its criteria sets and rounds and publishes.
- A unit's own staff (standing or officer grant on the unit or inside it) fill its self-assessment and responses.
- A leader of the unit (a leader grant over it: the chairman of the ward) approves the self-assessment before the
  staff submit it, or returns it with a reason.
- The standing agency of the level above (a standing grant strictly above the unit: Sở Nội vụ for the
  wards, communes and departments of the city) or a named member of the round's appraisal team appraises.
"""

from cchc.core.scope import ADMIN, LEADER, OFFICER, STANDING, scope_for
from cchc.par.choices import RoundStatus, SetStatus


def _standing_over(user, path: str) -> bool:
    return scope_for(user).has_role_over(path, {ADMIN, STANDING})


def can_manage_sets(user, organiser) -> bool:
    """The standing agency of the issuing level and administrators."""
    return organiser is not None and _standing_over(user, organiser.path)


def can_edit_set(user, criteria_set) -> bool:
    """A draft set is edited in place by its level's standing agency."""
    return can_manage_sets(user, criteria_set.organiser) and criteria_set.status == SetStatus.DRAFT


def can_version_set(user, criteria_set) -> bool:
    """A frozen current set changes through a new version."""
    return (
        can_manage_sets(user, criteria_set.organiser)
        and criteria_set.status == SetStatus.FROZEN
        and criteria_set.is_current
    )


def can_issue_set(user, criteria_set) -> bool:
    """A version not yet in force may be issued in place of the current one."""
    return can_manage_sets(user, criteria_set.organiser) and not criteria_set.is_current


def can_delete_set(user, criteria_set) -> bool:
    return can_edit_set(user, criteria_set)


def can_manage_round(user, round_) -> bool:
    """The standing agency of the organising level and administrators."""
    return _standing_over(user, round_.organiser.path)


def can_edit_round(user, round_) -> bool:
    """The windows of a round change until its results are published."""
    return can_manage_round(user, round_) and round_.status != RoundStatus.PUBLISHED


def can_score_round(user, round_) -> bool:
    """Survey scores and provisional results are entered while the round is open."""
    return can_manage_round(user, round_) and round_.status == RoundStatus.OPEN


def can_see_unpublished(user, organiser) -> bool:
    """Before publication only the level's standing agency and administrators see every unit's scores."""
    return organiser is not None and _standing_over(user, organiser.path)


def is_unit_staff(user, unit) -> bool:
    """A standing or officer grant on the unit itself or on an office inside it."""
    scope = scope_for(user)
    if scope.is_admin:
        return True
    return any(r.role in {STANDING, OFFICER} and r.path.startswith(unit.path) for r in scope.roots)


def is_unit_leader(user, unit) -> bool:
    """A leader grant over the unit (its chairman, or a leader of a level above), or an administrator."""
    return scope_for(user).has_role_over(unit.path, {LEADER})


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


def can_approve_self_assessment(user, assessment) -> bool:
    """The unit's leader signs off its self-assessment before it is submitted."""
    return is_unit_leader(user, assessment.unit)


def can_appraise(user, assessment) -> bool:
    return is_appraiser(user, assessment)


def can_reopen(user, assessment) -> bool:
    """Only the standing agency above (not a team member) reopens one unit's self-assessment."""
    return is_standing_above(user, assessment.unit)


def can_respond(user, assessment) -> bool:
    return is_unit_staff(user, assessment.unit)
