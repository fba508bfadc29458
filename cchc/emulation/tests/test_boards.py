"""The city's boards over its movement (who reported on time, late or not at all; who registered; who launched a
cascaded movement), their Excel files, the aggregated Word report, and the number of queries they take."""

import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document as Docx
from openpyxl import load_workbook

from cchc.emulation.models import Movement
from cchc.orgs.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def city_movement_demo(demo_city):
    return Movement.objects.get(document__number="2162/QĐ-UBND")


@pytest.fixture
def snv(demo_city, client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="snv"))
    return client


def rows_of(response) -> dict[str, str]:
    return {
        p.unit.name: p.timeliness for p in response.context["listing"].page.paginator.object_list
    }


def test_the_city_board_shows_lê_chân_and_lê_thanh_nghị_missing_and_khúc_thừa_dụ_on_time(
    snv, city_movement_demo
):
    url = f"/phong-trao/{city_movement_demo.pk}/tinh-hinh-bao-cao/"
    response = snv.get(url, {"year": 2026})
    assert response.status_code == 200
    statuses = rows_of(response)
    assert statuses["Phường Lê Chân"] == "missing"
    assert statuses["Phường Lê Thanh Nghị"] == "missing"
    assert statuses["Xã Khúc Thừa Dụ"] == "submitted"
    assert {"submitted", "late", "missing"} <= set(statuses.values())
    body = response.content.decode()
    assert "Hạn nộp trước ngày 30/11/2026" in body and "2162/QĐ-UBND, mục IV.1" in body
    missing = snv.get(url, {"year": 2026, "status": "missing"}).context["listing"]
    assert missing.total == sum(1 for s in statuses.values() if s == "missing")
    assert all(r.timeliness == "missing" for r in missing.rows)


def test_the_board_exports_what_it_shows_to_excel(snv, city_movement_demo):
    url = f"/phong-trao/{city_movement_demo.pk}/tinh-hinh-bao-cao/"
    response = snv.get(url, {"year": 2026, "status": "late", "export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert list(rows[0]) == [
        "Đơn vị",
        "Khối thi đua",
        "Tình trạng",
        "Ngày nộp",
        "Trạng thái báo cáo",
    ]
    late = snv.get(url, {"year": 2026, "status": "late"}).context["listing"].total
    assert len(rows) - 1 == late > 0
    assert all(r[2] == "Nộp muộn" and r[3].date() >= date(2026, 11, 30) for r in rows[1:])


def test_the_registration_board_lists_who_has_not_registered(snv, city_movement_demo):
    url = f"/phong-trao/{city_movement_demo.pk}/tinh-hinh-dang-ky/"
    listing = snv.get(url, {"year": 2026}).context["listing"]
    states = {p.unit.name: p.registration_state for p in listing.page.paginator.object_list}
    assert states["Phường Lê Chân"] == "approved"
    assert states["Phường Lê Thanh Nghị"] == "submitted"
    not_registered = snv.get(url, {"year": 2026, "state": "none"}).context["listing"]
    assert not_registered.total == sum(1 for s in states.values() if s == "none") > 100
    returned = snv.get(url, {"year": 2027, "state": "returned"}).context["listing"]
    assert [p.unit.name for p in returned.rows] == ["Phường Lê Thanh Nghị"]
    export = snv.get(url, {"year": 2026, "state": "none", "export": "xlsx"})
    sheet = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert len(sheet) - 1 == not_registered.total
    assert {r[2] for r in sheet[1:]} == {"Chưa đăng ký"}


def test_the_cascade_board_shows_which_units_launched_their_own_movement(snv, city_movement_demo):
    url = f"/phong-trao/{city_movement_demo.pk}/trien-khai/"
    listing = snv.get(url).context["listing"]
    launched = {p.unit.name for p in listing.page.paginator.object_list if p.launched}
    assert launched == {"Phường Lê Chân", "Xã Khúc Thừa Dụ"}
    numbers = {p.unit.name: p.child_number for p in listing.page.paginator.object_list}
    assert numbers["Phường Lê Chân"] == "259/KH-UBND"
    assert snv.get(url, {"launched": "no"}).context["listing"].total == listing.total - 2


def test_a_ward_does_not_see_the_city_boards_but_sees_its_own(
    demo_city, client, city_movement_demo
):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="lechan"))
    assert client.get(f"/phong-trao/{city_movement_demo.pk}/tinh-hinh-bao-cao/").status_code == 403
    own = Movement.objects.get(document__number="259/KH-UBND")
    assert client.get(f"/phong-trao/{own.pk}/tinh-hinh-bao-cao/").status_code == 200


