"""Writes of the award rules from the pages: a rule file saved by the standing agency of its level (validated
whole, versioned: a second editor is told who saved in between) and a programme row's name and state."""

from __future__ import annotations

from django.db import transaction

from cchc.awards import policies
from cchc.awards.models import Programme, RuleFile
from cchc.awards.rule_files import parse_text, programme_search_text, save_rule_file
from cchc.core import audit
from cchc.core.errors import DomainError, PermissionDenied
from cchc.orgs.models import Unit


def _moment(rule_file: RuleFile) -> str:
    from django.utils import timezone

    return timezone.localtime(rule_file.updated_at).strftime("%H:%M ngày %d/%m/%Y")


def _editor(rule_file: RuleFile) -> str:
    user = rule_file.updated_by
    if user is None:
        return "hệ thống"
    return user.get_full_name() or user.username


@transaction.atomic
def rule_file_save(
    *,
    actor,
    unit: Unit,
    text: str,
    rule_file: RuleFile | None = None,
    version: int | None = None,
    source_path: str = "",
) -> RuleFile:
    """Save a rule file of `unit` from its YAML text (a new one when `rule_file` is None).

    The whole file is refused on any error (each with the path of its field). Editing an existing file carries
    its `version`: when someone saved it in between, the save is refused naming who and when.
    """
    if not policies.can_edit_rule_file(actor, unit):
        raise PermissionDenied(
            "Chỉ cơ quan thường trực của cấp ban hành được nạp, sửa tệp quy định."
        )
    _, pf = parse_text(text, file=source_path or (rule_file.file_id if rule_file else "<tệp>"))
    if rule_file is not None:
        current = RuleFile.objects.select_for_update().get(pk=rule_file.pk)
        if version is not None and current.version != version:
            raise DomainError(
                f"Tệp quy định đã được {_editor(current)} lưu lúc {_moment(current)} (phiên bản "
                f"{current.version}) sau khi bạn mở trang (phiên bản {version}). Hãy mở lại trang để "
                "xem nội dung mới rồi sửa tiếp.",
                field="text",
            )
        if pf.id != current.file_id:
            raise DomainError(
                f"Mã tệp (id) phải giữ là “{current.file_id}”; muốn nạp tệp khác, dùng “Nạp tệp mới”.",
                field="text",
                rows=[{"path": "id", "message": f"phải là {current.file_id}"}],
            )
    elif RuleFile.objects.filter(file_id=pf.id).exists():
        raise DomainError(
            f"Đã có tệp quy định mã “{pf.id}”; hãy mở tệp đó để sửa, hoặc đổi mã (id).",
            field="text",
            rows=[{"path": "id", "message": f"mã “{pf.id}” đã dùng"}],
        )
    return save_rule_file(text, unit=unit, actor=actor, source_path=source_path)


@transaction.atomic
def programme_update(*, actor, programme: Programme, name: str, is_active: bool) -> Programme:
    """Rename a programme row or take it out of force (its rules stay in the rule file)."""
    if not policies.can_edit_programme(actor, programme):
        raise PermissionDenied("Chỉ cơ quan thường trực của cấp tổ chức xét được sửa chương trình.")
    name = " ".join((name or "").split())
    if not name:
        raise DomainError("Tên chương trình không được để trống.", field="name")
    if len(name) > 300:
        raise DomainError("Tên chương trình tối đa 300 ký tự.", field="name")
    with audit.tracked(
        actor=actor,
        action="award_programme.update",
        obj=programme,
        fields=["name", "is_active"],
        unit_path=programme.unit.path,
    ):
        programme.name = name
        programme.is_active = is_active
        programme.search_text = programme_search_text(
            name=name,
            code=programme.code,
            document=programme.rule_file.document_number,
            source=programme.source,
        )
        programme.save(update_fields=["name", "is_active", "search_text"])
    return programme
