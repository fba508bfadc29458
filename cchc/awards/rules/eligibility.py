"""Who is eligible for a programme, and why: a pure function over the candidate's facts.

`evaluate(programme, facts, year=..., period=...)` checks that the candidate belongs to the programme's pool,
then every criterion of the programme (an implicit "all"), and returns a `Verdict`: eligible, not_eligible or
to_check ("cần kiểm tra"), with one `Reason` per rule, each a Vietnamese sentence with the figures and the
clause. Three-valued logic (see `criteria`): a fail anywhere at the top makes the candidate not eligible;
otherwise any unknown (missing facts, a manual standard nobody checked yet) makes it to_check.

The year: an annual or ad-hoc programme is evaluated for an achievement year (required); a period-end
programme for its period (the programme's, else the document's), as of a year (default: the period's last
year) that the criteria on one year (the bloc leader, for instance) use.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import repeat
from operator import itemgetter
from typing import Any

from cchc.awards.rules import memo
from cchc.awards.rules import vocabulary as v
from cchc.awards.rules.catalogue import catalogue
from cchc.awards.rules.criteria import Ctx, _Group
from cchc.awards.rules.facts import Candidate, HouseholdFacts, PersonFacts, UnitFacts
from cchc.awards.rules.schema import Bound, Programme, ProgrammeFile
from cchc.awards.rules.types import Reason

__all__ = ["Verdict", "evaluate", "evaluate_many", "describe_programme", "evaluate_target"]

_SUBJECT_TYPES: dict[str, type] = {
    v.COLLECTIVE: UnitFacts,
    v.PERSON: PersonFacts,
    v.HOUSEHOLD: HouseholdFacts,
}


@dataclass(slots=True)
class Verdict:
    """The outcome for one candidate and one programme, with its reasons in reading order."""

    programme: str
    subject: str
    subject_id: int
    subject_name: str
    verdict: str
    reasons: tuple[Reason, ...]
    year: int
    period: tuple[int, int] | None = None

    @property
    def label(self) -> str:
        return v.VERDICT_NAMES[self.verdict]

    def lines(self) -> list[tuple[int, Reason]]:
        """Every reason with its depth, for a page or an export."""
        out: list[tuple[int, Reason]] = []
        for reason in self.reasons:
            out.extend(reason.walk())
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "programme": self.programme,
            "subject": self.subject,
            "subject_id": self.subject_id,
            "subject_name": self.subject_name,
            "verdict": self.verdict,
            "label": self.label,
            "year": self.year,
            "period": list(self.period) if self.period else None,
            "reasons": [r.as_dict() for r in self.reasons],
        }


def _bound(programme: Programme) -> Bound:
    bound = programme._bound
    if not isinstance(bound, Bound):
        period = programme.period.as_tuple() if programme.period else None
        return Bound(
            period,
            dict(v.BLOC_NAMES),
            catalogue().names(),
            {},
            {c.code: c.title for c in programme.conflicts},
        )
    return bound


_CONTEXTS: dict[
    tuple[int, int | None, tuple[int, int] | None], tuple[Programme, Ctx, tuple[int, int] | None]
] = {}


def _context(
    programme: Programme, year: int | None, period: tuple[int, int] | None
) -> tuple[Ctx, tuple[int, int] | None]:
    """The evaluation context of a programme for a year and period, built once and reused (criteria only
    read it)."""
    key = (id(programme), year, period)
    cached = _CONTEXTS.get(key)
    if cached is not None and cached[0] is programme:
        return cached[1], cached[2]
    ctx, resolved = _build_context(programme, year, period)
    if len(_CONTEXTS) > 4096:
        _CONTEXTS.clear()
    _CONTEXTS[key] = (programme, ctx, resolved)
    return ctx, resolved


def _build_context(
    programme: Programme, year: int | None, period: tuple[int, int] | None
) -> tuple[Ctx, tuple[int, int] | None]:
    bound = _bound(programme)
    if programme.kind == "period_end":
        period = period or bound.period
        if period is None:
            raise ValueError(f"programme {programme.code} needs a period")
        year = year if year is not None else period[1]
    else:
        if year is None:
            raise ValueError(f"programme {programme.code} is evaluated for a year")
        period = period or bound.period
    ctx = Ctx(
        programme=programme.code,
        kind=programme.kind,
        subject=programme.subject,
        year=year,
        period=period,
        bloc_names=bound.bloc_names,
        title_names=bound.title_names,
        programme_names=bound.programme_names,
        conflicts=bound.conflicts,
    )
    return ctx, period


def _pool_reason(
    programme: Programme,
    cand: Candidate,
    ctx: Ctx,
    issuer_unit_id: int | None,
    said: tuple[Callable[[], str], str] | None = None,
) -> Reason | None:
    """Whether the candidate belongs to the programme's pool; the outcome now, the sentence when read (`said`:
    `_pool_said` for this candidate, when already worked out for an equal pool)."""
    pool = programme.pool
    if not _restricted(pool):
        return None
    text, top = said or _pool_said(pool, cand, ctx, issuer_unit_id)
    return Reason(text, pool.source or programme.source, top, pool.quote)


def _restricted(pool: Any) -> bool:
    return bool(pool.blocs or pool.unit_kinds or pool.employment or pool.issuer != "any")


def _pool_said(
    pool: Any, cand: Candidate, ctx: Ctx, issuer_unit_id: int | None
) -> tuple[Callable[[], str], str]:
    """The sentence (a function) and the outcome of a pool's check for a candidate: what they read of the
    pool is its restrictions, not its clause."""
    unit = cand if isinstance(cand, UnitFacts) else cand.unit
    checks: list[tuple[str, str]] = []  # (aspect, outcome)
    if unit is None:
        if pool.blocs or pool.unit_kinds or pool.issuer != "any":
            checks.append(("unit", v.UNKNOWN))
    else:
        if pool.blocs:
            bloc = unit.blocs.get(ctx.year)
            outcome = v.UNKNOWN if bloc is None else v.PASS if bloc in pool.blocs else v.FAIL
            checks.append(("bloc", outcome))
        if pool.unit_kinds:
            checks.append(("kind", v.PASS if unit.kind in pool.unit_kinds else v.FAIL))
        if pool.issuer != "any":
            if issuer_unit_id is None:
                checks.append(("issuer", v.UNKNOWN))
            else:
                itself = unit.id == issuer_unit_id
                below = issuer_unit_id in unit.ancestors
                ok = (
                    itself
                    if pool.issuer == "itself"
                    else below
                    if pool.issuer == "below"
                    else itself or below
                )
                checks.append(("issuer", v.PASS if ok else v.FAIL))
    if pool.employment and isinstance(cand, PersonFacts):
        job = cand.employment
        outcome = v.UNKNOWN if job is None else v.PASS if job in pool.employment else v.FAIL
        checks.append(("employment", outcome))
    outcomes = {o for _, o in checks}
    top = v.FAIL if v.FAIL in outcomes else v.UNKNOWN if v.UNKNOWN in outcomes else v.PASS

    def phrase(aspect: str, outcome: str) -> str:
        if aspect == "unit":
            return "chưa có thông tin đơn vị"
        assert unit is not None or aspect == "employment"
        if aspect == "bloc":
            assert unit is not None and pool.blocs
            bloc = unit.blocs.get(ctx.year)
            if bloc is None:
                return f"chưa xác định khối thi đua năm {ctx.year} của {unit.name}"
            text = f"{unit.name} thuộc {ctx.bloc(bloc)} năm {ctx.year}"
            if outcome == v.FAIL:
                text += f", chương trình xét {v.join_vi([ctx.bloc(b) for b in pool.blocs], 'hoặc')}"
            return text
        if aspect == "kind":
            assert unit is not None and pool.unit_kinds
            text = f"{unit.name} là {v.UNIT_KIND_NAMES.get(unit.kind, unit.kind)}"
            if outcome == v.FAIL:
                allowed = v.join_vi([v.UNIT_KIND_NAMES[k] for k in pool.unit_kinds], "hoặc")
                text += f", chương trình xét {allowed}"
            return text
        if aspect == "issuer":
            assert unit is not None
            if outcome == v.UNKNOWN:
                return "chưa xác định đơn vị ban hành văn bản"
            wanted = {
                "itself": "chính đơn vị ban hành văn bản",
                "below": "đơn vị thuộc đơn vị ban hành văn bản",
                "itself_or_below": "đơn vị ban hành văn bản hoặc đơn vị thuộc đơn vị đó",
            }[pool.issuer]
            return f"{unit.name} {'là' if outcome == v.PASS else 'không phải là'} {wanted}"
        assert isinstance(cand, PersonFacts) and pool.employment
        allowed = v.join_vi([v.EMPLOYMENT_NAMES[k] for k in pool.employment], "hoặc")
        if outcome == v.UNKNOWN:
            return f"chưa rõ {cand.name} là {allowed}"
        text = f"{cand.name} là {v.EMPLOYMENT_NAMES.get(cand.employment or '', cand.employment)}"
        return f"{text}, chương trình xét {allowed}" if outcome == v.FAIL else text

    def text() -> str:
        parts = "; ".join(phrase(a, o) for a, o in checks if o == top)
        if top == v.FAIL:
            return f"Không thuộc đối tượng xét: {parts}"
        if top == v.UNKNOWN:
            return f"Đối tượng xét: {parts} — cần kiểm tra"
        return f"Thuộc đối tượng xét: {parts}"

    return text, top


def _verdict(
    programme: Programme,
    cand: Candidate,
    ctx: Ctx,
    period: tuple[int, int] | None,
    reasons: list[Reason],
) -> Verdict:
    top = v.PASS
    for reason in reasons:
        if reason.outcome == v.FAIL:
            top = v.FAIL
            break
        if reason.outcome == v.UNKNOWN:
            top = v.UNKNOWN
    return Verdict(
        programme.code,
        programme.subject,
        cand.id,
        cand.name,
        v.VERDICT_OF[top],
        tuple(reasons),
        ctx.year,
        period,
    )


def evaluate(
    programme: Programme,
    facts: Candidate,
    *,
    year: int | None = None,
    period: tuple[int, int] | None = None,
    issuer_unit_id: int | None = None,
) -> Verdict:
    """Whether the candidate is eligible for the programme, with a reason per rule (see the module doc).

    `issuer_unit_id` is the unit that issued the plan, for pools restricted to it or its units.
    """
    ctx, period = _context(programme, year, period)
    if not isinstance(facts, _SUBJECT_TYPES[programme.subject]):
        reason = Reason(
            f"Chương trình xét {v.SUBJECT_NAMES[programme.subject]} ({programme.source})",
            programme.source,
            v.FAIL,
        )
        return _verdict(programme, facts, ctx, period, [reason])
    years = programme.years
    if years is not None and not years.start <= ctx.year <= years.end:
        reason = Reason(
            f"Chương trình áp dụng cho các năm {years.start} - {years.end}, "
            f"không áp dụng năm {ctx.year} ({programme.source})",
            programme.source,
            v.FAIL,
        )
        return _verdict(programme, facts, ctx, period, [reason])
    pool = _pool_reason(programme, facts, ctx, issuer_unit_id)
    reasons = [c.evaluate(facts, ctx) for c in programme.criteria]
    if pool is not None:
        reasons.insert(0, pool)
    return _verdict(programme, facts, ctx, period, reasons)


def _group_plans(
    criteria: list[Any], where: dict[int, int]
) -> dict[int, list[tuple[Any, int, dict]]]:
    """For each group among the criteria (by identity, nested ones too), its standards in order, each with the
    index of its key among the leaves' (-1 for a group) and the reasons already made for it by key."""
    plans: dict[int, list[tuple[Any, int, dict]]] = {}
    made: dict[int, dict] = {}

    def visit(group: _Group) -> None:
        plan: list[tuple[Any, int, dict]] = []
        for child in group.of:
            if isinstance(child, _Group):
                visit(child)
                plan.append((child, -1, {}))
            else:
                plan.append((child, where[id(child)], made.setdefault(id(child), {})))
        plans[id(group)] = plan

    for criterion in criteria:
        if isinstance(criterion, _Group):
            visit(criterion)
    return plans


