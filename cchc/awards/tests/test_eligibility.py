"""Eligibility of the demo city's candidates, read from the database (facts loaded in bulk)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc.awards import eligibility
from cchc.awards.tests.eligibility_fixtures import programme
from cchc.core.errors import DomainError
from cchc.initiatives.choices import CchcArea, InitiativeStatus
from cchc.initiatives.models import Initiative
from cchc.initiatives.selectors import recognised_counts
from cchc.orgs.models import BlocMembership, Person, Unit
from cchc.par.selectors import bloc_ranking

CITY_COLLECTIVE = "hp2162_tp_hang_nam_tap_the"
CITY_PERSON = "hp2162_tp_hang_nam_ca_nhan"
YEAR = 2026

pytestmark = pytest.mark.django_db


def test_the_default_year_is_the_last_published_par_year():
    assert eligibility.last_par_year() == YEAR
    assert eligibility.occasion(programme(CITY_COLLECTIVE)).year == YEAR


def _recognise(unit_id: int, title: str) -> None:
    Initiative.objects.create(
        unit_id=unit_id,
        year=YEAR,
        area=CchcArea.DIRECTION,
        title=title,
        description="Mô tả",
        status=InitiativeStatus.RECOGNISED,
        level="unit",
        recognised_on=date(YEAR, 10, 1),
    )


def test_eligible_wards_are_the_top_5_of_the_ward_bloc_with_a_recognised_initiative():
    ranking = bloc_ranking(year=YEAR, bloc_code="phuong")
    for position in (1, 3, 6):  # the 2nd and 4th of the ranking, and the 7th
        _recognise(ranking[position].unit_id, f"Sáng kiến thử {position}")
    found = {v.subject_id: v for v in eligibility.verdicts(programme(CITY_COLLECTIVE), year=YEAR)}
    assert len(ranking) > 7
    wards = [r.unit_id for r in ranking]
    with_initiative = recognised_counts(unit_ids=wards, start_year=YEAR, end_year=YEAR)
    expected = {r.unit_id for r in ranking[:5] if with_initiative[r.unit_id] >= 1}
    eligible = {uid for uid in wards if found[uid].verdict == "eligible"}
    assert eligible == expected
    assert {ranking[1].unit_id, ranking[3].unit_id} <= expected
    for r in ranking:
        texts = [reason.text for reason in found[r.unit_id].reasons]
        assert any(
            t.startswith(f"Hạng {r.rank}/{r.bloc_size}") and f"khối phường năm {YEAR}" in t
            for t in texts
        ), texts
        if r.unit_id not in expected:
            assert found[r.unit_id].verdict == "not_eligible"
            assert any("2162/QĐ-UBND, mục III.2.1.2.a" in t for t in texts)
    seventh = found[ranking[6].unit_id]
    line = next(t for t in (x.text for x in seventh.reasons) if t.startswith("Hạng"))
    assert "không thuộc top 5" in line and seventh.verdict == "not_eligible"
    assert any("Sáng kiến thử 6" in x.text and x.outcome == "pass" for x in seventh.reasons)


def test_the_pool_is_the_three_blocs_of_the_year():
    verdicts = eligibility.verdicts(programme(CITY_COLLECTIVE), year=YEAR)
    members = set(BlocMembership.objects.filter(year=YEAR).values_list("unit_id", flat=True))
    assert {v.subject_id for v in verdicts} == members & set(
        Unit.objects.filter(is_active=True).values_list("pk", flat=True)
    )


def test_a_unit_without_a_par_result_is_to_check_not_failed():
    prog = programme(CITY_COLLECTIVE)
    bloc_units = BlocMembership.objects.filter(year=YEAR).values_list("unit_id", flat=True)
    ids = list(bloc_units)[:3]
    for uid in ids:
        _recognise(uid, "Sáng kiến năm 2029")
    Initiative.objects.filter(title="Sáng kiến năm 2029").update(year=2029)
    verdicts = eligibility.verdicts(prog, year=2029, units=ids)
    # 2029 has no PAR result yet: never a silent "no".
    assert len(verdicts) == 3
    for v in verdicts:
        assert v.verdict == "to_check", [r.text for r in v.reasons]
        par = v.reasons[-1]
        assert par.outcome == "unknown" and "cần kiểm tra" in par.text


def test_a_person_with_no_evaluation_is_to_check():
    prog = programme(CITY_PERSON)
    verdicts = eligibility.verdicts(prog, year=YEAR)
    assert verdicts
    first = verdicts[0]
    assert first.verdict == "to_check"
    texts = [r.text for r in first.reasons]
    assert any("Xếp loại năm 2026 chưa có — cần kiểm tra" in t for t in texts), texts
    assert not any(v.verdict == "not_eligible" for v in verdicts[:50])


def test_verdict_for_one_unit_and_one_person():
    prog = programme(CITY_COLLECTIVE)
    top = bloc_ranking(year=YEAR, bloc_code="phuong")[0]
    unit = Unit.objects.get(pk=top.unit_id)
    verdict = eligibility.verdict_for(prog, year=YEAR, unit=unit)
    assert verdict.subject_id == unit.pk and verdict.subject_name == unit.name
    person = Person.objects.filter(unit__path__startswith=unit.path).first()
    assert person is not None
    wrong = eligibility.verdict_for(prog, year=YEAR, person=person)
    assert wrong.verdict == "not_eligible"
    assert "tập thể" in wrong.reasons[0].text
    personal = eligibility.verdict_for(programme(CITY_PERSON), year=YEAR, person=person)
    assert personal.subject_id == person.pk and personal.verdict == "to_check"


@pytest.mark.parametrize("code", [CITY_COLLECTIVE, CITY_PERSON])
def test_queries_do_not_grow_with_the_number_of_candidates(code):
    prog = programme(code)
    eligibility.verdicts(prog, year=YEAR)  # warm the rule file cache
    if code == CITY_COLLECTIVE:
        ids = list(BlocMembership.objects.filter(year=YEAR).values_list("unit_id", flat=True))
        one, many = {"units": ids[:1]}, {"units": ids}
    else:
        ids = list(Person.objects.values_list("pk", flat=True)[:400])
        one, many = {"persons": ids[:1]}, {"persons": ids}
    with CaptureQueriesContext(connection) as small:
        assert len(eligibility.verdicts(prog, year=YEAR, **one)) == 1
    with CaptureQueriesContext(connection) as large:
        assert len(eligibility.verdicts(prog, year=YEAR, **many)) == len(ids)
    assert len(small) == len(large)
    with CaptureQueriesContext(connection) as pool:
        eligibility.verdicts(prog, year=YEAR)
    assert len(pool) <= len(large) + 2


def test_queries_are_bounded(django_assert_max_num_queries):
    prog = programme(CITY_COLLECTIVE)
    eligibility.verdicts(prog, year=YEAR)
    with django_assert_max_num_queries(12):
        eligibility.verdicts(prog, year=YEAR)


def test_period_end_programme_reads_the_period():
    prog = programme("hp2162_gd_co_thi_dua")
    when = eligibility.occasion(prog)
    assert when.period == (2026, 2030) and when.year == 2030
    verdicts = eligibility.verdicts(prog, period=(2026, 2030), year=2026)
    assert verdicts
    assert all(v.verdict in {"to_check", "not_eligible", "eligible"} for v in verdicts)
    assert all(v.period == (2026, 2030) for v in verdicts)


@pytest.mark.parametrize(
    ("text", "message"),
    [("20x6", "Năm “20x6” không hợp lệ"), ("1890", "Năm 1890 không hợp lệ")],
)
def test_bad_years_are_refused_in_vietnamese(text, message):
    with pytest.raises(DomainError) as exc:
        eligibility.parse_year(text)
    assert message in exc.value.message


@pytest.mark.parametrize("text", ["2030-2026", "2026", "2026-20x0"])
def test_bad_periods_are_refused_in_vietnamese(text):
    with pytest.raises(DomainError) as exc:
        eligibility.parse_period(text)
    assert "Giai đoạn" in exc.value.message
    assert eligibility.parse_period(" 2026 - 2030 ") == (2026, 2030)


def test_facts_are_read_over_the_years_the_criteria_look_at():
    from cchc.awards.facts_loader import needs_of
    from cchc.awards.rule_files import programme_rule

    _pf, annual = programme_rule(programme(CITY_PERSON))
    needs = needs_of([annual], year=2030, period=(2026, 2030))
    assert needs.years == range(2030, 2031)
    assert needs.evaluation and needs.positions and needs.initiatives and not needs.par
    _pf, flag = programme_rule(programme("hp2162_gd_co_thi_dua"))
    needs = needs_of([flag], year=2030, period=(2026, 2030))
    assert needs.years == range(2026, 2031) and needs.par
