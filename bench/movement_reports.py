"""Benchmark: the board of a movement's yearly reports ("ai chưa báo cáo") over 4,000 units and 5 years.

Run: .venv/bin/python bench/movement_reports.py [--units 4000] [--years 5] [--database-url postgres://...]

It builds a throw-away database (a temporary SQLite file unless --database-url is given; see bench/common.py), a
city with 4,000 units (departments, wards, communes), its 2026-2030 movement due "trước ngày 30/11 hằng năm" with
every unit taking part, and about 70 % of the units' reports of each year submitted (a sixth of them after the
30th), so 14,000 reports; and a second movement of 40 units with the same shape. As the city's standing agency
(a grant on the city, not an administrator), on 15/04/2031 (every year due), it times, with their query counts:

- merely reading the rows: the participants and the submitted reports of a year, as plain tuples;
- the board's selector (`selectors.report_board`) evaluated whole, and its counts per year (`report_counts`);
- the board page (first 50 rows, filters, chart) and its Excel file of the 4,000 rows through the Django test client;
- the API `/api/movements/{id}/reports?year=2030` (4,000 items);
- the same page and API on the 40-unit movement, to show the queries do not grow with the rows.

Each step runs twice; the second (warm) run is reported. Peak Python memory (tracemalloc) of the page and the API.
"""

import argparse
import os
import random
import resource
import sys
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ["CCHC_TODAY"] = "15/04/2031"  # every year of the movement is due; read by the settings
from common import configure, timed  # noqa: E402

TODAY = date(2031, 4, 15)
START = 2026


