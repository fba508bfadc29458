"""Benchmark: eligibility of every programme of the city plan (2162/QĐ-UBND) from the database, for 4,000 units
and 40,000 people over 5 years of PAR results, initiatives and titles.

Run: .venv/bin/python bench/award_eligibility.py [--units 4000] [--people 40000] [--database-url postgres://...]

It builds a throw-away database (a temporary SQLite file unless --database-url is given): a city with 4,000
units in its three blocs for 2026-2030 (5 % departments, 35 % wards, 60 % communes), a published PAR result per
unit and year 2026-2030, initiatives (0-1 per unit and year, most recognised, each with an author), 40,000 people
with an evaluation per year (5 % missing), a spell of CCHC work, titles (Lao động tiên tiến about one year in
two) and a few discipline records; the rule file of 2162/QĐ-UBND saved under the city. Then, programme by
programme (annual and ad-hoc ones for 2030, period-end ones for 2026-2030), side by side:

- reading: the same rows the facts loader reads for that programme, as plain tuples (`values_list`), nothing
  built from them: the floor of any evaluation from the database;
- eligibility: `cchc.awards.eligibility.verdicts(programme)`: the pool, the facts loaded in bulk, and the verdict
  with its reasons for every candidate.

Each step runs twice; the second (warm) run is reported, with its queries. It also checks that the queries do
not grow with the candidates (one candidate and all of them), and times the annual programmes for each of the
five years (`--every-year`).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import configure, timed  # noqa: E402

YEARS = range(2026, 2031)
BLOCS = [
    ("so-nganh", "department", 0.05),
    ("phuong", "ward", 0.35),
    ("xa-dac-khu", "commune", 0.60),
]


def build(n_units: int, n_people: int) -> dict[str, int]:
    """The city, its units, blocs, PAR results, initiatives, people and their facts, in bulk."""
    from django.db import transaction

    from cchc.awards.models import Award, CchcAssignment, DisciplineRecord, Evaluation
    from cchc.awards.rule_files import save_rule_file
    from cchc.awards.rules.schema import PROGRAMMES_DIR
    from cchc.core.scope import SYSTEM
    from cchc.initiatives.models import Initiative, InitiativeAuthor
    from cchc.orgs.models import Bloc, BlocMembership, Person, Unit
    from cchc.par.models import Result, Round

    rng = random.Random(2026)
    counts: dict[str, int] = {}
    with transaction.atomic():
        city = Unit.objects.create(kind="city", name="Thành phố Thử Tải", path="")
        city.path = f"/{city.pk}/"
        Unit.objects.filter(pk=city.pk).update(path=city.path)
        blocs = {
            code: Bloc.objects.create(code=code, name=code, organiser=city) for code, _, _ in BLOCS
        }
        plan: list[tuple[str, str]] = []
        for code, kind, share in BLOCS:
            plan += [(code, kind)] * round(n_units * share)
        plan = plan[:n_units]
        units = Unit.objects.bulk_create(
            [
                Unit(parent=city, kind=kind, name=f"Đơn vị thử tải {i:04d}", path="")
                for i, (_, kind) in enumerate(plan)
            ],
            batch_size=2000,
        )
        for u in units:
            u.path = f"{city.path}{u.pk}/"
        Unit.objects.bulk_update(units, ["path"], batch_size=2000)
        BlocMembership.objects.bulk_create(
            [
                BlocMembership(bloc=blocs[code], unit=u, year=y)
                for u, (code, _) in zip(units, plan, strict=True)
                for y in YEARS
            ],
            batch_size=5000,
        )
        results = []
        for y in YEARS:
            round_ = Round.objects.create(
                organiser=city,
                year=y,
                name=f"Chỉ số CCHC năm {y}",
                status="published",
                self_start=date(y, 1, 1),
                self_end=date(y, 2, 1),
                appraisal_start=date(y, 2, 2),
                appraisal_end=date(y, 3, 1),
                response_start=date(y, 3, 2),
                response_end=date(y, 3, 10),
            )
            for code, _, _ in BLOCS:
                members = [u for u, (c, _) in zip(units, plan, strict=True) if c == code]
                rng.shuffle(members)
                for rank, u in enumerate(members, start=1):
                    score = Decimal(95) - Decimal(rank * 40) / len(members)
                    results.append(
                        Result(
                            round=round_,
                            year=y,
                            unit=u,
                            bloc_code=code,
                            appraised_score=score,
                            survey_score=Decimal(8),
                            applicable_max=Decimal(100),
                            total=score.quantize(Decimal("0.01")),
                            rank=rank,
                            award_order=rank,
                            bloc_size=len(members),
                            band="Tốt",
                            published=True,
                        )
                    )
        Result.objects.bulk_create(results, batch_size=5000)
        counts["PAR results"] = len(results)
        people = Person.objects.bulk_create(
            [
                Person(
                    unit=units[i % len(units)],
                    full_name=f"Cán bộ thử tải {i:05d}",
                    gender="female" if i % 2 else "male",
                    employment_kind="cong_chuc",
                )
                for i in range(n_people)
            ],
            batch_size=5000,
        )
        counts["people"] = len(people)
        rows = []
        for u in units:
            for y in YEARS:
                if rng.random() < 0.6:
                    recognised = rng.random() < 0.8
                    rows.append(
                        Initiative(
                            unit=u,
                            year=y,
                            area="tthc",
                            title=f"Sáng kiến {u.pk}-{y}",
                            description="Nội dung",
                            status="recognised" if recognised else "scoring",
                            level="unit" if recognised else "",
                            recognised_on=date(y, 11, 1) if recognised else None,
                        )
                    )
        initiatives = Initiative.objects.bulk_create(rows, batch_size=5000)
        InitiativeAuthor.objects.bulk_create(
            [
                InitiativeAuthor(initiative=i, person=people[rng.randrange(len(people))], share=100)
                for i in initiatives
            ],
            batch_size=5000,
        )
        counts["initiatives"] = len(initiatives)
        grades = ["htxs"] * 3 + ["htt"] * 5 + ["ht"] * 1
        evaluations = [
            Evaluation(person=p, unit_id=p.unit_id, year=y, grade=rng.choice(grades))
            for p in people
            for y in YEARS
            if rng.random() < 0.95
        ]
        Evaluation.objects.bulk_create(evaluations, batch_size=5000)
        counts["evaluations"] = len(evaluations)
        CchcAssignment.objects.bulk_create(
            [
                CchcAssignment(
                    person=p,
                    unit_id=p.unit_id,
                    start=date(rng.choice([2020, 2026, 2028]), 1, 1),
                    position="Chuyên viên",
                    direct=rng.choice([True, True, True, False, None]),
                )
                for p in people
            ],
            batch_size=5000,
        )
        awards = [
            Award(
                unit_id=p.unit_id,
                subject="person",
                person=p,
                recipient=p.full_name,
                form="ldtt",
                year=y,
                code=f"T{p.pk}-{y}",
            )
            for p in people
            for y in YEARS
            if rng.random() < 0.5
        ] + [
            Award(
                unit=u,
                subject="collective",
                recipient=u.name,
                form="tap_the_ldtt",
                year=y,
                code=f"U{u.pk}-{y}",
            )
            for u in units
            for y in YEARS
            if rng.random() < 0.3
        ]
        Award.objects.bulk_create(awards, batch_size=5000)
        counts["titles"] = len(awards)
        DisciplineRecord.objects.bulk_create(
            [
                DisciplineRecord(
                    person=p, unit_id=p.unit_id, level="khien_trach", decided_on=date(2027, 6, 1)
                )
                for p in people[:: max(1, n_people // 400)]
            ]
        )
        text = (Path(PROGRAMMES_DIR) / "hp-2162-2026.yaml").read_text(encoding="utf-8")
        save_rule_file(text, unit=city, actor=SYSTEM, source_path="hp-2162-2026.yaml")
    counts["units"] = len(units)
    return counts


def read_inputs(programme, when) -> int:
    """The rows the facts loader reads for this programme and occasion, as plain tuples; the number of rows."""
    from cchc.awards import eligibility as elig
    from cchc.awards.facts_loader import needs_of
    from cchc.awards.models import (
        Award,
        CchcAssignment,
        DisciplineRecord,
        Evaluation,
        ManualCheck,
        Nomination,
    )
    from cchc.awards.rule_files import programme_rule
    from cchc.initiatives.models import Initiative, InitiativeAuthor
    from cchc.orgs.models import BlocMembership, Person, Unit
    from cchc.par.models import Result

    _pf, rule = programme_rule(programme)
    needs = needs_of([rule], year=when.year, period=when.period)
    y0, y1 = needs.years.start, needs.years.stop - 1
    rows: list = []
    persons = rule.subject == "person"
    unit_ids = elig.pool_unit_ids(rule, programme.unit, when.year)
    rows += Unit.objects.filter(pk__in=unit_ids).values_list("pk", "name", "kind", "path")
    rows += BlocMembership.objects.filter(year__gte=y0, year__lte=y1).values_list(
        "unit_id", "year", "bloc__code"
    )
    if persons:
        rows += Person.objects.filter(is_active=True).values_list(
            "pk", "full_name", "unit_id", "unit__path", "employment_kind", "gender"
        )
    if needs.par:
        rows += Result.objects.filter(year__gte=y0, year__lte=y1, published=True).values_list(
            "unit_id", "year", "bloc_code", "rank", "bloc_size", "award_order", "total", "band"
        )
    if needs.initiatives:
        recognised = Initiative.objects.filter(
            status__in=["recognised", "submitted", "scoring"], year__gte=y0, year__lte=y1
        )
        rows += recognised.values_list(
            "id", "title", "year", "level", "recognised_on", "unit__path"
        )
        if persons:
            rows += InitiativeAuthor.objects.filter(initiative__in=recognised).values_list(
                "initiative_id", "initiative__title", "initiative__year", "person_id"
            )
    if needs.evaluation and persons:
        rows += Evaluation.objects.filter(year__gte=y0, year__lte=y1).values_list(
            "person_id", "year", "grade"
        )
    if needs.positions:
        rows += CchcAssignment.objects.values_list(
            "person_id", "start", "end", "position", "unit__name", "direct"
        )
    if needs.titles:
        rows += Award.objects.filter(year__gte=y0, year__lte=y1).values_list(
            "unit_id", "person_id", "year", "form"
        )
    if needs.discipline:
        rows += DisciplineRecord.objects.values_list(
            "person_id", "level", "decided_on", "unit__path"
        )
    if needs.nominations:
        rows += Nomination.objects.values_list("pk", "unit_id", "person_id", "status")
    if needs.manual:
        rows += ManualCheck.objects.filter(programme__code__in=needs.manual).values_list(
            "unit_id", "person_id", "criterion", "passed"
        )
    return len(rows)


def calibrate() -> float:
    """Seconds for 3 million dict lookups in a loop: how fast this machine runs Python right now."""
    table = {i: i for i in range(100)}
    t0 = time.perf_counter()
    total = 0
    for i in range(3_000_000):
        total += table.get(i % 100, 0)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=4000)
    parser.add_argument("--people", type=int, default=40000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument(
        "--every-year", action="store_true", help="also the annual programmes for each of 2026-2030"
    )
    args = parser.parse_args()
    url = configure(args.database_url)
    print(f"database: {url.split('@')[-1]}")
    t0 = time.perf_counter()
    counts = build(args.units, args.people)
    print(
        f"built in {time.perf_counter() - t0:.1f} s: "
        + ", ".join(f"{v:,} {k}" for k, v in counts.items())
    )

    from collections import Counter

    from cchc.awards import eligibility
    from cchc.awards.models import Programme

    programmes = list(
        Programme.objects.filter(rule_file__file_id="hp-2162-2026").select_related(
            "unit", "rule_file"
        )
    )
    print(f"calibration (3M dict lookups): {calibrate():.2f} s")
    header = f"{'programme':34} {'occasion':>10} {'cand.':>7} {'read':>8} {'q':>3} {'eligibility':>12} {'q':>3} {'ratio':>6}"
    print(header)
    total_read = total_eval = 0.0
    verdicts: Counter = Counter()
    for prog in programmes:
        year = 2030 if prog.kind != "period_end" else None
        when = eligibility.occasion(prog, year=year)
        t_read, q_read, _ = timed(lambda p=prog, w=when: read_inputs(p, w))
        t_eval, q_eval, found = timed(lambda p=prog, y=year: eligibility.verdicts(p, year=y))
        total_read += t_read
        total_eval += t_eval
        verdicts.update(v.verdict for v in found)
        occasion = (
            f"{when.period[0]}-{when.period[1]}" if prog.kind == "period_end" else str(when.year)
        )
        print(
            f"{prog.code:34} {occasion:>10} {len(found):7,} {t_read:7.2f}s {q_read:3} "
            f"{t_eval:11.2f}s {q_eval:3} {t_eval / t_read:6.1f}"
        )
        ids = [v.subject_id for v in found]
        key = "units" if prog.subject == "collective" else "persons"
        one, every = {key: ids[:1]}, {key: ids}
        _, q_one, _ = timed(
            lambda p=prog, y=year, o=one: eligibility.verdicts(p, year=y, **o), runs=1
        )
        _, q_all, _ = timed(
            lambda p=prog, y=year, e=every: eligibility.verdicts(p, year=y, **e), runs=1
        )
        assert q_one == q_all, (prog.code, q_one, q_all)
    print(
        f"{'all programmes, one round':34} {'':>10} {'':>7} {total_read:7.2f}s {'':>3} "
        f"{total_eval:11.2f}s {'':>3} {total_eval / total_read:6.1f}"
    )
    print("verdicts:", dict(verdicts))
    print("queries with one candidate = queries with all of them, for every programme: yes")
    if args.every_year:
        t0 = time.perf_counter()
        n = 0
        for prog in programmes:
            if prog.kind == "annual":
                for y in YEARS:
                    n += len(eligibility.verdicts(prog, year=y))
        print(
            f"annual programmes for each of 2026-2030: {n:,} verdicts in {time.perf_counter() - t0:.2f} s"
        )
    print(
        f"peak process memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
    )


if __name__ == "__main__":
    main()
