"""Quotas (cơ cấu, số lượng): how many nominations a group may make, and which ones already fill it.

A quota counts the nominations of the same occasion (the same achievement year, or the same period) for the
programme and the programmes it shares the quota with (`programmes`), whose status is proposed or awarded,
in the candidate's group:

- `proposer` — per proposing unit ("Mỗi đơn vị đề nghị không quá 01 tập thể, 01 cá nhân");
- `bloc` — per emulation bloc ("Đối với khối phường: 01 tập thể");
- `unit_class` — per class of unit, with the limit of that class (`max_by_class`, tiered quotas);
- `parent_nomination` — per nomination the candidate hangs on (at most 2 persons of a unit proposed for the
  emulation flag);
- `programme` — over the whole programme ("tối đa 05 tập thể, 10 cá nhân").

Limits count per subject (`collective`, `person`, `household`) or all together (`any`: "01 trường hợp, tập
thể hoặc cá nhân"). A percentage of the participants (`percent`) needs their number per group
(`participants`); it is rounded down by default ("không quá 10%" of 25 units allows 2), never below
`minimum`. Missing facts (the participants, the candidate's bloc or class) give an uncertain breach, to check,
never a silent pass.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from cchc.awards.rules import vocabulary as v
from cchc.awards.rules.facts import Nomination
from cchc.awards.rules.schema import Limit, PercentLimit, QuotaRule

__all__ = ["Breach", "check", "group_key"]

_ROUNDING = {"floor": ROUND_FLOOR, "ceil": ROUND_CEILING, "half_up": ROUND_HALF_UP}
_ROUNDING_WORDS = {"floor": "làm tròn xuống", "ceil": "làm tròn lên", "half_up": "làm tròn"}


@dataclass(frozen=True, slots=True)
class Breach:
    """A quota the candidate would exceed (or, `certain=False`, that cannot be checked: to check), with the
    nominations that already fill it."""

    quota: str
    text: str
    clause: str
    filled_by: tuple[Nomination, ...] = ()
    certain: bool = True


def group_key(rule: QuotaRule, nomination: Nomination) -> object:
    """The group a nomination counts in for this quota (None: unknown)."""
    if rule.group_by == "proposer":
        return nomination.proposer_id
    if rule.group_by == "bloc":
        return nomination.bloc_code
    if rule.group_by == "unit_class":
        return nomination.unit_class
    if rule.group_by == "parent_nomination":
        return nomination.parent_id
    return "all"


def _same_occasion(a: Nomination, b: Nomination) -> bool:
    if a.period is not None or b.period is not None:
        return a.period is not None and b.period is not None and tuple(a.period) == tuple(b.period)
    return a.year == b.year


def _group_text(rule: QuotaRule, candidate: Nomination, bloc_names: Mapping[str, str]) -> str:
    if rule.group_by == "proposer":
        return f" của {candidate.proposer_name}"
    if rule.group_by == "bloc":
        return f" của {v.bloc_name(candidate.bloc_code, dict(bloc_names))}"
    if rule.group_by == "unit_class":
        return f" của loại đơn vị {candidate.unit_class}"
    if rule.group_by == "parent_nomination":
        return f" kèm hồ sơ đề nghị số {candidate.parent_id}"
    return ""


def _occasion_text(candidate: Nomination) -> str:
    if candidate.period is not None:
        return f" giai đoạn {candidate.period[0]} - {candidate.period[1]}"
    return f" năm {candidate.year}" if candidate.year is not None else ""


def _percent_limit(
    percent: PercentLimit, subject: str, participants: Mapping[str, int] | None
) -> tuple[int | None, str] | None:
    """The count a percentage allows for `subject` (or for `any`), with how it was computed; None when the
    percentage does not restrict that subject; (None, why) when the participants are unknown."""
    share = getattr(percent, subject) if subject != "any" else percent.any
    if share is None:
        return None
    base = None if participants is None else participants.get(subject)
    if base is None:
        who = "đối tượng" if subject == "any" else v.SUBJECT_NAMES[subject]
        return None, f"chưa có số {who} tham gia để tính {v.percent_vi(share)}"
    allowed = int(
        (share * Decimal(base) / 100).to_integral_value(rounding=_ROUNDING[percent.rounding])
    )
    allowed = max(allowed, percent.minimum)
    how = f"{v.percent_vi(share)} của {base} tham gia, {_ROUNDING_WORDS[percent.rounding]}"
    return allowed, how


def check(
    quota_rules: Sequence[QuotaRule],
    existing: Iterable[Nomination],
    candidate: Nomination,
    *,
    programme_names: Mapping[str, str] | None = None,
    participants: Mapping[object, Mapping[str, int]] | None = None,
    bloc_names: Mapping[str, str] | None = None,
) -> list[Breach]:
    """The quotas the candidate nomination would break, each naming the nominations that already fill it.

    `existing` are the other nominations (any programme, any year: the function keeps those that count);
    `participants` maps a group key (see `group_key`; "all" for the whole programme) to the number of
    participants per subject, for percentage quotas.
    """
    names = programme_names or {}
    blocs = bloc_names or {}
    pool = [n for n in existing if n.id != candidate.id and n.status in v.NOMINATION_COUNTED]
    breaches: list[Breach] = []
    for index, rule in enumerate(quota_rules):
        label = rule.code or f"quotas[{index}]"
        shared = {candidate.programme, *(rule.programmes or [])}
        key = group_key(rule, candidate)
        programmes_text = v.join_vi([f"“{names.get(p, p)}”" for p in sorted(shared)], "và")
        where = f"{_group_text(rule, candidate, blocs)} cho chương trình {programmes_text}"
        where += _occasion_text(candidate)
        if key is None:
            breaches.append(
                Breach(
                    label,
                    f"Chưa xác định nhóm ({rule.group_by}) của hồ sơ để tính cơ cấu, số lượng — cần kiểm tra "
                    f"({rule.source})",
                    rule.source,
                    certain=False,
                )
            )
            continue
        group = [
            n
            for n in pool
            if n.programme in shared and _same_occasion(n, candidate) and group_key(rule, n) == key
        ]
        limits: list[tuple[str, int | None, str]] = []
        if rule.max is not None or rule.max_by_class is not None:
            limit: Limit | None = rule.max
            if rule.max_by_class is not None:
                limit = rule.max_by_class.get(candidate.unit_class or "")
                if limit is None:
                    breaches.append(
                        Breach(
                            label,
                            f"Không có hạn mức cho loại đơn vị “{candidate.unit_class}” — cần kiểm tra "
                            f"({rule.source})",
                            rule.source,
                            certain=False,
                        )
                    )
                    continue
            assert limit is not None
            own = getattr(limit, candidate.subject)
            if own is not None:
                limits.append((candidate.subject, own, ""))
            if limit.any is not None:
                limits.append(("any", limit.any, ""))
        else:
            assert rule.percent is not None
            counts = None if participants is None else participants.get(key)
            for subject in (candidate.subject, "any"):
                computed = _percent_limit(rule.percent, subject, counts)
                if computed is None:
                    continue
                allowed, how = computed
                if allowed is None:
                    breaches.append(
                        Breach(
                            label,
                            f"Cơ cấu theo tỷ lệ: {how} — cần kiểm tra ({rule.source})",
                            rule.source,
                            certain=False,
                        )
                    )
                    continue
                limits.append((subject, allowed, how))
        for subject, allowed, how in limits:
            assert allowed is not None
            filling = group if subject == "any" else [n for n in group if n.subject == subject]
            if len(filling) < allowed:
                continue
            what = (
                f"{v.count_vi(allowed)} trường hợp (tập thể hoặc cá nhân)"
                if subject == "any"
                else f"{v.count_vi(allowed)} {v.SUBJECT_NAMES[subject]}"
            )
            if how:
                what += f" ({how})"
            if filling:
                filled = "; ".join(n.label for n in filling)
                text = f"Đã đủ {what}{where}: {filled} ({rule.source})"
            else:
                text = f"Không được đề nghị {v.SUBJECT_NAMES.get(subject, 'trường hợp nào')}{where}: hạn mức là 0 ({rule.source})"
            breaches.append(Breach(label, text, rule.source, tuple(filling)))
    return breaches
