"""The dossier pages: the list with its filters and Excel file in a fixed number of queries, the board of who has
not submitted (with Excel), a dossier with its reasons and evidence, opening a dossier with a bad year."""

import io

import openpyxl
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cchc.awards import services_dossiers as services
from cchc.awards.models import Dossier
from cchc.awards.tests.dossier_fixtures import level, office, programme, user
from cchc.core.scope import SYSTEM

pytestmark = pytest.mark.django_db


def client(username: str) -> Client:
    c = Client()
    c.force_login(user(username))
    return c


def test_the_list_filters_by_year_and_exports_excel_in_a_fixed_number_of_queries():
    c = client("snv")
    with CaptureQueriesContext(connection) as few:
        page = c.get("/khen-thuong/ho-so/?year=2026")
    assert page.status_code == 200
    assert "Xã Khúc Thừa Dụ" in page.content.decode()
    assert "Không có hồ sơ nào phù hợp" in c.get("/khen-thuong/ho-so/?year=2024").content.decode()
    with CaptureQueriesContext(connection) as more:
        assert c.get("/khen-thuong/ho-so/").status_code == 200
    assert len(more) == len(few)
    sheet = c.get("/khen-thuong/ho-so/?year=2026&export=xlsx")
    rows = list(openpyxl.load_workbook(io.BytesIO(sheet.content)).active.values)
    assert any("Hạng 10/45" in str(cell) for row in rows for cell in row)


def test_a_ward_sees_only_its_own_dossiers_and_the_city_does_not_see_ha_noi():
    body = client("lechan").get("/khen-thuong/ho-so/?q=khuc thua du").content.decode()
    assert "Không có hồ sơ nào phù hợp" in body
    assert (
        "Phường Phú Lương"
        not in client("snv").get("/khen-thuong/ho-so/?year=2023").content.decode()
    )
    assert (
        "Phường Phú Lương"
        in client("phuluong").get("/khen-thuong/ho-so/?year=2023").content.decode()
    )


def test_the_board_lists_the_units_of_the_pool_without_a_lodged_dossier_and_exports_it():
    prog = programme("hp2162_tp_hang_nam_ca_nhan")
    page = client("snv").get(f"/khen-thuong/ho-so/chua-nop/?programme={prog.pk}&year=2026")
    body = page.content.decode()
    assert page.status_code == 200
    assert "Phường Hồng Bàng" in body
    assert "Phường Lê Thanh Nghị</td>" not in body
    sheet = client("snv").get(
        f"/khen-thuong/ho-so/chua-nop/?programme={prog.pk}&year=2026&export=xlsx"
    )
    names = [r[0] for r in openpyxl.load_workbook(io.BytesIO(sheet.content)).active.values]
    assert "Phường Hồng Bàng" in names and "Phường Lê Thanh Nghị" not in names


def test_a_dossier_shows_each_nominees_reasons_evidence_and_files():
    dossier = Dossier.objects.get(
        programme__code="hp2162_tp_hang_nam_tap_the", year=2026, proposing_unit=level("Lê Chân")
    )
    body = client("lechan").get(f"/khen-thuong/ho-so/{dossier.pk}/").content.decode()
    assert "Hạng 10/45 khối phường năm 2026" in body
    assert "Chỉ số CCHC năm 2026 của Phường Lê Chân" in body
    assert "to-trinh-ho-so-" in body
    f = dossier.files.filter(kind="submission").get()
    download = client("lechan").get(f"/khen-thuong/ho-so/tep/{f.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content)[:2] == b"PK"


def test_opening_a_dossier_for_a_year_outside_the_programme_names_the_field():
    prog = programme("hp2162_tp_hang_nam_tap_the")
    page = client("lechan").post(
        "/khen-thuong/ho-so/lap/",
        {"programme": prog.pk, "proposing_unit": level("Lê Chân").pk, "year": 2025},
    )
    assert page.status_code == 200
    assert "năm 2025 không thuộc chương trình" in page.content.decode()


def test_another_wards_chairman_gets_404_and_the_viewer_403_on_a_le_chan_dossier():
    from cchc.awards.tests.dossier_fixtures import approved_dossier

    lechan = level("Lê Chân")
    dossier = approved_dossier("hp2162_tp_hang_nam_tap_the", lechan, year=2027, nominees=[lechan])
    url = f"/khen-thuong/ho-so/{dossier.pk}/nop/"
    assert client("khucthuadu").post(url).status_code == 404
    assert client("lechan.xem").post(url).status_code == 403
    assert client("lechan.chutich").post(url).status_code == 403
    assert client("lechan").post(url).status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == "submitted"


def test_a_dossier_signed_off_by_the_system_shows_its_page():
    """A dossier approved by a command (the system, no user) names "Hệ thống" as its approver."""
    dossier = services.dossier_open(
        actor=SYSTEM,
        programme=programme("lc259_dot_xuat_tap_the"),
        proposing_unit=level("Lê Chân"),
        year=2027,
    )
    services.nomination_add(actor=SYSTEM, dossier=dossier, unit=office("Lê Chân", "VP"))
    services.dossier_request_approval(actor=SYSTEM, dossier=dossier)
    services.dossier_approve(actor=SYSTEM, dossier=dossier)
    client = Client()
    client.force_login(user("lechan"))
    response = client.get(f"/khen-thuong/ho-so/{dossier.pk}/")
    assert response.status_code == 200
    assert "Hệ thống ngày" in response.content.decode()
