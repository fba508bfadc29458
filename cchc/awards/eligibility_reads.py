"""What a user reads of a programme's eligibility: the programme (404 outside their scope) and the verdicts of
the candidates they may see, as rows for a page, an Excel file or the API.

The standing agency of the programme's level (any grant covering the issuing unit) sees every candidate; a user
of a unit below it reads only the candidates inside their own grants (their ward, its people).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from cchc.awards.eligibility import Occasion, evaluated, occasion, pool_person_ids, pool_unit_ids
from cchc.awards.models import Programme
from cchc.awards.rule_files import programme_rule
from cchc.awards.rules import eligibility as engine
from cchc.awards.rules import vocabulary as v
from cchc.awards.rules.facts import PersonFacts, UnitFacts
from cchc.core.scope import scope_for
from cchc.core.text import fold
from cchc.orgs.models import Person, Unit

__all__ = ["Row", "programme_get", "sees_all", "rows", "counts", "filter_rows", "VERDICT_TONES"]

VERDICT_TONES = {v.ELIGIBLE: "success", v.NOT_ELIGIBLE: "danger", v.TO_CHECK: "warning"}


@dataclass(frozen=True)
class Row:
    """One candidate on the page: its verdict, where it belongs, what a search matches."""

    verdict: engine.Verdict
    kind: str  # "unit" | "person"
    unit_name: str
    bloc_code: str | None
    bloc_name: str
    folded: str

    @property
    def tone(self) -> str:
        return VERDICT_TONES[self.verdict.verdict]


def programme_get(*, actor, pk) -> Programme:
    """A programme the actor may read (its level's or a level above theirs); 404 otherwise."""
    found = (
        Programme.objects.visible_to(actor)
        .select_related("unit", "rule_file")
        .filter(pk=pk, is_active=True)
        .first()
    )
    if found is None:
        raise Http404("Không tìm thấy chương trình khen thưởng.")
    return found


def sees_all(actor, programme: Programme) -> bool:
    """Whether the actor reads every candidate: a grant covering the programme's issuing unit."""
    return scope_for(actor).covers_path(programme.unit.path)


def _visible_candidates(actor, programme: Programme, when: Occasion) -> dict[str, list[int]]:
    _pf, rule = programme_rule(programme)
    scope = scope_for(actor)
    if rule.subject == v.COLLECTIVE:
        ids = pool_unit_ids(rule, programme.unit, when.year)
        if not sees_all(actor, programme):
            paths = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "path"))
            ids = [i for i in ids if scope.covers_path(paths.get(i))]
        return {"units": ids}
    ids = pool_person_ids(rule, programme.unit, when.year)
    if not sees_all(actor, programme):
        paths = dict(Person.objects.filter(pk__in=ids).values_list("pk", "unit__path"))
        ids = [i for i in ids if scope.covers_path(paths.get(i))]
    return {"persons": ids}


def rows(actor, programme: Programme, when: Occasion) -> list[Row]:
    """Every candidate the actor may see, with its verdict."""
    out: list[Row] = []
    for cand, verdict in evaluated(programme, when, **_visible_candidates(actor, programme, when)):
        unit = cand if isinstance(cand, UnitFacts) else getattr(cand, "unit", None)
        bloc = unit.blocs.get(when.year) if unit is not None else None
        kind = "unit" if isinstance(cand, UnitFacts) else "person"
        unit_name = unit.name if unit is not None and isinstance(cand, PersonFacts) else ""
        out.append(
            Row(
                verdict,
                kind,
                unit_name,
                bloc,
                v.bloc_name(bloc) if bloc else "",
                fold(f"{cand.name} {unit_name}"),
            )
        )
    return out


def counts(found: list[Row]) -> dict[str, int]:
    result = {code: 0 for code in VERDICT_TONES}
    for row in found:
        result[row.verdict.verdict] += 1
    return result


def filter_rows(found: list[Row], *, verdict: str = "", bloc: str = "", q: str = "") -> list[Row]:
    """The rows matching a verdict, a bloc and every folded word of a search (no diacritics needed)."""
    words = fold(q).split()
    return [
        r
        for r in found
        if (not verdict or r.verdict.verdict == verdict)
        and (not bloc or r.bloc_code == bloc)
        and all(w in r.folded for w in words)
    ]


def default_occasion(programme: Programme, year: int | None, period) -> Occasion:
    return occasion(programme, year=year, period=period)
