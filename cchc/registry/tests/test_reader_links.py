"""Linking the bases a document cites to the registered documents the user may see."""

from datetime import date
from pathlib import Path

from cchc.core.scope import SYSTEM
from cchc.registry.models import Document
from cchc.registry.reader import CitedBasis, DocumentHeader, link_bases, read_header
from tests.scope_registry import Demo

SEEDS = Path(__file__).resolve().parents[3] / "data" / "seeds"


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def linked_numbers(pairs) -> dict:
    return {b.number or b.title: (doc.number if doc else None) for b, doc in pairs}


def test_the_bases_of_the_ward_decision_link_to_the_registered_city_and_ward_documents(
    db, demo_city
):
    user = Demo().user("lethanhnghi")
    pairs = link_bases(read_header(seed("004")), actor=user)
    assert linked_numbers(pairs) == {
        "Luật Tổ chức chính quyền địa phương": None,
        "76/NQ-CP": "76/NQ-CP",
        "3470/QĐ-UBND": "3470/QĐ-UBND",
        "5256/QĐ-UBND": "5256/QĐ-UBND",
        "698/QĐ-UBND": "698/QĐ-UBND",
    }
    assert next(doc for b, doc in pairs if b.number == "698/QĐ-UBND").issued_on == date(2025, 9, 30)


def test_a_document_outside_the_users_scope_is_not_linked(db, demo_city):
    outsider = Demo().user("khucthuadu")
    pairs = link_bases(read_header(seed("004")), actor=outsider)
    assert linked_numbers(pairs)["698/QĐ-UBND"] is None
    assert linked_numbers(pairs)["76/NQ-CP"] == "76/NQ-CP"


def test_the_date_decides_between_documents_with_the_same_number(db, demo_city):
    admin = Demo().user("admin")
    same_number = list(Document.objects.filter(number="42/KH-UBND"))
    assert same_number
    header = DocumentHeader(
        bases=[
            CitedBasis(number="42/KH-UBND", date=date(2023, 2, 7)),
            CitedBasis(number="42/KH-UBND", date=date(2019, 1, 1)),
        ]
    )
    (first, doc), (second, other) = link_bases(header, actor=admin)
    assert doc is not None and doc.issued_on == date(2023, 2, 7)
    assert other is None


def test_a_law_registered_without_a_number_is_linked_by_type_name_and_date(db, demo_city):
    from cchc.registry.choices import DocType
    from cchc.registry.services import document_register

    admin = Demo().user("admin")
    law = document_register(
        actor=SYSTEM,
        audit_it=False,
        doc_type=DocType.LUAT,
        issuer="Quốc hội",
        issued_on=date(2025, 6, 16),
        title="Luật Tổ chức chính quyền địa phương",
    )
    pairs = link_bases(read_header(seed("004")), actor=admin)
    assert pairs[0][1] == law
