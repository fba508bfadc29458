"""The import_plan command: JSON for machines, text for people, --dry-run writes nothing."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from cchc.orgs.choices import LEVEL_KINDS
from cchc.orgs.models import Unit
from cchc.plans.models import Plan, Task

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[3] / "data" / "seeds" / "004_b78bd4a0b75bbdc4.txt"


def run(*args, **opts) -> tuple[str, int]:
    out = io.StringIO()
    try:
        call_command("import_plan", *args, stdout=out, **opts)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return out.getvalue(), code


@pytest.fixture
def ltn():
    return Unit.objects.get(short_name="Lê Thanh Nghị", kind__in=LEVEL_KINDS)


def test_dry_run_json_has_the_document_areas_tasks_and_errors(ltn):
    before = (Plan.objects.count(), Task.objects.count())
    out, code = run(str(SEED), unit=ltn.pk, dry_run=True, format="json")
    assert code == 0
    data = json.loads(out)
    assert {"document", "areas", "tasks", "errors"} <= set(data)
    assert data["errors"] == []
    assert len(data["areas"]) == 7 and len(data["tasks"]) == 32
    task = data["tasks"][7]
    assert {
        "no",
        "content",
        "area",
        "lead_units",
        "coordinating_units",
        "deadline_text",
        "deadline",
        "product",
        "warnings",
    } <= set(task)
    assert {"kind", "start", "due"} <= set(task["deadline"])
    assert task["no"] == 8 and task["area"] == "I"
    assert [u["unit_id"] for u in task["lead_units"]] == [
        Unit.objects.get(code=f"{ltn.code}-TTDVSNC").pk,
        Unit.objects.get(code=f"{ltn.code}-VHXH").pk,
    ]
    assert data["tasks"][20]["deadline"]["due"] == "2026-12-31"
    assert all(t["deadline"]["kind"] != "unknown" for t in data["tasks"])
    assert data["saved"] is None
    assert (Plan.objects.count(), Task.objects.count()) == before


def test_without_dry_run_the_plan_is_saved_and_reported(ltn, tmp_path):
    path = tmp_path / "ke-hoach-2031.txt"
    path.write_text(SEED.read_text(encoding="utf-8").replace("2026", "2031"), encoding="utf-8")
    out, code = run(str(path), unit=ltn.pk)
    assert code == 0
    plan = Plan.objects.get(unit=ltn, year=2031)
    assert plan.tasks.count() == 32
    assert f"Đã lưu kế hoạch #{plan.pk}" in out
    assert "32 nhiệm vụ trong 7 lĩnh vực" in out
    out, code = run(str(path), unit=ltn.pk, format="json")
    assert code == 1
    assert "đã có kế hoạch CCHC năm 2031" in json.loads(out)["errors"][-1]


def test_a_file_that_is_not_a_plan_prints_the_error_and_exits_1(ltn, tmp_path):
    path = tmp_path / "thu-moi.txt"
    path.write_text("Kính mời dự hội nghị.", encoding="utf-8")
    out, code = run(str(path), unit=ltn.pk, dry_run=True, format="json")
    assert code == 1
    data = json.loads(out)
    assert data["tasks"] == [] and "bảng nhiệm vụ" in data["errors"][0]
