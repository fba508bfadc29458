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

# (URL, a search typed without diacritics, text a matching row shows)
LISTS = [
    ("/to-chuc/", "le chan", "Lê Chân"),
    ("/to-chuc/ca-nhan/", "pham van tan", "Phạm Văn Tân"),
    ("/to-chuc/khoi/phuong/", "le chan", "Lê Chân"),
    ("/van-ban/", "phat dong phong trao le chan", "259/KH-UBND"),
    ("/nhat-ky/", "unit.update", "unit.update"),
]


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


@pytest.mark.parametrize("url, query, expected", LISTS)
def test_every_list_searches_without_diacritics(admin, url, query, expected):
    response = admin.get(url, {"q": query})
    listing = response.context["listing"]
    assert listing.total >= 1
    assert listing.total < admin.get(url).context["listing"].total
    assert expected in response.content.decode()


@pytest.mark.parametrize("url, query, expected", LISTS)
def test_every_list_has_filters_sortable_columns_and_an_excel_export(admin, url, query, expected):
    response = admin.get(url)
    listing = response.context["listing"]
    body = response.content.decode()
    assert listing.spec.filters, f"{url} has no filter"
    assert 'name="q"' in body and 'id="f-' in body
    sortable = [c for c in listing.spec.columns if c.sort]
    assert sortable, f"{url} has no sortable column"
    key = sortable[0].key
    asc = [str(r.pk) for r in admin.get(url, {"sort": key}).context["listing"].rows]
    desc = [str(r.pk) for r in admin.get(url, {"sort": "-" + key}).context["listing"].rows]
    assert asc and desc and (asc != desc or len(asc) == 1)
    assert "export=xlsx" in body and "Xuất Excel" in body
    export = admin.get(url, {"q": query, "export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert list(rows[0]) == [c.label for c in listing.spec.columns if c.export]
    assert len(rows) - 1 == admin.get(url, {"q": query}).context["listing"].total


@pytest.mark.parametrize("url, query, expected", LISTS)
def test_every_list_paginates(admin, url, query, expected, monkeypatch):
    listing = admin.get(url).context["listing"]
    monkeypatch.setattr(listing.spec, "page_size", 2)
    first = admin.get(url)
    assert first.context["listing"].page.paginator.num_pages >= 2
    assert "Trang 1 /" in first.content.decode()
    second = admin.get(url, {"page": 2}).context["listing"]
    assert {r.pk for r in second.rows}.isdisjoint({r.pk for r in first.context["listing"].rows})


def test_list_filters_change_the_rows(admin):
    wards = admin.get("/to-chuc/", {"kind": "ward"}).context["listing"]
    assert wards.total >= 3 and all(u.kind == "ward" for u in wards.rows)
    body = admin.get("/to-chuc/", {"kind": "ward"}).content.decode()
    assert re.search(r'<option value="ward" selected>', body)
