"""The database keeps what the services promise: one score per member, criterion and initiative; shares from 0
to 100; one collective author; a recognised initiative has its level and date, a refused one its reason; one
chair per council; levels in the order the award rules read them."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from cchc.awards.rules.vocabulary import INITIATIVE_LEVEL_ORDER
from cchc.initiatives.choices import (
    LEVEL_ORDER,
    LEVEL_RANK,
    CouncilRole,
    InitiativeLevel,
    InitiativeStatus,
    levels_at_least,
)
from cchc.initiatives.models import CouncilMember, InitiativeAuthor, Score

pytestmark = pytest.mark.django_db


def refused_by_database(make) -> bool:
    try:
        with transaction.atomic():
            make()
    except IntegrityError:
        return True
    return False


def test_a_member_scores_a_criterion_of_an_initiative_once(world):
    initiative = world.to_scoring(world.initiative())
    criterion = world.council.criteria.first()
    member = world.members[0]
    Score.objects.create(initiative=initiative, member=member, criterion=criterion, points=10)
    assert refused_by_database(
        lambda: Score.objects.create(
            initiative=initiative, member=member, criterion=criterion, points=12
        )
    )


def test_points_are_never_negative(world):
    initiative = world.to_scoring(world.initiative())
    assert refused_by_database(
        lambda: Score.objects.create(
            initiative=initiative,
            member=world.members[0],
            criterion=world.council.criteria.first(),
            points=-1,
        )
    )


@pytest.mark.parametrize(
    "share,refused",
    [(Decimal(0), False), (Decimal(100), False), (Decimal("100.01"), True), (Decimal(-1), True)],
)
def test_a_share_is_between_0_and_100(world, share, refused):
    initiative = world.initiative()
    person = world.people["binh"]
    assert (
        refused_by_database(
            lambda: InitiativeAuthor.objects.create(
                initiative=initiative, person=person, share=share
            )
        )
        is refused
    )


def test_a_named_author_has_a_share_and_appears_once(world):
    initiative = world.initiative()
    lan = world.people["lan"]
    assert refused_by_database(
        lambda: InitiativeAuthor.objects.create(initiative=initiative, person=lan, share=10)
    )
    assert refused_by_database(
        lambda: InitiativeAuthor.objects.create(
            initiative=initiative, person=world.people["binh"], share=None
        )
    )


def test_the_collective_is_written_once(world):
    initiative = world.initiative(authors=[(None, None)])
    assert refused_by_database(lambda: InitiativeAuthor.objects.create(initiative=initiative))


def test_a_recognised_initiative_has_its_level_and_date_and_only_it_has_a_level(world):
    initiative = world.initiative()
    initiative.status = InitiativeStatus.RECOGNISED
    assert refused_by_database(lambda: initiative.save())
    initiative.status = InitiativeStatus.DRAFT
    initiative.level = InitiativeLevel.COMMUNE
    assert refused_by_database(lambda: initiative.save())
    initiative.status = InitiativeStatus.RECOGNISED
    initiative.recognised_on = date(2027, 4, 1)
    initiative.save()


def test_a_refused_initiative_says_why(world):
    initiative = world.initiative()
    initiative.status = InitiativeStatus.REFUSED
    assert refused_by_database(lambda: initiative.save())


def test_a_council_has_one_chair(world):
    assert refused_by_database(
        lambda: CouncilMember.objects.create(
            council=world.council, user=world.p.ward_b_officer, role=CouncilRole.CHAIR
        )
    )


def test_levels_rank_as_the_award_rules_read_them():
    assert LEVEL_ORDER == ["unit", "commune", "district", "city", "ministry", "national"]
    assert LEVEL_RANK == INITIATIVE_LEVEL_ORDER
    assert levels_at_least("city") == ["city", "ministry", "national"]
    assert levels_at_least("ministry") == ["city", "ministry", "national"]
    assert levels_at_least("commune") == LEVEL_ORDER[1:]
    assert levels_at_least(None) == LEVEL_ORDER


def test_an_authors_label_reads_as_a_person_writes_it(world):
    initiative = world.initiative()
    assert initiative.author_names == "Nguyễn Thị Lan (60%); Trần Văn Hùng (40%)"
    collective = world.initiative(authors=[(None, None)])
    assert collective.author_names == "Tập thể Phường An Bình"
