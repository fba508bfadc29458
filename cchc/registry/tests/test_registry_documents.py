from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.models import AuditLog
from cchc.registry.choices import DatePrecision, DocType
from cchc.registry.models import Document
from cchc.registry.services import (
    BasisInput,
    document_attach,
    document_register,
    document_update,
)
from tests.scope_registry import Demo


@pytest.fixture
def city_plan(personas):
    return document_register(
        actor=personas.city_officer,
        number="12/KH-UBND",
        doc_type=DocType.KH,
        issuer="Ủy ban nhân dân thành phố Thử Nghiệm",
        issued_on=date(2026, 2, 3),
        org_unit=personas.city,
        title="Kế hoạch cải cách hành chính năm 2026",
    )


@pytest.fixture
def ward_b_plan(personas):
    return document_register(
        actor=personas.ward_b_officer,
        number="7/KH-UBND",
        doc_type=DocType.KH,
        issuer="Ủy ban nhân dân phường Bình Minh",
        issued_on=date(2026, 3, 1),
        org_unit=personas.ward_b,
        title="Kế hoạch CCHC phường Bình Minh",
    )


def test_a_document_splits_its_number_and_symbol_and_is_audited(city_plan):
    assert (city_plan.seq, city_plan.symbol, city_plan.label) == (
        12,
        "KH-UBND",
        "Kế hoạch số 12/KH-UBND",
    )
    entry = AuditLog.objects.get(action="document.register", object_id=str(city_plan.pk))
    assert entry.after["number"] == "12/KH-UBND" and entry.after["bases"] == []


def test_a_document_may_have_no_number_and_no_exact_day(personas):
    doc = document_register(
        actor=personas.ward_a_officer,
        doc_type=DocType.QD,
        issuer="Chủ tịch UBND phường An Bình",
        issued_on=date(2026, 1, 1),
        date_precision=DatePrecision.MONTH,
        org_unit=personas.ward_a,
        title="Ban hành Kế hoạch CCHC năm 2026",
    )
    assert doc.number == "" and doc.seq is None
    assert doc.display_number == "(chưa có số)"
    assert doc.label.startswith("Quyết định (chưa có số)")


def test_the_same_number_twice_in_a_year_for_a_unit_is_refused(city_plan, personas):
    with pytest.raises(DomainError, match="đã được đăng ký"):
        document_register(
            actor=personas.city_officer,
            number="12/KH-UBND",
            doc_type=DocType.KH,
            issuer="Ủy ban nhân dân thành phố Thử Nghiệm",
            issued_on=date(2026, 9, 1),
            org_unit=personas.city,
            title="Trùng số",
        )


def test_a_ward_cannot_register_for_another_ward_and_a_viewer_not_at_all(personas):
    with pytest.raises(PermissionDenied):
        document_register(actor=personas.ward_a_officer, org_unit=personas.ward_b, title="X")
    with pytest.raises(PermissionDenied):
        document_register(actor=personas.ward_a_viewer, org_unit=personas.ward_a, title="X")


def test_bases_are_linked_when_registered_and_kept_as_cited_otherwise(city_plan, personas):
    doc = document_register(
        actor=personas.ward_a_officer,
        number="20/KH-UBND",
        doc_type=DocType.KH,
        issued_on=date(2026, 3, 2),
        org_unit=personas.ward_a,
        title="Kế hoạch CCHC phường An Bình",
        bases=[
            BasisInput(number="12/KH-UBND"),
            BasisInput(number="99/QĐ-UBND", date=date(2025, 12, 1), issuer="UBND thành phố"),
        ],
    )
    linked, cited = doc.bases.order_by("order")
    assert linked.cited == city_plan and linked.cited_date == date(2026, 2, 3)
    assert cited.cited is None and cited.cited_number == "99/QĐ-UBND"
    later = document_register(
        actor=personas.city_officer,
        number="99/QĐ-UBND",
        doc_type=DocType.QD,
        issued_on=date(2025, 12, 1),
        org_unit=personas.city,
        title="Quyết định",
    )
    cited.refresh_from_db()
    assert cited.cited == later, "registering a cited number links the earlier citations"


def test_a_ward_sees_its_own_and_the_citys_documents_but_not_another_wards(
    city_plan, ward_b_plan, personas, client_for
):
    own = document_register(
        actor=personas.ward_a_officer,
        number="3/KH-UBND",
        org_unit=personas.ward_a,
        title="Kế hoạch phường An Bình",
        doc_type=DocType.KH,
    )
    outside = document_register(
        actor=personas.city_officer,
        number="76/NQ-CP",
        issuer="Chính phủ",
        title="Nghị quyết",
        doc_type=DocType.NQ,
    )
    client = client_for(personas.ward_a_officer)
    rows = client.get("/van-ban/").context["listing"].rows
    assert {own, city_plan, outside} <= set(rows)
    assert ward_b_plan not in rows
    assert client.get(f"/van-ban/{city_plan.pk}/").status_code == 200
    assert client.get(f"/van-ban/{ward_b_plan.pk}/").status_code == 404
    api = {d["id"] for d in client.get("/api/documents").json()}
    assert city_plan.pk in api and ward_b_plan.pk not in api


def test_in_the_demo_city_lechan_sees_the_citys_plans_but_not_khuc_thua_dus(db, demo_city, client):
    demo = Demo()
    client.force_login(demo.user("lechan"))
    numbers = {d["number"] for d in client.get("/api/documents").json()}
    assert {"259/KH-UBND", "194/KH-UBND", "2162/QĐ-UBND", "478/QĐ-UBND", "282/QĐ-TTg"} <= numbers
    assert "133/KH-UBND" not in numbers
    titles = {d["title"] for d in client.get("/api/documents").json()}
    assert not any("Khúc Thừa Dụ" in t for t in titles)


