"""Three-valued logic of combined standards: pass, fail and unknown ("cần kiểm tra")."""

from __future__ import annotations

import pytest

from cchc.awards.rules.eligibility import evaluate
from cchc.awards.rules.schema import parse_programme_data
from cchc.awards.tests.factories import checks, ward

P, F, U = "pass", "fail", "unknown"


def _programme(kind: str, n: int, k: int | None = None):
    group = {
        "kind": kind,
        "source": "KH mẫu, mục 1",
        "of": [
            {
                "kind": "manual",
                "code": f"m{i}",
                "text": f"Tiêu chuẩn {i}",
                "source": f"KH mẫu, mục 1.{i}",
            }
            for i in range(n)
        ],
    }
    if k is not None:
        group["k"] = k
    data = {
        "schema_version": 1,
        "id": "logic",
        "document": {"type": "Kế hoạch", "issuer": "UBND mẫu", "title": "Mẫu"},
        "programmes": [
            {
                "code": "logic",
                "name": "Mẫu",
                "kind": "annual",
                "form": "giay_khen_chu_tich_ubnd_xa",
                "subject": "collective",
                "conferred_by": {"level": "commune", "role": "chairman"},
                "source": "KH mẫu, mục 1",
                "criteria": [group],
            }
        ],
    }
    return parse_programme_data(data).programmes[0]


def _candidate(outcomes: tuple[str, ...]):
    recorded = []
    for i, outcome in enumerate(outcomes):
        if outcome != U:
            recorded.extend(checks("logic", f"m{i}", passed=outcome == P, year=2027))
    return ward(manual_checks=tuple(recorded))


CASES = [
    ("all", None, (P, P, P), P),
    ("all", None, (P, U, P), U),
    ("all", None, (P, U, F), F),
    ("all", None, (U, U, U), U),
    ("any", None, (F, F, P), P),
    ("any", None, (F, U, P), P),
    ("any", None, (F, U, F), U),
    ("any", None, (F, F, F), F),
    ("at_least", 2, (P, P, F), P),
    ("at_least", 2, (P, U, F), U),
    ("at_least", 2, (P, F, F), F),
    ("at_least", 2, (U, U, F), U),
    ("at_least", 3, (P, P, U), U),
]


@pytest.mark.parametrize(("kind", "k", "outcomes", "expected"), CASES)
def test_combined_standards_follow_three_valued_logic(kind, k, outcomes, expected):
    verdict = evaluate(_programme(kind, len(outcomes), k), _candidate(outcomes), year=2027)
    (group,) = verdict.reasons
    assert [c.outcome for c in group.children] == list(outcomes)
    assert group.outcome == expected
    assert verdict.verdict == {P: "eligible", F: "not_eligible", U: "to_check"}[expected]
    assert group.text.endswith("(KH mẫu, mục 1)")
    passes = outcomes.count(P)
    assert f"đạt {passes}/{len(outcomes)}" in group.text


def test_a_fail_beside_an_unknown_at_the_top_is_not_eligible():
    prog = _programme("any", 1)
    data = prog.model_dump()
    assert data["criteria"][0]["kind"] == "any"
    verdict = evaluate(
        prog, ward(manual_checks=checks("logic", "m0", passed=False, year=2027)), year=2027
    )
    assert verdict.verdict == "not_eligible"
    assert (
        "Đã kiểm tra: Tiêu chuẩn 0 — không đạt (Trần Văn Bình, 01/03/2027"
        in verdict.lines()[1][1].text
    )


def test_a_manual_standard_checked_for_another_year_stays_to_check():
    verdict = evaluate(
        _programme("all", 1), ward(manual_checks=checks("logic", "m0", year=2026)), year=2027
    )
    assert verdict.verdict == "to_check"
    assert "Cần kiểm tra: Tiêu chuẩn 0" in verdict.lines()[1][1].text


def test_a_person_is_not_a_candidate_of_a_programme_for_collectives():
    from cchc.awards.tests.factories import person

    verdict = evaluate(_programme("all", 1), person(), year=2027)
    assert verdict.verdict == "not_eligible"
    assert verdict.reasons[0].text == "Chương trình xét tập thể (KH mẫu, mục 1)"