def _group_reason(
    group: _Group,
    cand: Candidate,
    ctx: Ctx,
    keys: tuple,
    plans: dict[int, list[tuple[Any, int, dict]]],
) -> Reason:
    """`group.evaluate`, each of its standards decided once per distinct key (like the criteria)."""
    children: list[Reason] = []
    for child, at, made in plans[id(group)]:
        if at < 0:
            children.append(_group_reason(child, cand, ctx, keys, plans))
            continue
        k = keys[at]
        reason = made.get(k)
        if reason is None:
            reason = made[k] = child.evaluate(cand, ctx)
        children.append(reason)
    return group.combine(tuple(children), ctx)


def _decide(
    rules: list[tuple[Any, int, Any, dict[Any, Reason], bool]],
    cand: Candidate,
    ctx: Ctx,
    keys: tuple,
    plans: dict[int, list[tuple[Any, int, dict]]],
) -> tuple[tuple[Reason, ...], str]:
    """The reasons of the criteria for one tuple of keys, each decided once per its own key, and their worst
    outcome."""
    reasons: list[Reason] = []
    top = v.PASS
    worst = _WORST
    for criterion, one, several, seen, group in rules:
        k = keys[one] if one >= 0 else several(keys)
        reason = seen.get(k)
        if reason is None:
            reason = seen[k] = (
                _group_reason(criterion, cand, ctx, keys, plans)
                if group
                else criterion.evaluate(cand, ctx)
            )
        reasons.append(reason)
        top = worst[top, reason.outcome]
    return tuple(reasons), top


