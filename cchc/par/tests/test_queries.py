"""Rankings, dashboards and lists run in a fixed number of queries, whatever the size of the city."""

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc.orgs.models import Bloc, BlocMembership, Unit
from cchc.par import result_selectors, selectors
from cchc.par.models import Answer, Assessment, Result, Round

pytestmark = pytest.mark.django_db


def grow(demo, n: int) -> None:
    """Add `n` wards with published results for 2024 and 2025 and an assessment in the 2026 round."""
    city = demo.city
    bloc = Bloc.objects.get(code="phuong")
    rounds = {r.year: r for r in Round.objects.filter(year__in=[2024, 2025, 2026])}
    sample = {y: Result.objects.filter(year=y, bloc_code="phuong").first() for y in (2024, 2025)}
    template = Assessment.objects.filter(round=rounds[2026], bloc_code="phuong").first()
    leaves = list(template.answers.values_list("criterion_id", flat=True))
    for i in range(n):
        u = Unit.objects.create(
            parent=city, kind="ward", name=f"Phường Mới {i:03d}", short_name=f"Mới {i:03d}"
        )
        Unit.objects.filter(pk=u.pk).update(
            path=f"{city.path}{u.pk}/", search_text=f"phuong moi {i:03d}"
        )
        BlocMembership.objects.create(bloc=bloc, unit=u, year=2026)
        for year, s in sample.items():
            Result.objects.create(
                round=rounds[year],
                year=year,
                unit=u,
                bloc_code="phuong",
                criteria_set=s.criteria_set,
                appraised_score=D("60"),
                survey_score=D("25"),
                applicable_max=D("100"),
                total=D("85") - D(i % 7),
                rank=100 + i,
                award_order=100 + i,
                bloc_size=45 + n,
                band="Khá",
                area_scores=s.area_scores,
                published=True,
            )
        a = Assessment.objects.create(
            round=rounds[2026], unit=u, criteria_set=template.criteria_set, bloc_code="phuong"
        )
        Answer.objects.bulk_create([Answer(assessment=a, criterion_id=c) for c in leaves])


def count(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def rankings_of_the_city(user):
    state = result_selectors.city_rankings(actor=user, year=2025)
    return [(r.rank, r.unit.name, r.total) for rows in state.rows_by_bloc.values() for r in rows]


def test_the_rankings_of_the_whole_city_take_a_fixed_number_of_queries(
    demo, django_assert_num_queries
):
    snv = demo.user("snv")
    rankings_of_the_city(snv)  # the user's scope is read once per request
    with django_assert_num_queries(3):
        small = rankings_of_the_city(snv)
    grow(demo, 40)
    with django_assert_num_queries(3):
        large = rankings_of_the_city(snv)
    assert len(large) == len(small) + 40


def test_a_blocs_published_ranking_is_one_query(demo, django_assert_num_queries):
    with django_assert_num_queries(1):
        before = [r.unit_name for r in selectors.bloc_ranking(year=2025, bloc_code="phuong")]
    grow(demo, 25)
    with django_assert_num_queries(1):
        after = [r.unit_name for r in selectors.bloc_ranking(year=2025, bloc_code="phuong")]
    assert len(after) == len(before) + 25


@pytest.mark.parametrize(
    "url",
    [
        "/chi-so/ket-qua/2025/phuong/",
        "/chi-so/ket-qua/?year=2025",
        "/chi-so/",
        "/api/parindex/2025/rankings",
        "/chi-so/ket-qua/2025/tat-ca/xep-hang.xlsx",
    ],
)
def test_result_pages_take_the_same_number_of_queries_for_a_bigger_city(url, demo, client):
    client.force_login(demo.user("snv"))
    assert client.get(url).status_code == 200
    small = count(lambda: client.get(url))
    grow(demo, 30)
    large = count(lambda: client.get(url))
    assert small == large, f"{url}: {small} queries before, {large} after adding 30 wards"


def test_the_round_progress_list_takes_the_same_number_of_queries_for_a_bigger_city(demo, client):
    client.force_login(demo.user("snv"))
    url = f"/chi-so/dot/{Round.objects.get(year=2026).pk}/?bloc=phuong"
    assert client.get(url).status_code == 200
    small = count(lambda: client.get(url))
    grow(demo, 30)
    large = count(lambda: client.get(url))
    assert small == large
