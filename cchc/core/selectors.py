"""Reads of shared records: the audit log (administrators only)."""

from cchc.core.errors import PermissionDenied
from cchc.core.models import AuditLog
from cchc.core.scope import ROLE_LABELS, scope_for


def audit_list(*, actor):
    """All audit entries, newest first; administrators only."""
    if not scope_for(actor).is_admin:
        raise PermissionDenied()
    return AuditLog.objects.all()


def audit_action_choices():
    return [(a, a) for a in AuditLog.objects.order_by("action").values_list("action", flat=True).distinct()]


def audit_model_choices():
    return [(m, m) for m in AuditLog.objects.order_by("model").values_list("model", flat=True).distinct()]


def audit_changes_text(entry: AuditLog) -> str:
    """'field: old → new' lines for an entry."""
    before, after = entry.before or {}, entry.after or {}
    keys = sorted(set(before) | set(after))
    lines = []
    for k in keys:
        if before.get(k) != after.get(k):
            lines.append(f"{k}: {before.get(k, '')} → {after.get(k, '')}")
    return "; ".join(lines)


def grant_summary(*, user) -> list[dict]:
    """The user's grants as (role label, unit name) rows for the home page."""
    if not user.is_authenticated:
        return []
    return [
        {"role": ROLE_LABELS.get(g.role, g.role), "unit": g.unit}
        for g in user.grants.select_related("unit").order_by("unit__path")
    ]
