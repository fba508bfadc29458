"""API of eligibility: `GET /api/awards/programmes/{id}/eligibility?year=YYYY` (or `?period=2026-2030`).

Scoped like the page: a programme of a level the caller cannot read is 404; a user of a unit below the issuing
level gets only the candidates of their own units. A bad year or period answers 400 with a Vietnamese detail.
"""

from __future__ import annotations

from ninja import Router, Schema

from cchc.awards import eligibility, eligibility_reads
from cchc.awards.rule_files import programme_rule
from cchc.awards.rules.eligibility import describe_programme

router = Router(tags=["awards"])


class CandidateOut(Schema):
    kind: str
    id: int
    name: str


class ReasonOut(Schema):
    text: str
    clause: str
    outcome: str
    depth: int


class VerdictOut(Schema):
    candidate: CandidateOut
    verdict: str
    label: str
    bloc: str | None
    reasons: list[ReasonOut]


class EligibilityOut(Schema):
    programme_id: int
    code: str
    year: int
    period: list[int] | None
    rule: list[str]
    counts: dict[str, int]
    items: list[VerdictOut]


@router.get("/awards/programmes/{int:programme_id}/eligibility", response=EligibilityOut)
def programme_eligibility(request, programme_id: int, year: str = "", period: str = ""):
    """Every candidate of the programme the caller may see, with its verdict (eligible, not_eligible,
    to_check) and its reasons, each a Vietnamese sentence with its clause and outcome (pass, fail, unknown);
    the lines of a combined standard follow it with a greater `depth`."""
    programme = eligibility_reads.programme_get(actor=request.user, pk=programme_id)
    when = eligibility.occasion(
        programme, year=eligibility.parse_year(year), period=eligibility.parse_period(period)
    )
    found = eligibility_reads.rows(request.user, programme, when)
    _pf, rule = programme_rule(programme)
    return {
        "programme_id": programme.pk,
        "code": programme.code,
        "year": when.year,
        "period": list(when.period) if when.period else None,
        "rule": describe_programme(rule, year=when.year, period=when.period),
        "counts": eligibility_reads.counts(found),
        "items": [
            {
                "candidate": {
                    "kind": row.kind,
                    "id": row.verdict.subject_id,
                    "name": row.verdict.subject_name,
                },
                "verdict": row.verdict.verdict,
                "label": row.verdict.label,
                "bloc": row.bloc_code,
                "reasons": [
                    {"text": r.text, "clause": r.clause, "outcome": r.outcome, "depth": depth}
                    for depth, r in row.verdict.lines()
                ],
            }
            for row in found
        ],
    }
