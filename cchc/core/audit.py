"""Audit records written explicitly by services ("<entity>.<verb>"), never by signals."""

from datetime import date, datetime
from decimal import Decimal

from django.db import models

from cchc.core.models import AuditLog
from cchc.core.text import fold_words


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "name") and hasattr(value, "url"):  # FieldFile
        return value.name or None
    return value


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict:
    """The concrete field values of a record, JSON friendly, for before/after."""
    result = {}
    for field in obj._meta.concrete_fields:
        if field.name == "search_text" or (fields and field.name not in fields):
            continue
        result[field.name] = _plain(getattr(obj, field.attname))
    return result


def diff(before: dict | None, after: dict | None) -> dict:
    """Only the keys whose values changed."""
    before, after = before or {}, after or {}
    keys = set(before) | set(after)
    return {k: (before.get(k), after.get(k)) for k in sorted(keys) if before.get(k) != after.get(k)}


def record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    model: str | None = None,
    object_id=None,
    object_repr: str | None = None,
    before: dict | None = None,
    after: dict | None = None,
    unit_path: str = "",
    note: str = "",
) -> AuditLog:
    """Store one audit entry; call it inside the service's transaction."""
    if obj is not None:
        model = model or obj._meta.label_lower
        object_id = obj.pk if object_id is None else object_id
        object_repr = object_repr or str(obj)[:300]
    actor_obj = actor if getattr(actor, "pk", None) else None
    entry = AuditLog(
        actor=actor_obj,
        actor_name=getattr(actor, "username", "") or "hệ thống",
        action=action,
        model=model or "",
        object_id="" if object_id is None else str(object_id),
        object_repr=(object_repr or "")[:300],
        unit_path=unit_path or "",
        before=_plain(before) if before is not None else None,
        after=_plain(after) if after is not None else None,
        note=note,
    )
    entry.search_text = fold_words(entry.actor_name, action, entry.object_repr, note)
    entry.save()
    return entry