def test_the_detail_page_shows_date_precision_signer_period_and_bases(db, demo_city, client):
    demo = Demo()
    client.force_login(demo.user("admin"))
    ltn = Document.objects.get(
        title__startswith="Ban hành Kế hoạch Cải cách hành chính nhà nước phường Lê Thanh Nghị",
        issued_on__year=2026,
    )
    page = client.get(f"/van-ban/{ltn.pk}/").content.decode()
    assert "01/2026" in page and "văn bản không ghi ngày cụ thể" in page
    assert "(chưa có số)" in page and "Nguyễn Hữu Phúc" in page and "2026" in page
    assert "3470/QĐ-UBND" in page and "chỉ được dẫn" in page
    page = client.get(f"/van-ban/{demo.document('own').pk}/").content.decode()
    assert "19/06/2026" in page and "Phạm Văn Tân" in page and "2026 – 2030" in page


def test_the_document_form_accepts_a_month_and_year_without_a_day(personas, client_for):
    client = client_for(personas.ward_a_officer)
    response = client.post(
        "/van-ban/dang-ky/",
        {
            "number": "",
            "doc_type": "QĐ",
            "issuer": "Chủ tịch UBND phường",
            "issued_on": "06/2026",
            "title": "Ban hành Kế hoạch",
            "org_unit": personas.ward_a.pk,
            "bases": "282/QĐ-TTg | 12/02/2026 | Thủ tướng Chính phủ\nLuật Thi đua, khen thưởng",
        },
    )
    assert response.status_code == 302
    doc = Document.objects.get(title="Ban hành Kế hoạch", org_unit=personas.ward_a)
    assert (doc.issued_on, doc.date_precision) == (date(2026, 6, 1), "month")
    # a law is cited by its name, which the reader keeps as the title, never as a number
    assert [
        (b.cited_number, b.cited_date, b.cited_issuer) for b in doc.bases.order_by("order")
    ] == [
        ("282/QĐ-TTg", date(2026, 2, 12), "Thủ tướng Chính phủ"),
        ("", None, ""),
    ]
    assert doc.bases.order_by("order")[1].cited_title == "Luật Thi đua, khen thưởng"
    form = client.get(f"/van-ban/{doc.pk}/sua/").content.decode()
    assert 'value="06/2026"' in form


def test_the_document_form_explains_an_invalid_date(personas, client_for):
    response = client_for(personas.ward_a_officer).post(
        "/van-ban/dang-ky/",
        {"doc_type": "QĐ", "issued_on": "31/13/2026", "title": "X", "org_unit": personas.ward_a.pk},
    )
    assert "Ngày không hợp lệ: nhập dd/mm/yyyy, mm/yyyy hoặc yyyy." in response.content.decode()


def test_updating_a_document_records_the_bases_before_and_after(city_plan, personas):
    document_update(
        actor=personas.city_officer,
        document=city_plan,
        title="Kế hoạch CCHC 2026 (sửa)",
        bases=[BasisInput(number="76/NQ-CP")],
    )
    entry = AuditLog.objects.get(action="document.update")
    assert entry.before["bases"] == [] and entry.after["bases"] == ["76/NQ-CP"]
    assert entry.before["title"] == "Kế hoạch cải cách hành chính năm 2026"


def test_files_are_attached_and_downloaded_only_within_scope(
    city_plan, ward_b_plan, personas, client_for
):
    f = document_attach(
        actor=personas.ward_b_officer,
        document=ward_b_plan,
        uploaded_file=SimpleUploadedFile("kh.pdf", b"%PDF-1.4 ban ky"),
    )
    assert (
        client_for(personas.ward_b_officer).get(f"/van-ban/tep/{f.pk}/").getvalue()
        == b"%PDF-1.4 ban ky"
    )
    assert client_for(personas.ward_a_officer).get(f"/van-ban/tep/{f.pk}/").status_code == 404
    response = client_for(personas.ward_a_officer).post(
        f"/van-ban/{city_plan.pk}/dinh-kem/", {"file": SimpleUploadedFile("x.pdf", b"x")}
    )
    assert response.status_code == 403, "a ward may read the city's plan but not attach files to it"
    assert not city_plan.files.exists()


def test_the_document_list_filters_sorts_searches_and_exports(
    city_plan, ward_b_plan, personas, client_for
):
    client = client_for(personas.city_officer)
    assert [
        d.number for d in client.get("/van-ban/", {"q": "binh minh"}).context["listing"].rows
    ] == ["7/KH-UBND"]
    assert [
        d.number
        for d in client.get("/van-ban/", {"sort": "issued_on", "year": "2026", "doc_type": "KH"})
        .context["listing"]
        .rows
    ][:2] == ["12/KH-UBND", "7/KH-UBND"]
    assert all(
        d.org_unit is None
        for d in client.get("/van-ban/", {"source": "outside"}).context["listing"].rows
    )
    import io

    from openpyxl import load_workbook

    response = client.get("/van-ban/", {"export": "xlsx", "q": "binh minh"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0] == (
        "Số, ký hiệu",
        "Loại",
        "Ngày ban hành",
        "Cơ quan ban hành",
        "Trích yếu",
        "Đơn vị quản lý",
    )
    assert rows[1][0] == "7/KH-UBND" and rows[1][2].date() == date(2026, 3, 1)
