"""Benchmark: eligibility of every programme of the city plan (2162/QĐ-UBND) from the database, for 4,000 units
and 40,000 people over 5 years of PAR results, initiatives and titles.

Run: .venv/bin/python bench/award_eligibility.py [--units 4000] [--people 40000] [--database-url postgres://...]
     [--per-programme] [--every-year]

It builds a throw-away database (a temporary SQLite file unless --database-url is given): a city with 4,000
units in its three blocs for 2026-2030 (5 % departments, 35 % wards, 60 % communes), a published PAR result per
unit and year 2026-2030, initiatives (0-1 per unit and year, most recognised, each with an author), 40,000 people
with an evaluation per year (5 % missing), a spell of CCHC work, titles (Lao động tiên tiến about one year in
two) and a few discipline records; the rule file of 2162/QĐ-UBND saved under the city. Then one round: its 10
programmes (annual and ad-hoc ones for 2030, period-end ones for 2026-2030), side by side:

- reading: the rows the round reads (the pools, then each kind of fact once, over the years of the programmes
  that read it), as plain tuples (`values_list`), nothing built from them: the floor of any evaluation from
  the database;
- eligibility: `cchc.awards.eligibility.round_evaluated`: the pools, the facts loaded once and shared, and the
  verdict with its reasons for every candidate of every programme.

Each side runs once to warm up, then both run alternately `--repeat` times (3), each run's result dropped and
collected before the next; the best time of each side is reported (the least disturbed by the other jobs of the
machine), with every time and the queries. The round is then run with one unit and one person and with every candidate, and the bench stops if
the numbers of queries differ. `--per-programme` adds each programme evaluated alone (`evaluated`, what a page
of one programme does) against reading its own inputs; `--every-year` a round for each year of 2026-2030.
"""

from __future__ import annotations

import argparse
import gc
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


