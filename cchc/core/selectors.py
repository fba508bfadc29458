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
    """The actions found in the audit log, for its filter."""
    return [
        (a, a)
        for a in AuditLog.objects.order_by("action").values_list("action", flat=True).distinct()
    ]


def _model(label: str):
    from django.apps import apps

    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def model_label(label: str) -> str:
    """The Vietnamese name of a model from its label ("orgs.unit" → "Đơn vị"); the label itself when unknown."""
    model = _model(label)
    return str(model._meta.verbose_name) if model else label


def field_label(label: str, key: str) -> str:
    """The Vietnamese name of a field of a model ("name" of "orgs.unit" → "Tên chính thức"), else the key."""
    model = _model(label)
    if model is None:
        return key
    try:
        return str(model._meta.get_field(key).verbose_name)
    except Exception:
        return key


def audit_model_choices():
    """The data types found in the audit log with their Vietnamese names, for its filter."""
    return [
        (m, model_label(m))
        for m in AuditLog.objects.order_by("model").values_list("model", flat=True).distinct()
    ]


def audit_actor_choices():
    """The people found in the audit log, for its filter."""
    return [
        (a, a)
        for a in AuditLog.objects.order_by("actor_name")
        .values_list("actor_name", flat=True)
        .distinct()
    ]


def audit_changes(entry: AuditLog) -> list[tuple[str, object, object]]:
    """(field name in Vietnamese, before, after) for every field whose value differs; a creation has no before,
    a deletion no after."""
    before, after = entry.before or {}, entry.after or {}
    if not isinstance(before, dict) or not isinstance(after, dict):
        return [("", before, after)]
    keys = sorted(set(before) | set(after))
    return [
        (field_label(entry.model, k), before.get(k), after.get(k))
        for k in keys
        if before.get(k) != after.get(k)
    ]


def audit_changes_text(entry: AuditLog) -> str:
    """'field: old → new' lines for an entry."""
    return "; ".join(
        f"{k}: {'' if b is None else b} → {'' if a is None else a}"
        for k, b, a in audit_changes(entry)
    )


def grant_summary(*, user) -> list[dict]:
    """The user's grants as (role label, unit name) rows for the home page."""
    if not user.is_authenticated:
        return []
    return [
        {"role": ROLE_LABELS.get(g.role, g.role), "unit": g.unit}
        for g in user.grants.select_related("unit").order_by("unit__path")
    ]
