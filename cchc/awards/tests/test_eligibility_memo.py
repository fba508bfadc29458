"""`evaluate_many` shares the reasons of candidates with the same facts: it must say exactly what `evaluate`
says for each of them, for every programme of every seed file."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from cchc.awards.rules.eligibility import evaluate, evaluate_many
from cchc.awards.rules.facts import (
    DisciplineRecord,
    Initiative,
    ManualCheck,
    MembersSummary,
    Nomination,
    ParResult,
    PersonFacts,
    PositionSpell,
    UnitFacts,
)
from cchc.awards.rules.schema import load_all

YEARS = range(2022, 2031)
BLOCS = [("so-nganh", "department"), ("phuong", "ward"), ("xa-dac-khu", "commune")]


def _units(rng: random.Random, n: int) -> list[UnitFacts]:
    units = []
    for i in range(1, n + 1):
        bloc, kind = BLOCS[i % 3]
        rank = rng.randint(1, 20)
        units.append(
            UnitFacts(
                id=i,
                name=f"Đơn vị {i}",
                kind=kind,
                blocs={y: bloc for y in YEARS},
                ancestors=frozenset({1000}) if i % 4 else frozenset(),
                par=(
                    None
                    if i % 11 == 0
                    else {
                        y: ParResult(y, bloc, rank, 20, rank, Decimal(80), "Khá", y < 2029)
                        for y in YEARS
                        if rng.random() < 0.8
                    }
                ),
                initiatives=tuple(
                    Initiative(i * 10 + k, f"SK {k}", rng.choice(YEARS), "unit", date(2027, 1, 1))
                    for k in range(rng.randint(0, 2))
                ),
                evaluation={y: rng.choice(["htxs", "htt", None]) for y in YEARS},
                titles={
                    y: frozenset({"tap_the_ldxs"}) if rng.random() < 0.3 else frozenset()
                    for y in YEARS
                },
                members={
                    y: MembersSummary(10, {"cstd_co_so": rng.randint(0, 3)}, {"htt": 7})
                    for y in YEARS
                },
                member_discipline=(
                    (DisciplineRecord(5, "Nguyễn Văn A", "canh_cao", date(2026, 5, 1)),)
                    if i % 7 == 0
                    else ()
                ),
                nominations=(
                    (
                        Nomination(
                            i,
                            "hp2162_gd_co_thi_dua",
                            "collective",
                            f"hồ sơ số {i}",
                            1,
                            "X",
                            period=(2026, 2030),
                            unit_id=i,
                        ),
                    )
                    if i % 5 == 0
                    else ()
                ),
                plan_on_time_rate={y: Decimal(rng.randint(50, 100)) for y in YEARS},
                movement_report_on_time={y: rng.random() < 0.5 for y in YEARS},
                registered={y: True for y in YEARS},
            )
        )
    return units


def _people(rng: random.Random, units: list[UnitFacts], n: int) -> list[PersonFacts]:
    people = []
    for i in range(1, n + 1):
        unit = units[i % len(units)]
        people.append(
            PersonFacts(
                id=i,
                name=f"Cán bộ {i}",
                unit_id=unit.id,
                unit=unit if i % 13 else None,
                employment=rng.choice(["cong_chuc", "vien_chuc", None]),
                positions=(
                    (
                        PositionSpell(
                            date(2024, 1, 1), None, "Chuyên viên", "", rng.choice([True, None])
                        ),
                    )
                    if i % 3 == 0
                    else None
                ),
                cchc_years=None
                if i % 3 == 0
                else {y: rng.choice([True, False, None]) for y in YEARS},
                initiatives=() if i % 4 else (Initiative(i, "SK", 2026, "unit", date(2026, 9, 1)),),
                discipline=()
                if i % 9
                else (DisciplineRecord(i, f"Cán bộ {i}", "khien_trach", date(2026, 3, 1)),),
                titles={
                    y: frozenset({"cstd_co_so"}) if rng.random() < 0.5 else frozenset()
                    for y in YEARS
                },
                evaluation={y: rng.choice(["htxs", "htt", None]) for y in YEARS},
                nominations=(),
                manual_checks=(
                    (
                        ManualCheck(
                            "hp2162_tp_hang_nam_ca_nhan",
                            "pham_chat",
                            True,
                            "A",
                            date(2027, 2, 1),
                            year=2026,
                        ),
                    )
                    if i % 6 == 0
                    else ()
                ),
            )
        )
    return people


def test_evaluate_many_says_what_evaluate_says_for_every_candidate():
    rng = random.Random(7)
    units = _units(rng, 60)
    people = _people(rng, units, 400)
    compared = 0
    for pf in load_all():
        for prog in pf.programmes:
            candidates = units if prog.subject == "collective" else people
            if prog.subject == "household":
                continue
            for year in (2026, 2027) if prog.kind != "period_end" else (None,):
                many = evaluate_many(prog, candidates, year=year, issuer_unit_id=1000)
                for cand, got in zip(candidates, many, strict=True):
                    want = evaluate(prog, cand, year=year, issuer_unit_id=1000)
                    assert (got.subject_id, got.subject_name, got.verdict) == (
                        want.subject_id,
                        want.subject_name,
                        want.verdict,
                    )
                    assert [(d, r.text, r.outcome) for d, r in got.lines()] == [
                        (d, r.text, r.outcome) for d, r in want.lines()
                    ], (prog.code, cand.name)
                    compared += 1
    assert compared > 10_000


def test_the_engine_never_changes_the_facts_it_reads():
    """Reasons are shared by the identity of the facts (`memo`), so facts must stay as they were made: the
    engine reads them only (the kinds made in bulk are not `frozen`, for speed)."""
    import copy

    rng = random.Random(11)
    units = _units(rng, 30)
    people = _people(rng, units, 120)
    before = copy.deepcopy((units, people))
    for pf in load_all():
        for prog in pf.programmes:
            if prog.subject == "household":
                continue
            candidates = units if prog.subject == "collective" else people
            year = 2027 if prog.kind != "period_end" else None
            evaluate_many(prog, candidates, year=year, issuer_unit_id=1000, shared={})
            for cand in candidates[:10]:
                evaluate(prog, cand, year=year, issuer_unit_id=1000).lines()
    assert (units, people) == before
