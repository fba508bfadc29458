"""Optimistic locking of shared records: an edit carries the version the user saw and is refused, naming who
changed the record and when, when someone else saved it in between.

The check is one guarded UPDATE (`version = seen` → `version + 1`), so two edits at once can never both pass:
on PostgreSQL the second waits for the first's row lock and then matches nothing; on SQLite transactions take
the write lock when they begin (settings: transaction_mode IMMEDIATE), so they run one after the other.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F, Model
from django.utils import timezone

from cchc.core.errors import DomainError
from cchc.core.params import BadParam, integer


class StaleEdit(DomainError):
    """Someone else saved the record after the user opened it."""


def seen(value: Any) -> int | None:
    """The version posted by a form or an API call (a hidden field); None when not given, refused when bad."""
    try:
        return integer(value, name="version", label="Phiên bản", minimum=1)
    except BadParam as exc:
        raise DomainError(
            "Không đọc được phiên bản của dữ liệu bạn đang sửa; hãy tải lại trang.", field="version"
        ) from exc


def last_change(obj: Model) -> tuple[str, str]:
    """Who made the last audited change of `obj`, and when (HH:MM dd/mm/yyyy)."""
    from cchc.core.models import AuditLog

    entry = (
        AuditLog.objects.filter(model=obj._meta.label_lower, object_id=str(obj.pk))
        .select_related("actor")
        .order_by("-at", "-pk")
        .first()
    )
    if entry is None:
        return "người khác", ""
    who = entry.actor_name or "hệ thống"
    if entry.actor is not None:
        who = entry.actor.get_full_name() or entry.actor.username
    return who, timezone.localtime(entry.at).strftime("%H:%M %d/%m/%Y")


def stale_message(obj: Model, label: str = "") -> str:
    who, when = last_change(obj)
    what = label or f"“{obj}”"
    at = f" lúc {when}" if when else ""
    return f"{what} vừa được {who} sửa{at}; hãy tải lại trang để xem thay đổi rồi nhập lại."


def check_version(
    obj: Model, seen_version: int | None, actor: Any = None, *, label: str = ""
) -> None:
    """Claim the next version of `obj` if it is still the one the user saw (the loaded one when
    `seen_version` is None); else raise StaleEdit naming who changed it and when. Call it inside the
    service's transaction, before writing; `obj.version` is then the new version."""
    model = type(obj)
    expected = obj.version if seen_version is None else seen_version  # type: ignore[attr-defined]
    claimed = model._default_manager.filter(pk=obj.pk, version=expected).update(
        version=F("version") + 1
    )
    if not claimed:
        raise StaleEdit(stale_message(obj, label), field="version")
    obj.version = expected + 1  # type: ignore[attr-defined]
