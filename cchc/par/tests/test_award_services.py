"""The functions the award rules call: bloc_ranking, top_n, years_in_top (published results only)."""

from datetime import date
from decimal import Decimal as D

import pytest

from cchc.orgs.models import Unit
from cchc.par import ranking, selectors
from cchc.par.choices import RoundStatus
from cchc.par.models import Result, Round

pytestmark = pytest.mark.django_db

# Five wards over three years: (total, appraised, survey) per year; 2043 is not published.
TABLE = {
    "A": {2041: ("95", "66", "29"), 2042: ("90", "62", "28"), 2043: ("99", "69", "30")},
    "B": {2041: ("90", "62", "28"), 2042: ("92", "64", "28"), 2043: ("70", "50", "20")},
    "C": {2041: ("90", "63", "27"), 2042: ("90", "62", "28"), 2043: ("71", "50", "21")},
    "D": {2041: ("80", "55", "25"), 2042: ("95", "66", "29"), 2043: ("72", "50", "22")},
    "E": {2041: ("75", "50", "25"), 2042: ("70", "48", "22"), 2043: ("73", "50", "23")},
}


@pytest.fixture
def wards(demo):
    city = demo.city
    units = {}
    for key in TABLE:
        u = Unit.objects.create(
            parent=city, kind="ward", name=f"Phường Thử {key}", short_name=f"Thử {key}"
        )
        Unit.objects.filter(pk=u.pk).update(path=f"{city.path}{u.pk}/")
        units[key] = u
    for year in (2041, 2042, 2043):
        rnd = Round.objects.create(
            organiser=city,
            year=year,
            name=str(year),
            status=RoundStatus.PUBLISHED if year < 2043 else RoundStatus.OPEN,
            **{
                f: date(year, 1, 1)
                for f in (
                    "self_start",
                    "self_end",
                    "appraisal_start",
                    "appraisal_end",
                    "response_start",
                    "response_end",
                )
            },
        )
        entries = [
            ranking.Entry(units[k].pk, units[k].name, D(t), D(a), D(s))
            for k, y in TABLE.items()
            for t, a, s in [y[year]]
        ]
        Result.objects.bulk_create(
            [
                Result(
                    round=rnd,
                    year=year,
                    unit_id=r.entry.unit_id,
                    bloc_code="phuong",
                    appraised_score=r.entry.appraised,
                    survey_score=r.entry.survey,
                    applicable_max=D("100"),
                    total=r.entry.total,
                    rank=r.rank,
                    award_order=r.award_order,
                    bloc_size=len(entries),
                    band="Tốt",
                    published=rnd.status == RoundStatus.PUBLISHED,
                )
                for r in ranking.rank(entries)
            ]
        )
    return units


def names(rows):
    return [r.unit_name.removeprefix("Phường Thử ") for r in rows]


@pytest.mark.parametrize(
    "year, order, ranks",
    [
        (
            2041,
            ["A", "C", "B", "D", "E"],
            [1, 2, 2, 4, 5],
        ),  # B and C tie on 90: C has the higher appraised score
        (
            2042,
            ["D", "B", "A", "C", "E"],
            [1, 2, 3, 3, 5],
        ),  # A and C equal in everything: the name decides
        (2043, [], []),  # not published
    ],
)
def test_bloc_ranking_lists_the_published_ranking_in_award_order(wards, year, order, ranks):
    rows = selectors.bloc_ranking(year=year, bloc_code="phuong")
    assert names(rows) == order
    assert [r.rank for r in rows] == ranks


@pytest.mark.parametrize(
    "year, n, expected",
    [
        (2041, 1, ["A"]),
        (2041, 2, ["A", "C"]),
        (2041, 3, ["A", "C", "B"]),
        (2042, 3, ["D", "B", "A"]),
        (2041, 0, []),
        (2041, 9, ["A", "C", "B", "D", "E"]),
        (2043, 3, []),
    ],
)
def test_top_n_takes_exactly_n_units_by_award_order(wards, year, n, expected):
    assert names(selectors.top_n(year=year, bloc_code="phuong", n=n)) == expected


@pytest.mark.parametrize(
    "key, start, end, n, years",
    [
        ("A", 2041, 2043, 3, [2041, 2042]),  # 2043 unpublished does not count
        ("A", 2041, 2043, 2, [2041]),
        ("B", 2041, 2042, 2, [2042]),
        ("C", 2041, 2042, 2, [2041]),
        ("D", 2040, 2050, 1, [2042]),
        ("E", 2041, 2043, 4, []),
        ("E", 2041, 2043, 5, [2041, 2042]),
    ],
)
def test_years_in_top_lists_the_published_years_inside_the_first_n(
    wards, key, start, end, n, years
):
    assert selectors.years_in_top(unit=wards[key], start_year=start, end_year=end, n=n) == years
