"""The audit log speaks to people: Vietnamese actions, fields and values, people by their names."""

import re
from pathlib import Path

import pytest

from cchc.core import audit, audit_display
from cchc.core.audit import ACTION_LABELS
from cchc.core.models import AuditLog
from cchc.orgs import services as org_services

ROOT = Path(__file__).resolve().parents[2]
ACTION_LITERAL = re.compile(r'action="([a-z_]+\.[a-z_]+)"')


def recorded_actions() -> set[str]:
    """Every action code written as a literal in the sources (tests aside)."""
    found = set()
    for path in ROOT.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        found |= set(ACTION_LITERAL.findall(path.read_text()))
    return found


def test_the_source_scan_finds_the_actions_of_every_app():
    found = recorded_actions()
    assert {"unit.create", "document.register", "task.progress", "survey.import"} <= found


def test_every_action_the_system_records_has_a_vietnamese_label():
    missing = sorted(a for a in recorded_actions() if a not in ACTION_LABELS)
    assert not missing, (
        f"audit actions without a Vietnamese label (add them to audit_actions): {missing}"
    )


@pytest.mark.django_db
def test_every_action_in_the_demo_audit_log_has_a_vietnamese_label(demo_city):
    actions = set(AuditLog.objects.values_list("action", flat=True))
    assert actions, "the demo writes audit entries"
    assert not sorted(a for a in actions if a not in ACTION_LABELS)


def test_values_read_as_a_person_writes_them():
    text = audit_display.value_text
    assert text("plans.task", "status", "doing") == "Đang thực hiện"
    assert text("plans.task", "completed_on", "2026-11-14") == "14/11/2026"
    assert text("plans.targetmeasure", "achieved", False) == "Không"
    assert text("plans.targetmeasure", "achieved", True) == "Có"
    assert text("plans.task", "files", []) == "—"
    assert text("plans.task", "files", ["a.pdf", "b.pdf"]) == "a.pdf; b.pdf"
    assert audit_display.field_label("plans.task", "completed_on") == "Ngày hoàn thành"
    assert audit_display.field_label("plans.task", "reported_on") == "Ngày báo cáo"


def test_an_entry_names_the_person_and_the_object_not_their_codes(personas):
    org_services.unit_update(
        actor=personas.ward_a_officer, unit=personas.office_a, short_name="VHXH"
    )
    entry = AuditLog.objects.filter(action="unit.update").latest("id")
    assert audit_display.action_text(entry) == "Sửa thông tin đơn vị"
    assert audit_display.actor_text(entry).startswith("t_ward_a")
    names = audit_display.Names().want([entry])
    changes = audit_display.changes(entry, names)
    assert ("Tên ngắn", "—", "VHXH") in changes or any(c[2] == "VHXH" for c in changes)


@pytest.mark.django_db
def test_the_audit_page_and_its_excel_show_no_code_no_true_false_no_iso_date(demo_city, client):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.get(username="admin")
    client.force_login(admin)
    audit.record(
        actor=admin,
        action="task.progress",
        model="plans.task",
        before={"status": "todo", "completed_on": None},
        after={"status": "done", "completed_on": "2026-11-14", "files": [], "achieved": True},
    )
    body = client.get("/nhat-ky/").content.decode()
    table = body[body.index('id="audit-table"') :]
    assert "task.progress" not in table and "Báo cáo tiến độ nhiệm vụ" in table
    assert "True" not in table and "False" not in table
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", table)
    assert "14/11/2026" in table
    import io

    from openpyxl import load_workbook

    export = client.get("/nhat-ky/", {"export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    flat = " ".join(c for row in rows[1:] for c in row if isinstance(c, str))
    assert "task.progress" not in flat and "True" not in flat and "False" not in flat
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", flat)
