"""A unit is found by its official name, short name, code or any alias, typed with or without diacritics."""

import pytest

from cchc.orgs import selectors
from cchc.orgs.models import Unit
from tests.scope_registry import Demo

WAYS_OF_WRITING = [
    "Phòng VHXH",
    "Phòng Văn hoá – Xã hội",
    "Phòng Văn hóa - Xã hội",
    "phong van hoa xa hoi",
]


@pytest.mark.parametrize("text", WAYS_OF_WRITING)
def test_the_selector_finds_the_office_however_it_is_written(personas, text):
    assert list(selectors.unit_list(actor=personas.ward_a_officer, q=text)) == [personas.office_a]


@pytest.mark.parametrize("text", WAYS_OF_WRITING)
def test_the_unit_list_page_finds_the_office_however_it_is_written(personas, client_for, text):
    response = client_for(personas.ward_a_officer).get("/to-chuc/", {"q": text})
    rows = response.context["listing"].rows
    assert rows == [personas.office_a]
    assert f"/to-chuc/don-vi/{personas.office_a.pk}/" in response.content.decode()


@pytest.mark.parametrize("text", WAYS_OF_WRITING)
def test_the_units_api_finds_the_office_however_it_is_written(personas, client_for, text):
    rows = client_for(personas.ward_a_officer).get("/api/units", {"q": text}).json()
    assert [r["id"] for r in rows] == [personas.office_a.pk]


@pytest.mark.parametrize("text", WAYS_OF_WRITING)
def test_in_the_demo_city_lechan_finds_the_ward_office_by_every_name(db, demo_city, text):
    demo = Demo()
    office = demo.office("own")
    lechan = demo.user("lechan")
    assert list(selectors.unit_list(actor=lechan, q=text)) == [office]


def test_le_chan_without_diacritics_finds_the_ward_and_its_offices(db, demo_city, client):
    client.force_login(Demo().user("lechan"))
    rows = client.get("/to-chuc/", {"q": "le chan"}).context["listing"]
    names = [u.name for u in rows.rows]
    assert "Phường Lê Chân" in names
    assert rows.total == Unit.objects.filter(search_text__contains="le chan").count()


def test_a_search_for_another_wards_unit_finds_nothing(personas):
    assert not selectors.unit_list(actor=personas.ward_a_officer, q="Bình Minh").exists()
