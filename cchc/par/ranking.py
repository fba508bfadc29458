"""Pure ranking rules: ranks inside a bloc and the award order. No ORM.

- Rank (xếp hạng): competition ranking on the index rounded to two decimals, so equal indices share a rank
  and the next rank skips (1, 2, 2, 4).
- Award order (thứ tự xét khen thưởng): a strict order for quotas such as "top 5 of the bloc" (seed plan
  2162/QĐ-UBND, III.2.1.2): higher index first, then the higher appraised score, then the higher survey
  score, then the unit name in Vietnamese alphabetical order (diacritics folded), then the unit id.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from cchc.core.text import fold
from cchc.par.scoring import q2


@dataclass(frozen=True)
class Entry:
    unit_id: int
    unit_name: str
    total: Decimal
    appraised: Decimal
    survey: Decimal


@dataclass(frozen=True)
class Ranked:
    entry: Entry
    rank: int
    award_order: int


def award_key(e: Entry):
    return (-q2(e.total), -q2(e.appraised), -q2(e.survey), fold(e.unit_name), e.unit_id)


def competition_ranks(totals: list[Decimal]) -> list[int]:
    """The rank of each total (same positions as given): 1 + the number of strictly higher totals."""
    rounded = [q2(t) for t in totals]
    ordered = sorted(rounded, reverse=True)
    first_position: dict[Decimal, int] = {}
    for i, t in enumerate(ordered, start=1):
        first_position.setdefault(t, i)
    return [first_position[t] for t in rounded]


def rank(entries: Iterable[Entry]) -> list[Ranked]:
    """Entries of one bloc ranked, returned in award order."""
    ordered = sorted(entries, key=award_key)
    ranks = competition_ranks([e.total for e in ordered])
    return [
        Ranked(entry=e, rank=r, award_order=i)
        for i, (e, r) in enumerate(zip(ordered, ranks, strict=True), start=1)
    ]


def movements(previous: dict[int, int], current: dict[int, int]) -> dict[int, int]:
    """Rank change per unit present both years: positive when the unit rose (rank 8 → 3 gives +5)."""
    return {uid: previous[uid] - r for uid, r in current.items() if uid in previous}
