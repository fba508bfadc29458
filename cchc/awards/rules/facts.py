"""Facts about a candidate, as plain dataclasses: the contract between the ORM layer and the award rules.

The ORM layer fills these in bulk (one query per kind of fact for every candidate of a programme) and the pure
engine (`eligibility.evaluate`) reads them; nothing here touches the database. Facts are never changed once
made (`dataclasses.replace` makes another): the engine shares reasons between candidates by the identity of the
facts they read (`memo`). The kinds made by the tens of thousands in a round (results, initiatives, spells,
units, people) are not `frozen`, which would cost a call per field on every one of them; the others are.

One convention everywhere: **`None` means "unknown"** and gives the outcome "cần kiểm tra" (to check), never a
silent "no". So:

- a field set to `None` means the ORM layer has no data of that kind for the candidate (not loaded, not
  entered yet); an empty tuple or mapping means "known: there is none";
- in a per-year mapping (`Mapping[int, ...]`), a year that is absent, or present with the value `None`, is
  unknown for that year; fill every year you know, with an empty value when the answer is "none"
  (e.g. `titles={2026: frozenset()}` = known to hold no title in 2026);
- counts (`MembersSummary`) are exact numbers; a title or class missing from a count mapping is unknown.

Codes used in the facts are the vocabulary of `cchc.awards.rules.vocabulary`: bloc codes of `cchc.orgs`
(`so-nganh`, `phuong`, `xa-dac-khu`), unit kinds of `cchc.orgs.choices.UnitKind`, title and award-form codes of
the catalogue (`ldtt`, `cstd_co_so`, ...), evaluation classes (`htxs`, `htt`, `ht`, `kht`), initiative levels
(`unit`, `commune`, `district`, `city`, `ministry`, `national`) and discipline levels (`khien_trach`,
`canh_cao`, ...).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

__all__ = [
    "ParResult",
    "Initiative",
    "DisciplineRecord",
    "Nomination",
    "ManualCheck",
    "MembersSummary",
    "PositionSpell",
    "UnitFacts",
    "PersonFacts",
    "HouseholdFacts",
    "Candidate",
    "cchc_years_from_positions",
]


@dataclass(slots=True)
class ParResult:
    """A unit's PAR Index result for one year, as published by `cchc.par` (`Result`).

    `rank` is the competition rank (ties share a rank), `award_order` the strict order used for "top N"
    quotas (ties broken as `cchc.par.ranking` documents); `of` is the number of ranked units of the bloc.
    An unpublished result is provisional: the rules treat it as unknown.
    """

    year: int
    bloc_code: str
    rank: int | None
    of: int | None = None
    award_order: int | None = None
    score: Decimal | None = None
    band: str | None = None
    published: bool = True


@dataclass(slots=True)
class Initiative:
    """An initiative (sáng kiến, mô hình, giải pháp) of a unit or a person.

    `recognised_on` None = not (yet) recognised; `level` is the level of the body that recognised it.
    `used_in` names the nomination that already used it as a criterion ("hồ sơ số 12"): one initiative
    supports one award only (Công văn 5007/BNV-TĐKT; "không khen thưởng nhiều lần cho một thành tích").
    """

    id: int
    title: str
    year: int
    level: str | None
    recognised_on: date | None
    used_in: str | None = None


@dataclass(frozen=True, slots=True)
class DisciplineRecord:
    """A disciplinary measure (or a recorded violation, level `vi_pham`) taken against a person.

    It counts for a window (a year or a period) when decided within it or still in force during it
    (`ends_on` on or after the window's first day).
    """

    person_id: int
    person_name: str
    level: str
    decided_on: date
    ends_on: date | None = None
    unit_id: int | None = None


@dataclass(frozen=True, slots=True)
class Nomination:
    """A nomination (hồ sơ đề nghị) for a programme, existing or being made: what quotas count.

    `label` is how a person recognises it ("hồ sơ số 12 — UBND phường Lê Chân"); `proposer_id` is the unit
    that proposes; `parent_id` the nomination it hangs on (a person proposed alongside a collective's
    emulation flag). `year` is the achievement year of an annual or ad-hoc programme; `period` the
    (start, end) of a period-end programme.
    """

    id: int
    programme: str
    subject: str
    label: str
    proposer_id: int
    proposer_name: str
    status: str = "proposed"
    year: int | None = None
    period: tuple[int, int] | None = None
    unit_id: int | None = None
    person_id: int | None = None
    bloc_code: str | None = None
    unit_class: str | None = None
    parent_id: int | None = None


@dataclass(frozen=True, slots=True)
class ManualCheck:
    """A person's recorded check of a manual standard, with its evidence: the only way such a standard passes.

    `programme` and `criterion` are the codes of the rule file; `year` is the achievement year for annual
    and ad-hoc programmes and None for period-end ones.
    """

    programme: str
    criterion: str
    passed: bool
    checked_by: str
    checked_on: date
    evidence: str = ""
    note: str = ""
    year: int | None = None


@dataclass(frozen=True, slots=True)
class MembersSummary:
    """Counts over the members of a collective for one year (the ORM layer aggregates them in SQL).

    `titles` maps a title code to the number of members holding it that year; `classes` maps an evaluation
    class to the number of members rated so; members not rated are simply not counted in `classes`.
    """

    total: int
    titles: Mapping[str, int] = field(default_factory=dict)
    classes: Mapping[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class PositionSpell:
    """A spell of a person in a position; `cchc_direct` says whether it is direct CCHC work (None: unknown)."""

    start: date
    end: date | None
    position: str
    unit_name: str = ""
    cchc_direct: bool | None = None


@dataclass(slots=True)
class UnitFacts:
    """A unit as a candidate collective (or as the unit of a person).

    `kind` is a `UnitKind` code; `blocs` the bloc code per year (membership changes after mergers);
    `ancestors` the ids of the units above it (not itself), for pools "units under the issuer";
    `unit_class` the class used by tiered quotas (e.g. "loai_1"), when the programme uses classes.
    `year_notes` says, per year flag (`registered`, `movement_report_on_time`) and year, what the data behind
    the flag shows ("báo cáo năm nộp ngày 02/12/2026, muộn 3 ngày ..."): the criteria quote it in their reasons.
    """

    id: int
    name: str
    kind: str
    blocs: Mapping[int, str | None] = field(default_factory=dict)
    ancestors: frozenset[int] = frozenset()
    unit_class: str | None = None
    par: Mapping[int, ParResult] | None = None
    initiatives: tuple[Initiative, ...] | None = None
    plan_on_time_rate: Mapping[int, Decimal | None] | None = None
    movement_report_on_time: Mapping[int, bool | None] | None = None
    registered: Mapping[int, bool | None] | None = None
    year_notes: Mapping[str, Mapping[int, str]] = field(default_factory=dict)
    evaluation: Mapping[int, str | None] | None = None
    titles: Mapping[int, frozenset[str]] | None = None
    members: Mapping[int, MembersSummary] | None = None
    member_discipline: tuple[DisciplineRecord, ...] | None = None
    nominations: tuple[Nomination, ...] | None = None
    manual_checks: tuple[ManualCheck, ...] = ()


@dataclass(slots=True)
class PersonFacts:
    """A person as a candidate: their unit (its facts, for rules on "the person's unit"), their history.

    `cchc_years` maps a year to whether the person did direct CCHC work that year (derive it from the position
    history with `cchc_years_from_positions`); `titles` and `evaluation` are per year like a unit's.
    """

    id: int
    name: str
    unit_id: int
    unit: UnitFacts | None = None
    employment: str | None = None
    female: bool | None = None
    positions: tuple[PositionSpell, ...] | None = None
    cchc_years: Mapping[int, bool | None] | None = None
    initiatives: tuple[Initiative, ...] | None = None
    discipline: tuple[DisciplineRecord, ...] | None = None
    titles: Mapping[int, frozenset[str]] | None = None
    evaluation: Mapping[int, str | None] | None = None
    nominations: tuple[Nomination, ...] | None = None
    manual_checks: tuple[ManualCheck, ...] = ()


@dataclass(frozen=True, slots=True)
class HouseholdFacts:
    """A household (hộ gia đình) as a candidate: only manual standards apply to it so far."""

    id: int
    name: str
    unit_id: int
    unit: UnitFacts | None = None
    nominations: tuple[Nomination, ...] | None = None
    manual_checks: tuple[ManualCheck, ...] = ()


Candidate = UnitFacts | PersonFacts | HouseholdFacts


def _months_covered(spell: PositionSpell, year: int) -> int:
    start = max(spell.start, date(year, 1, 1))
    end = min(spell.end or date(year, 12, 31), date(year, 12, 31))
    if end < start:
        return 0
    return (end.year - start.year) * 12 + end.month - start.month + 1


def cchc_years_from_positions(
    spells: tuple[PositionSpell, ...], years: range, *, min_months: int = 6
) -> dict[int, bool | None]:
    """Whether each year counts as a year of direct CCHC work: spells of direct CCHC work cover at least
    `min_months` calendar months of it (a month counts when touched). A year that could reach the mark only
    with spells whose `cchc_direct` is unknown is None (to check).

    The seeds ("ít nhất 03 năm trực tiếp chỉ đạo, phụ trách hoặc tham mưu ... công tác cải cách hành chính",
    2162/QĐ-UBND, mục III.2.2.a) do not say how much of a year makes a year; 6 months is this module's default.
    """
    result: dict[int, bool | None] = {}
    for year in years:
        sure = sum(_months_covered(s, year) for s in spells if s.cchc_direct is True)
        maybe = sum(_months_covered(s, year) for s in spells if s.cchc_direct is None)
        if min(sure, 12) >= min_months:
            result[year] = True
        elif min(sure + maybe, 12) >= min_months:
            result[year] = None
        else:
            result[year] = False
    return result
