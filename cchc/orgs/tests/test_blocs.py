import pytest

from cchc.core.errors import PermissionDenied
from cchc.core.models import AuditLog
from cchc.orgs import selectors, services
from cchc.orgs.choices import BlocCode
from cchc.orgs.models import BlocMembership


def test_the_three_bloc_codes_are_those_of_the_city():
    assert [c.value for c in BlocCode] == ["so-nganh", "phuong", "xa-dac-khu"]


def test_membership_is_kept_per_year(personas):
    services.bloc_membership_set(
        actor=personas.city_officer, unit=personas.ward_b, bloc=personas.bloc_depts, year=2027
    )
    assert selectors.unit_bloc(unit=personas.ward_b, year=2026) == personas.bloc_wards
    assert selectors.unit_bloc(unit=personas.ward_b, year=2027) == personas.bloc_depts
    assert BlocMembership.objects.filter(unit=personas.ward_b).count() == 2
    entry = AuditLog.objects.get(action="bloc.membership_set")
    assert entry.before == {"bloc": "phuong", "year": 2027} and entry.after == {
        "bloc": "so-nganh",
        "year": 2027,
    }


def test_taking_a_unit_out_of_its_bloc_for_a_year(personas):
    services.bloc_membership_set(
        actor=personas.city_officer, unit=personas.ward_b, bloc=None, year=2027
    )
    assert selectors.unit_bloc(unit=personas.ward_b, year=2027) is None


def test_only_the_city_standing_agency_arranges_blocs(personas):
    with pytest.raises(PermissionDenied):
        services.bloc_membership_set(
            actor=personas.ward_a_officer, unit=personas.ward_a, bloc=personas.bloc_depts, year=2026
        )


def test_the_bloc_pages_show_members_of_the_chosen_year(personas, client_for):
    services.bloc_membership_set(
        actor=personas.city_officer, unit=personas.ward_b, bloc=None, year=2027
    )
    client = client_for(personas.city_officer)
    assert [
        m.unit
        for m in client.get("/to-chuc/khoi/phuong/", {"year": "2026"}).context["listing"].rows
    ] == [
        personas.ward_a,
        personas.ward_b,
    ]
    assert [
        m.unit
        for m in client.get("/to-chuc/khoi/phuong/", {"year": "2027"}).context["listing"].rows
    ] == [personas.ward_a]
    listing = client.get("/to-chuc/khoi/phuong/", {"year": "2026", "q": "binh minh"}).context[
        "listing"
    ]
    assert [m.unit for m in listing.rows] == [personas.ward_b]
    assert "year=2026" in listing.page_url(2)
    counts = {
        b["bloc"].code: b["count"]
        for b in client.get("/to-chuc/khoi/", {"year": "2026"}).context["blocs"]
    }
    assert counts["phuong"] == 2 and counts["so-nganh"] == 1


def test_a_ward_sees_only_itself_in_its_bloc(personas, client_for):
    rows = (
        client_for(personas.ward_a_officer)
        .get("/to-chuc/khoi/phuong/", {"year": "2026"})
        .context["listing"]
        .rows
    )
    assert [m.unit for m in rows] == [personas.ward_a]


def test_the_unit_page_sets_the_bloc_of_a_year(personas, client_for):
    client = client_for(personas.city_officer)
    page = client.get(f"/to-chuc/don-vi/{personas.ward_b.pk}/", {"year": "2027"}).content.decode()
    assert "Khối thi đua theo năm" in page
    client.post(f"/to-chuc/don-vi/{personas.ward_b.pk}/khoi/", {"year": "2027", "bloc": "so-nganh"})
    assert selectors.unit_bloc(unit=personas.ward_b, year=2027) == personas.bloc_depts


def test_the_unit_list_filters_by_bloc_this_year(personas, client_for, monkeypatch):
    monkeypatch.setattr(selectors, "current_bloc_year", lambda: 2026)
    rows = (
        client_for(personas.city_officer)
        .get("/to-chuc/", {"bloc": "phuong"})
        .context["listing"]
        .rows
    )
    assert rows == [personas.ward_a, personas.ward_b]


def test_the_current_year_is_this_year_or_the_nearest_arranged_one(personas, monkeypatch):
    from datetime import date

    from cchc.core import dates

    monkeypatch.setattr(dates, "today", lambda: date(2026, 3, 1))
    assert selectors.current_bloc_year() == 2026
    years = selectors.bloc_years()
    monkeypatch.setattr(dates, "today", lambda: date(2099, 3, 1))
    assert selectors.current_bloc_year() == max(years)
    monkeypatch.setattr(dates, "today", lambda: date(2000, 3, 1))
    assert selectors.current_bloc_year() == min(years)
