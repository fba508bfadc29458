"""Who may do what with award councils and their meetings; shared by the services (enforce), the pages (buttons)
and the API.

- the standing agency of the council's level (Phòng Văn hóa - Xã hội of a ward, Sở Nội vụ of the city) and
  administrators keep the council (its members, its term, its rules) and convene, open and close its meetings;
- the council's secretary also records attendance and votes during a meeting;
- everyone who may see the level reads the council, its meetings and results (`OwnLevelQuerySet`).
"""

from __future__ import annotations

from typing import Any

from cchc.awards.choices import CouncilRole, MeetingStatus
from cchc.awards.models import Council, Meeting
from cchc.core.scope import ADMIN, STANDING, scope_for

STANDING_ROLES = {ADMIN, STANDING}


def can_create_council(user: Any, unit: Any) -> bool:
    """The standing agency of a level (or above it) sets up the level's council."""
    return unit is not None and scope_for(user).has_role_over(unit.path, STANDING_ROLES)


def can_manage_council(user: Any, council: Council) -> bool:
    """The standing agency of the council's level keeps its members, term and rules."""
    return can_create_council(user, council.unit)


def is_secretary(user: Any, council: Council) -> bool:
    user_id = getattr(user, "pk", None)
    if not user_id:
        return False
    return council.members.filter(user_id=user_id, role=CouncilRole.SECRETARY, active=True).exists()


def can_convene(user: Any, meeting: Meeting) -> bool:
    """Convening, opening and closing a meeting: the standing agency of the level."""
    return can_manage_council(user, meeting.council)


def can_record(user: Any, meeting: Meeting) -> bool:
    """Attendance, votes and ballot counts of an open meeting: the standing agency or the council's secretary."""
    return can_manage_council(user, meeting.council) or is_secretary(user, meeting.council)


def can_record_now(user: Any, meeting: Meeting) -> bool:
    return meeting.status == MeetingStatus.OPEN and can_record(user, meeting)
