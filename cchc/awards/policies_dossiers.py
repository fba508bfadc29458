"""Who may do what with nomination dossiers; shared by the services (to enforce), the pages (buttons) and the API.

- A proposing unit's own staff (a standing or officer grant on the unit or on an office inside it) open its
  dossiers, add nominees and files, send them to the leader and submit them once approved.
- A leader over the proposing unit (its chairman) approves or returns the dossier before it is submitted.
- The standing agency of the level that runs the programme (a standing grant over the programme's unit) records
  paper dossiers with the day they were received, receives dossiers or returns them with a reason, and sees who
  has not submitted yet.
"""

from __future__ import annotations

from typing import Any

from cchc.awards.choices import DossierStatus
from cchc.core.scope import LEADER, OFFICER, STANDING, scope_for
from cchc.orgs.choices import LEVEL_KINDS, UnitKind

# A returned or refused dossier is reopened (back to draft) before it changes.
EDITABLE = {DossierStatus.DRAFT}


def _level_path(unit: Any) -> str:
    """The path of the level (or department) a unit belongs to: its own for a level, its parent's for an
    office."""
    if unit.kind in LEVEL_KINDS or unit.kind == UnitKind.DEPARTMENT or unit.parent_id is None:
        return unit.path
    return unit.path[: unit.path.rstrip("/").rfind("/") + 1]


def is_unit_staff(user: Any, unit: Any) -> bool:
    """A standing or officer grant on the unit, on an office inside it, or on its own level (a ward's standing
    office prepares the dossiers of the ward's offices), or an administrator; never a grant of a level above."""
    scope = scope_for(user)
    if scope.is_admin:
        return True
    anchor = _level_path(unit)
    return any(
        r.role in {STANDING, OFFICER}
        and (
            r.path.startswith(unit.path)
            or (unit.path.startswith(r.path) and r.path.startswith(anchor))
        )
        for r in scope.roots
    )


def is_unit_leader(user: Any, unit: Any) -> bool:
    """A leader grant over the unit (its chairman, or a leader of a level above), or an administrator."""
    return scope_for(user).has_role_over(unit.path, {LEADER})


def is_standing_agency(user: Any, programme: Any) -> bool:
    """A standing grant over the unit that runs the programme (Sở Nội vụ for the city's programmes, a ward's
    Phòng Văn hóa - Xã hội for the ward's), or an administrator."""
    return scope_for(user).has_role_over(programme.unit.path, {STANDING})


def can_open_dossier(user: Any, unit: Any) -> bool:
    """The proposing unit's staff open its dossiers."""
    return is_unit_staff(user, unit)


def can_prepare_dossier(user: Any, dossier: Any) -> bool:
    """The proposing unit's staff send the dossier to their leader and submit it once approved."""
    return is_unit_staff(user, dossier.proposing_unit)


def can_edit_dossier(user: Any, dossier: Any) -> bool:
    """Nominees and files change while the dossier is a draft (a returned or refused one is reopened first);
    the standing agency of the level also fills in a paper dossier it records."""
    if dossier.status not in EDITABLE:
        return False
    return can_prepare_dossier(user, dossier) or is_standing_agency(user, dossier.programme)


def can_approve_dossier(user: Any, dossier: Any) -> bool:
    """The proposing unit's leader signs off its dossier before it is submitted."""
    return is_unit_leader(user, dossier.proposing_unit)


def can_receive_dossier(user: Any, dossier: Any) -> bool:
    """The standing agency of the programme's level receives, returns and records dossiers."""
    return is_standing_agency(user, dossier.programme)


def can_see_board(user: Any, programme: Any) -> bool:
    """The board of who has not submitted is the standing agency's (and its leaders' and viewers')."""
    return scope_for(user).covers_path(programme.unit.path)
