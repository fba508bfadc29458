"""The audit log in words a person reads: Vietnamese action names, field names and values, people by name.

An entry stores codes and plain values (`"task.progress"`, `{"status": "doing", "completed_on": "2026-11-14"}`).
Shown to a person they become "Báo cáo tiến độ nhiệm vụ", "Trạng thái: Chưa thực hiện → Đang thực hiện",
"Ngày hoàn thành: 14/11/2026": labels from the models' verbose names and choices, dates dd/mm/yyyy, Có/Không, objects
by their names. Keys that are not model fields ("files", "reported_on") get their labels from `FIELD_LABELS`, which
apps extend with `label_fields`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.db import models

from cchc.core.audit import action_label
from cchc.core.models import AuditLog

EMPTY = "—"

# Labels of keys written in audit records that are not fields of the record's model.
FIELD_LABELS: dict[str, str] = {
    "files": "Tệp đính kèm",
    "file": "Tệp",
    "reported_on": "Ngày báo cáo",
    "period": "Kỳ báo cáo",
    "product_document": "Văn bản sản phẩm",
    "count": "Số lượng",
    "rows": "Số dòng",
    "note": "Ghi chú",
    "reason": "Lý do",
    "bases": "Căn cứ",
    "tasks": "Số nhiệm vụ",
    "targets": "Chỉ tiêu",
    "aliases": "Tên gọi khác",
    "role": "Vai trò",
    "unit": "Đơn vị",
    "username": "Tên đăng nhập",
    "members": "Thành viên",
    "year": "Năm",
    "ip": "Địa chỉ IP",
    "achieved": "Đạt",
}

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def label_fields(labels: dict[str, str]) -> None:
    """Register Vietnamese labels of audit keys that are not model fields."""
    FIELD_LABELS.update(labels)


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _field(model: type[models.Model] | None, key: str) -> Any:
    """The model's own field of that name (not a reverse relation), or None."""
    if model is None or not key:
        return None
    try:
        field = model._meta.get_field(key)
    except Exception:
        return None
    return None if getattr(field, "auto_created", False) and not field.concrete else field


def _pk(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def model_label(label: str) -> str:
    """The Vietnamese name of a model from its label ("orgs.unit" → "Đơn vị"); the label itself when unknown."""
    model = _model(label)
    return str(model._meta.verbose_name) if model else label


def field_label(model_label_: str, key: str) -> str:
    """The Vietnamese name of a key of an entry: the model field's verbose name, a registered label, or the key."""
    field = _field(_model(model_label_), key)
    if field is not None and getattr(field, "verbose_name", None):
        name = str(field.verbose_name)
        return name[:1].upper() + name[1:]
    return FIELD_LABELS.get(key, key)


def _date_text(value: str) -> str:
    if _ISO_DATE.match(value):
        y, m, d = value.split("-")
        return f"{d}/{m}/{y}"
    if _ISO_DATETIME.match(value):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        from django.utils import timezone

        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return moment.strftime("%d/%m/%Y %H:%M")
    return value


class Names:
    """Names of the objects an entry's values point to, looked up once per model for a page of entries."""

    def __init__(self) -> None:
        self.wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
        self.found: dict[tuple[type[models.Model], Any], str] = {}

    def want(self, entries: Iterable[AuditLog]) -> Names:
        for entry in entries:
            model = _model(entry.model)
            for values in (entry.before, entry.after):
                if not isinstance(values, dict):
                    continue
                for key, value in values.items():
                    field = _field(model, key)
                    if field is not None and field.is_relation and field.related_model:
                        for v in value if isinstance(value, list) else [value]:
                            pk = _pk(v)
                            if pk is not None:
                                self.wanted[field.related_model].add(pk)
        for related, ids in self.wanted.items():
            for obj in related._default_manager.filter(pk__in=list(ids)):
                self.found[(related, str(obj.pk))] = str(obj)
        self.wanted.clear()
        return self

    def name(self, related: type[models.Model], pk: Any) -> str:
        return self.found.get((related, str(pk)), f"#{pk}")


def value_text(model_label_: str, key: str, value: Any, names: Names | None = None) -> str:
    """A stored value as a person reads it."""
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return "Có" if value else "Không"
    field = _field(_model(model_label_), key)
    if isinstance(value, list):
        return "; ".join(value_text(model_label_, key, v, names) for v in value)
    if isinstance(value, dict):
        return "; ".join(
            f"{FIELD_LABELS.get(k, k)}: {value_text(model_label_, k, v, names)}"
            for k, v in value.items()
        )
    if field is not None:
        if field.is_relation and field.related_model and _pk(value) is not None:
            return names.name(field.related_model, value) if names else f"#{value}"
        choices = dict(field.flatchoices) if getattr(field, "choices", None) else {}
        if choices and value in choices:
            return str(choices[value])
    if isinstance(value, (date, datetime)):
        return _date_text(value.isoformat())
    if isinstance(value, str):
        return _date_text(value)
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def changes(
    entry: AuditLog, names: Names | None = None
) -> list[tuple[str, str | None, str | None]]:
    """(field, before, after) in words for every key whose value differs; a creation has no before, a deletion
    no after."""
    before, after = entry.before, entry.after
    if not isinstance(before, dict) or not isinstance(after, dict):
        if before is None and isinstance(after, dict):
            before = {}
        elif after is None and isinstance(before, dict):
            after = {}
        else:
            return [("", _plain(entry, before, names), _plain(entry, after, names))]
    result = []
    for key in sorted(set(before) | set(after)):
        b, a = before.get(key), after.get(key)
        if b == a:
            continue
        result.append(
            (
                field_label(entry.model, key),
                value_text(entry.model, key, b, names) if key in before else None,
                value_text(entry.model, key, a, names) if key in after else None,
            )
        )
    return result


def _plain(entry: AuditLog, value: Any, names: Names | None) -> str | None:
    return None if value is None else value_text(entry.model, "", value, names)


def changes_text(entry: AuditLog, names: Names | None = None) -> str:
    """'Field: old → new' lines of an entry, for the Excel file."""
    parts = []
    for key, b, a in changes(entry, names):
        head = f"{key}: " if key else ""
        if b is None:
            parts.append(f"{head}{a}")
        elif a is None:
            parts.append(f"{head}{b} (đã xóa)")
        else:
            parts.append(f"{head}{b} → {a}")
    return "; ".join(parts)


def actor_text(entry: AuditLog) -> str:
    """The person's full name and office ("Nguyễn Văn An – Phòng Văn hóa - Xã hội"), or "Hệ thống"."""
    user = entry.actor
    if user is None:
        return "Hệ thống" if entry.actor_name in ("", "hệ thống") else entry.actor_name
    name = user.get_full_name() or user.username
    profile = getattr(user, "profile", None)
    office = getattr(profile, "office", None) if profile is not None else None
    return f"{name} – {office}" if office else name


def action_text(entry: AuditLog) -> str:
    return action_label(entry.action)
