"""The award registry: the scoped list with its filters, search and Excel, an award, the person's and the unit's
pages, the API, and the history the award rules read ("02 lần liên tục")."""

from __future__ import annotations

import io
import secrets
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from cchc.awards import selectors_registry as registry
from cchc.awards.choices import DecisionStatus, Subject
from cchc.awards.models import Award, Decision
from cchc.awards.rules.eligibility import evaluate
from cchc.awards.rules.facts import PersonFacts
from cchc.awards.rules.schema import parse_programme_data
from cchc.orgs.models import Person

pytestmark = pytest.mark.django_db


def make_person(unit, name="Nguyễn Thị Lan", birth_year=1985) -> Person:
    return Person.objects.create(
        full_name=name,
        gender="female",
        employment_kind="cong_chuc",
        unit=unit,
        birth_year=birth_year,
    )


def make_decision(unit, *, number="15/QĐ-UBND", signed_on=date(2027, 1, 20), signed=True):
    return Decision.objects.create(
        unit=unit,
        status=DecisionStatus.SIGNED if signed else DecisionStatus.DRAFT,
        title="Về việc công nhận danh hiệu thi đua",
        number=number if signed else "",
        signed_on=signed_on if signed else None,
        issuer=f"Chủ tịch Ủy ban nhân dân {unit.name.lower()}",
        signer_title="Chủ tịch",
        signer_name="Trần Văn Ký",
    )


def make_award(decision, *, unit, person=None, form="cstd_co_so", year=2026, revoked_on=None):
    award = Award(
        decision=decision,
        unit=person.unit if person else unit,
        subject=Subject.PERSON if person else Subject.COLLECTIVE,
        person=person,
        recipient=person.full_name if person else unit.name,
        recipient_unit=(person.unit if person else unit).name,
        form=form,
        year=year,
        amount=Decimal(2_340_000),
        decision_number=decision.number if decision else "",
        decision_date=decision.signed_on if decision else None,
        decided_by=decision.issuer if decision else "",
        code=secrets.token_urlsafe(16),
        revoked_on=revoked_on,
    )
    award.search_text = registry.award_search_text(award)
    award.save()
    return award


# --- The history the rules read --------------------------------------------------------------------------------

STREAK = parse_programme_data(
    {
        "schema_version": 1,
        "id": "so-khen-thuong-thu",
        "document": {"type": "Quy định", "issuer": "UBND phường", "date": "2027", "title": "Thử"},
        "programmes": [
            {
                "code": "thu_bk_ca_nhan",
                "name": "Bằng khen cho cá nhân",
                "kind": "annual",
                "form": "bang_khen_chu_tich_ubnd_tp",
                "subject": "person",
                "conferred_by": {"level": "city", "role": "chairman"},
                "source": "QĐ thử, Điều 5",
                "criteria": [
                    {
                        "kind": "title_held",
                        "title": "cstd_co_so",
                        "consecutive_years": 2,
                        "source": "QĐ thử, Điều 5.a",
                    }
                ],
            }
        ],
    }
).programmes[0]


def _verdict(person):
    titles = registry.awards_of(persons=[person.pk], years=range(2025, 2028))[person.pk]
    facts = PersonFacts(id=person.pk, name=person.full_name, unit_id=person.unit_id, titles=titles)
    return evaluate(STREAK, facts, year=2027)


def test_two_consecutive_grassroots_emulation_titles_in_the_registry_pass_the_two_years_rule(
    personas,
):
    person = make_person(personas.office_a)
    make_award(make_decision(personas.ward_a, number="1/QĐ"), unit=personas.ward_a, person=person)
    make_award(
        make_decision(personas.ward_a, number="2/QĐ", signed_on=date(2028, 1, 15)),
        unit=personas.ward_a,
        person=person,
        year=2027,
    )
    verdict = _verdict(person)
    assert verdict.verdict == "eligible", verdict.lines()
    assert "đạt các năm 2026, 2027" in verdict.lines()[-1][1].text


def test_a_year_missing_from_the_registry_fails_the_two_years_rule(personas):
    person = make_person(personas.office_a)
    make_award(make_decision(personas.ward_a), unit=personas.ward_a, person=person, year=2025)
    make_award(make_decision(personas.ward_a, number="2/QĐ"), unit=personas.ward_a, person=person)
    titles = registry.awards_of(persons=[person.pk], years=range(2025, 2028))[person.pk]
    assert titles == {
        2025: frozenset({"cstd_co_so"}),
        2026: frozenset({"cstd_co_so"}),
        2027: frozenset(),
    }
    assert _verdict(person).verdict == "not_eligible"


