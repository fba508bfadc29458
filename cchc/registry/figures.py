"""Figures of the document register that other modules read: the documents a unit registered in a year."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from cchc.core.measures import Measure, MeasureValue
from cchc.registry.models import Document


def documents_registered(*, unit, year: int, **_) -> MeasureValue:
    """The measure `documents_registered`: documents of the unit and its offices issued in the year."""
    count = Document.objects.filter(
        org_unit__path__startswith=unit.path, issued_on__year=year
    ).count()
    return MeasureValue(
        Decimal(count),
        source_label=f"Sổ văn bản: văn bản của {unit} ban hành năm {year}",
        source_url=reverse("registry:document_list") + f"?year={year}",
    )


MEASURES = [
    Measure(
        code="documents_registered",
        label="Số văn bản của đơn vị ban hành trong năm (sổ văn bản)",
        compute=documents_registered,
        unit="văn bản",
        description="Văn bản của đơn vị và các phòng, bộ phận thuộc đơn vị có ngày ban hành trong năm.",
    )
]