def read_round(items) -> int:
    """The rows a round of these programmes reads (`eligibility.round_evaluated`: the pools, then each kind of
    fact once, over the years the programmes that read it look at), as plain tuples; the number of rows."""
    from django.db.models import F, Q

    from cchc.awards import eligibility as elig
    from cchc.awards.facts_loader import _in_window
    from cchc.awards.models import (
        Award,
        CchcAssignment,
        DisciplineRecord,
        Evaluation,
        ManualCheck,
        Nomination,
        UnitEvaluation,
    )
    from cchc.awards.rule_files import programme_rule
    from cchc.initiatives.models import Initiative, InitiativeAuthor
    from cchc.initiatives.selectors import FACT_FIELDS
    from cchc.orgs.models import BlocMembership, Person, Unit
    from cchc.par.models import Result
    from cchc.plans.models import Task

    persons, units = elig.round_needs(items)
    rows: list = []
    issuers = {}
    pools = set()
    for prog, when in items:
        _pf, rule = programme_rule(prog)
        key = elig.pool_key(rule, prog.unit, when.year)
        if rule.subject in ("collective", "person") and key not in pools:
            pools.add(key)
            rows += elig.pool_unit_ids(rule, prog.unit, when.year)
        if rule.subject == "person":
            issuers[prog.unit.path] = prog.unit
    for issuer in issuers.values():
        rows += elig.people_under(issuer)

    def between(span, name="year"):
        return {f"{name}__gte": span.start, f"{name}__lt": span.stop}

    def window(span):
        from datetime import date as day

        return _in_window(day(span.start, 1, 1), day(span.stop - 1, 12, 31))

    def initiatives(span):
        return Initiative.objects.filter(
            status__in=["recognised", "submitted", "scoring"], **between(span)
        )

    if persons is not None:
        rows += BlocMembership.objects.filter(**between(persons.years)).values_list(
            "unit_id", "year"
        )
    if units is not None:
        rows += Unit.objects.values_list("pk", "name", "kind", "path")
        rows += BlocMembership.objects.filter(**between(units.years)).values_list(
            "unit_id", "year", "bloc__code"
        )
        if units.par:
            rows += (
                Result.objects.filter(published=True, **between(units.span("par")))
                .order_by("unit_id", "year", "-round_id")
                .values_list(
                    "unit_id",
                    "year",
                    "bloc_code",
                    "rank",
                    "bloc_size",
                    "award_order",
                    "total",
                    "band",
                )
            )
        if units.initiatives:
            rows += initiatives(units.span("initiatives")).values_list(*FACT_FIELDS, "unit__path")
        if units.plan_on_time:
            rows += Task.objects.filter(
                **between(units.span("plan_on_time"), "plan__year")
            ).values_list(
                "plan_id", "plan__unit_id", "plan__year", "status", "due_on", "completed_on"
            )
        if units.evaluation:
            rows += UnitEvaluation.objects.filter(**between(units.span("evaluation"))).values_list(
                "unit_id", "year", "grade"
            )
        if units.titles or units.members:
            rows += Award.objects.values_list("year", flat=True).distinct()
        if units.titles:
            rows += Award.objects.filter(
                subject="collective", revoked_on__isnull=True, **between(units.span("titles"))
            ).values_list("unit_id", "year", "form")
        if units.members:
            rows += Person.objects.filter(is_active=True).values_list("pk", "unit__path")
            rows += Award.objects.filter(person__isnull=False, revoked_on__isnull=True).values_list(
                "person_id", "year", "form"
            )
            rows += Evaluation.objects.filter(**between(units.span("members"))).values_list(
                "person_id", "year", "grade"
            )
        if units.discipline:
            rows += DisciplineRecord.objects.filter(window(units.span("discipline"))).values_list(
                "person_id",
                "person__full_name",
                "level",
                "decided_on",
                "ends_on",
                "unit_id",
                "unit__path",
            )
        if units.nominations:
            rows += Nomination.objects.filter(person__isnull=True).values_list(
                "pk", "unit_id", "status", "dossier__programme__code", "dossier__number"
            )
        if units.manual:
            rows += ManualCheck.objects.filter(
                programme__code__in=units.manual, unit__isnull=False
            ).values_list("unit_id", "programme__code", "criterion", "passed", "checked_on", "year")
    if persons is not None:
        if persons.initiatives:
            span = persons.span("initiatives")
            rows += (
                InitiativeAuthor.objects.filter(
                    person__isnull=False,
                    initiative__status__in=["recognised", "submitted", "scoring"],
                    **between(span, "initiative__year"),
                )
                .order_by(
                    "initiative__year",
                    F("initiative__recognised_on").asc(nulls_last=True),
                    "initiative_id",
                )
                .values_list(*(f"initiative__{name}" for name in FACT_FIELDS), "person_id")
            )
        if persons.evaluation:
            rows += Evaluation.objects.filter(**between(persons.span("evaluation"))).values_list(
                "person_id", "year", "grade"
            )
        if persons.titles:
            span = persons.span("titles")
            rows += Award.objects.filter(**between(span)).values_list("year", flat=True).distinct()
            rows += Award.objects.filter(
                person__isnull=False, revoked_on__isnull=True, **between(span)
            ).values_list("person_id", "year", "form")
        if persons.positions:
            start = date(persons.span("positions").start, 1, 1)
            rows += (
                CchcAssignment.objects.filter(Q(end__isnull=True) | Q(end__gte=start))
                .order_by("person_id", "start")
                .values_list("person_id", "start", "end", "position", "unit__name", "direct")
            )
        if persons.discipline:
            rows += DisciplineRecord.objects.filter(window(persons.span("discipline"))).values_list(
                "person_id",
                "person__full_name",
                "level",
                "decided_on",
                "ends_on",
                "unit_id",
                "unit__path",
            )
        if persons.nominations:
            rows += Nomination.objects.filter(person__isnull=False).values_list(
                "pk", "person_id", "status", "dossier__programme__code", "dossier__number"
            )
        if persons.manual:
            rows += ManualCheck.objects.filter(
                programme__code__in=persons.manual, person__isnull=False
            ).values_list(
                "person_id", "programme__code", "criterion", "passed", "checked_on", "year"
            )
    return len(rows)


def read_inputs(programme, when) -> int:
    """The rows a programme evaluated alone reads (a round of one)."""
    return read_round([(programme, when)])


