"""Benchmark: counting recognised initiatives over 4,000 units × 5 years with 50,000 initiatives.

Run: .venv/bin/python bench/initiative_counts.py [--units 4000] [--initiatives 50000] [--database-url postgres://...]

It builds a throw-away database (a temporary SQLite file unless --database-url is given) with a city, 4,000 units
(departments, wards, communes) each with one office, 8,000 people, and 50,000 initiatives of 2026-2030 spread over
the units and their offices (70 % recognised at ward, city or unit level, the rest drafts, under scoring or
refused), one or two authors each. It times, with the number of queries and the peak Python memory
(tracemalloc), the selectors the award rules read (`recognised_counts` for every unit and for 4,000 given units
at city level or above, `recognised_counts_by_person`, `recognised_for`), the counts of the page for the city's
standing agency (`unit_counts`), the counts API and the counts page through the Django test client, and beside
them the plain read of the same rows (the recognised initiatives' unit paths and levels, as Python tuples). Every
step runs twice; the second (warm) run is reported.
"""

import argparse
import os
import random
import resource
import sys
import time
import tracemalloc
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import configure, timed  # noqa: E402

from cchc.core.scope import SYSTEM  # noqa: E402

LEVELS = ["commune", "commune", "city", "unit"]


def build(n_units: int, n_initiatives: int):
    """The city, its units with one office each, people, initiatives and their authors, in bulk."""
    from django.db import transaction

    from cchc.accounts import services as account_services
    from cchc.core.scope import STANDING
    from cchc.initiatives.models import Initiative, InitiativeAuthor
    from cchc.orgs.choices import UnitKind
    from cchc.orgs.models import Person, Unit

    rng = random.Random(2026)
    with transaction.atomic():
        city = Unit.objects.create(kind=UnitKind.CITY, name="Thành phố Thử Tải", path="")
        city.path = f"/{city.pk}/"
        Unit.objects.filter(pk=city.pk).update(path=city.path)
        kinds = [UnitKind.DEPARTMENT] * (n_units // 8) + [UnitKind.WARD] * (n_units * 3 // 8)
        kinds += [UnitKind.COMMUNE] * (n_units - len(kinds))
        units = Unit.objects.bulk_create(
            [
                Unit(parent=city, kind=k, name=f"{k.label} Thử Tải {i:04d}", path="")
                for i, k in enumerate(kinds)
            ],
            batch_size=2000,
        )
        for u in units:
            u.path = f"{city.path}{u.pk}/"
        Unit.objects.bulk_update(units, ["path"], batch_size=2000)
        offices = Unit.objects.bulk_create(
            [
                Unit(parent=u, kind=UnitKind.OFFICE, name=f"Văn phòng – {u.name}", path="")
                for u in units
            ],
            batch_size=2000,
        )
        for o in offices:
            o.path = f"{o.parent.path}{o.pk}/"
        Unit.objects.bulk_update(offices, ["path"], batch_size=2000)
        people = Person.objects.bulk_create(
            [
                Person(
                    unit=offices[i % len(offices)],
                    full_name=f"Cán bộ {i:05d}",
                    gender="female" if i % 2 else "male",
                    employment_kind="cong_chuc",
                )
                for i in range(2 * n_units)
            ],
            batch_size=2000,
        )
        owners = units + offices
        rows = []
        for i in range(n_initiatives):
            year = 2026 + i % 5
            recognised = rng.random() < 0.7
            status = "recognised" if recognised else rng.choice(["draft", "scoring", "refused"])
            rows.append(
                Initiative(
                    unit=owners[rng.randrange(len(owners))],
                    year=year,
                    area="tthc",
                    title=f"Sáng kiến thử tải số {i}",
                    description="Nội dung",
                    status=status,
                    level=rng.choice(LEVELS) if recognised else "",
                    recognised_on=date(year, 12, 1) if recognised else None,
                    refusal_reason="Điểm dưới ngưỡng" if status == "refused" else "",
                )
            )
        initiatives = Initiative.objects.bulk_create(rows, batch_size=2000)
        authors = []
        for i, item in enumerate(initiatives):
            first = people[rng.randrange(len(people))]
            second = people[(first.pk + 1) % len(people)]
            if i % 3:
                authors.append(InitiativeAuthor(initiative=item, person=first, share=100))
            else:
                authors += [
                    InitiativeAuthor(initiative=item, person=first, share=60),
                    InitiativeAuthor(initiative=item, person=second, share=40),
                ]
        InitiativeAuthor.objects.bulk_create(authors, batch_size=2000)
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
    return standing, units, len(initiatives), len(authors)


def peak_memory(fn) -> float:
    """Peak Python memory (MiB) of one call."""
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1024 / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=4000)
    parser.add_argument("--initiatives", type=int, default=50000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    # Plain HTTP through the test client, as ./scripts/run serves the demo (no redirect to HTTPS).
    os.environ.setdefault("CCHC_HTTPS", "0")
    url = configure(args.database_url)
    engine = url.split(":", 1)[0]
    t0 = time.perf_counter()
    standing, units, n_items, n_authors = build(args.units, args.initiatives)
    build_time = time.perf_counter() - t0

    from django.test import Client
    from django.urls import reverse

    from cchc.initiatives import selectors
    from cchc.initiatives.models import Initiative

    client = Client(HTTP_HOST="localhost")
    client.force_login(standing)
    unit_ids = [u.pk for u in units]

    def get(url_, params=None):
        response = client.get(url_, params or {})
        assert response.status_code == 200, (url_, response.status_code)
        return response

    steps = [
        (
            "plain read of the rows: recognised 2026-2030, (unit path, level) tuples",
            lambda: list(
                Initiative.objects.filter(status="recognised", year__gte=2026, year__lte=2030)
                .order_by()
                .values_list("unit__path", "level")
            ),
            lambda r: f"{len(r)} rows",
        ),
        (
            "recognised_counts(start_year=2026, end_year=2030), every unit",
            lambda: selectors.recognised_counts(start_year=2026, end_year=2030),
            lambda r: f"{len(r)} units with at least one",
        ),
        (
            f"recognised_counts(unit_ids=<{len(unit_ids)} units>, min_level='city')",
            lambda: selectors.recognised_counts(
                unit_ids=unit_ids, start_year=2026, end_year=2030, min_level="city"
            ),
            lambda r: f"{sum(r.values())} initiatives",
        ),
        (
            "recognised_counts_by_person(start_year=2026, end_year=2030)",
            lambda: selectors.recognised_counts_by_person(start_year=2026, end_year=2030),
            lambda r: f"{len(r)} people",
        ),
        (
            f"recognised_for(unit_ids=<{len(unit_ids)} units>, include_pending=True)",
            lambda: selectors.recognised_for(
                unit_ids=unit_ids, start_year=2026, end_year=2030, include_pending=True
            ),
            lambda r: f"{sum(len(v) for v in r.values())} facts",
        ),
        (
            "unit_counts as the city's standing agency (the page's and the API's table)",
            lambda: selectors.unit_counts(actor=standing, start_year=2026, end_year=2030),
            lambda r: f"{len(r)} rows",
        ),
        (
            "GET /api/initiatives/counts?from=2026&to=2030",
            lambda: get("/api/initiatives/counts", {"from": 2026, "to": 2030}),
            lambda r: f"{len(r.content) / 1024:.0f} KiB of JSON",
        ),
        (
            "GET /api/initiatives/counts?from=2026&to=2030&by=person",
            lambda: get("/api/initiatives/counts", {"from": 2026, "to": 2030, "by": "person"}),
            lambda r: f"{len(r.content) / 1024:.0f} KiB of JSON",
        ),
        (
            "counts page (from 2026 to 2030, need 2; 50 rows a page, chart)",
            lambda: get(reverse("initiatives:counts"), {"from": 2026, "to": 2030, "need": 2}),
            lambda r: f"{len(r.content) / 1024:.0f} KiB of HTML",
        ),
        (
            "counts page as Excel (every unit)",
            lambda: get(
                reverse("initiatives:counts"), {"from": 2026, "to": 2030, "export": "xlsx"}
            ),
            lambda r: f"{len(r.content) / 1024:.0f} KiB",
        ),
    ]
    print(f"engine: {engine}")
    print(
        f"data: {len(units)} units with one office each, {n_items} initiatives of 2026-2030, "
        f"{n_authors} authors, built in {build_time:.1f} s"
    )
    for label, fn, describe in steps:
        seconds, queries, result = timed(fn)
        memory = peak_memory(fn)
        print(
            f"{label}: {seconds * 1000:.0f} ms, {queries} queries, peak {memory:.1f} MiB "
            f"({describe(result)})"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak process memory (max RSS, whole run): {rss:.0f} MiB")


if __name__ == "__main__":
    main()
