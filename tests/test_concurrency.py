"""Edits at the same moment, in real threads with their own database connections (SQLite and PostgreSQL):
exactly one wins, every other one is refused with the Vietnamese "vừa được … sửa" message, nothing crashes.

Run on PostgreSQL with
`DATABASE_URL=postgres://postgres@127.0.0.1:5432/cchc_hard ./scripts/test tests/test_concurrency.py`.
"""

import os
import threading
from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

from cchc.core.errors import DomainError
from cchc.core.scope import SYSTEM
from cchc.par import appraisal_services, criteria_services, round_services
from cchc.par.answer_services import Entry
from cchc.par.models import Answer, CriteriaSet
from cchc.par.tests.conftest import TODAY, Demo, assessment_of, fill_all, sign_off_and_submit
from cchc.plans import policies
from cchc.plans.choices import TaskStatus
from cchc.plans.models import ProgressReport, Task

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
        and "CCHC_TEST_SQLITE_FILE" not in os.environ,
        reason="SQLite: run with CCHC_TEST_SQLITE_FILE=1 (a database file, as served; .ci/run does)",
    ),
]


def run_together(jobs) -> list:
    """Run every job in its own thread, all released at once; returns what each returned or raised."""
    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def run(i, job):
        try:
            barrier.wait()
            results[i] = job()
        except BaseException as exc:  # collected and asserted by the test
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def _round(demo: Demo):
    for cs in CriteriaSet.objects.filter(year=2027, is_current=True):
        criteria_services.set_clone(actor=SYSTEM, source=cs, year=2028)
    r = round_services.round_create(
        actor=SYSTEM,
        organiser=demo.city,
        year=2028,
        self_start=TODAY - timedelta(days=10),
        self_end=TODAY + timedelta(days=5),
        appraisal_start=TODAY - timedelta(days=10),
        appraisal_end=TODAY + timedelta(days=10),
        response_start=TODAY - timedelta(days=10),
        response_end=TODAY + timedelta(days=15),
        audit_it=False,
    )
    round_services.round_open(actor=SYSTEM, round_=r)
    return r


def test_eight_appraisers_saving_one_criterion_at_once_one_wins_the_others_are_told(demo_city):
    demo = Demo()
    r = _round(demo)
    a = assessment_of(r, demo.level("Lê Chân"))
    fill_all(a, demo.user("lechan"))
    sign_off_and_submit(a, demo.user("lechan"))
    row = Answer.objects.select_related("criterion").get(assessment=a, criterion__code="3.2")
    loaded = row.version
    snv = demo.user("snv")

    def save(score):
        def job():
            return appraisal_services.appraisal_save(
                actor=snv,
                assessment=assessment_of(r, demo.level("Lê Chân")),
                entries={
                    row.criterion_id: Entry(
                        value=D(score), text=f"Thẩm định {score}", version=loaded
                    )
                },
                today=TODAY,
            )

        return job

    results = run_together([save(90 + i) for i in range(8)])
    crashes = [
        r for r in results if isinstance(r, BaseException) and not isinstance(r, DomainError)
    ]
    assert not crashes, crashes
    wins = [r for r in results if r == ["3.2"]]
    refusals = [r for r in results if isinstance(r, DomainError)]
    assert len(wins) == 1 and len(refusals) == 7, results
    assert all("vừa được" in e.message and "sửa lúc" in e.message for e in refusals)
    row.refresh_from_db()
    assert row.version == loaded + 1


def test_two_progress_reports_on_one_task_at_once_the_second_is_refused(demo_city):
    snv = get_user_model().objects.get(username="snv")
    task = next(
        t
        for t in Task.objects.filter(status=TaskStatus.DOING, percent__lt=80)
        .select_related("plan__unit")
        .order_by("pk")
        if policies.can_report_progress(snv, t)
    )
    before = ProgressReport.objects.filter(task=task).count()

    def report(percent):
        def job():
            client = Client()
            client.force_login(snv)
            return client.post(
                f"/api/tasks/{task.pk}/progress",
                {"percent": percent, "text": f"Đạt {percent}%", "version": task.version},
                content_type="application/json",
            )

        return job

    results = run_together([report(task.percent + 5), report(task.percent + 10)])
    crashes = [r for r in results if isinstance(r, BaseException)]
    assert not crashes, crashes
    statuses = sorted(r.status_code for r in results)
    assert statuses == [200, 400], [(r.status_code, r.content[:300]) for r in results]
    refused = next(r for r in results if r.status_code == 400).json()["detail"]
    assert "vừa được" in refused and "tải lại trang" in refused
    winner = next(r for r in results if r.status_code == 200).json()
    task.refresh_from_db()
    assert task.percent == winner["percent"] and task.version == winner["version"]
    assert ProgressReport.objects.filter(task=task).count() == before + 1


def test_a_report_based_on_an_old_version_names_who_changed_the_task(demo_city):
    snv = get_user_model().objects.get(username="snv")
    task = next(
        t
        for t in Task.objects.filter(status=TaskStatus.DOING, percent__lt=80).order_by("pk")
        if policies.can_report_progress(snv, t)
    )
    client = Client()
    client.force_login(snv)
    url = f"/api/tasks/{task.pk}/progress"
    first = client.post(
        url, {"percent": task.percent + 1, "version": task.version}, "application/json"
    )
    assert first.status_code == 200
    again = client.post(
        url, {"percent": task.percent + 2, "version": task.version}, "application/json"
    )
    assert again.status_code == 400
    name = snv.get_full_name() or snv.username
    assert f"vừa được {name} sửa lúc" in again.json()["detail"]