def test_the_aggregated_report_is_a_word_báo_cáo_with_its_tables_filled(snv, city_movement_demo):
    response = snv.get(f"/phong-trao/{city_movement_demo.pk}/bao-cao-tong-hop.docx", {"year": 2026})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')
    doc = Docx(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    header = " ".join(c.text for row in doc.tables[0].rows for c in row.cells)
    assert "BÁO CÁO" in text and "SỞ NỘI VỤ" in header and "/BC-SNV" in header
    assert "Kính gửi: Ủy ban nhân dân thành phố Hải Phòng" in text
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    summary = next(t for t in tables if t and t[0][:3] == ["TT", "Tình hình", "Số đơn vị"])
    counts = {row[1]: int(row[2]) for row in summary[1:]}
    listing = snv.get(
        f"/phong-trao/{city_movement_demo.pk}/tinh-hinh-bao-cao/", {"year": 2026}
    ).context["listing"]
    statuses = [p.timeliness for p in listing.page.paginator.object_list]
    assert counts["Gửi báo cáo đúng hạn"] == statuses.count("submitted")
    assert counts["Gửi báo cáo muộn"] == statuses.count("late")
    assert counts["Chưa gửi báo cáo (quá hạn)"] == statuses.count("missing")
    assert counts["Tổng số đơn vị tham gia"] == len(statuses) == 128
    units = next(t for t in tables if t and t[0][:3] == ["TT", "Đơn vị", "Báo cáo"])
    by_unit = {row[1]: row for row in units if len(row) > 3 and row[0].isdigit()}
    assert by_unit["Xã Khúc Thừa Dụ"][2:4] == ["Đúng hạn", "20/11/2026"]
    assert by_unit["Phường Lê Chân"][2] == "Chưa nộp"
    assert "KHỐI PHƯỜNG" in {row[0] for row in units}
    assert units[0][-1] == "Sáng kiến được công nhận"
    missing = next(t for t in tables if t and t[0] == ["TT", "Đơn vị", "Khối thi đua", "Hạn gửi"])
    assert ["Phường Lê Chân", "Khối phường", "trước 30/11/2026"] in [r[1:] for r in missing]
    assert "Tổng số sáng kiến được công nhận" in text


def _board_queries(client, movement) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(f"/phong-trao/{movement.pk}/tinh-hinh-bao-cao/", {"year": 2026})
    assert response.status_code == 200
    return len(ctx.captured_queries)


# Session, user, grants (scope), the movement, the chart's participants count and report aggregate, the list's
# count and page, the navigation's badge: written down so that a change is seen.
BOARD_QUERIES = 9


def test_the_report_board_takes_the_same_queries_for_seven_and_128_units(snv, city_movement_demo):
    small = Movement.objects.get(unit=Unit.objects.get(short_name="Khúc Thừa Dụ", kind="commune"))
    assert small.participants.count() < 10 < city_movement_demo.participants.count()
    assert _board_queries(snv, small) == _board_queries(snv, city_movement_demo) == BOARD_QUERIES


# Session, user, grants (scope), the movement, the participants with their report (one query).
API_QUERIES = 5


def test_the_reports_api_takes_the_same_queries_for_few_and_many_units(snv, city_movement_demo):
    small = Movement.objects.get(unit=Unit.objects.get(short_name="Khúc Thừa Dụ", kind="commune"))
    counts = []
    for m in (small, city_movement_demo):
        with CaptureQueriesContext(connection) as ctx:
            response = snv.get(f"/api/movements/{m.pk}/reports", {"year": 2026})
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts == [API_QUERIES, API_QUERIES]