def _seen(
    criterion: Any, ctx: Ctx, shared: dict[Any, dict[Any, Reason]] | None
) -> dict[Any, Reason]:
    """The reasons of a criterion by key: its own, or those of every equal criterion in an equal context (all
    a reason reads besides the facts: the criterion's fields, the year and period, the kind of programme and
    subject, the names; a manual standard's key carries the programme)."""
    if shared is None:
        return {}
    context = (
        ctx.kind,
        ctx.subject,
        ctx.year,
        ctx.period,
        tuple(sorted(ctx.bloc_names.items())),
        tuple(sorted(ctx.title_names.items())),
        tuple(sorted(ctx.programme_names.items())),
        tuple(sorted(ctx.conflicts.items())),
    )
    return shared.setdefault((criterion.model_dump_json(), context), {})


def _seen_pools(
    programme: Programme, ctx: Ctx, issuer_unit_id: int | None, shared: dict[Any, Any] | None
) -> dict[Any, Reason | None]:
    """The pool's reasons by key (`memo.pool_keys`): its own, or those of the programmes of the round with the
    same pool, clause, subject and year (all the pool's reason reads besides the candidate)."""
    if shared is None:
        return {}
    key = (
        "pool",
        programme.pool.model_dump_json(),
        programme.pool.source or programme.source,
        programme.subject,
        ctx.year,
        tuple(sorted(ctx.bloc_names.items())),
        issuer_unit_id,
    )
    return shared.setdefault(key, {})


