"""Who may do what with award decisions, the awards they confer and the base salary table; shared by the services
(enforce), the pages (buttons) and the API.

- the standing agency of a level drafts its chairman's decisions, proposes upward what the level cannot confer,
  records the higher level's decision when it comes and revokes an award of its level;
- the leader of the level (role "leader") signs its own decisions;
- the city's standing agency keeps the base salary table.
"""

from __future__ import annotations

from typing import Any

from cchc.awards.choices import DecisionKind, DecisionStatus
from cchc.awards.models import Award, Decision
from cchc.core.scope import ADMIN, LEADER, STANDING, scope_for
from cchc.orgs.models import Unit

STANDING_ROLES = {ADMIN, STANDING}
SIGNING_ROLES = {ADMIN, LEADER}


def can_draft_decision(user: Any, level: Unit | None) -> bool:
    """The standing agency of the level (or above it) prepares the level's award decisions."""
    return level is not None and scope_for(user).has_role_over(level.path, STANDING_ROLES)


def can_edit_decision(user: Any, decision: Decision) -> bool:
    return decision.status == DecisionStatus.DRAFT and can_draft_decision(user, decision.unit)


def can_sign_decision(user: Any, decision: Decision) -> bool:
    """The level's leader signs its own decision (Luật Thi đua, khen thưởng 2022, Điều 80)."""
    return decision.kind == DecisionKind.OWN and scope_for(user).has_role_over(
        decision.unit.path, SIGNING_ROLES
    )


def can_record_higher(user: Any, decision: Decision) -> bool:
    """The standing agency records the higher level's decision on what it proposed."""
    return decision.kind == DecisionKind.HIGHER and can_draft_decision(user, decision.unit)


def can_revoke_award(user: Any, award: Award) -> bool:
    """The standing agency of the deciding level records a revocation."""
    decision = award.decision
    level = decision.unit if decision is not None else award.unit
    return award.revoked_on is None and can_draft_decision(user, level)


def can_manage_base_salary(user: Any) -> bool:
    """The city's standing agency (Sở Nội vụ) keeps the base salary table."""
    return scope_for(user).standing_at_top()


def can_read_fund(user: Any, level: Unit) -> bool:
    """The fund's spending of a level: its standing agency and its leaders."""
    return scope_for(user).has_role_over(level.path, STANDING_ROLES | SIGNING_ROLES)
