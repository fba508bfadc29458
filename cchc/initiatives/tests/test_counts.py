"""What the award rules read: recognised initiatives counted per unit (with its offices) and per person, over a
year or a period, at a level or above; pending ones only when asked; the same number of queries whatever the
number of rows."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc.core.errors import DomainError
from cchc.initiatives import selectors
from cchc.initiatives.choices import InitiativeLevel, InitiativeStatus
from cchc.initiatives.models import Initiative, InitiativeAuthor
from cchc.initiatives.selectors import InitiativeFact

pytestmark = pytest.mark.django_db


def bulk(world, rows):
    """Recognised (or pending) initiatives written straight to the database: (unit, year, level, status)."""
    made = Initiative.objects.bulk_create(
        [
            Initiative(
                unit=unit,
                year=year,
                area="tthc",
                title=f"Sáng kiến {i}",
                description="Nội dung",
                status=status,
                level=level if status == InitiativeStatus.RECOGNISED else "",
                recognised_on=date(year, 12, 1) if status == InitiativeStatus.RECOGNISED else None,
                refusal_reason="Điểm dưới ngưỡng" if status == InitiativeStatus.REFUSED else "",
            )
            for i, (unit, year, level, status) in enumerate(rows)
        ]
    )
    InitiativeAuthor.objects.bulk_create(
        [InitiativeAuthor(initiative=i, person=world.people["lan"], share=100) for i in made]
    )
    return made


R = InitiativeStatus.RECOGNISED


@pytest.fixture
def spread(world):
    p = world.p
    return bulk(
        world,
        [
            (p.ward_a, 2026, InitiativeLevel.COMMUNE, R),
            (p.office_a, 2027, InitiativeLevel.CITY, R),  # an office's counts for its ward
            (p.office_a2, 2025, InitiativeLevel.COMMUNE, R),  # before the period
            (p.ward_a, 2027, "", InitiativeStatus.SCORING),  # pending
            (p.ward_a, 2026, "", InitiativeStatus.REFUSED),
            (p.ward_b, 2028, InitiativeLevel.UNIT, R),
            (p.dept, 2030, InitiativeLevel.MINISTRY, R),
        ],
    )


def test_a_ward_counts_its_offices_and_only_recognised_ones_in_the_period(world, spread):
    p = world.p
    counts = selectors.recognised_counts(
        unit_ids=[p.ward_a.pk, p.ward_b.pk, p.dept.pk, p.office_b.pk],
        start_year=2026,
        end_year=2030,
    )
    assert counts == {p.ward_a.pk: 2, p.ward_b.pk: 1, p.dept.pk: 1, p.office_b.pk: 0}


def test_counts_at_a_level_or_above(world, spread):
    p = world.p
    city_or_above = selectors.recognised_counts(
        unit_ids=[p.ward_a.pk, p.ward_b.pk, p.dept.pk],
        start_year=2026,
        end_year=2030,
        min_level="city",
    )
    assert city_or_above == {p.ward_a.pk: 1, p.ward_b.pk: 0, p.dept.pk: 1}
    # a ministry ranks with a province: "≥ ministry" keeps the city level too
    assert selectors.recognised_counts(
        unit_ids=[p.ward_a.pk], start_year=2026, end_year=2030, min_level="ministry"
    ) == {p.ward_a.pk: 1}


def test_without_unit_ids_every_unit_with_one_is_given_with_the_units_above(world, spread):
    p = world.p
    counts = selectors.recognised_counts(start_year=2027, end_year=2027)
    assert counts == {p.city.pk: 1, p.ward_a.pk: 1, p.office_a.pk: 1}


def test_counts_by_person_over_a_year(world, spread):
    lan = world.people["lan"]
    everyone = selectors.recognised_counts_by_person(start_year=2026, end_year=2030)
    assert everyone[lan.pk] == 4 and world.people["hung"].pk not in everyone
    assert selectors.recognised_counts_by_person(
        person_ids=[lan.pk, world.people["hung"].pk], start_year=2025, end_year=2025
    ) == {lan.pk: 1, world.people["hung"].pk: 0}


def test_facts_per_unit_match_the_award_rules_fact(world, spread):
    from dataclasses import fields

    from cchc.awards.rules import facts

    p = world.p
    found = selectors.recognised_for(
        unit_ids=[p.ward_a.pk, p.ward_b.pk], start_year=2026, end_year=2027
    )
    assert [(f.year, f.level) for f in found[p.ward_a.pk]] == [(2026, "commune"), (2027, "city")]
    assert found[p.ward_b.pk] == []
    names = [f.name for f in fields(InitiativeFact)]
    assert names == [f.name for f in fields(facts.Initiative)][: len(names)]
    fact = found[p.ward_a.pk][0]
    assert facts.Initiative(*(getattr(fact, n) for n in names)).recognised_on == date(2026, 12, 1)


def test_pending_initiatives_come_only_when_asked_without_level_or_date(world, spread):
    p = world.p
    facts = selectors.recognised_for(
        unit_ids=[p.ward_a.pk], start_year=2027, end_year=2027, include_pending=True
    )[p.ward_a.pk]
    assert [(f.level, f.recognised_on) for f in facts] == [
        ("city", date(2027, 12, 1)),
        (None, None),
    ]
    by_person = selectors.recognised_for_persons(
        person_ids=[world.people["lan"].pk], start_year=2027, end_year=2027
    )
    assert len(by_person[world.people["lan"].pk]) == 1


def test_a_user_counts_only_what_they_may_see(world, spread):
    p = world.p
    seen = selectors.recognised_counts(
        unit_ids=[p.ward_a.pk, p.ward_b.pk], start_year=2026, end_year=2030, actor=p.ward_b_officer
    )
    assert seen == {p.ward_a.pk: 0, p.ward_b.pk: 1}


@pytest.mark.parametrize(
    "start,end,level,message",
    [
        (2030, 2026, None, "Năm bắt đầu (2030) sau năm kết thúc (2026)."),
        (1990, 2026, None, "Năm 1990 không hợp lệ (từ 2000 đến 2100)."),
        (
            2026,
            2030,
            "tinh",
            "Cấp công nhận “tinh” không hợp lệ; dùng một trong: unit, commune, "
            "district, city, ministry, national.",
        ),
    ],
)
def test_a_period_or_level_that_cannot_be_meant_is_refused_in_vietnamese(
    start, end, level, message
):
    with pytest.raises(DomainError) as refused:
        selectors.recognised_counts(start_year=start, end_year=end, min_level=level)
    assert refused.value.message == message


def queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


# Written down: one query for each selector the award rules read (the system reads without a scope query), two
# for the counts table of a user (units, initiatives; the user's grants are read once per request before).
EXPECTED = {
    "recognised_counts": 1,
    "recognised_counts_by_person": 1,
    "recognised_for": 1,
    "recognised_for_persons": 1,
    "unit_counts": 2,
    "person_counts": 1,
}


def test_the_number_of_queries_does_not_grow_with_the_rows(world):
    p = world.p
    units = [p.ward_a, p.office_a, p.office_a2, p.ward_b, p.office_b, p.dept]
    lan = world.people["lan"].pk
    calls = {
        "recognised_counts": lambda: selectors.recognised_counts(start_year=2026, end_year=2030),
        "recognised_counts_by_person": lambda: selectors.recognised_counts_by_person(
            start_year=2026, end_year=2030, min_level="commune"
        ),
        "recognised_for": lambda: selectors.recognised_for(
            unit_ids=[u.pk for u in units], start_year=2026, end_year=2030, include_pending=True
        ),
        "recognised_for_persons": lambda: selectors.recognised_for_persons(
            person_ids=[lan], start_year=2026, end_year=2030
        ),
        "unit_counts": lambda: selectors.unit_counts(
            actor=p.city_officer, start_year=2026, end_year=2030
        ),
        "person_counts": lambda: selectors.person_counts(
            actor=p.city_officer, start_year=2026, end_year=2030
        ),
    }
    selectors.unit_counts(actor=p.city_officer, start_year=2026, end_year=2030)  # the grants, once
    small = {name: queries(fn) for name, fn in calls.items()}
    levels = [InitiativeLevel.COMMUNE, InitiativeLevel.CITY, InitiativeLevel.UNIT]
    bulk(
        world,
        [
            (
                units[i % len(units)],
                2026 + i % 5,
                levels[i % 3],
                R if i % 4 else InitiativeStatus.SCORING,
            )
            for i in range(400)
        ],
    )
    large = {name: queries(fn) for name, fn in calls.items()}
    assert small == large == EXPECTED
    counts = selectors.recognised_counts(unit_ids=[p.ward_a.pk], start_year=2026, end_year=2030)
    assert counts[p.ward_a.pk] == sum(1 for i in range(400) if i % 4 and i % 6 in (0, 1, 2))
