"""Figures the system computes about a unit and a year, offered to other modules by code.

A module that owns the data registers a measure ("plan_on_time_rate": the share of the unit's CCHC plan tasks done
on time); a module that wants the figure (a PAR criterion fed by the system's own data, an award rule) asks for it
by code, without importing the owner. Each value carries its source, so a page can link to where it came from.

    measures.register(Measure(code="plan_on_time_rate", label="Tỷ lệ nhiệm vụ hoàn thành đúng hạn",
                              unit="%", compute=_on_time_rate))
    value = measures.compute("plan_on_time_rate", unit=ward, year=2026)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class MeasureValue:
    """A computed figure: `value` is None when the data to compute it is missing (the reason says why)."""

    value: Decimal | None
    source_label: str = ""
    source_url: str = ""
    reason: str = ""


@dataclass(frozen=True)
class Measure:
    """A figure the system computes for a unit and a year."""

    code: str
    label: str
    compute: Callable[..., MeasureValue]
    unit: str = "%"
    description: str = ""


_MEASURES: dict[str, Measure] = {}


def register(measure: Measure) -> None:
    """Offer a measure under its code (called by the owning app's `ready()`)."""
    _MEASURES[measure.code] = measure


def get(code: str) -> Measure | None:
    return _MEASURES.get(code)


def choices() -> list[tuple[str, str]]:
    """(code, label) of every registered measure, for a select box."""
    return sorted(((m.code, m.label) for m in _MEASURES.values()), key=lambda c: c[1])


def compute(code: str, *, unit: Any, year: int, **options: Any) -> MeasureValue:
    """The figure of a unit for a year; an unknown code gives no value with a Vietnamese reason."""
    measure = _MEASURES.get(code)
    if measure is None:
        return MeasureValue(None, reason=f"Hệ thống chưa có số liệu “{code}”.")
    return measure.compute(unit=unit, year=year, **options)
