"""The money of an award: coefficient × base salary in force on the decision's date, rounded up to 10,000 đ
(Nghị định 152/2025/NĐ-CP, Điều 54-55); the base salary as a dated table."""

from datetime import date
from decimal import Decimal

import pytest

from cchc.awards import money
from cchc.awards import selectors_decisions as selectors
from cchc.awards import services_decisions as services
from cchc.awards.models import BaseSalary
from cchc.core.errors import DomainError, PermissionDenied

TABLE = [
    money.SalaryRow(date(2019, 7, 1), 1_490_000),
    money.SalaryRow(date(2023, 7, 1), 1_800_000),
    money.SalaryRow(date(2024, 7, 1), 2_340_000),
]


@pytest.mark.parametrize(
    ("coefficient", "expected"),
    [
        ("0.3", 710_000),  # 702,000 rounded up
        ("0.45", 1_060_000),  # 1,053,000 (household Giấy khen)
        ("0.6", 1_410_000),  # 1,404,000
        ("1.0", 2_340_000),  # already a multiple of 10,000
        ("1.5", 3_510_000),
        ("3.0", 7_020_000),
        ("8.0", 18_720_000),
    ],
)
def test_an_amount_is_the_coefficient_times_2340000_rounded_up_to_10000(coefficient, expected):
    assert money.amount(Decimal(coefficient), 2_340_000) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(702_000, 710_000), (710_000, 710_000), (700_001, 710_000), (1, 10_000), (0, 0)],
)
def test_rounding_goes_up_never_down(value, expected):
    assert money.round_up(value) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2019, 6, 30), None),
        (date(2019, 7, 1), 1_490_000),
        (date(2023, 10, 20), 1_800_000),
        (date(2024, 6, 30), 1_800_000),
        (date(2024, 7, 1), 2_340_000),
        (date(2027, 3, 25), 2_340_000),
    ],
)
def test_the_base_salary_is_the_one_in_force_on_the_day(day, expected):
    assert money.base_salary_on(day, TABLE) == expected


def test_the_amount_of_a_form_reads_the_catalogue_and_the_date():
    giay_khen = "giay_khen_chu_tich_ubnd_phuong"
    assert (
        money.award_amount(
            form_code=giay_khen, subject="person", day=date(2027, 3, 25), table=TABLE
        )
        == 710_000
    )
    assert (
        money.award_amount(
            form_code=giay_khen, subject="person", day=date(2023, 10, 20), table=TABLE
        )
        == 540_000
    )
    assert (
        money.award_amount(
            form_code=giay_khen, subject="collective", day=date(2023, 10, 20), table=TABLE
        )
        == 1_080_000
    )
    # No base salary yet, or no coefficient for the subject: unknown, never 0.
    assert (
        money.award_amount(form_code=giay_khen, subject="person", day=date(2018, 1, 1), table=TABLE)
        is None
    )
    assert (
        money.award_amount(
            form_code="ldtt", subject="collective", day=date(2027, 1, 1), table=TABLE
        )
        is None
    )


@pytest.mark.django_db
def test_the_table_ships_2340000_from_1_july_2024():
    table = selectors.salary_table()
    assert money.SalaryRow(date(2024, 7, 1), 2_340_000) in table
    assert money.base_salary_on(date(2027, 11, 26), table) == 2_340_000


@pytest.mark.django_db
def test_the_city_standing_agency_adds_a_later_base_salary_and_amounts_follow_it(demo_city):
    from django.contrib.auth import get_user_model

    snv = get_user_model().objects.get(username="snv")
    services.base_salary_add(
        actor=snv, from_date=date(2027, 7, 1), amount=2_530_000, source="Nghị định thử nghiệm"
    )
    table = selectors.salary_table()
    assert money.base_salary_on(date(2027, 6, 30), table) == 2_340_000
    assert money.base_salary_on(date(2027, 7, 1), table) == 2_530_000
    assert (
        money.award_amount(
            form_code="giay_khen_chu_tich_ubnd_phuong",
            subject="person",
            day=date(2027, 8, 1),
            table=table,
        )
        == 760_000
    )  # 759,000 rounded up
    with pytest.raises(DomainError, match="01/07/2027"):
        services.base_salary_add(actor=snv, from_date=date(2027, 7, 1), amount=1, source="x")


@pytest.mark.django_db
def test_a_ward_cannot_change_the_base_salary(demo_city):
    from django.contrib.auth import get_user_model

    lechan = get_user_model().objects.get(username="lechan")
    with pytest.raises(PermissionDenied):
        services.base_salary_add(actor=lechan, from_date=date(2028, 1, 1), amount=1, source="x")
    assert not BaseSalary.objects.filter(from_date=date(2028, 1, 1)).exists()