def warm(fn):
    """(seconds, queries, result) of a second run, the first one's result dropped and collected before it."""
    timed(fn, runs=1)
    gc.collect()
    return timed(fn, runs=1)


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
        "--per-programme",
        action="store_true",
        help="also each programme evaluated alone (reading vs eligibility, programme by programme)",
    )
    parser.add_argument(
        "--every-year", action="store_true", help="also a round for each year of 2026-2030"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="times each side of the round is measured (best kept)"
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
        Programme.objects.filter(rule_file__file_id="hp-2162-2026")
        .select_related("unit", "rule_file")
        .order_by("pk")
    )

    def round_of(year: int) -> list:
        """Annual and ad-hoc programmes for the year, period-end ones for their period."""
        return [
            (p, eligibility.occasion(p, year=None if p.kind == "period_end" else year))
            for p in programmes
        ]

    items = round_of(2030)
    print(f"calibration (3M dict lookups): {calibrate():.2f} s")
    # Side by side, alternately, `--repeat` times after a warm-up run of each; the best time of each side is
    # reported (the least disturbed by the other jobs of the machine), with every time.
    reads: list[float] = []
    evals: list[float] = []
    timed(lambda: read_round(items), runs=1)
    timed(lambda: eligibility.round_evaluated(items), runs=1)
    found = None
    for _ in range(args.repeat):
        found = None
        gc.collect()
        t, q_read, n_rows = timed(lambda: read_round(items), runs=1)
        reads.append(t)
        gc.collect()
        t, q_eval, found = timed(lambda: eligibility.round_evaluated(items), runs=1)
        evals.append(t)
    t_read, t_eval = min(reads), min(evals)
    assert found is not None
    t_gc = time.perf_counter()
    gc.collect()
    t_gc = time.perf_counter() - t_gc
    print(f"{'programme':36} {'occasion':>10} {'cand.':>7} {'eligible':>9} {'to check':>9}")
    verdicts: Counter = Counter()
    for (prog, when), pairs in zip(items, found, strict=True):
        tally = Counter(v.verdict for _, v in pairs)
        verdicts.update(tally)
        occasion = f"{when.period[0]}-{when.period[1]}" if when.period_end else str(when.year)
        print(
            f"{prog.code:36} {occasion:>10} {len(pairs):7,} {tally['eligible']:9,} {tally['to_check']:9,}"
        )
    print(f"{'':36} {'':>10} {'read':>9} {'q':>3} {'eligibility':>12} {'q':>3} {'ratio':>6}")
    print(
        f"{'one round, ' + str(len(items)) + ' programmes':36} {'2030':>10} {t_read:8.2f}s {q_read:3} "
        f"{t_eval:11.2f}s {q_eval:3} {t_eval / t_read:6.1f}"
    )
    print(
        "every time, read: "
        + ", ".join(f"{t:.2f}" for t in reads)
        + " s; eligibility: "
        + ", ".join(f"{t:.2f}" for t in evals)
        + " s"
    )
    print(f"rows read: {n_rows:,}; verdicts: {dict(verdicts)}")
    print(f"then a full collection of the cyclic garbage collector: {t_gc:.2f} s")
    del found
    gc.collect()
    every_unit = [u for u in _pool_ids(items, "collective")]
    every_person = [u for u in _pool_ids(items, "person")]
    _, q_one, _ = timed(
        lambda: eligibility.round_evaluated(items, units=every_unit[:1], persons=every_person[:1]),
        runs=1,
    )
    _, q_all, _ = timed(
        lambda: eligibility.round_evaluated(items, units=every_unit, persons=every_person),
        runs=1,
    )
    assert q_one == q_all, (q_one, q_all)
    print(
        f"queries of the round with one unit and one person = with {len(every_unit):,} units and "
        f"{len(every_person):,} people: {q_one} = {q_all}"
    )
    if args.per_programme:
        header = f"{'programme alone':36} {'occasion':>10} {'cand.':>7} {'read':>8} {'q':>3} {'eligibility':>12} {'q':>3} {'ratio':>6}"
        print(header)
        total_read = total_eval = 0.0
        for prog, when in items:
            t_r, q_r, _ = warm(lambda p=prog, w=when: read_inputs(p, w))
            t_e, q_e, alone = warm(lambda p=prog, w=when: eligibility.evaluated(p, w))
            total_read += t_r
            total_eval += t_e
            occasion = f"{when.period[0]}-{when.period[1]}" if when.period_end else str(when.year)
            print(
                f"{prog.code:36} {occasion:>10} {len(alone):7,} {t_r:7.2f}s {q_r:3} "
                f"{t_e:11.2f}s {q_e:3} {t_e / t_r:6.1f}"
            )
            del alone
        print(
            f"{'programme by programme, in all':36} {'':>10} {'':>7} {total_read:7.2f}s {'':>3} "
            f"{total_eval:11.2f}s {'':>3} {total_eval / total_read:6.1f}"
        )
    if args.every_year:
        for year in YEARS:
            t0 = time.perf_counter()
            n = sum(len(pairs) for pairs in eligibility.round_evaluated(round_of(year)))
            print(f"round for {year}: {n:,} verdicts in {time.perf_counter() - t0:.2f} s")
    print(
        f"peak process memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
    )


def _pool_ids(items, subject: str) -> list[int]:
    """Every candidate of the round's pools of one subject, each once."""
    from cchc.awards import eligibility
    from cchc.awards.rule_files import programme_rule

    ids: dict[int, None] = {}
    for prog, when in items:
        _pf, rule = programme_rule(prog)
        if rule.subject != subject:
            continue
        if subject == "collective":
            ids.update(dict.fromkeys(eligibility.pool_unit_ids(rule, prog.unit, when.year)))
        else:
            ids.update(dict.fromkeys(eligibility.pool_person_ids(rule, prog.unit, when.year)))
    return list(ids)


if __name__ == "__main__":
    main()
