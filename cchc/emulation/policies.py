"""Who may do what with movements, registrations and movement reports; shared by the services (to enforce),
the pages (to show buttons) and the API.

- The standing agency of a level (a standing grant over it) or an administrator imports and corrects the level's
  movements (the plan that launches them).
- A unit's own staff (a standing or officer grant on the unit itself or on an office inside it) write its
  registration and its movement report, and submit them.
- The level above the unit (a standing grant strictly above it: Sở Nội vụ for the wards of the city, a ward's
  standing office for the ward's offices) approves or returns a registration.
- A leader over the unit (its chairman) signs off the report before the staff submit it.
"""

from typing import Any

from cchc.core.scope import ADMIN, LEADER, OFFICER, STANDING, scope_for
from cchc.emulation.choices import RegistrationStatus, ReportStatus


def is_unit_staff(user: Any, unit: Any) -> bool:
    """A standing or officer grant on the unit itself or on an office inside it, or an administrator."""
    scope = scope_for(user)
    if scope.is_admin:
        return True
    return any(r.role in {STANDING, OFFICER} and r.path.startswith(unit.path) for r in scope.roots)


def is_unit_leader(user: Any, unit: Any) -> bool:
    """A leader grant over the unit (its chairman, or a leader of a level above), or an administrator."""
    return scope_for(user).has_role_over(unit.path, {LEADER})


def is_level_above(user: Any, unit: Any) -> bool:
    """A standing grant strictly above the unit, or an administrator."""
    return scope_for(user).has_role_below(unit.path, {STANDING})


def can_manage_movement(user: Any, movement: Any) -> bool:
    """The standing agency of the level that launched the movement, and administrators."""
    return scope_for(user).has_role_over(movement.unit.path, {ADMIN, STANDING})


def can_see_movement_boards(user: Any, movement: Any) -> bool:
    """Boards of every participant (who launched, registered, reported): users of the launching level and
    above it (its standing agency, its leaders, its read-only viewers); a participant ward does not see the
    city's boards, only its own rows."""
    return scope_for(user).covers_path(movement.unit.path)


def can_write_registration(user: Any, registration: Any) -> bool:
    """The unit's staff, while the registration is a draft or was returned."""
    return is_unit_staff(user, registration.unit) and registration.status in {
        RegistrationStatus.DRAFT,
        RegistrationStatus.RETURNED,
    }


def can_submit_registration(user: Any, registration: Any) -> bool:
    return is_unit_staff(user, registration.unit)


def can_review_registration(user: Any, registration: Any) -> bool:
    """The level above the registering unit approves or returns its registration."""
    return is_level_above(user, registration.unit)


def can_write_report(user: Any, report: Any) -> bool:
    """The unit's staff, while the report is a draft."""
    return is_unit_staff(user, report.unit) and report.status == ReportStatus.DRAFT


def can_prepare_report(user: Any, report: Any) -> bool:
    """The unit's staff send the report to their leader and submit it once approved."""
    return is_unit_staff(user, report.unit)


def can_approve_report(user: Any, report: Any) -> bool:
    """The unit's leader signs off its report before it is submitted."""
    return is_unit_leader(user, report.unit)


def can_start_report(user: Any, participant: Any) -> bool:
    """A participant's staff open its report of a year."""
    return is_unit_staff(user, participant.unit)


def can_start_registration(user: Any, participant: Any) -> bool:
    return is_unit_staff(user, participant.unit)
