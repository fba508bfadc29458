import io

from django.test import RequestFactory
from openpyxl import load_workbook

from cchc.core import listing
from cchc.orgs.choices import UnitKind
from cchc.orgs.models import Unit

SPEC = listing.ListSpec(
    title="Đơn vị",
    columns=[
        listing.Column("name", "Tên", sort="name"),
        listing.Column("kind", "Loại", accessor="get_kind_display", sort="kind"),
        listing.Column("parent", "Cấp trên", accessor="parent.name"),
    ],
    filters=[listing.Filter("kind", "Loại", choices=UnitKind.choices)],
    default_sort="name",
    page_size=2,
    export_name="don-vi",
)


def page_for(personas, **params):
    request = RequestFactory().get("/", params)
    qs = Unit.objects.filter(path__startswith=personas.city.path).select_related("parent")
    return listing.paginate(SPEC, qs, request, keep=("year",))


def test_search_ignores_diacritics_and_needs_every_word(personas):
    assert [u.name for u in page_for(personas, q="phuong binh minh").rows] == ["Phường Bình Minh"]
    assert [u.name for u in page_for(personas, q="VAN HOA binh minh").rows] == [
        "Phòng Văn hóa - Xã hội"
    ]
    assert page_for(personas, q="binh minh tho").total == 0


def test_filters_sort_and_paginate_together(personas):
    page = page_for(personas, kind=UnitKind.OFFICE, sort="-name")
    assert page.total == 3
    assert [u.name for u in page.rows] == ["Văn phòng HĐND và UBND", "Phòng Văn hóa - Xã hội"]
    assert page.sort_state("name") == "desc"
    second = page_for(personas, kind=UnitKind.OFFICE, sort="-name", page=2)
    assert [u.name for u in second.rows] == ["Phòng Văn hóa - Xã hội"]


def test_links_keep_the_search_filters_and_kept_parameters(personas):
    page = page_for(personas, q="phong", kind=UnitKind.OFFICE, year="2027")
    assert page.page_url(2) == "?year=2027&q=phong&sort=name&kind=office&page=2"
    assert page.sort_url("name") == "?year=2027&q=phong&sort=-name&kind=office"
    assert "export=xlsx" in page.export_url()


def test_an_unknown_sort_key_falls_back_to_the_default(personas):
    page = page_for(personas, sort="search_text")
    assert page.sort == "name"


def test_the_export_has_every_filtered_row_not_only_one_page(personas):
    request = RequestFactory().get("/", {"kind": UnitKind.OFFICE, "export": "xlsx"})
    assert listing.wants_export(request)
    qs = Unit.objects.filter(path__startswith=personas.city.path).select_related("parent")
    response = listing.export(SPEC, qs, request)
    assert response["Content-Disposition"] == 'attachment; filename="don-vi.xlsx"'
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("Tên", "Loại", "Cấp trên")
    assert ("Phòng Văn hóa - Xã hội", "Phòng chuyên môn", "Phường An Bình") in rows
    assert len(rows) == 4
