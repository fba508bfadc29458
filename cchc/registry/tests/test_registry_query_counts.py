"""The document list page and the documents API run a fixed number of queries whatever the number of rows."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc.core.scope import SYSTEM
from cchc.registry.choices import DocType
from cchc.registry.services import BasisInput, document_register


def add_documents(personas, n: int, start: int = 0):
    for i in range(start, start + n):
        document_register(
            actor=SYSTEM,
            number=f"{i + 1}/KH-UBND",
            doc_type=DocType.KH,
            issuer="Ủy ban nhân dân phường An Bình",
            issued_on=date(2026, 1, 1 + i % 28),
            org_unit=personas.ward_a if i % 2 else personas.city,
            title=f"Kế hoạch thử nghiệm số {i}",
            bases=[BasisInput(number="76/NQ-CP")],
            audit_it=False,
        )


def count(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200
    return len(ctx.captured_queries)


def measure(personas, client, url, params=None):
    add_documents(personas, 5)
    count(client, url, params)
    small = count(client, url, params)
    add_documents(personas, 50, start=5)
    return small, count(client, url, params)


def test_the_document_list_page_runs_a_fixed_number_of_queries(personas, client_for):
    small, large = measure(personas, client_for(personas.ward_a_officer), "/van-ban/")
    assert small == large


def test_the_document_list_page_with_search_and_filters_runs_a_fixed_number_of_queries(
    personas, client_for
):
    small, large = measure(
        personas,
        client_for(personas.ward_a_officer),
        "/van-ban/",
        {"q": "ke hoach thu nghiem", "doc_type": "KH", "sort": "-number"},
    )
    assert small == large


def test_the_documents_api_runs_a_fixed_number_of_queries(
    personas, client_for, django_assert_max_num_queries
):
    client = client_for(personas.ward_a_officer)
    small, large = measure(personas, client, "/api/documents", {"q": "ke hoach thu nghiem"})
    assert small == large
    with django_assert_max_num_queries(large):
        assert len(client.get("/api/documents", {"q": "ke hoach thu nghiem"}).json()) == 55
