"""Benchmark: every programme of the city plan (2162/QĐ-UBND) evaluated for 4,000 units and 40,000 people.

Run: .venv/bin/python bench/award_rules.py [--units 4000] [--people 40000] [--years 5]

It builds synthetic facts (plain dataclasses, no database): units in the three blocs with a PAR result, two
initiatives, discipline records, nominations and manual checks for some; people with an evaluation class, CCHC
years, initiatives and their unit. Then it times, side by side:

- reading: one pass over the same candidates touching the facts a programme reads (the floor any engine pays);
- evaluating: `eligibility.evaluate` for every candidate and every programme of the subject, annual programmes
  once per year of 2026-2030, period-end programmes once, ad-hoc ones once: every outcome and reason is decided;
  the sentences are rendered when read, which `--render` does for every reason (timed apart).

- evaluating with `evaluate_many` (one call per programme and year, its verdicts kept together): each rule
  decided once per distinct facts it reads, the same verdicts (checked).

It prints the number of evaluations, the times, the ratio, the verdict counts and peak memory.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cchc.awards.rules.eligibility import evaluate, evaluate_many  # noqa: E402
from cchc.awards.rules.facts import (  # noqa: E402
    DisciplineRecord,
    Initiative,
    ManualCheck,
    ParResult,
    PersonFacts,
    UnitFacts,
)
from cchc.awards.rules.schema import load_all  # noqa: E402

BLOCS = [
    ("so-nganh", "department", 0.05),
    ("phuong", "ward", 0.35),
    ("xa-dac-khu", "commune", 0.60),
]
YEARS = list(range(2026, 2031))


def _pick_bloc(r: float) -> tuple[str, str]:
    acc = 0.0
    for code, kind, share in BLOCS:
        acc += share
        if r <= acc:
            return code, kind
    return BLOCS[-1][0], BLOCS[-1][1]


def build_units(n: int, rng: random.Random) -> list[UnitFacts]:
    units: list[UnitFacts] = []
    per_bloc: dict[str, list[int]] = {}
    for i in range(n):
        code, kind = _pick_bloc(rng.random())
        per_bloc.setdefault(code, []).append(i)
        units.append(
            UnitFacts(id=i + 1, name=f"Đơn vị {i + 1}", kind=kind, blocs={y: code for y in YEARS})
        )
    # ranks per bloc and year (award order = rank)
    pars: dict[int, dict[int, ParResult]] = {u.id: {} for u in units}
    for code, members in per_bloc.items():
        for year in YEARS[:-1]:
            order = members[:]
            rng.shuffle(order)
            for rank, idx in enumerate(order, start=1):
                uid = idx + 1
                pars[uid][year] = ParResult(
                    year=year,
                    bloc_code=code,
                    rank=rank,
                    of=len(order),
                    award_order=rank,
                    score=Decimal(100 - rank * 50 // len(order)),
                    band="Khá",
                )
    built: list[UnitFacts] = []
    for u in units:
        initiatives = tuple(
            Initiative(
                id=u.id * 10 + k,
                title=f"Sáng kiến {k}",
                year=rng.choice(YEARS),
                level="unit",
                recognised_on=date(2027, 5, 1) if rng.random() < 0.8 else None,
            )
            for k in range(rng.randint(0, 3))
        )
        discipline = (
            (DisciplineRecord(u.id, "Nguyễn Văn A", "khien_trach", date(rng.choice(YEARS), 6, 1)),)
            if rng.random() < 0.05
            else ()
        )
        checks = tuple(
            ManualCheck(
                programme=p, criterion=c, passed=True, checked_by="x", checked_on=date(2030, 3, 1)
            )
            for p, c in (("hp2162_gd_co_thi_dua", "xuat_sac_duoc_de_xuat"),)
            if rng.random() < 0.1
        )
        built.append(
            UnitFacts(
                id=u.id,
                name=u.name,
                kind=u.kind,
                blocs=u.blocs,
                par=pars[u.id],
                initiatives=initiatives,
                member_discipline=discipline,
                nominations=(),
                manual_checks=checks,
            )
        )
    return built


def build_people(n: int, units: list[UnitFacts], rng: random.Random) -> list[PersonFacts]:
    classes = ["htxs", "htt", "htt", "ht", None]
    people = []
    for i in range(n):
        unit = units[i % len(units)]
        people.append(
            PersonFacts(
                id=i + 1,
                name=f"Cán bộ {i + 1}",
                unit_id=unit.id,
                unit=unit,
                employment="cong_chuc",
                evaluation={y: rng.choice(classes) for y in YEARS},
                cchc_years={y: rng.random() < 0.6 for y in YEARS},
                initiatives=tuple(
                    Initiative(
                        id=i * 10 + k,
                        title="Sáng kiến",
                        year=rng.choice(YEARS),
                        level="unit",
                        recognised_on=date(2027, 5, 1),
                    )
                    for k in range(rng.randint(0, 1))
                ),
                discipline=(),
                nominations=(),
            )
        )
    return people


def jobs(units, people, years):
    (city,) = [pf for pf in load_all() if pf.id == "hp-2162-2026"]
    out = []
    for prog in city.programmes:
        candidates = units if prog.subject == "collective" else people
        if prog.kind == "annual":
            for year in YEARS[:years]:
                out.append((prog, candidates, year))
        elif prog.kind == "ad_hoc":
            out.append((prog, candidates, 2027))
        else:
            out.append((prog, candidates, None))
    return out


def read_only(job_list) -> int:
    """Touch the facts a programme reads, candidate by candidate: the floor of any evaluation."""
    touched = 0
    for _prog, candidates, year in job_list:
        for cand in candidates:
            unit = cand if isinstance(cand, UnitFacts) else cand.unit
            y = year or 2030
            touched += unit.blocs.get(y) is not None
            res = unit.par.get(y) if unit.par else None
            touched += res is not None and (res.award_order or 0) <= 5
            touched += len(cand.initiatives or ())
            if isinstance(cand, PersonFacts):
                touched += (cand.evaluation or {}).get(y) == "htxs"
                touched += bool((cand.cchc_years or {}).get(y))
            touched += len(cand.manual_checks)
    return touched


def run_all(job_list, render: bool = False) -> Counter:
    counts: Counter = Counter()
    for prog, candidates, year in job_list:
        for cand in candidates:
            verdict = evaluate(prog, cand, year=year)
            counts[verdict.verdict] += 1
            if render:
                for _depth, reason in verdict.lines():
                    counts["sentences"] += len(reason.text) > 0
    return counts


def run_many(job_list) -> Counter:
    """The same verdicts through `evaluate_many`, one call per programme and year (the verdicts of one call
    kept together, as a page or the ORM layer keeps them)."""
    counts: Counter = Counter()
    for prog, candidates, year in job_list:
        counts.update(v.verdict for v in evaluate_many(prog, candidates, year=year))
    return counts


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
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument(
        "--render",
        action="store_true",
        help="also render every sentence of every verdict (timed apart)",
    )
    args = parser.parse_args()
    rng = random.Random(2026)
    t0 = time.perf_counter()
    units = build_units(args.units, rng)
    people = build_people(args.people, units, rng)
    job_list = jobs(units, people, args.years)
    evaluations = sum(len(c) for _, c, _ in job_list)
    print(
        f"facts built in {time.perf_counter() - t0:.2f} s: {len(units)} units, {len(people)} people"
    )
    print(
        f"programmes of the city plan: {len({p.code for p, _, _ in job_list})}; evaluations: {evaluations:,}"
    )

    read_only(job_list)  # warm-up
    t0 = time.perf_counter()
    read_only(job_list)
    t_read = time.perf_counter() - t0

    t0 = time.perf_counter()
    counts = run_all(job_list)
    t_eval = time.perf_counter() - t0

    t0 = time.perf_counter()
    many = run_many(job_list)
    t_many = time.perf_counter() - t0
    assert many == counts, (many, counts)

    print(f"calibration (3M dict lookups): {calibrate():.2f} s")
    print(f"reading the facts:      {t_read:6.2f} s")
    print(
        f"evaluating (reasons):   {t_eval:6.2f} s  ({t_eval / evaluations * 1e6:.1f} µs per evaluation)"
    )
    print(f"ratio evaluate / read:  {t_eval / t_read:6.1f}")
    print(
        f"evaluate_many:          {t_many:6.2f} s  ({t_many / evaluations * 1e6:.1f} µs per evaluation), "
        f"ratio to read {t_many / t_read:.1f}"
    )
    print("verdicts:", dict(counts))
    if args.render:
        t0 = time.perf_counter()
        rendered = run_all(job_list, render=True)
        t_render = time.perf_counter() - t0
        print(
            f"evaluating and rendering every sentence: {t_render:6.2f} s "
            f"({rendered['sentences']:,} sentences)"
        )
    print(
        f"peak process memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
    )


if __name__ == "__main__":
    main()
