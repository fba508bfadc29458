"""Keys that say when two candidates get the same reasons from a programme, so that a list of candidates is
evaluated once per distinct key (`eligibility.evaluate_many`).

For each criterion kind, `KEYS[kind](leaf, candidate, ctx)` returns what its reason depends on: the identity of
the facts object it reads (a unit shared by the people of that unit, a tuple of initiatives), or the values it
reads (a person's evaluation classes of the years in question). Empty facts (`None`, `()`) are their own key, so
every person without initiatives, discipline or checks shares them. Two candidates with equal keys get equal
reasons; the verdict still carries each candidate's own id and name. A programme with a criterion kind missing
here is evaluated candidate by candidate.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cchc.awards.rules.facts import PersonFacts, UnitFacts

__all__ = ["KEYS", "criterion_key", "pool_key"]

Key = Callable[[Any, Any, Any], Any]


def _shared(value: Any) -> Any:
    """`None` and empty facts stand for themselves; anything else for its identity (facts are frozen)."""
    return value if not value else id(value)


def _unit_target(leaf: Any, cand: Any) -> Any:
    if leaf.applies_to == "own_unit":
        return None if isinstance(cand, UnitFacts) else cand.unit
    return cand if isinstance(cand, UnitFacts) else None


def _unit_fact(leaf: Any, cand: Any, ctx: Any) -> Any:
    return id(_unit_target(leaf, cand))


def _owner(leaf: Any, cand: Any) -> Any:
    return cand if leaf.applies_to == "self" else getattr(cand, "unit", None)


def _initiatives(leaf: Any, cand: Any, ctx: Any) -> Any:
    return _shared(getattr(_owner(leaf, cand), "initiatives", None))


def _discipline(leaf: Any, cand: Any, ctx: Any) -> Any:
    if isinstance(cand, UnitFacts):
        return _shared(cand.member_discipline)
    return _shared(getattr(cand, "discipline", None))


def _cchc_years(leaf: Any, cand: Any, ctx: Any) -> Any:
    if not isinstance(cand, PersonFacts):
        return None
    years = cand.cchc_years
    if years is None:
        return ("positions", _shared(cand.positions))
    start, end = ctx.window(leaf.over)
    return tuple([years.get(y) for y in range(start, end + 1)])


def _history(field: str) -> Key:
    def key(leaf: Any, cand: Any, ctx: Any) -> Any:
        history = getattr(_owner(leaf, cand), field, None)
        if history is None:
            return None
        first = ctx.year - leaf.consecutive_years + 1
        return tuple([history.get(y) for y in range(first, ctx.year + 1)])

    return key


def _itself(leaf: Any, cand: Any, ctx: Any) -> Any:
    return id(cand)


def _nominations(leaf: Any, cand: Any, ctx: Any) -> Any:
    owner = _owner(leaf, cand)
    return None if owner is None else _shared(owner.nominations)


def _manual(leaf: Any, cand: Any, ctx: Any) -> Any:
    return _shared(cand.manual_checks)


KEYS: dict[str, Key] = {
    "par_top_n": _unit_fact,
    "par_years_in_top": _unit_fact,
    "par_score_at_least": _unit_fact,
    "par_band_at_least": _unit_fact,
    "bloc_leader": _unit_fact,
    "plan_on_time_rate": _unit_fact,
    "movement_report_on_time": _unit_fact,
    "registration": _unit_fact,
    "initiatives": _initiatives,
    "no_discipline": _discipline,
    "cchc_work_years": _cchc_years,
    "title_held": _history("titles"),
    "evaluation_class": _history("evaluation"),
    "members_title_share": _itself,
    "members_with_title": _itself,
    "members_evaluation_share": _itself,
    "nominated_for": _nominations,
    "not_nominated_for": _nominations,
    "manual": _manual,
}


def criterion_key(criterion: Any) -> Callable[[Any, Any], Any] | None:
    """The key of one criterion (a group's is the tuple of its leaves' keys), or None when a leaf's kind has
    no key."""
    leaves = criterion.leaves()
    keys = [KEYS.get(str(getattr(leaf, "kind", ""))) for leaf in leaves]
    if any(k is None for k in keys):
        return None
    pairs = [(k, leaf) for k, leaf in zip(keys, leaves, strict=True) if k is not None]
    if len(pairs) == 1:
        ((only, leaf),) = pairs
        return lambda cand, ctx: only(leaf, cand, ctx)
    return lambda cand, ctx: tuple([k(leaf, cand, ctx) for k, leaf in pairs])


def pool_key(programme: Any) -> Callable[[Any], Any]:
    """What the pool's reason depends on: the candidate's unit, and the person's name and employment when the
    pool is restricted by employment."""
    if programme.pool.employment:
        return lambda cand: (
            type(cand),
            id(cand if isinstance(cand, UnitFacts) else cand.unit),
            getattr(cand, "employment", None),
            cand.name,
        )
    return lambda cand: (type(cand), id(cand if isinstance(cand, UnitFacts) else cand.unit))