def test_revoked_awards_and_unsigned_decisions_do_not_count_as_titles_held(personas):
    person = make_person(personas.office_a)
    make_award(
        make_decision(personas.ward_a),
        unit=personas.ward_a,
        person=person,
        revoked_on=date(2027, 5, 1),
    )
    make_award(
        make_decision(personas.ward_a, signed=False), unit=personas.ward_a, person=person, year=2027
    )
    collective = make_award(make_decision(personas.ward_a), unit=personas.office_a, form="ttldtt")
    assert registry.awards_of(persons=[person.pk], years=[2026, 2027]) == {
        person.pk: {2026: frozenset(), 2027: frozenset()}
    }
    assert registry.awards_of(units=[personas.office_a.pk], years=[2026]) == {
        personas.office_a.pk: {2026: frozenset({"ttldtt"})}
    }
    assert collective.person_id is None


def test_awards_of_takes_units_or_persons_not_both():
    with pytest.raises(ValueError):
        registry.awards_of(units=[1], persons=[2])


# --- Pages -----------------------------------------------------------------------------------------------------


@pytest.fixture
def two_wards(personas):
    a = make_person(personas.office_a, "Đặng Minh Dũng")
    b = make_person(personas.office_b, "Lê Thị Bình")
    decision_a = make_decision(personas.ward_a)
    personas.award_a = make_award(decision_a, unit=personas.ward_a, person=a)
    personas.award_a_2025 = make_award(decision_a, unit=personas.ward_a, person=a, year=2025)
    personas.award_collective = make_award(
        decision_a, unit=personas.office_a, form="giay_khen_chu_tich_ubnd_phuong"
    )
    personas.award_revoked = make_award(
        decision_a, unit=personas.ward_a, person=a, form="ldtt", revoked_on=date(2027, 3, 1)
    )
    personas.award_b = make_award(make_decision(personas.ward_b), unit=personas.ward_b, person=b)
    personas.person_a, personas.person_b = a, b
    return personas


def test_the_registry_lists_the_awards_of_the_ward_only_and_searches_without_diacritics(
    client_for, two_wards
):
    c = client_for(two_wards.ward_a_officer)
    listing = c.get("/khen-thuong/so-khen-thuong/").context["listing"]
    assert {a.pk for a in listing.rows} == {
        two_wards.award_a.pk,
        two_wards.award_a_2025.pk,
        two_wards.award_collective.pk,
        two_wards.award_revoked.pk,
    }
    found = c.get("/khen-thuong/so-khen-thuong/", {"q": "dang minh dung chien si"})
    assert {a.pk for a in found.context["listing"].rows} == {
        two_wards.award_a.pk,
        two_wards.award_a_2025.pk,
    }
    assert c.get("/khen-thuong/so-khen-thuong/", {"q": "le thi binh"}).context["listing"].total == 0


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"year": "2025"}, {"award_a_2025"}),
        ({"form": "ldtt"}, {"award_revoked"}),
        ({"level": "ward"}, {"award_collective"}),
        ({"level": "commune"}, {"award_a", "award_a_2025", "award_revoked"}),
        ({"revoked": "yes"}, {"award_revoked"}),
        ({"revoked": "no", "year": "2026", "subject": "person"}, {"award_a"}),
    ],
)
def test_the_registry_filters_by_year_form_level_and_revocation(
    client_for, two_wards, params, expected
):
    c = client_for(two_wards.ward_a_officer)
    rows = c.get("/khen-thuong/so-khen-thuong/", params).context["listing"].rows
    assert {a.pk for a in rows} == {getattr(two_wards, name).pk for name in expected}


