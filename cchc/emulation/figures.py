"""The figures a movement report takes from the system, each with its source and a link: the unit's CCHC plan
on-time rate (measure "plan_on_time_rate" of the plans module), its PAR Index of the latest published year up to
the report's year (score, rank and band in its bloc, read through `cchc.par.selectors.bloc_ranking`) and its
recognised initiatives (measure "initiatives_recognised"). A missing figure is "chưa có số liệu" with the reason,
never 0. They are shown live while the report is written and frozen into it when it is submitted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from django.urls import NoReverseMatch, reverse

from cchc.core import dates, measures
from cchc.orgs.choices import BlocCode
from cchc.par import selectors as par_selectors
from cchc.par.models import Result

PLAN_RATE = "plan_on_time_rate"
PAR_INDEX = "par_index"
INITIATIVES = "initiatives_recognised"
NO_DATA = "chưa có số liệu"
BLOC_NAMES = dict(BlocCode.choices)
ORDER = [PLAN_RATE, PAR_INDEX, INITIATIVES]
LABELS = {
    PLAN_RATE: "Tỷ lệ nhiệm vụ CCHC hoàn thành đúng hạn",
    PAR_INDEX: "Chỉ số CCHC (PAR Index)",
    INITIATIVES: "Sáng kiến được công nhận",
}


@dataclass(frozen=True)
class Figure:
    """One figure of a unit: `value` None when the system has no data (then `reason` says why)."""

    code: str
    label: str
    value: str | None
    number: str | None = None
    unit: str = ""
    year: int | None = None
    source_label: str = ""
    source_url: str = ""
    reason: str = ""
    rank: int | None = None
    bloc_size: int | None = None
    band: str = ""
    bloc: str = ""

    @property
    def text(self) -> str:
        return self.value if self.value is not None else NO_DATA

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Figure:
        known: dict[str, Any] = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        known.setdefault("code", "")
        known.setdefault("label", "")
        known.setdefault("value", None)
        return cls(**known)


def _decimal_text(value: Decimal, places: int = 1) -> str:
    text = f"{value:.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def measure_figure(code: str, *, unit: Any, year: int, **options: Any) -> Figure:
    measure = measures.get(code)
    value = measures.compute(code, unit=unit, year=year, **options)
    label = measure.label if measure else LABELS[code]
    suffix = measure.unit if measure else ""
    if value.value is None:
        unknown = (
            f"Hệ thống chưa có số liệu “{label.lower()}” (chưa có mô-đun cung cấp số liệu này)."
        )
        return Figure(
            code=code,
            label=LABELS[code],
            value=None,
            year=year,
            reason=(value.reason if measure else unknown)
            or f"Hệ thống chưa có số liệu “{label}” của {unit} năm {year}.",
            source_label=value.source_label,
            source_url=value.source_url,
        )
    number = _decimal_text(Decimal(value.value), 1 if suffix == "%" else 0)
    shown = f"{number}{suffix}" if suffix == "%" else f"{number} {suffix}".strip()
    return Figure(
        code=code,
        label=LABELS[code],
        value=shown,
        number=str(value.value),
        unit=suffix,
        year=year,
        source_label=value.source_label or label,
        source_url=value.source_url,
        reason=value.reason,
    )


def _par_url(year: int, bloc_code: str) -> str:
    try:
        return reverse("par:results_bloc", args=[year, bloc_code])
    except NoReverseMatch:
        return ""


def par_figures(unit_ids: list[int], year: int) -> dict[int, Figure]:
    """{unit id: the PAR Index figure} of the latest published year up to `year`; a query for the years, then
    one `bloc_ranking` per (year, bloc) found."""
    latest: dict[int, tuple[int, str]] = {}
    for unit_id, y, bloc in (
        Result.objects.filter(unit_id__in=unit_ids, published=True, year__lte=year)
        .order_by("unit_id", "year")
        .values_list("unit_id", "year", "bloc_code")
    ):
        latest[unit_id] = (y, bloc)
    rankings = {
        key: {r.unit_id: r for r in par_selectors.bloc_ranking(year=key[0], bloc_code=key[1])}
        for key in set(latest.values())
    }
    found: dict[int, Figure] = {}
    for unit_id in unit_ids:
        if unit_id not in latest:
            found[unit_id] = Figure(
                code=PAR_INDEX,
                label=LABELS[PAR_INDEX],
                value=None,
                year=year,
                reason=f"Chưa có kết quả Chỉ số CCHC đã công bố của đơn vị đến năm {year} "
                "(cần kiểm tra).",
            )
            continue
        y, bloc = latest[unit_id]
        row = rankings[(y, bloc)].get(unit_id)
        if row is None:  # published rows changed between the two reads
            found[unit_id] = Figure(
                code=PAR_INDEX, label=LABELS[PAR_INDEX], value=None, year=y, reason="Cần kiểm tra."
            )
            continue
        bloc_name = BLOC_NAMES.get(bloc, bloc)
        score = _decimal_text(row.total, 2)
        band = f", xếp loại {row.band}" if row.band else ""
        found[unit_id] = Figure(
            code=PAR_INDEX,
            label=LABELS[PAR_INDEX],
            value=f"{score}% – hạng {row.rank}/{row.bloc_size} {bloc_name.lower()}{band} (năm {y})",
            number=str(row.total),
            unit="%",
            year=y,
            source_label=f"Kết quả Chỉ số CCHC năm {y} đã công bố, {bloc_name}",
            source_url=_par_url(y, bloc),
            rank=row.rank,
            bloc_size=row.bloc_size,
            band=row.band,
            bloc=bloc_name,
            reason="" if y == year else f"Năm {year} chưa công bố kết quả; lấy năm gần nhất ({y}).",
        )
    return found


def unit_figures(*, unit: Any, year: int, today: dt.date | None = None) -> list[Figure]:
    """The three figures of a unit for the report of `year`, computed now (`today` for the plan rate)."""
    today = today or dates.today()
    return [
        measure_figure(PLAN_RATE, unit=unit, year=year, today=today),
        par_figures([unit.pk], year)[unit.pk],
        measure_figure(INITIATIVES, unit=unit, year=year),
    ]


def frozen(figures: list[Figure], *, on: dt.date) -> dict[str, Any]:
    """The JSON kept in a submitted report."""
    return {"computed_on": on.isoformat(), "items": [f.as_dict() for f in figures]}


def thawed(data: dict[str, Any] | None) -> list[Figure]:
    """The figures kept in a submitted report, in the usual order."""
    items = [Figure.from_dict(d) for d in (data or {}).get("items", [])]
    return sorted(items, key=lambda f: ORDER.index(f.code) if f.code in ORDER else len(ORDER))
