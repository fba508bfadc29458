"""The interface: Vietnamese, dd/mm/yyyy, responsive, navigation for every module, and lists that all filter,
sort, paginate, search without diacritics and export to Excel."""

import io
import re

import pytest
from openpyxl import load_workbook

from tests.scope_registry import Demo

pytestmark = pytest.mark.django_db

MODULES = [
    "Tổ chức",
    "Văn bản",
    "Nhiệm vụ CCHC",
    "Chỉ số CCHC",
    "Phong trào",
    "Khen thưởng",
    "Báo cáo",
]

# Every list of the system, found by walking the scope registry: a GET page whose view renders a `listing`.
LIST_USERS = ["admin", "snv", "lechan"]


def _list_pages() -> list[str]:
    from tests.scope_registry import PAGES

    return sorted(name for name, entry in PAGES.items() if entry.kind == "page")


@pytest.fixture
def admin(demo_city, client):
    demo = Demo()
    client.force_login(demo.user("admin"))
    from cchc.orgs import services

    # A few audit entries so that the audit list has rows to find and more than one page.
    services.unit_update(
        actor=demo.user("admin"), unit=demo.office("own"), short_name="Phòng VH-XH"
    )
    services.alias_add(actor=demo.user("admin"), unit=demo.office("own"), name="Phòng VH và XH")
    services.person_create(
        actor=demo.user("admin"),
        unit=demo.office("own"),
        full_name="Lê Thị Hoa",
        gender="female",
        employment_kind="cong_chuc",
    )
    return client


def test_every_page_is_vietnamese_responsive_and_has_the_module_navigation(admin):
    page = admin.get("/").content.decode()
    assert '<html lang="vi">' in page
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in page
    assert 'class="navbar-toggler"' in page
    nav = page[page.index('id="mainnav"') : page.index("</nav>")]
    for label in MODULES:
        assert label in nav


def test_a_page_outside_the_scope_answers_in_vietnamese(demo_city, client):
    demo = Demo()
    client.force_login(demo.user("lechan"))
    response = client.get(f"/to-chuc/don-vi/{demo.level('other').pk}/")
    assert response.status_code == 404
    assert "nằm ngoài phạm vi được phân quyền" in response.content.decode()


def test_dates_are_shown_dd_mm_yyyy(admin):
    page = admin.get("/van-ban/", {"q": "259"}).content.decode()
    assert "19/06/2026" in page and "2026-06-19" not in page


@pytest.fixture
def lists(admin):
    """{URL name: (client, url, listing)} for every page that renders a list with rows, as the first demo
    user (admin, then the city's standing agency, then a ward's) for whom the list is not empty."""
    from django.test import Client
    from django.urls import reverse

    from tests.scope_registry import OWN, PAGES

    demo = Demo()
    clients = {}
    for username in LIST_USERS:
        c = Client()
        c.force_login(demo.user(username))
        clients[username] = c
    found = {}
    for name in _list_pages():
        url = reverse(name, kwargs=PAGES[name].build(demo, OWN))
        for username in LIST_USERS:
            response = clients[username].get(url)
            listing = (
                (response.context or {}).get("listing") if response.status_code == 200 else None
            )
            if listing is None:
                break
            if listing.total >= 2:
                found[name] = (clients[username], url, listing)
                break
    return found


def test_the_list_walk_finds_the_lists_of_every_module(lists):
    expected = {
        "orgs:unit_list",
        "orgs:person_list",
        "registry:document_list",
        "plans:task_list",
        "audit_list",
        "initiatives:initiative_list",
        "initiatives:council_list",
    }
    assert expected <= set(lists), f"lists not found by the walk: {sorted(expected - set(lists))}"


def _search_word(listing) -> str:
    """A word of the first row's folded search column (no diacritics by construction)."""
    from cchc.core.text import fold

    text = listing.rows[0]
    for part in listing.spec.search_field.split("__"):
        text = getattr(text, part, "") or ""
    words = [w for w in fold(str(text)).split() if len(w) >= 4 and w.isalpha()]
    return max(words, key=len) if words else ""


def test_every_list_searches_without_diacritics(lists):
    checked = 0
    for name, (client, url, listing) in lists.items():
        word = _search_word(listing)
        assert word, f"{name}: the first row has no search text"
        found = client.get(url, {"q": word}).context["listing"]
        assert found.total >= 1, f"{name}: searching “{word}” finds nothing"
        assert found.total <= listing.total
        assert (
            listing.rows[0].pk in {r.pk for r in found.rows} or found.total > found.spec.page_size
        )
        checked += 1
    assert checked == len(lists)


def test_every_list_has_filters_sortable_columns_and_an_excel_export(lists):
    for name, (client, url, listing) in lists.items():
        body = client.get(url).content.decode()
        assert listing.spec.filters, f"{name} has no filter"
        assert 'name="q"' in body and 'id="f-' in body, name
        sortable = [c for c in listing.spec.columns if c.sort]
        assert sortable, f"{name} has no sortable column"
        key = sortable[0].key
        asc = [str(r.pk) for r in client.get(url, {"sort": key}).context["listing"].rows]
        desc = [str(r.pk) for r in client.get(url, {"sort": "-" + key}).context["listing"].rows]
        assert asc and desc, name
        assert "export=xlsx" in body and "Xuất Excel" in body, name
        total = client.get(url).context["listing"].total
        export = client.get(url, {"export": "xlsx"})
        rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
        assert list(rows[0]) == [c.label for c in listing.spec.columns if c.export], name
        assert len(rows) - 1 == total, name


def test_every_list_paginates(lists, monkeypatch):
    for name, (client, url, listing) in lists.items():
        monkeypatch.setattr(listing.spec, "page_size", 1)
        first = client.get(url)
        assert first.context["listing"].page.paginator.num_pages >= 2, name
        assert "Trang 1 /" in first.content.decode(), name
        second = client.get(url, {"page": 2}).context["listing"]
        assert {r.pk for r in second.rows}.isdisjoint(
            {r.pk for r in first.context["listing"].rows}
        ), name


def test_list_filters_change_the_rows(admin):
    wards = admin.get("/to-chuc/", {"kind": "ward"}).context["listing"]
    assert wards.total >= 3 and all(u.kind == "ward" for u in wards.rows)
    body = admin.get("/to-chuc/", {"kind": "ward"}).content.decode()
    assert re.search(r'<option value="ward" selected>', body)
