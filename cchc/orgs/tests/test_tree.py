"""The organisation as a tree: the top of the user's scope, children grouped by kind when many, searchable."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cchc.orgs import selectors
from cchc.orgs.choices import LEVEL_KINDS, UnitKind
from cchc.orgs.models import Unit

pytestmark = pytest.mark.django_db


def user(username):
    return get_user_model().objects.get(username=username)


def test_the_citys_standing_agency_starts_from_the_city_with_its_children_grouped_by_kind():
    roots = selectors.tree_roots(actor=user("snv"))
    assert [r.kind for r in roots] == [UnitKind.CITY]
    level = selectors.tree_children(actor=user("snv"), unit=roots[0])
    assert level["units"] == [] and level["total"] > selectors.TREE_GROUP_ABOVE
    labels = {g["kind"]: g["count"] for g in level["groups"]}
    wards = Unit.objects.filter(parent=roots[0], kind=UnitKind.WARD).count()
    assert labels[UnitKind.WARD] == wards > 0
    assert [g["kind"] for g in level["groups"]][0] == UnitKind.DEPARTMENT


def test_a_group_opens_to_its_units_with_their_counts():
    city = selectors.tree_roots(actor=user("snv"))[0]
    wards = selectors.tree_group(actor=user("snv"), unit=city, kind=UnitKind.WARD)
    le_chan = next(u for u in wards if u.short_name == "Lê Chân")
    assert le_chan.child_count == Unit.objects.filter(parent=le_chan, is_active=True).count()
    assert le_chan.child_count > 0


def test_a_ward_office_starts_from_its_ward():
    roots = selectors.tree_roots(actor=user("lechan"))
    assert [r.short_name for r in roots] == ["Lê Chân"]


def test_a_search_without_diacritics_finds_the_unit_and_its_path():
    units, total = selectors.tree_search(actor=user("snv"), q="le chan")
    ward = next(u for u in units if u.kind in LEVEL_KINDS and u.short_name == "Lê Chân")
    assert total >= 1 and ward.trail == ["Thành phố Hải Phòng"]
    units, _ = selectors.tree_search(actor=user("lechan"), q="khuc thua du")
    assert units == []


def test_one_level_of_the_tree_is_one_query_whatever_its_size():
    city = selectors.tree_roots(actor=user("snv"))[0]
    actor = user("snv")
    actor.grants.all()
    selectors.tree_group(actor=actor, unit=city, kind=UnitKind.WARD)
    with CaptureQueriesContext(connection) as small:
        selectors.tree_group(actor=actor, unit=city, kind=UnitKind.SPECIAL_ZONE)
    with CaptureQueriesContext(connection) as large:
        selectors.tree_group(actor=actor, unit=city, kind=UnitKind.WARD)
    assert len(small.captured_queries) == len(large.captured_queries) == 1


def test_the_menu_opens_the_tree_for_the_city_and_the_list_for_a_ward(client):
    client.force_login(user("snv"))
    page = client.get(reverse("orgs:unit_tree")).content.decode()
    assert 'id="unit-tree"' in page and "Thành phố Hải Phòng" in page
    assert f'href="{reverse("orgs:unit_tree")}"' in page.split('id="mainnav"')[1]
    client.force_login(user("lechan"))
    page = client.get(reverse("home")).content.decode()
    nav = page.split('id="mainnav"')[1]
    assert f'href="{reverse("orgs:unit_list")}"' in nav


def test_the_unit_page_pages_and_filters_its_children(client):
    client.force_login(user("snv"))
    city = selectors.tree_roots(actor=user("snv"))[0]
    url = reverse("orgs:unit_detail", args=[city.pk])
    listing = client.get(url).context["listing"]
    assert listing.total > 100 and len(listing.rows) == 20
    wards = client.get(url, {"kind": UnitKind.WARD, "q": "le chan"}).context["listing"]
    assert [u.short_name for u in wards.rows] == ["Lê Chân"]
