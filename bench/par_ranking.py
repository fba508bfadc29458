"""Benchmark: the PAR Index of 4,000 units with 120 criteria each, computed from the answers and ranked.

Run: .venv/bin/python bench/par_ranking.py [--units 4000] [--database-url postgres://...]

It builds a throw-away database (a temporary SQLite file unless --database-url is given), creates the units in
three blocs, one criteria set per bloc (118 scored criteria + 2 survey items), opens a round (one answer per
unit and criterion), fills random appraised and survey scores, finalises every assessment, then times
`result_services.results_compute` (sums per unit and area in the database, index, competition rank and award order
per bloc, band, results written) and the reads the award rules use. It prints wall time and peak memory.
"""

import argparse
import resource
import sys
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import configure  # noqa: E402

from cchc.core.scope import SYSTEM  # noqa: E402

AREAS = [15, 15, 15, 15, 15, 15, 14, 14]  # 118 scored criteria of 0.5 points: 59 points
SURVEY = [("S1", "25"), ("S2", "16")]  # 41 points: 100 in all


def build(n_units: int):
    from django.db import connection, transaction

    from cchc.core.scope import SYSTEM
    from cchc.orgs.choices import BlocCode, UnitKind
    from cchc.orgs.models import Bloc, BlocMembership, Unit
    from cchc.par import criteria_services, round_services
    from cchc.par.choices import AssessmentStatus, Method, Part
    from cchc.par.models import Answer, Assessment
    from cchc.par.scoring import Node

    with transaction.atomic():
        city = Unit.objects.create(kind=UnitKind.CITY, name="Quốc gia (thử tải)", path="")
        Unit.objects.filter(pk=city.pk).update(path=f"/{city.pk}/")
        city.path = f"/{city.pk}/"
        split = {
            BlocCode.DEPARTMENTS: (UnitKind.DEPARTMENT, n_units // 8),
            BlocCode.WARDS: (UnitKind.WARD, n_units * 3 // 8),
        }
        split[BlocCode.COMMUNES] = (UnitKind.COMMUNE, n_units - sum(n for _, n in split.values()))
        memberships = []
        for code, (kind, count) in split.items():
            bloc = Bloc.objects.create(code=code, name=code, organiser=city)
            units = Unit.objects.bulk_create(
                [
                    Unit(parent=city, kind=kind, name=f"{kind} {i:05d}", path="")
                    for i in range(count)
                ],
                batch_size=1000,
            )
            for u in units:
                u.path = f"{city.path}{u.pk}/"
            Unit.objects.bulk_update(units, ["path"], batch_size=1000)
            memberships += [BlocMembership(bloc=bloc, unit=u, year=2030) for u in units]
        BlocMembership.objects.bulk_create(memberships, batch_size=2000)
        nodes = []
        for a, leaves in enumerate(AREAS, start=1):
            nodes.append(Node(code=str(a), name=f"Lĩnh vực {a}", max_score=Decimal("0.5") * leaves))
            nodes += [
                Node(code=f"{a}.{i}", name=f"Tiêu chí {a}.{i}", max_score=Decimal("0.5"))
                for i in range(1, leaves + 1)
            ]
        nodes += [
            Node(code=c, name=c, max_score=Decimal(m), part=Part.SURVEY, method=Method.SURVEY)
            for c, m in SURVEY
        ]
        for code in split:
            criteria_services.set_create(
                actor=SYSTEM,
                organiser=city,
                year=2030,
                bloc_code=code,
                name=f"Bộ chỉ số thử tải {code}",
                appraised_max=Decimal("59"),
                survey_max=Decimal("41"),
                nodes=nodes,
                audit_it=False,
            )
        from datetime import date

        d = date(2030, 1, 1)
        rnd = round_services.round_create(
            actor=SYSTEM,
            organiser=city,
            year=2030,
            self_start=d,
            self_end=d,
            appraisal_start=d,
            appraisal_end=d,
            response_start=d,
            response_end=d,
            audit_it=False,
        )
        round_services.round_open(actor=SYSTEM, round_=rnd)
        # Pseudo-random scores from the row ids (same on SQLite and PostgreSQL): each unit gets a share of
        # full marks (0.5 instead of 0.25) between 40 and 100 %; survey items 70-100 % of the maximum.
        with connection.cursor() as cur:
            cur.execute(
                "UPDATE par_answer SET appraised_score = CASE WHEN (id * 7919) %% 100 < 40 + (assessment_id * 37) %% 60 "
                "THEN 0.5 ELSE 0.25 END WHERE criterion_id IN (SELECT id FROM par_criterion WHERE method <> %s)",
                [Method.SURVEY],
            )
            cur.execute(
                "UPDATE par_answer SET appraised_score = ROUND((SELECT c.max_score FROM par_criterion c "
                "WHERE c.id = par_answer.criterion_id) * (70 + (id * 31 + assessment_id * 7) %% 31) / 100.0, 2) "
                "WHERE criterion_id IN (SELECT id FROM par_criterion WHERE method = %s)",
                [Method.SURVEY],
            )
            cur.execute("UPDATE par_answer SET self_score = appraised_score")
        n_answers = Answer.objects.filter(assessment__round=rnd).count()
        Assessment.objects.filter(round=rnd).update(status=AssessmentStatus.FINALISED)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    return rnd, n_answers


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=4000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    url = configure(args.database_url)
    engine = url.split(":", 1)[0]

    t0 = time.perf_counter()
    rnd, n_answers = build(args.units)
    setup = time.perf_counter() - t0

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cchc.core.scope import SYSTEM
    from cchc.par import result_services, selectors
    from cchc.par.models import Result

    t0 = time.perf_counter()
    with CaptureQueriesContext(connection) as ctx:
        count = result_services.results_compute(actor=SYSTEM, round_=rnd)
    compute = time.perf_counter() - t0
    # Once more under tracemalloc, for the peak of Python memory (tracemalloc slows it down, so not timed).
    tracemalloc.start()
    result_services.results_compute(actor=SYSTEM, round_=rnd)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    Result.objects.filter(round=rnd).update(published=True)

    t0 = time.perf_counter()
    ranking = selectors.bloc_ranking(year=2030, bloc_code="xa-dac-khu")
    read = time.perf_counter() - t0
    t0 = time.perf_counter()
    top = selectors.top_n(year=2030, bloc_code="phuong", n=5)
    top_time = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    ties = sum(1 for a, b in zip(ranking, ranking[1:], strict=False) if a.rank == b.rank)
    print(f"engine: {engine}")
    print(f"units: {args.units}, criteria per unit: 120, answers: {n_answers}")
    print(f"setup (units, sets, round, answers): {setup:.1f} s")
    print(
        f"results_compute (sum answers, index, rank, band, write {count} results): {compute:.2f} s, {len(ctx.captured_queries)} queries"
    )
    print(f"peak Python memory during the computation (tracemalloc): {peak / 1024 / 1024:.1f} MiB")
    print(f"peak process memory (max RSS, whole run): {rss:.0f} MiB")
    print(
        f"bloc_ranking of the largest bloc ({len(ranking)} units, {ties} tied pairs): {read * 1000:.0f} ms"
    )
    print(f"top_n(n=5) of the ward bloc: {top_time * 1000:.1f} ms -> {[r.unit_name for r in top]}")


if __name__ == "__main__":
    main()