def _keys(
    columns: list[Any],
    idents: list[Any],
    candidates: list[Candidate],
    ctx: Ctx,
    shared: dict[Any, Any] | None,
) -> list[list[Any]]:
    """The keys of the candidates, leaf by leaf: those of a leaf read by several programmes of a round over the
    same list of candidates in the same year and period are worked out once (a manual standard's carry its
    programme)."""
    if shared is None:
        return [column(candidates, ctx) for column in columns]
    out = []
    for column, ident in zip(columns, idents, strict=True):
        key = (
            "keys",
            ident,
            id(candidates),
            ctx.year,
            ctx.period,
            ctx.programme if ident == ("manual",) else None,
        )
        found = shared.get(key)
        if found is None:
            # The list is kept with its keys, so that its id stays its own while the round lasts.
            found = shared[key] = (candidates, column(candidates, ctx))
        out.append(found[1])
    return out


def _seen_pool_said(
    programme: Programme, ctx: Ctx, issuer_unit_id: int | None, shared: dict[Any, Any] | None
) -> dict[Any, tuple[Callable[[], str], str]]:
    """The pool checks by key (`_pool_said`) of the programmes of the round with the same restrictions, whatever
    their clause."""
    if shared is None:
        return {}
    pool = programme.pool
    key = (
        "pool-said",
        pool.model_dump_json(exclude={"source", "text", "quote"}),
        programme.subject,
        ctx.year,
        tuple(sorted(ctx.bloc_names.items())),
        issuer_unit_id,
    )
    return shared.setdefault(key, {})


_WORST = {
    (a, b): v.FAIL if v.FAIL in (a, b) else v.UNKNOWN if v.UNKNOWN in (a, b) else v.PASS
    for a in (v.PASS, v.FAIL, v.UNKNOWN)
    for b in (v.PASS, v.FAIL, v.UNKNOWN)
}


