"""The money of an award: the coefficient of its form times the base salary in force on the date of the award
decision, rounded UP to the next 10,000 đồng (Nghị định 152/2025/NĐ-CP, Điều 54-55; the coefficients are in
`cchc/awards/data/catalogue.yaml`). Pure: the base salary table is passed in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal

from cchc.awards.rules.catalogue import catalogue

ROUNDING_STEP = 10_000


@dataclass(frozen=True)
class SalaryRow:
    """A base salary in force from a date."""

    from_date: date
    amount: int


def base_salary_on(day: date, table: Sequence[SalaryRow]) -> int | None:
    """The base salary in force on `day`: the latest row starting on or before it; None before the first row."""
    amount = None
    for row in sorted(table, key=lambda r: r.from_date):
        if row.from_date <= day:
            amount = row.amount
    return amount


def round_up(value: Decimal | int, step: int = ROUNDING_STEP) -> int:
    """Round up to the next multiple of `step`: 702,000 → 710,000; 2,340,000 stays (Nghị định 152/2025/NĐ-CP,
    Điều 55: "làm tròn số lên hàng chục nghìn đồng")."""
    steps = (Decimal(value) / Decimal(step)).to_integral_value(rounding=ROUND_CEILING)
    return int(steps * step)


def amount(coefficient: Decimal, base_salary: int) -> int:
    """Coefficient × base salary, rounded up to 10,000 đồng."""
    return round_up(Decimal(coefficient) * Decimal(base_salary))


def coefficient(form_code: str, subject: str) -> Decimal | None:
    """The coefficient of a form for a subject (person, collective, household), None when the catalogue has none."""
    form = catalogue().form(form_code)
    if form is None:
        return None
    return form.coefficients.get(subject)  # type: ignore[call-overload]


def award_amount(
    *, form_code: str, subject: str, day: date, table: Sequence[SalaryRow]
) -> int | None:
    """The money of one award decided on `day`; None when the form has no coefficient for the subject or no
    base salary was in force (shown as "cần kiểm tra", never as 0)."""
    k = coefficient(form_code, subject)
    base = base_salary_on(day, table)
    if k is None or base is None:
        return None
    return amount(k, base)


def vnd(value: int | Decimal | None) -> str:
    """ "2.340.000" (Vietnamese thousands separator); "—" when unknown."""
    if value is None:
        return "—"
    return f"{int(value):,}".replace(",", ".")
