"""The initiatives a unit had recognised, offered to other modules (a movement's yearly report) as a measure."""

import pytest

from cchc.core import measures
from cchc.initiatives.models import Initiative
from cchc.orgs.choices import LEVEL_KINDS
from cchc.orgs.models import Unit

pytestmark = pytest.mark.django_db


def test_the_measure_counts_the_units_initiatives_recognised_in_the_year_with_its_source():
    ward = Unit.objects.get(short_name="Lê Chân", kind__in=LEVEL_KINDS)
    recognised = Initiative.objects.filter(
        unit__path__startswith=ward.path, recognised_on__year=2026
    ).count()
    value = measures.compute("initiatives_recognised", unit=ward, year=2026)
    assert value.value == recognised
    assert value.source_url.startswith("/sang-kien/") and "2026" in value.source_label