def evaluate_many(
    programme: Programme,
    candidates: Iterable[Candidate],
    *,
    year: int | None = None,
    period: tuple[int, int] | None = None,
    issuer_unit_id: int | None = None,
    shared: dict[Any, Any] | None = None,
) -> list[Verdict]:
    """`evaluate` for each candidate, in order. Each rule is decided once per distinct set of facts it reads
    (see `memo`: the people of a unit share its PAR result, everyone without an initiative or a check shares
    that reason), and the reasons of all the criteria once per distinct combination of those, so a list of
    thousands of candidates costs a few lookups for most of them.

    `shared` (one dict for several programmes evaluated over the same facts objects, a round) lets programmes
    with the same criterion in the same context (the same standards written in two programmes of a plan)
    share its reasons."""
    candidates = list(candidates)
    subject_type = _SUBJECT_TYPES[programme.subject]
    plan = memo.columns(programme.criteria, subject_type)
    years = programme.years
    ctx, resolved = _context(programme, year, period)
    if (
        plan is None
        or (years is not None and not years.start <= ctx.year <= years.end)
        or not set(map(type, candidates)) <= {subject_type}
    ):
        return [
            evaluate(programme, c, year=year, period=period, issuer_unit_id=issuer_unit_id)
            for c in candidates
        ]
    columns, slots, idents = plan
    plans = _group_plans(programme.criteria, memo.leaf_slots(programme.criteria, slots))
    pools: dict[Any, Reason | None] = _seen_pools(programme, ctx, issuer_unit_id, shared)
    pool_said: dict[Any, tuple[Callable[[], str], str]] = _seen_pool_said(
        programme, ctx, issuer_unit_id, shared
    )
    restricted = _restricted(programme.pool)
    # Each criterion with the index of its key (one leaf) or the indexes of its leaves' (a group).
    rules: list[tuple[Any, int, Any, dict[Any, Reason], bool]] = [
        (
            c,
            slot[0] if len(slot) == 1 else -1,
            itemgetter(*slot) if len(slot) > 1 else None,
            _seen(c, ctx, shared),
            isinstance(c, _Group),
        )
        for c, slot in zip(programme.criteria, slots, strict=True)
    ]
    # The reasons of the criteria (and their worst outcome) for each distinct tuple of keys.
    combined: dict[tuple, tuple[tuple[Reason, ...], str]] = {}
    code, subject, at = programme.code, programme.subject, ctx.year
    worst, verdict_of = _WORST, v.VERDICT_OF
    out: list[Verdict] = []
    append = out.append
    # The verdicts kept in `out` make no reference cycles; the cyclic collector would scan them all again
    # and again as the list grows (seconds for 40,000 candidates), so it waits until the loop is done.
    collecting = gc.isenabled()
    gc.disable()
    try:
        # The keys of every candidate, leaf by leaf (read in bulk), then candidate by candidate.
        by_candidate = (
            zip(*_keys(columns, idents, candidates, ctx, shared), strict=True)
            if columns
            else repeat(())
        )
        pool_keys = memo.pool_keys(programme, candidates, subject_type) if restricted else None
        if pool_keys is None:
            # A pool open to anyone gives no reason: only the criteria's.
            for cand, keys in zip(candidates, by_candidate, strict=False):
                found = combined.get(keys)
                if found is None:
                    found = combined[keys] = _decide(rules, cand, ctx, keys, plans)
                said, top = found
                append(
                    Verdict(code, subject, cand.id, cand.name, verdict_of[top], said, at, resolved)
                )
            return out
        for cand, keys, pk in zip(candidates, by_candidate, pool_keys, strict=False):
            found = combined.get(keys)
            if found is None:
                found = combined[keys] = _decide(rules, cand, ctx, keys, plans)
            if pk in pools:
                pool = pools[pk]
            else:
                said_now = pool_said.get(pk)
                if said_now is None:
                    said_now = pool_said[pk] = _pool_said(programme.pool, cand, ctx, issuer_unit_id)
                pool = pools[pk] = _pool_reason(programme, cand, ctx, issuer_unit_id, said_now)
            if pool is None:
                said, top = found
            else:
                said, top = (pool, *found[0]), worst[pool.outcome, found[1]]
            append(Verdict(code, subject, cand.id, cand.name, verdict_of[top], said, at, resolved))
    finally:
        if collecting:
            gc.enable()
    return out


def describe_programme(
    programme: Programme,
    *,
    year: int | None = None,
    period: tuple[int, int] | None = None,
    bloc: str | None = None,
) -> list[str]:
    """The criteria of a programme as Vietnamese sentences, each with its clause."""
    ctx, _ = _context(
        programme, year if year is not None or programme.kind == "period_end" else 0, period
    )
    return [f"{c.describe(ctx, bloc)} ({c.source})" for c in programme.criteria]


def evaluate_target(pf: ProgrammeFile, code: str, facts: Candidate, *, year: int) -> Reason:
    """A target of a plan that is written as a criterion (e.g. 100% of the plan's tasks on time), checked for
    a unit and a year."""
    target = next(t for t in pf.targets if t.code == code)
    if target.criterion is None:
        return Reason(
            f"Cần kiểm tra: {target.text} ({target.source})", target.source, v.UNKNOWN, target.quote
        )
    period = pf.document.period.as_tuple() if pf.document.period else None
    ctx = Ctx(
        programme=f"{pf.id}:{code}",
        kind="annual",
        subject=v.COLLECTIVE,
        year=year,
        period=period,
        bloc_names=pf.bloc_names(),
        title_names=catalogue().names(),
    )
    return target.criterion.evaluate(facts, ctx)