def test_the_registry_exports_to_excel(client_for, two_wards):
    c = client_for(two_wards.ward_a_officer)
    response = c.get("/khen-thuong/so-khen-thuong/", {"export": "xlsx", "sort": "year"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:5] == ("Năm", "Tập thể, cá nhân", "Đối tượng", "Đơn vị", "Danh hiệu, hình thức")
    assert rows[1][:2] == (2025, "Đặng Minh Dũng") and rows[1][4] == "Chiến sĩ thi đua cơ sở"
    assert len(rows) == 5


def test_an_award_of_another_ward_is_404_and_its_own_opens_with_its_certificate_link(
    client_for, two_wards
):
    c = client_for(two_wards.ward_a_officer)
    own = c.get(f"/khen-thuong/so-khen-thuong/{two_wards.award_a.pk}/")
    assert own.status_code == 200
    assert f"/khen-thuong/so-khen-thuong/{two_wards.award_a.pk}/giay-chung-nhan.pdf" in (
        own.content.decode()
    )
    assert c.get(f"/khen-thuong/so-khen-thuong/{two_wards.award_b.pk}/").status_code == 404
    pdf = f"/khen-thuong/so-khen-thuong/{two_wards.award_b.pk}/giay-chung-nhan.pdf"
    assert c.get(pdf).status_code == 404
    assert c.get("/khen-thuong/so-khen-thuong/abc/").status_code == 404


def test_the_person_and_unit_pages_show_their_awards(client_for, two_wards):
    c = client_for(two_wards.ward_a_officer)
    person_page = c.get(f"/to-chuc/ca-nhan/{two_wards.person_a.pk}/").content.decode()
    assert 'id="award-panel"' in person_page
    assert "Chiến sĩ thi đua cơ sở" in person_page and "Đã thu hồi" in person_page
    unit_page = c.get(f"/to-chuc/don-vi/{two_wards.office_a.pk}/").content.decode()
    assert "Giấy khen của Chủ tịch Ủy ban nhân dân phường" in unit_page


def test_the_registry_reads_a_fixed_number_of_queries(
    client_for, two_wards, django_assert_max_num_queries
):
    c = client_for(two_wards.ward_a_officer)
    c.get("/khen-thuong/so-khen-thuong/")
    with django_assert_max_num_queries(12):
        assert c.get("/khen-thuong/so-khen-thuong/").status_code == 200


# --- API -------------------------------------------------------------------------------------------------------


def test_the_registry_api_gives_the_items_of_a_person_with_their_links(client_for, two_wards):
    c = client_for(two_wards.ward_a_officer)
    data = c.get("/api/awards/registry", {"person": two_wards.person_a.pk, "year": "2026"}).json()
    assert data["count"] == 2
    item = next(i for i in data["items"] if i["id"] == two_wards.award_a.pk)
    assert item["form"] == "cstd_co_so" and item["recipient"] == "Đặng Minh Dũng"
    assert item["decision_number"] == "15/QĐ-UBND" and item["decision_date"] == "2027-01-20"
    assert item["verify_url"].endswith(f"/xac-minh/{two_wards.award_a.code}/")
    assert item["certificate_url"] == (
        f"/khen-thuong/so-khen-thuong/{two_wards.award_a.pk}/giay-chung-nhan.pdf"
    )
    assert {"id", "year", "recipient", "decision_id", "amount"} <= set(item)


def test_the_registry_api_refuses_another_wards_person_and_bad_values(client_for, two_wards):
    c = client_for(two_wards.ward_a_officer)
    assert c.get("/api/awards/registry", {"person": two_wards.person_b.pk}).status_code == 404
    bad = c.get("/api/awards/registry", {"year": "hai nghìn"})
    assert bad.status_code == 400 and "Năm" in bad.json()["detail"]
    by_unit = c.get("/api/awards/registry", {"unit": two_wards.office_a.pk}).json()
    assert by_unit["count"] == 4


def test_the_demo_registry_feeds_the_two_years_rule_of_2026(demo_city):
    """phường Lê Chân's first officer of Phòng Văn hóa - Xã hội holds Chiến sĩ thi đua cơ sở for 2025 and 2026
    in the demo's history; the second only for 2026."""
    from cchc.orgs.models import Unit

    office = Unit.objects.get(code=f"{Unit.objects.get(short_name='Lê Chân').code}-VHXH")
    first, second = Person.objects.filter(unit=office).order_by("pk")[:2]
    titles = registry.awards_of(persons=[first.pk, second.pk], years=range(2025, 2027))
    facts = {
        p.pk: PersonFacts(id=p.pk, name=p.full_name, unit_id=p.unit_id, titles=titles[p.pk])
        for p in (first, second)
    }
    assert evaluate(STREAK, facts[first.pk], year=2026).verdict == "eligible"
    assert evaluate(STREAK, facts[second.pk], year=2026).verdict == "not_eligible"
