"""The import command saves through the same service as the page, or only prints with --dry-run."""

import json

import pytest
from django.core.management import CommandError, call_command

from cchc.emulation.models import Movement
from cchc.emulation.tests.conftest import ward_plan

pytestmark = pytest.mark.django_db


def test_a_dry_run_prints_the_preview_and_saves_nothing(personas, tmp_path, capsys):
    plan = tmp_path / "31.txt"
    plan.write_text(ward_plan(), encoding="utf-8")
    call_command("import_movement", str(plan), unit=personas.ward_a.pk, dry_run=True, format="json")
    out = json.loads(capsys.readouterr().out)
    assert out["report_due"]["text"] == "Định kỳ hằng năm"
    assert out["standing_agency"]["unit_id"] == personas.office_a.pk
    assert out["saved_movement_id"] is None
    assert not Movement.objects.filter(unit=personas.ward_a).exists()


def test_without_dry_run_the_movement_is_saved(personas, tmp_path, capsys):
    plan = tmp_path / "31.txt"
    plan.write_text(ward_plan(), encoding="utf-8")
    call_command("import_movement", str(plan), unit=personas.ward_a.pk, user="t_ward_a")
    assert "Đã lưu phong trào id" in capsys.readouterr().out
    assert Movement.objects.get(unit=personas.ward_a).created_by == personas.ward_a_officer
    with pytest.raises(CommandError, match="đã được nhập"):
        call_command("import_movement", str(plan), unit=personas.ward_a.pk, user="t_ward_a")
