"""Who may read a plan's award rules into a rule file and save it: the standing agency of a level (ward,
commune, city) or above it, and administrators."""

from __future__ import annotations

from cchc.core.scope import ADMIN, STANDING, scope_for
from cchc.orgs.choices import LEVEL_KINDS
from cchc.orgs.models import Unit

SAVERS = frozenset({ADMIN, STANDING})


def can_save_rules(user, unit: Unit) -> bool:
    """The standing agency over the level issuing the plan, and administrators, save its award rules."""
    return unit.kind in LEVEL_KINDS and scope_for(user).has_role_over(unit.path, SAVERS)


def rule_levels(actor) -> list[Unit]:
    """The levels whose award rules the actor may save, top first, then by name."""
    scope = scope_for(actor)
    units = Unit.objects.filter(kind__in=LEVEL_KINDS, is_active=True)
    if not scope.is_admin:
        units = units.filter(scope.q("path", roles=SAVERS))
    return list(units.order_by("depth", "name"))
