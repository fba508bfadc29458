"""Small builders of facts for the award-rule tests (plain dataclasses, no database)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from cchc.awards.rules.facts import (
    Initiative,
    ManualCheck,
    Nomination,
    ParResult,
    PersonFacts,
    UnitFacts,
)
from cchc.awards.rules.schema import Programme, load_all

CITY_ID = 1
LE_CHAN_ID = 10
OTHER_WARD_ID = 11


def programme(code: str) -> Programme:
    for pf in load_all():
        for prog in pf.programmes:
            if prog.code == code:
                return prog
    raise KeyError(code)


def par(year: int, rank: int, of: int = 45, bloc: str = "phuong", **kw: Any) -> ParResult:
    return ParResult(
        year=year, bloc_code=bloc, rank=rank, of=of, award_order=kw.pop("order", rank), **kw
    )


def initiative(
    year: int, level: str = "unit", *, ident: int = 1, recognised: bool = True, **kw: Any
) -> Initiative:
    return Initiative(
        id=ident,
        title=kw.pop("title", f"Sáng kiến {ident}"),
        year=year,
        level=level,
        recognised_on=date(year, 11, 20) if recognised else None,
        **kw,
    )


def ward(
    *,
    ident: int = LE_CHAN_ID,
    name: str = "Phường Lê Chân",
    bloc: str = "phuong",
    years: range = range(2026, 2031),
    **kw: Any,
) -> UnitFacts:
    return UnitFacts(
        id=ident,
        name=name,
        kind=kw.pop("kind", "ward"),
        blocs={y: bloc for y in years},
        ancestors=kw.pop("ancestors", frozenset({CITY_ID})),
        **kw,
    )


def office(
    *, ident: int = 100, name: str = "Văn phòng HĐND và UBND", parent: int = LE_CHAN_ID, **kw: Any
) -> UnitFacts:
    return UnitFacts(
        id=ident,
        name=name,
        kind=kw.pop("kind", "office"),
        ancestors=frozenset({CITY_ID, parent}),
        **kw,
    )


def person(
    *, ident: int = 500, name: str = "Nguyễn Thị Hoa", unit: UnitFacts | None = None, **kw: Any
) -> PersonFacts:
    unit = unit or ward()
    return PersonFacts(id=ident, name=name, unit_id=unit.id, unit=unit, **kw)


def checks(
    programme_code: str, *codes: str, passed: bool = True, year: int | None = None
) -> tuple[ManualCheck, ...]:
    return tuple(
        ManualCheck(
            programme=programme_code,
            criterion=code,
            passed=passed,
            checked_by="Trần Văn Bình",
            checked_on=date(2027, 3, 1),
            evidence="Biên bản họp Hội đồng",
            year=year,
        )
        for code in codes
    )


def nomination(
    ident: int, programme_code: str, subject: str = "collective", **kw: Any
) -> Nomination:
    proposer_name = kw.pop("proposer_name", "UBND phường Lê Chân")
    return Nomination(
        id=ident,
        programme=programme_code,
        subject=subject,
        label=kw.pop("label", f"hồ sơ số {ident} — {proposer_name}"),
        proposer_id=kw.pop("proposer_id", LE_CHAN_ID),
        proposer_name=proposer_name,
        **kw,
    )


D = Decimal
