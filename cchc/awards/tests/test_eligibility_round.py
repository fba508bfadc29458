"""A round (several programmes evaluated together, their facts loaded once and shared) must give each programme
exactly the verdicts and reasons it gets when evaluated alone."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc.awards import eligibility
from cchc.awards.facts_loader import merge_needs, needs_of
from cchc.awards.models import CchcAssignment, ManualCheck, Programme
from cchc.awards.rule_files import programme_rule
from cchc.awards.tests.eligibility_fixtures import load_seed_rules, programme
from cchc.orgs.models import Bloc, BlocMembership, Person

pytestmark = pytest.mark.django_db

CITY_PERSON = "hp2162_tp_hang_nam_ca_nhan"
SHARED_STANDARDS = "hp2162_gd_bang_khen_ca_nhan"


def _every_programme() -> list[Programme]:
    programme(CITY_PERSON)  # saves the seed rule files
    return list(
        Programme.objects.select_related("unit", "rule_file").order_by("rule_file_id", "code")
    )


def _occasions(programmes: list[Programme], years: tuple[int, ...]):
    items = []
    for prog in programmes:
        _pf, rule = programme_rule(prog)
        if rule.kind == "period_end":
            items.append((prog, eligibility.occasion(prog)))
        else:
            items += [(prog, eligibility.occasion(prog, year=y)) for y in years]
    return items


def _dicts(pairs) -> list[dict]:
    return [verdict.as_dict() for _, verdict in pairs]


def _edge_cases() -> None:
    """A person whose only CCHC spell ended in 2027 (the loader of a later year reads no work history for
    them), and a unit below a bloc member that joins a bloc in 2028 only (its people count under it that year,
    under the unit above it in the other years)."""
    person = Person.objects.filter(is_active=True, unit__depth__gte=2).order_by("pk").first()
    assert person is not None
    CchcAssignment.objects.filter(person=person).delete()
    CchcAssignment.objects.create(
        person=person,
        unit_id=person.unit_id,
        start=date(2020, 1, 1),
        end=date(2027, 6, 30),
        position="Chuyên viên",
        direct=True,
    )
    BlocMembership.objects.filter(unit_id=person.unit_id).delete()
    BlocMembership.objects.create(
        bloc=Bloc.objects.order_by("pk").first(), unit_id=person.unit_id, year=2028
    )
    # Two programmes of the plan share their standards for people; a check recorded for one of them only
    # counts for that one.
    for who in Person.objects.filter(is_active=True).order_by("pk")[:5]:
        ManualCheck.objects.create(
            programme=programme(SHARED_STANDARDS),
            criterion="pham_chat",
            person=who,
            passed=who.pk % 2 == 0,
            evidence="Biên bản họp xét",
            checked_on=date(2030, 12, 1),
        )


def test_a_round_gives_each_programme_what_it_gets_alone():
    load_seed_rules()
    _edge_cases()
    items = _occasions(_every_programme(), (2026, 2028))
    assert len({prog.unit_id for prog, _ in items}) > 1
    together = eligibility.round_evaluated(items)
    assert len(together) == len(items)
    compared = 0
    for (prog, when), pairs in zip(items, together, strict=True):
        alone = eligibility.evaluated(prog, when)
        assert _dicts(pairs) == _dicts(alone), (prog.code, when)
        compared += len(alone)
    assert compared > 1000
    by_code = {prog.code: pairs for (prog, _), pairs in zip(items, together, strict=True)}
    checked = [
        v
        for _, v in by_code[SHARED_STANDARDS]
        if any("Đã kiểm tra" in r.text for _, r in v.lines())
    ]
    assert checked
    other = {v.subject_id: v for _, v in by_code["hp2162_gd_bang_khen_ca_nhan_don_vi_co"]}
    for verdict in checked:
        assert not any("Đã kiểm tra" in r.text for _, r in other[verdict.subject_id].lines())


def test_the_edge_cases_differ_between_the_years_of_a_round():
    """The round above would pass trivially if its facts did not depend on the window: they do."""
    _edge_cases()
    prog = programme(CITY_PERSON)
    person = Person.objects.filter(is_active=True, unit__depth__gte=2).order_by("pk").first()
    assert person is not None
    items = [(prog, eligibility.occasion(prog, year=y)) for y in (2026, 2028)]
    first, later = eligibility.round_evaluated(items, persons=[person.pk])
    assert first[0][0].positions is not None and later[0][0].positions is None
    assert first[0][0].unit is not None and later[0][0].unit is not None
    assert first[0][0].unit.id != person.unit_id and later[0][0].unit.id == person.unit_id


def test_round_verdicts_by_programme_code():
    programmes = [p for p in _every_programme() if p.rule_file.file_id == "hp-2162-2026"]
    found = eligibility.round_verdicts(programmes, year=2026)
    assert set(found) == {p.code for p in programmes}
    for prog in programmes:
        assert [v.as_dict() for v in found[prog.code]] == [
            v.as_dict()
            for v in eligibility.verdicts(prog, year=None if prog.kind == "period_end" else 2026)
        ]


def test_the_round_reads_each_kind_of_fact_over_the_years_that_need_it():
    programmes = [p for p in _every_programme() if p.rule_file.file_id == "hp-2162-2026"]
    needs = []
    for prog in programmes:
        _pf, rule = programme_rule(prog)
        when = eligibility.occasion(prog, year=None if rule.kind == "period_end" else 2030)
        needs.append(needs_of([rule], year=when.year, period=when.period))
    merged = merge_needs(needs)
    assert merged.years == range(2026, 2031)
    assert merged.span("evaluation") == range(2030, 2031)  # the annual person programme only
    assert merged.span("par") == range(2026, 2031)
    assert merged.positions and merged.initiatives and merged.par


def test_a_round_queries_do_not_grow_with_the_candidates():
    programmes = [p for p in _every_programme() if p.rule_file.file_id == "hp-2162-2026"]
    eligibility.round_verdicts(programmes, year=2026)  # warm the rule file cache
    people = list(Person.objects.filter(is_active=True).values_list("pk", flat=True)[:400])
    units = list(BlocMembership.objects.filter(year=2026).values_list("unit_id", flat=True))
    with CaptureQueriesContext(connection) as one:
        eligibility.round_verdicts(programmes, year=2026, units=units[:1], persons=people[:1])
    with CaptureQueriesContext(connection) as many:
        found = eligibility.round_verdicts(programmes, year=2026, units=units, persons=people)
    assert len(one) == len(many)
    assert sum(len(v) for v in found.values()) > len(people)
    with CaptureQueriesContext(connection) as pools:
        eligibility.round_verdicts(programmes, year=2026)
    alone = 0
    for prog in programmes:
        with CaptureQueriesContext(connection) as ctx:
            eligibility.verdicts(prog, year=None if prog.kind == "period_end" else 2026)
        alone += len(ctx)
    assert len(pools) < alone
