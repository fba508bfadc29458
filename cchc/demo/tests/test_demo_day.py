"""The demo is built for one day: nothing in it is dated after that day, the day is recorded, and pages show it.

The walk loads the demo into a new database in a separate process (so that nothing the other tests create is
counted) and reads every date and date-time field of every model. Fields that plan the future — a task's deadline,
a round's windows, a reminder's due date — may hold later dates: they are listed by name, so a new field is an
event (checked) unless it is added here on purpose.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

ROOT = Path(__file__).resolve().parents[3]

PLANNED = [
    "plans.Task.start_on",
    "plans.Task.due_on",
    "par.Round.self_start",
    "par.Round.self_end",
    "par.Round.appraisal_start",
    "par.Round.appraisal_end",
    "par.Round.response_start",
    "par.Round.response_end",
    "par.Assessment.self_deadline",
    "notifications.Notification.due_on",
    "emulation.Movement.mid_term_on",
    "emulation.Movement.final_on",
    # A disciplinary measure runs for its term (khiển trách 6 months, cảnh cáo 12): its end may be after the day.
    "awards.DisciplineRecord.ends_on",
]

WALK = r"""
import json, datetime, django
django.setup()
from django.apps import apps
from django.db import models
from django.utils import timezone
from cchc.core import dates
day = dates.parse(__import__("os").environ["DAY"])
end = timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59, 59)))
planned = set(json.loads(__import__("os").environ["PLANNED"]))
later, fields = [], 0
for model in apps.get_models():
    for f in model._meta.concrete_fields:
        if not isinstance(f, (models.DateField, models.DateTimeField)):
            continue
        fields += 1
        if f"{model._meta.label}.{f.name}" in planned:
            continue
        limit = end if isinstance(f, models.DateTimeField) else day
        n = model._default_manager.filter(**{f.name + "__gt": limit}).count()
        if n:
            later.append(f"{model._meta.label}.{f.name}: {n}")
from cchc.demo.models import DemoState
print(json.dumps({"later": later, "fields": fields, "recorded": str(DemoState.objects.get().day)}))
"""


def load_and_walk(tmp_path, day: str) -> dict:
    env = {
        **os.environ,
        "CCHC_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings_test",
        "DATABASE_URL": f"sqlite:///{tmp_path}/demo.sqlite3",
        "DAY": day,
        "PLANNED": json.dumps(PLANNED),
    }
    python = sys.executable
    for args in (["migrate", "-v0"], ["load_demo", "--quiet", "--day", day]):
        subprocess.run([python, "manage.py", *args], cwd=ROOT, env=env, check=True)
    out = subprocess.run(
        [python, "-c", WALK], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


@pytest.mark.slow
def test_nothing_in_the_demo_is_dated_after_its_default_day(tmp_path):
    result = load_and_walk(tmp_path, "26/11/2027")
    assert result["fields"] > 40, "the walk reads the date fields of every model"
    assert result["later"] == [], result["later"]
    assert result["recorded"] == "2027-11-26"


@pytest.mark.slow
def test_the_demo_can_be_built_for_another_day_and_keeps_to_it(tmp_path):
    result = load_and_walk(tmp_path, "03/12/2026")
    assert result["later"] == [] and result["recorded"] == "2026-12-03"


@pytest.mark.django_db
def test_every_page_of_the_demo_shows_its_day_in_a_banner(client):
    client.force_login(get_user_model().objects.get(username="lechan"))
    body = client.get("/").content.decode()
    assert 'id="demo-banner"' in body and "Dữ liệu mẫu — hôm nay là 26/11/2027" in body


@pytest.mark.django_db
def test_the_demo_day_command_prints_the_recorded_day():
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("demo_day", stdout=out)
    assert out.getvalue().strip() == "26/11/2027"