def build(n_units: int, n_years: int, *, label: str, rng: random.Random):
    """A city (or the same one) with `n_units` units, a movement of `n_years` years and its reports, in bulk."""
    from cchc.emulation.choices import ReportKind, ReportStatus
    from cchc.emulation.models import Movement, MovementReport, Participant
    from cchc.orgs.choices import UnitKind
    from cchc.orgs.models import Unit

    city = Unit.objects.create(kind=UnitKind.CITY, name=f"Thành phố {label}", path="")
    city.path = f"/{city.pk}/"
    Unit.objects.filter(pk=city.pk).update(path=city.path)
    kinds = [UnitKind.DEPARTMENT] * (n_units // 20) + [UnitKind.WARD] * (n_units * 7 // 20)
    kinds += [UnitKind.COMMUNE] * (n_units - len(kinds))
    units = Unit.objects.bulk_create(
        [
            Unit(parent=city, kind=k, name=f"{k.label} {label} {i:04d}", path="")
            for i, k in enumerate(kinds)
        ],
        batch_size=2000,
    )
    for u in units:
        u.path = f"{city.path}{u.pk}/"
    Unit.objects.bulk_update(units, ["path"], batch_size=2000)
    movement = Movement.objects.create(
        unit=city,
        name=f"Đẩy mạnh cải cách hành chính – {label}",
        start_year=START,
        end_year=START + n_years - 1,
        report_due_text="trước ngày 30/11 hằng năm",
        report_due_day=30,
        report_due_month=11,
        report_due_before=True,
        participant_mode="units",
    )
    blocs = {
        UnitKind.DEPARTMENT: "so-nganh",
        UnitKind.WARD: "phuong",
        UnitKind.COMMUNE: "xa-dac-khu",
    }
    parts = Participant.objects.bulk_create(
        [
            Participant(
                movement=movement,
                unit=u,
                bloc_code=blocs[u.kind],
                order=i,
                search_text=u.name.lower(),
            )
            for i, u in enumerate(units)
        ],
        batch_size=2000,
    )
    reports = []
    if any(p.pk is None for p in parts):  # SQLite before 3.35 returns no ids from a bulk insert
        parts = list(Participant.objects.filter(movement=movement).order_by("order"))
    for year in range(START, START + n_years):
        for u, part in zip(units, parts, strict=True):
            if rng.random() < 0.3:
                continue
            late = rng.random() < 1 / 6
            day = date(year, 11, 30) + timedelta(
                days=rng.randrange(0, 40) if late else -rng.randrange(1, 40)
            )
            reports.append(
                MovementReport(
                    movement=movement,
                    participant=part,
                    unit=u,
                    year=year,
                    kind=ReportKind.ANNUAL,
                    status=ReportStatus.SUBMITTED,
                    submitted_on=day,
                    search_text=u.name.lower(),
                )
            )
    MovementReport.objects.bulk_create(reports, batch_size=2000)
    return city, movement, len(reports)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=4000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    url = configure(args.database_url)
    engine = url.split(":", 1)[0]

    from django.db import transaction
    from django.test import Client

    from cchc.accounts import services as account_services
    from cchc.core.scope import STANDING, SYSTEM
    from cchc.emulation import selectors
    from cchc.emulation.models import MovementReport, Participant

    rng = random.Random(2026)
    t0 = time.perf_counter()
    with transaction.atomic():
        city, big, n_reports = build(args.units, args.years, label="Thử Tải", rng=rng)
        small_city, small, _ = build(40, args.years, label="Nhỏ", rng=rng)
        standing = account_services.user_create(
            actor=SYSTEM, username="bench-snv", password="bench", full_name="SNV", audit_it=False
        )
        for unit in (city, small_city):
            account_services.grant_add(
                actor=SYSTEM, user=standing, role=STANDING, unit=unit, audit_it=False
            )
    if engine != "sqlite":
        from django.db import connection

        with connection.cursor() as cur:
            cur.execute("ANALYZE")  # what autovacuum does after a bulk load
    print(f"engine: {engine}")
    print(
        f"data: {args.units} units × {args.years} years, {n_reports} submitted reports, "
        f"built in {time.perf_counter() - t0:.1f} s"
    )
    year = START + args.years - 1
    client = Client(HTTP_HOST="localhost")
    client.force_login(standing)

    def get(path, params=None):
        response = client.get(path, params or {}, secure=True)
        assert response.status_code == 200, (path, response.status_code)
        return response

    def read_rows():
        units = list(Participant.objects.filter(movement=big).values_list("unit_id", "unit__name"))
        sent = dict(
            MovementReport.objects.filter(movement=big, year=year, status="submitted").values_list(
                "unit_id", "submitted_on"
            )
        )
        return [(u, name, sent.get(u)) for u, name in units]

    s, q, rows = timed(read_rows)
    print(
        f"merely reading the rows ({len(rows)} units + their reports of {year}): {s * 1000:.0f} ms, {q} queries"
    )
    s, q, board = timed(
        lambda: list(
            selectors.report_board(
                actor=standing, movement=big, year=year, today=TODAY
            ).values_list("unit_id", "timeliness", "submitted_on")
        )
    )
    counts = {t: sum(1 for _, st, _ in board if st == t) for t in ("submitted", "late", "missing")}
    print(
        f"board selector, every row with its status ({len(board)} rows, {counts}): {s * 1000:.0f} ms, {q} queries"
    )
    s, q, per_year = timed(
        lambda: selectors.report_counts(actor=standing, movement=big, today=TODAY)
    )
    print(f"counts per year for the chart ({len(per_year)} years): {s * 1000:.0f} ms, {q} queries")
    page = f"/phong-trao/{big.pk}/tinh-hinh-bao-cao/"
    s, q, response = timed(lambda: get(page, {"year": year}))
    print(
        f"board page (50 rows, chart; {len(response.content) / 1024:.0f} KiB): {s * 1000:.0f} ms, {q} queries"
    )
    s, q, _ = timed(lambda: get(page, {"year": year, "status": "missing"}))
    print(f"board page filtered to the missing: {s * 1000:.0f} ms, {q} queries")
    tracemalloc.start()
    get(page, {"year": year})
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak Python memory of one board page (tracemalloc): {peak / 1024 / 1024:.1f} MiB")
    s, q, response = timed(lambda: get(page, {"year": year, "export": "xlsx"}))
    print(
        f"board Excel file ({len(board)} rows, {len(response.content) / 1024:.0f} KiB): {s * 1000:.0f} ms, {q} queries"
    )
    api = f"/api/movements/{big.pk}/reports"
    s, q, response = timed(lambda: get(api, {"year": year}))
    print(f"API reports of {year} ({len(response.json())} items): {s * 1000:.0f} ms, {q} queries")
    tracemalloc.start()
    get(api, {"year": year})
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak Python memory of the API call (tracemalloc): {peak / 1024 / 1024:.1f} MiB")
    small_page = f"/phong-trao/{small.pk}/tinh-hinh-bao-cao/"
    _, q_small, _ = timed(lambda: get(small_page, {"year": year}))
    _, q_small_api, _ = timed(lambda: get(f"/api/movements/{small.pk}/reports", {"year": year}))
    print(f"40-unit movement: board page {q_small} queries, API {q_small_api} queries")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak process memory (max RSS, whole run): {rss:.0f} MiB")


if __name__ == "__main__":
    main()
