"""Who may do what with initiatives and councils; shared by the services (enforce), the pages (buttons) and the
API.

- the unit's officers and standing office (and anyone with such a role above it) draft, edit and submit the
  unit's initiatives, and record a decision of an outside body;
- the council's secretary, or the standing agency of the council's level, opens scoring, returns an
  initiative and records the council's decision;
- the chair, vice-chairs and members score; the secretary does not;
- the standing agency of the council's level keeps the council: its members, its sheet, its threshold;
- the scores per member are seen by the council's members and the standing agency of its level.
"""

from __future__ import annotations

from typing import Any

from cchc.core.scope import ADMIN, OFFICER, STANDING, scope_for
from cchc.initiatives.choices import SCORING_ROLES, CouncilRole, InitiativeStatus
from cchc.initiatives.models import CouncilMember, Initiative, InitiativeCouncil

UNIT_ROLES = {ADMIN, STANDING, OFFICER}
STANDING_ROLES = {ADMIN, STANDING}


def _seats(user: Any, council: InitiativeCouncil) -> list[CouncilMember]:
    """The user's seats on the council (read once per council object and user)."""
    user_id = getattr(user, "pk", None)
    if not user_id:
        return []
    cache = council.__dict__.setdefault("_seats_by_user", {})
    if user_id not in cache:
        cache[user_id] = [m for m in _members(council) if m.user_id == user_id]
    return cache[user_id]


def _members(council: InitiativeCouncil) -> list[CouncilMember]:
    prefetched = getattr(council, "_prefetched_objects_cache", {}).get("members")
    if prefetched is not None:
        return list(prefetched)
    cache = council.__dict__.get("_member_rows")
    if cache is None:
        cache = list(council.members.all())
        council.__dict__["_member_rows"] = cache
    return cache


def is_member(user: Any, council: InitiativeCouncil | None) -> bool:
    return council is not None and bool(_seats(user, council))


def seat_of(user: Any, council: InitiativeCouncil | None) -> CouncilMember | None:
    """The user's scoring seat on the council, if any."""
    if council is None:
        return None
    return next((m for m in _seats(user, council) if m.role in SCORING_ROLES), None)


def can_create_initiative(user: Any, unit: Any) -> bool:
    """Officers and standing offices of the unit (or above it) draft its initiatives."""
    return unit is not None and scope_for(user).has_role_over(unit.path, UNIT_ROLES)


def can_edit_initiative(user: Any, initiative: Initiative) -> bool:
    """A draft is edited by those who may draft for its unit."""
    return initiative.status == InitiativeStatus.DRAFT and can_create_initiative(
        user, initiative.unit
    )


def can_submit_initiative(user: Any, initiative: Initiative) -> bool:
    return can_create_initiative(user, initiative.unit)


def can_record_decision(user: Any, initiative: Initiative) -> bool:
    """The unit records the decision of an outside body (Phú Lương's initiatives recognised by the district's
    council, seed 003)."""
    return can_create_initiative(user, initiative.unit)


def can_manage_council(user: Any, council: InitiativeCouncil) -> bool:
    """The standing agency of the council's level (and administrators) keep the council."""
    return scope_for(user).has_role_over(council.unit.path, STANDING_ROLES)


def can_create_council(user: Any, unit: Any) -> bool:
    return unit is not None and scope_for(user).has_role_over(unit.path, STANDING_ROLES)


def can_run_council(user: Any, council: InitiativeCouncil | None) -> bool:
    """The council's secretary or the standing agency of its level."""
    if council is None or council.is_external:
        return False
    if can_manage_council(user, council):
        return True
    return any(m.role == CouncilRole.SECRETARY for m in _seats(user, council))


def can_open_scoring(user: Any, initiative: Initiative) -> bool:
    return can_run_council(user, initiative.council)


def can_decide_initiative(user: Any, initiative: Initiative) -> bool:
    return can_run_council(user, initiative.council)


def can_return_initiative(user: Any, initiative: Initiative) -> bool:
    return can_run_council(user, initiative.council)


def can_score_initiative(user: Any, initiative: Initiative) -> bool:
    """A scoring member of the council the initiative was submitted to."""
    council = initiative.council
    return council is not None and not council.is_external and seat_of(user, council) is not None


def can_see_scores(user: Any, initiative: Initiative) -> bool:
    """Members of the council and the standing agency of its level see every member's points."""
    council = initiative.council
    if council is None or council.is_external:
        return False
    return is_member(user, council) or can_manage_council(user, council)
