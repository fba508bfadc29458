"""The demo's clock: whatever the loader writes, including fields whose default is the clock itself, falls on the
demo's day, and rows the migrations wrote later than that day are moved onto it."""

from datetime import date, datetime, time

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from cchc.awards.models import BaseSalary
from cchc.demo.clock import on_day, settle_installed_rows

PAST = date(2020, 3, 2)
FIRST = timezone.make_aware(datetime.combine(PAST, time(0, 0)))


@pytest.mark.django_db
def test_a_user_made_on_the_demo_day_joined_that_day_and_the_clock_comes_back_after():
    User = get_user_model()
    with on_day(PAST):
        inside = User.objects.create_user("clock-inside", password="x")
    after = User.objects.create_user("clock-after", password="x")
    assert inside.date_joined == FIRST
    assert after.date_joined > FIRST and after.date_joined.date() >= date(2026, 1, 1)


@pytest.mark.django_db
def test_rows_installed_after_the_demo_day_are_moved_onto_it_and_earlier_ones_stay():
    BaseSalary.objects.all().delete()
    late = BaseSalary.objects.create(from_date=date(2019, 7, 1), amount=1, source="x")
    early = BaseSalary.objects.create(from_date=date(2018, 7, 1), amount=1, source="y")
    BaseSalary.objects.filter(pk=early.pk).update(
        created_at=timezone.make_aware(datetime(2019, 1, 1, 8, 0))
    )
    assert settle_installed_rows(PAST) >= 1
    late.refresh_from_db()
    early.refresh_from_db()
    assert late.created_at == FIRST
    assert early.created_at == timezone.make_aware(datetime(2019, 1, 1, 8, 0))
