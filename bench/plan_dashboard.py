"""Benchmark: the city overview of CCHC plans over 120 units with 30,000 tasks, and one ward's plan dashboard.

Run: .venv/bin/python bench/plan_dashboard.py [--units 120] [--tasks 30000] [--database-url postgres://...]

It builds a throw-away database (a temporary SQLite file unless --database-url is given; see bench/plan_import.py),
a city with 120 units (departments, wards, communes) each with three offices and one 2026 plan of 7 areas; the
30,000 tasks are spread over the plans with varied deadlines (a date, "trước ngày", none), statuses and completion
dates, each led by one office. As the city's standing agency (a grant on the city, not an administrator), on
02/12/2026, it times the overview selector (`dashboard.overview`), the overview page and its Excel file through
the Django test client, then one ward's dashboard selector, its page and the Word draft of its report, counting
the queries of each and the peak Python memory (tracemalloc) of the overview page. Every step runs twice; the
second (warm) run is reported.
"""

import argparse
import random
import resource
import sys
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import configure, timed  # noqa: E402

from cchc.core.scope import SYSTEM  # noqa: E402

TODAY = date(2026, 12, 2)
AREAS = ["I", "II", "III", "IV", "V", "VI", "VII"]


def build(n_units: int, n_tasks: int):
    """The city, its units with offices and plans, the tasks and their lead offices, in bulk."""
    from django.db import transaction

    from cchc.accounts import services as account_services
    from cchc.core.scope import STANDING
    from cchc.orgs.choices import UnitKind
    from cchc.orgs.models import Unit
    from cchc.plans.choices import OfficeRole, TaskStatus
    from cchc.plans.models import Area, Plan, Task, TaskOffice

    rng = random.Random(2026)
    with transaction.atomic():
        city = Unit.objects.create(kind=UnitKind.CITY, name="Thành phố Thử Tải", path="")
        city.path = f"/{city.pk}/"
        Unit.objects.filter(pk=city.pk).update(path=city.path)
        kinds = [UnitKind.DEPARTMENT] * (n_units // 8) + [UnitKind.WARD] * (n_units * 3 // 8)
        kinds += [UnitKind.COMMUNE] * (n_units - len(kinds))
        units = Unit.objects.bulk_create(
            [
                Unit(parent=city, kind=k, name=f"{k.label} Thử Tải {i:03d}", path="")
                for i, k in enumerate(kinds)
            ]
        )
        for u in units:
            u.path = f"{city.path}{u.pk}/"
        Unit.objects.bulk_update(units, ["path"])
        offices = Unit.objects.bulk_create(
            [
                Unit(parent=u, kind=UnitKind.OFFICE, name=f"Phòng {j} – {u.name}", path="")
                for u in units
                for j in range(3)
            ]
        )
        for o in offices:
            o.path = f"{o.parent.path}{o.pk}/"
        Unit.objects.bulk_update(offices, ["path"])
        plans = Plan.objects.bulk_create(
            [Plan(unit=u, year=2026, title=f"Kế hoạch CCHC năm 2026 – {u.name}") for u in units]
        )
        areas = Area.objects.bulk_create(
            [
                Area(plan=p, code=c, title=f"Lĩnh vực {c}", order=i)
                for p in plans
                for i, c in enumerate(AREAS)
            ]
        )
        tasks = []
        per_plan = n_tasks // len(plans)
        for p_index, plan in enumerate(plans):
            count = per_plan + (1 if p_index < n_tasks % len(plans) else 0)
            for no in range(1, count + 1):
                due = (
                    None
                    if rng.random() < 0.2
                    else date(2026, 1, 15) + timedelta(days=rng.randrange(0, 350))
                )
                status = rng.choice(
                    [
                        TaskStatus.TODO,
                        TaskStatus.DOING,
                        TaskStatus.DONE,
                        TaskStatus.DONE,
                        TaskStatus.PAUSED,
                    ]
                )
                completed = None
                if status == TaskStatus.DONE:
                    base = due or date(2026, 6, 30)
                    completed = min(TODAY, base + timedelta(days=rng.randrange(-40, 25)))
                tasks.append(
                    Task(
                        plan=plan,
                        area=areas[p_index * len(AREAS) + no % len(AREAS)],
                        no=no,
                        content=f"Nhiệm vụ thử tải số {no} của {plan.unit.name}",
                        due_on=due,
                        deadline_before=due is not None and rng.random() < 0.15,
                        status=status,
                        percent=100 if status == TaskStatus.DONE else rng.randrange(0, 95, 5),
                        completed_on=completed,
                    )
                )
        tasks = Task.objects.bulk_create(tasks, batch_size=2000)
        by_unit = {}
        for o in offices:
            by_unit.setdefault(o.parent_id, []).append(o)
        unit_of = {p.pk: p.unit_id for p in plans}
        TaskOffice.objects.bulk_create(
            [
                TaskOffice(
                    task=t,
                    role=OfficeRole.LEAD,
                    unit=by_unit[unit_of[t.plan_id]][t.no % 3],
                    text="Phòng",
                )
                for t in tasks
            ],
            batch_size=2000,
        )
        standing = account_services.user_create(
            actor=SYSTEM,
            username="bench-snv",
            password="bench-only",
            full_name="Sở Nội vụ",
            audit_it=False,
        )
        account_services.grant_add(
            actor=SYSTEM, user=standing, role=STANDING, unit=city, audit_it=False
        )
    return standing, plans, len(tasks)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=120)
    parser.add_argument("--tasks", type=int, default=30000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    url = configure(args.database_url)
    engine = url.split(":", 1)[0]
    t0 = time.perf_counter()
    standing, plans, n_tasks = build(args.units, args.tasks)
    build_time = time.perf_counter() - t0

    from unittest import mock

    from django.test import Client
    from django.urls import reverse

    from cchc.reports import dashboard

    client = Client(HTTP_HOST="localhost")
    client.force_login(standing)
    ward_plan = next(p for p in plans if p.unit.kind == "ward")

    def get(url_, params=None):
        response = client.get(url_, params or {})
        assert response.status_code == 200, (url_, response.status_code)
        return response

    print(f"engine: {engine}")
    print(
        f"data: {len(plans)} plans of 2026 ({args.units} units, 3 offices each), {n_tasks} tasks, built in {build_time:.1f} s"
    )
    with mock.patch("cchc.reports.dashboard.timezone.localdate", lambda: TODAY):
        seconds, queries, ov = timed(
            lambda: dashboard.overview(actor=standing, year=2026, today=TODAY)
        )
        print(
            f"overview selector ({len(ov.rows)} rows, {ov.totals.tasks} tasks, rate {ov.totals.rate}%): {seconds * 1000:.0f} ms, {queries} queries"
        )
        overview_url = reverse("reports:overview")
        seconds, queries, response = timed(
            lambda: get(overview_url, {"year": 2026, "sort": "-overdue"})
        )
        print(
            f"overview page (selector + template, {len(response.content) / 1024:.0f} KiB of HTML): {seconds * 1000:.0f} ms, {queries} queries"
        )
        tracemalloc.start()
        get(overview_url, {"year": 2026})
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"peak Python memory of one overview page (tracemalloc): {peak / 1024 / 1024:.1f} MiB"
        )
        seconds, queries, _ = timed(lambda: get(reverse("reports:overview_xlsx"), {"year": 2026}))
        print(f"overview Excel file: {seconds * 1000:.0f} ms, {queries} queries")
        seconds, queries, dash = timed(
            lambda: dashboard.plan_dashboard(actor=standing, plan=ward_plan, today=TODAY)
        )
        print(
            f"ward dashboard selector ({dash.totals.tasks} tasks): {seconds * 1000:.0f} ms, {queries} queries"
        )
        seconds, queries, _ = timed(
            lambda: get(reverse("reports:plan_dashboard", args=[ward_plan.pk]))
        )
        print(f"ward dashboard page: {seconds * 1000:.0f} ms, {queries} queries")
        seconds, queries, _ = timed(
            lambda: get(reverse("reports:plan_report", args=[ward_plan.pk]), {"ky": "quy-4"})
        )
        print(f"ward report (Word): {seconds * 1000:.0f} ms, {queries} queries")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak process memory (max RSS, whole run): {rss:.0f} MiB")


if __name__ == "__main__":
    main()
