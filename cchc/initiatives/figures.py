"""The figure other modules read about initiatives: how many a unit had recognised in a year (a movement's yearly
report fills it from here through `cchc.core.measures`, code "initiatives_recognised")."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from cchc.core.measures import Measure, MeasureValue
from cchc.initiatives.selectors import recognised_counts


def measure_recognised(*, unit: Any, year: int, **_: Any) -> MeasureValue:
    """The number of initiatives of the unit (and the units below it) recognised in the year, at any level."""
    count = recognised_counts(unit_ids=[unit.pk], start_year=year, end_year=year).get(unit.pk, 0)
    url = (
        reverse("initiatives:initiative_list")
        + "?"
        + urlencode({"year": year, "status": "recognised"})
    )
    return MeasureValue(
        Decimal(count),
        source_label=f"Sổ sáng kiến: {count} sáng kiến của {unit} được công nhận năm {year}",
        source_url=url,
    )


MEASURES = [
    Measure(
        code="initiatives_recognised",
        label="Số sáng kiến được công nhận trong năm",
        compute=measure_recognised,
        unit="sáng kiến",
        description="Sáng kiến, mô hình, giải pháp của đơn vị (kể cả đơn vị trực thuộc) được công nhận.",
    )
]
