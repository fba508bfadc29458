"""The catalogue of titles and award forms, the dated base salary, and the money of an award.

Data: `cchc/awards/data/catalogue.yaml` (validated here). The amount of an award is its coefficient times the
base salary in force on the date of the award decision, rounded UP to the next 10,000 đồng (Nghị định
152/2025/NĐ-CP, carrying the rule of Nghị định 98/2023/NĐ-CP, Điều 55).
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_CEILING, Decimal
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from cchc.awards.rules.types import Code, Subject, Text

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
CATALOGUE_FILE = DATA_DIR / "catalogue.yaml"
ROUNDING_STEP = Decimal(10_000)


class Authority(BaseModel):
    """Who confers (or decides): the level and the role, with the Vietnamese wording."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    level: Literal["unit", "ward", "commune", "district", "city", "ministry", "national"]
    role: Literal["chairman", "head", "people_committee", "prime_minister", "president"]
    text: str | None = None


class AwardForm(BaseModel):
    """A title or an award form: exact Vietnamese name, who confers it, coefficient per subject."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: Code
    name: Text
    type: Literal["title", "form"]
    conferred_by: Authority
    coefficients: dict[Subject, Decimal] = Field(min_length=1)
    confirmed: bool = True
    source: Text

    @property
    def subjects(self) -> frozenset[str]:
        return frozenset(self.coefficients)


class BaseSalary(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    from_date: date = Field(alias="from")
    amount: int = Field(gt=0)
    source: Text


class Catalogue(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1]
    forms: list[AwardForm]
    base_salary: list[BaseSalary] = Field(min_length=1)

    def form(self, code: str) -> AwardForm | None:
        return self.by_code().get(code)

    def by_code(self) -> dict[str, AwardForm]:
        return {f.code: f for f in self.forms}

    def names(self) -> dict[str, str]:
        return {f.code: f.name for f in self.forms}


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    """The catalogue shipped with the code (read once)."""
    import yaml

    with CATALOGUE_FILE.open(encoding="utf-8") as fh:
        return Catalogue.model_validate(yaml.safe_load(fh))


def base_salary_on(day: date, table: list[BaseSalary] | None = None) -> int | None:
    """The base salary in force on `day`, or None before the first row of the table."""
    rows = sorted(
        table if table is not None else catalogue().base_salary, key=lambda r: r.from_date
    )
    amount = None
    for row in rows:
        if row.from_date <= day:
            amount = row.amount
    return amount


def round_up(value: Decimal, step: Decimal = ROUNDING_STEP) -> int:
    """Round up to the next multiple of `step` (10,000 đồng): 702,000 → 710,000; 2,340,000 stays."""
    return int((value / step).to_integral_value(rounding=ROUND_CEILING) * step)


def award_amount(
    form_code: str, subject: str, decision_date: date, *, table: list[BaseSalary] | None = None
) -> int | None:
    """The money of an award: coefficient × base salary in force on the decision date, rounded up to
    10,000 đồng. None when the form has no coefficient for that subject or no base salary applies."""
    form = catalogue().form(form_code)
    if form is None or subject not in form.coefficients:
        return None
    base = base_salary_on(decision_date, table)
    if base is None:
        return None
    return round_up(form.coefficients[subject] * Decimal(base))
