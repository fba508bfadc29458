"""Audit records written explicitly by services ("<entity>.<verb>"), never by signals."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from decimal import Decimal

from django.db import models

from cchc.core import dates
from cchc.core.models import AuditLog
from cchc.core.scope import user_or_none
from cchc.core.text import fold_words

# Vietnamese labels of audit actions ("task.progress" → "Báo cáo tiến độ nhiệm vụ"), registered by each app.
ACTION_LABELS: dict[str, str] = {}


def label_actions(labels: dict[str, str]) -> None:
    """Register the Vietnamese labels of some audit actions (apps call it from their `ready()` or modules)."""
    ACTION_LABELS.update(labels)


def action_label(action: str) -> str:
    """The Vietnamese label of an audit action, or the code itself when none was registered."""
    return ACTION_LABELS.get(action, action)


def _plain(value):
    if isinstance(value, (date, datetime, time)):
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
    actor_obj = user_or_none(actor)
    entry = AuditLog(
        at=dates.now(),
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


class Tracked:
    """What `tracked` hands to the block: the object, and a note the block may fill in."""

    def __init__(self, obj: models.Model):
        self.obj = obj
        self.note = ""


@contextmanager
def tracked(
    *,
    actor,
    action: str,
    obj: models.Model,
    fields: list[str] | None = None,
    unit_path: str = "",
    note: str = "",
) -> Iterator[Tracked]:
    """Snapshot an object, let the block change and save it, then record one audit entry with what changed.

    with audit.tracked(actor=actor, action="unit.update", obj=unit, fields=FIELDS):
        unit.name = name
        unit.save()
    """
    before = snapshot(obj, fields)
    handle = Tracked(obj)
    handle.note = note
    yield handle
    after = snapshot(obj, fields)
    record(
        actor=actor,
        action=action,
        obj=obj,
        before=before,
        after=after,
        unit_path=unit_path,
        note=handle.note,
    )
