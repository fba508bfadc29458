"""The chain of legal bases of 259/KH-UBND (phường Lê Chân) down to the Prime Minister's decision."""

import re

import pytest

from cchc.registry import selectors as document_selectors
from tests.scope_registry import Demo


@pytest.fixture
def demo(db, demo_city):
    return Demo()


@pytest.fixture
def lechan(demo, client):
    client.force_login(demo.user("lechan"))
    return client


def test_the_chain_page_shows_the_line_from_282_through_478_and_2162_to_259(demo, lechan):
    doc = demo.document("own")
    page = lechan.get(f"/van-ban/{doc.pk}/can-cu/").content.decode()
    lineage = page[
        page.index('id="basis-lineage"') : page.index("</ol>", page.index('id="basis-lineage"'))
    ]
    numbers = re.findall(r"\d+/(?:\d+/)?[A-ZĐa-z-]+", re.sub(r"<[^>]+>", " ", lineage))
    assert numbers[-4:] == ["282/QĐ-TTg", "478/QĐ-UBND", "2162/QĐ-UBND", "259/KH-UBND"]
    assert "12/02/2026" in lineage and "09/06/2026" in lineage


def test_the_chain_lineage_is_oldest_first_and_ends_with_the_document(demo):
    doc = demo.document("own")
    steps = document_selectors.basis_lineage(actor=demo.user("lechan"), document=doc)
    assert [s["number"] for s in steps] == [
        "76/NQ-CP",
        "282/QĐ-TTg",
        "478/QĐ-UBND",
        "2162/QĐ-UBND",
        "259/KH-UBND",
    ]
    dates = [s["date"] for s in steps]
    assert dates == sorted(dates)


def test_the_tree_expands_each_document_once_and_points_back_for_repeats(demo):
    chain = document_selectors.basis_chain(
        actor=demo.user("lechan"), document=demo.document("own"), collapse_repeats=True
    )
    assert [n["number"] for n in chain] == [
        "282/QĐ-TTg",
        "478/QĐ-UBND",
        "2162/QĐ-UBND",
        "194/KH-UBND",
    ]
    first_282, the_478 = chain[0], chain[1]
    assert [n["number"] for n in first_282["bases"]] == ["76/NQ-CP"]
    assert [n["number"] for n in the_478["bases"]] == ["282/QĐ-TTg"]
    assert the_478["bases"][0]["repeat"] and the_478["bases"][0]["bases"] == []
    the_2162 = chain[2]
    assert "1478/QĐ-UBND" in [n["number"] for n in the_2162["bases"]]
    unregistered = next(n for n in the_2162["bases"] if n["number"] == "1478/QĐ-UBND")
    assert not unregistered["registered"] and unregistered["document_id"] is None


def test_the_tree_page_links_registered_bases_and_marks_cited_ones(demo, lechan):
    page = lechan.get(f"/van-ban/{demo.document('own').pk}/can-cu/").content.decode()
    tree = page[page.index('id="basis-tree"') :]
    for number in [
        "282/QĐ-TTg",
        "478/QĐ-UBND",
        "2162/QĐ-UBND",
        "194/KH-UBND",
        "76/NQ-CP",
        "1478/QĐ-UBND",
    ]:
        assert number in tree
    assert "chỉ được dẫn" in tree and "xem ở trên" in tree
    assert "Luật Thi đua, khen thưởng" in tree


def test_the_bases_api_returns_the_whole_chain_recursively(demo, lechan):
    body = lechan.get(f"/api/documents/{demo.document('own').pk}/bases").json()
    assert [b["number"] for b in body] == [
        "282/QĐ-TTg",
        "478/QĐ-UBND",
        "2162/QĐ-UBND",
        "194/KH-UBND",
    ]
    the_2162 = body[2]
    assert the_2162["date"] == "2026-06-09" and the_2162["registered"] is True
    assert the_2162["issuer"] == "Chủ tịch UBND thành phố Hải Phòng"
    the_478 = next(b for b in the_2162["bases"] if b["number"] == "478/QĐ-UBND")
    the_282 = the_478["bases"][0]
    assert the_282["number"] == "282/QĐ-TTg" and the_282["issuer"] == "Thủ tướng Chính phủ"
    assert the_282["bases"][0]["number"] == "76/NQ-CP" and the_282["bases"][0]["bases"] == []
    law = the_2162["bases"][0]
    assert (
        law["registered"] is False
        and law["number"] == ""
        and law["title"] == "Luật Tổ chức chính quyền địa phương"
    )
    assert set(law) == {
        "number",
        "type",
        "date",
        "issuer",
        "title",
        "registered",
        "document_id",
        "bases",
    }


def test_a_basis_outside_the_scope_is_shown_without_a_link(demo, client):
    """The commune's movement plan cites 133/KH-UBND of the commune: Lê Chân may not open it."""
    from cchc.registry.models import Document

    client.force_login(demo.user("khucthuadu"))
    ktd_movement = Document.objects.get(org_unit=demo.level("other"), number="", doc_type="KH")
    chain = document_selectors.basis_chain(actor=demo.user("lechan"), document=ktd_movement)
    the_133 = next(n for n in chain if n["number"] == "133/KH-UBND")
    assert the_133["registered"] and the_133["document_id"] is None
    chain = document_selectors.basis_chain(actor=demo.user("khucthuadu"), document=ktd_movement)
    assert (
        next(n for n in chain if n["number"] == "133/KH-UBND")["document_id"]
        == demo.document("other").pk
    )
