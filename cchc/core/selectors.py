"""Reads of shared records: the audit log (administrators only)."""

from cchc.core.audit import action_label
from cchc.core.audit_display import model_label
from cchc.core.errors import PermissionDenied
from cchc.core.models import AuditLog
from cchc.core.scope import ROLE_LABELS, scope_for


def audit_list(*, actor):
    """All audit entries, newest first; administrators only."""
    if not scope_for(actor).is_admin:
        raise PermissionDenied()
    return AuditLog.objects.select_related("actor__profile__office")


def audit_action_choices():
    """The actions found in the audit log with their Vietnamese names, for its filter."""
    actions = AuditLog.objects.order_by("action").values_list("action", flat=True).distinct()
    return sorted(((a, action_label(a)) for a in actions), key=lambda c: c[1])


def audit_model_choices():
    """The data types found in the audit log with their Vietnamese names, for its filter."""
    found = AuditLog.objects.order_by("model").values_list("model", flat=True).distinct()
    return sorted(((m, model_label(m)) for m in found if m), key=lambda c: c[1])


def audit_actor_choices():
    """The people found in the audit log by their full names, for its filter (by user name)."""
    rows = (
        AuditLog.objects.order_by("actor_name")
        .values_list("actor_name", "actor__first_name", "actor__last_name")
        .distinct()
    )
    choices = {}
    for username, first, last in rows:
        full = f"{first} {last}".strip()
        choices[username] = f"{full} ({username})" if full else (username or "Hệ thống")
    return sorted(choices.items(), key=lambda c: c[1])


def grant_summary(*, user) -> list[dict]:
    """The user's grants as (role label, unit name) rows for the home page."""
    if not user.is_authenticated:
        return []
    return [
        {"role": ROLE_LABELS.get(g.role, g.role), "unit": g.unit}
        for g in user.grants.select_related("unit").order_by("unit__path")
    ]
