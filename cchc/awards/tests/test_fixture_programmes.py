"""Programme files in other wordings than the seeds (written for these tests) fit the same vocabulary."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cchc.awards.rules.eligibility import evaluate
from cchc.awards.rules.facts import DisciplineRecord, HouseholdFacts, MembersSummary
from cchc.awards.rules.schema import load_all
from cchc.awards.tests.factories import D, checks, initiative, par, person, ward

FIXTURES = Path(__file__).parent / "fixtures"


def prog(code: str):
    for pf in load_all(FIXTURES):
        for p in pf.programmes:
            if p.code == code:
                return p
    raise KeyError(code)


def _line(verdict, fragment):
    return next(r for _, r in verdict.lines() if fragment in r.text)


@pytest.mark.parametrize(
    ("case", "members", "records", "outcome_share", "outcome_discipline", "verdict"),
    [
        (
            "28 of 40 advanced workers, nobody disciplined",
            MembersSummary(40, {"ldtt": 28}),
            (),
            "pass",
            "pass",
            "eligible",
        ),
        (
            "27 of 40 is under 70%",
            MembersSummary(40, {"ldtt": 27}),
            (),
            "fail",
            "pass",
            "not_eligible",
        ),
        (
            "a warning in the year",
            MembersSummary(40, {"ldtt": 30}),
            (DisciplineRecord(1, "Đỗ Văn Tú", "canh_cao", date(2027, 4, 2)),),
            "pass",
            "fail",
            "not_eligible",
        ),
        (
            "a reprimand is below the bar",
            MembersSummary(40, {"ldtt": 30}),
            (DisciplineRecord(1, "Đỗ Văn Tú", "khien_trach", date(2027, 4, 2)),),
            "pass",
            "pass",
            "eligible",
        ),
        (
            "a warning of the year before still in force",
            MembersSummary(40, {"ldtt": 30}),
            (
                DisciplineRecord(
                    1, "Đỗ Văn Tú", "canh_cao", date(2026, 6, 1), ends_on=date(2027, 6, 1)
                ),
            ),
            "pass",
            "fail",
            "not_eligible",
        ),
        ("no count of members", None, (), "unknown", "pass", "to_check"),
    ],
)
def test_advanced_collective_needs_70_percent_advanced_workers_and_nobody_warned(
    case, members, records, outcome_share, outcome_discipline, verdict
):
    unit = ward(
        evaluation={2027: "htt"},
        members={2027: members} if members else {},
        member_discipline=records,
    )
    result = evaluate(prog("mau_ttldtt"), unit, year=2027)
    assert result.reasons[1].outcome == outcome_share
    assert result.reasons[2].outcome == outcome_discipline
    assert result.verdict == verdict
    assert result.reasons[1].text.endswith("(QĐ mẫu, Điều 3.b)")


def test_excellent_collective_needs_every_member_rated_and_one_grassroots_emulation_fighter():
    full = MembersSummary(10, {"ldtt": 8, "cstd_co_so": 1}, {"htxs": 2, "htt": 6, "ht": 2})
    verdict = evaluate(
        prog("mau_ttldxs"), ward(evaluation={2027: "htxs"}, members={2027: full}), year=2027
    )
    assert verdict.verdict == "eligible"
    missing = MembersSummary(10, {"ldtt": 8, "cstd_co_so": 0}, {"htxs": 2, "htt": 6})
    verdict = evaluate(
        prog("mau_ttldxs"), ward(evaluation={2027: "htxs"}, members={2027: missing}), year=2027
    )
    assert _line(verdict, "được xếp loại từ").outcome == "unknown"
    assert "2 người chưa được xếp loại" in _line(verdict, "được xếp loại từ").text
    assert _line(verdict, "Chiến sĩ thi đua cơ sở").outcome == "fail"
    assert verdict.verdict == "not_eligible"


@pytest.mark.parametrize(
    ("facts", "verdict"),
    [
        (
            {"titles": {2026: frozenset({"cstd_co_so"}), 2027: frozenset({"cstd_co_so", "ldtt"})}},
            "eligible",
        ),
        (
            {"titles": {2026: frozenset(), 2027: frozenset({"cstd_co_so"})}, "evaluation": {}},
            "to_check",
        ),
        (
            {
                "titles": {2026: frozenset(), 2027: frozenset()},
                "evaluation": {2026: "htxs", 2027: "htxs"},
                "initiatives": (initiative(2026, "commune"), initiative(2027, "commune", ident=2)),
            },
            "eligible",
        ),
        (
            {
                "titles": {2026: frozenset(), 2027: frozenset()},
                "evaluation": {2026: "htt", 2027: "htxs"},
                "initiatives": (initiative(2026, "commune"), initiative(2027, "commune", ident=2)),
            },
            "not_eligible",
        ),
    ],
)
def test_certificate_for_two_years_as_emulation_fighter_or_two_excellent_years_with_two_initiatives(
    facts, verdict
):
    result = evaluate(prog("mau_bk_ca_nhan"), person(**facts), year=2027)
    assert result.verdict == verdict


def test_evaluation_class_is_a_gate_and_two_of_three_figures_suffice():
    unit = ward(
        bloc="khoi-xa-mau",
        registered={2027: True},
        movement_report_on_time={2027: True},
        evaluation={2027: "htt"},
        par={2027: par(2027, 3, bloc="khoi-xa-mau", score=D("86.20"), band="Trung bình")},
        plan_on_time_rate={2027: D("92")},
    )
    verdict = evaluate(prog("mau_bk_tap_the"), unit, year=2027)
    assert verdict.verdict == "eligible"
    assert "Chỉ số CCHC năm 2027: 86,2 điểm — đạt mức từ 85 điểm (99/KH-UBND, mục IV.2.b)" in [
        r.text for _, r in verdict.lines()
    ]
    assert _line(verdict, "xếp loại “Trung bình”").outcome == "fail"
    gated = evaluate(
        prog("mau_bk_tap_the"), ward(bloc="khoi-xa-mau", evaluation={2027: "ht"}), year=2027
    )
    reason = _line(gated, "Xếp loại năm 2027")
    assert reason.outcome == "fail"
    assert reason.text.endswith("(99/KH-UBND, mục IV.2.a)")
    unregistered = evaluate(
        prog("mau_bk_tap_the"), ward(bloc="khoi-xa-mau", registered={2027: False}), year=2027
    )
    assert _line(unregistered, "đăng ký thi đua").text.startswith(
        "Không đăng ký thi đua năm 2027 — không đạt"
    )


def test_households_are_candidates_of_their_own_programmes():
    household = HouseholdFacts(id=1, name="Hộ ông Vũ Văn Lực", unit_id=20)
    assert evaluate(prog("mau_gk_ho_gia_dinh"), household, year=2027).verdict == "to_check"
    checked = HouseholdFacts(
        id=1,
        name="Hộ ông Vũ Văn Lực",
        unit_id=20,
        manual_checks=checks("mau_gk_ho_gia_dinh", "dong_gop", year=2027),
    )
    assert evaluate(prog("mau_gk_ho_gia_dinh"), checked, year=2027).verdict == "eligible"
