"""Keys that say when two candidates get the same reasons from a programme, so that a list of candidates is
evaluated once per distinct key (`eligibility.evaluate_many`).

For each criterion kind, `KEYS[kind](leaf, candidate, ctx)` returns what its reason depends on: the identity of
the facts object it reads (a unit shared by the people of that unit, a tuple of initiatives), or the values it
reads (a person's evaluation classes of the years in question). Empty facts (`None`, `()`) are their own key, so
every person without initiatives, discipline or checks shares them. Two candidates with equal keys get equal
reasons; the verdict still carries each candidate's own id and name. A programme with a criterion kind missing
here is evaluated candidate by candidate.

`columns` gives the keys of a whole list of candidates leaf by leaf, reading the common kinds in bulk (attribute
getters over the list, no call per candidate), the leaves with equal keys (two manual standards) read once.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from operator import attrgetter
from typing import Any

from cchc.awards.rules.facts import PersonFacts, UnitFacts

__all__ = ["KEYS", "columns", "leaf_slots", "pool_keys"]

Key = Callable[[Any, Any, Any], Any]


def _shared(value: Any) -> Any:
    """`None` and empty facts stand for themselves; anything else for its identity (facts are never changed once made)."""
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
    """The initiatives of the years in question (the rule reads no other; most people have none then), by
    identity (facts are never changed once made)."""
    items = getattr(_owner(leaf, cand), "initiatives", None)
    if not items:
        return items
    start, end = ctx.window(leaf.over)
    return tuple([id(i) for i in items if start <= i.year <= end])


def _discipline(leaf: Any, cand: Any, ctx: Any) -> Any:
    if isinstance(cand, UnitFacts):
        return _shared(cand.member_discipline)
    return _shared(getattr(cand, "discipline", None))


def _cchc_years(leaf: Any, cand: Any, ctx: Any) -> Any:
    """The years of work (the loader shares one mapping between equal work histories), else the spells."""
    if not isinstance(cand, PersonFacts):
        return None
    years = cand.cchc_years
    if years is None:
        return ("positions", _shared(cand.positions))
    # An id (an int) never equals the tuple above.
    return id(years)


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
    checks = cand.manual_checks
    return (ctx.programme, id(checks)) if checks else ()


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


Column = Callable[[list[Any], Any], list[Any]]


def _column(kind: str, leaf: Any, subject_type: type) -> tuple[Hashable, Column]:
    """The keys of one leaf for a list of candidates (all of `subject_type`), with what they depend on: two
    leaves with the same identity have the same key for every candidate (the two manual standards of a
    programme, say). The common kinds read attributes in bulk; the others call `KEYS` candidate by candidate."""
    key = KEYS[kind]
    applies_to = getattr(leaf, "applies_to", "self")
    is_unit, is_person = subject_type is UnitFacts, subject_type is PersonFacts
    if key is _unit_fact and (is_unit or is_person):
        if is_person and applies_to == "own_unit":
            return ("unit", applies_to), lambda cs, x: list(map(id, map(_unit_of, cs)))
        if is_unit and applies_to != "own_unit":
            return ("unit", applies_to), lambda cs, x: list(map(id, cs))
    if key is _manual:
        # With the programme: a check counts for its own programme only.
        return ("manual",), lambda cs, x: [
            (x.programme, id(m)) if m else () for m in map(_checks_of, cs)
        ]
    if key is _cchc_years and is_person:
        return ("cchc",), lambda cs, x: [
            id(y) if y is not None else _cchc_years(leaf, c, x)
            for c, y in zip(cs, map(_cchc_of, cs), strict=True)
        ]
    if key is _initiatives and applies_to == "self" and (is_unit or is_person):

        def initiatives(cs: list[Any], x: Any) -> list[Any]:
            start, end = x.window(leaf.over)
            return [
                tuple([id(i) for i in items if start <= i.year <= end]) if items else items
                for items in map(_initiatives_of, cs)
            ]

        return ("initiatives", applies_to, leaf.over), initiatives
    if (
        kind in ("title_held", "evaluation_class")
        and applies_to == "self"
        and leaf.consecutive_years == 1
        and (is_unit or is_person)
    ):
        field = "titles" if kind == "title_held" else "evaluation"
        read = _titles_of if field == "titles" else _evaluation_of

        def one_year(cs: list[Any], x: Any) -> list[Any]:
            year = x.year
            return [None if h is None else (h.get(year),) for h in map(read, cs)]

        return (field, applies_to, 1), one_year
    if key is _itself:
        return ("itself",), lambda cs, x: list(map(id, cs))
    if key is _nominations and (is_unit or is_person):
        if applies_to == "self":
            return ("nominations", applies_to), lambda cs, x: [
                n if not n else id(n) for n in map(_nominations_of, cs)
            ]
        if is_person:
            return ("nominations", applies_to), lambda cs, x: [
                None if u is None else u.nominations if not u.nominations else id(u.nominations)
                for u in map(_unit_of, cs)
            ]
    return (kind, applies_to, id(leaf)), lambda cs, x: [key(leaf, c, x) for c in cs]


_unit_of = attrgetter("unit")
_checks_of = attrgetter("manual_checks")
_cchc_of = attrgetter("cchc_years")
_initiatives_of = attrgetter("initiatives")
_titles_of = attrgetter("titles")
_nominations_of = attrgetter("nominations")
_evaluation_of = attrgetter("evaluation")


def columns(
    criteria: list[Any], subject_type: type
) -> tuple[list[Column], list[tuple[int, ...]], list[Hashable]] | None:
    """The distinct leaf keys of these criteria (each a function of the list of candidates and the context,
    giving one key per candidate), for each criterion the indexes of its leaves' keys, and what each key
    depends on besides the candidates and the context (equal for two leaves with the same keys, in any
    programme); None when a leaf's kind has no key."""
    index: dict[Hashable, int] = {}
    found: list[Column] = []
    idents: list[Hashable] = []
    slots: list[tuple[int, ...]] = []
    for criterion in criteria:
        mine: list[int] = []
        for leaf in criterion.leaves():
            kind = str(getattr(leaf, "kind", ""))
            if kind not in KEYS:
                return None
            ident, column = _column(kind, leaf, subject_type)
            if ident not in index:
                index[ident] = len(found)
                found.append(column)
                idents.append(ident)
            mine.append(index[ident])
        slots.append(tuple(mine))
    return found, slots, idents


def leaf_slots(criteria: list[Any], slots: list[tuple[int, ...]]) -> dict[int, int]:
    """For each leaf (by identity), the index of its key among `columns`' (for the leaves inside groups)."""
    out: dict[int, int] = {}
    for criterion, slot in zip(criteria, slots, strict=True):
        for leaf, i in zip(criterion.leaves(), slot, strict=True):
            out[id(leaf)] = i
    return out


def pool_keys(programme: Any, candidates: list[Any], subject_type: type) -> list[Any]:
    """What the pool's reason depends on, for each candidate (all of `subject_type`): its unit, and the
    person's name and employment when the pool is restricted by employment."""
    units = (
        list(map(id, candidates))
        if subject_type is UnitFacts
        else list(map(id, map(_unit_of, candidates)))
    )
    if programme.pool.employment:
        return [
            (u, getattr(c, "employment", None), c.name)
            for u, c in zip(units, candidates, strict=True)
        ]
    return units
