from cchc.registry.models import Document
from tests.scope_registry import Demo


def test_the_documents_api_searches_without_diacritics_and_returns_the_summary_fields(
    db, demo_city, client
):
    demo = Demo()
    client.force_login(demo.user("lechan"))
    rows = client.get("/api/documents", {"q": "phat dong phong trao le chan"}).json()
    doc = demo.document("own")
    assert rows == [
        {
            "id": doc.pk,
            "number": "259/KH-UBND",
            "type": "KH",
            "issuer": "Ủy ban nhân dân phường Lê Chân",
            "date": "2026-06-19",
            "title": doc.title,
        }
    ]


def test_the_documents_api_finds_by_number_and_filters_by_type(db, demo_city, client):
    client.force_login(Demo().user("lechan"))
    assert [d["number"] for d in client.get("/api/documents", {"q": "2162"}).json()] == [
        "2162/QĐ-UBND"
    ]
    types = {d["type"] for d in client.get("/api/documents", {"type": "QĐ"}).json()}
    assert types == {"QĐ"}


def test_a_document_without_a_day_keeps_its_first_of_month_date_in_the_api(db, demo_city, client):
    client.force_login(Demo().user("lethanhnghi"))
    doc = Document.objects.get(date_precision="month", number="", issued_on__year=2026)
    row = next(
        d
        for d in client.get("/api/documents", {"q": "le thanh nghi nam 2026"}).json()
        if d["id"] == doc.pk
    )
    assert row["number"] == "" and row["date"] == "2026-01-01"


def test_the_bases_api_is_404_for_another_wards_document(db, demo_city, client):
    demo = Demo()
    client.force_login(demo.user("lechan"))
    assert client.get(f"/api/documents/{demo.document('other').pk}/bases").status_code == 404
    assert client.get("/api/documents/99999999/bases").status_code == 404
