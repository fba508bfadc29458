"""The movement pages: the import through its preview, a report written, signed off and submitted through its
page, a registration saved and sent, the movement's settings, and the refusals (403 inside the scope)."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cchc.emulation.models import Movement, MovementReport, Registration
from cchc.emulation.tests.conftest import participant, ward_plan, write_report

pytestmark = pytest.mark.django_db


def test_the_menu_opens_the_movements_with_room_for_the_initiatives(personas, client_for):
    page = client_for(personas.ward_a_officer).get("/phong-trao/")
    body = page.content.decode()
    assert page.status_code == 200
    nav = body[body.index('id="mainnav"') : body.index("</nav>")]
    assert 'href="/phong-trao/"' in nav and "Báo cáo phong trào" in nav and "Đăng ký thi đua" in nav
    assert "Sáng kiến" in body  # a card that waits for the initiatives module


def test_a_ward_imports_its_movement_through_the_preview(personas, client_for, city_movement):
    client = client_for(personas.ward_a_officer)
    upload = SimpleUploadedFile("ke-hoach-31.txt", ward_plan().encode(), content_type="text/plain")
    preview = client.post(
        "/phong-trao/nhap/", {"unit": personas.ward_a.pk, "file": upload}, follow=False
    )
    assert preview.status_code == 200
    body = preview.content.decode()
    assert "Xem trước phong trào: Đẩy mạnh cải cách hành chính trên địa bàn phường An Bình" in body
    assert "Định kỳ hằng năm" in body and "khớp với Phòng Văn hóa - Xã hội" in body
    assert not Movement.objects.filter(unit=personas.ward_a).exists()
    data = {
        "token": preview.context["token"],
        "unit": personas.ward_a.pk,
        "name": "Đẩy mạnh cải cách hành chính phường An Bình",
        "start_year": "2026",
        "end_year": "2030",
        "standing_agency": personas.office_a.pk,
        "report_due_text": "trước ngày 30/11 hằng năm",
        "report_due_day": "30",
        "report_due_month": "11",
        "report_due_before": "1",
        "parent": city_movement.pk,
        "content_count": "2",
        "content_0": "Nội dung một",
        "content_1": "Nội dung hai",
        "mode": "units",
        "participant": [personas.office_a.pk, personas.office_a2.pk],
    }
    confirmed = client.post("/phong-trao/nhap/xac-nhan/", data)
    movement = Movement.objects.get(unit=personas.ward_a)
    assert confirmed.status_code == 302 and confirmed["Location"] == f"/phong-trao/{movement.pk}/"
    assert (movement.report_due_day, movement.report_due_month, movement.parent) == (
        30,
        11,
        city_movement,
    )
    assert movement.participants.count() == 2
    page = client.get(confirmed["Location"]).content.decode()
    assert "Trước ngày 30/11 hằng năm" in page and "Nội dung hai" in page


def test_a_wrong_day_on_the_preview_shows_the_preview_again_with_the_message(personas, client_for):
    client = client_for(personas.ward_a_officer)
    upload = SimpleUploadedFile("kh.txt", ward_plan().encode(), content_type="text/plain")
    token = client.post("/phong-trao/nhap/", {"unit": personas.ward_a.pk, "file": upload}).context[
        "token"
    ]
    response = client.post(
        "/phong-trao/nhap/xac-nhan/",
        {
            "token": token,
            "unit": personas.ward_a.pk,
            "report_due_day": "ba mươi",
            "report_due_month": "11",
            "mode": "units",
            "participant": [personas.office_a.pk],
        },
    )
    assert response.status_code == 400
    assert "Ngày hạn báo cáo “ba mươi” không phải là số." in response.content.decode()
    assert not Movement.objects.filter(unit=personas.ward_a).exists()


def test_the_report_is_written_approved_and_submitted_through_its_page(
    personas, client_for, city_movement, settings
):
    settings.CCHC_TODAY = "05/12/2026"
    part = participant(city_movement, personas.ward_a)
    officer, leader = client_for(personas.ward_a_officer), client_for(personas.ward_a_leader)
    start = officer.get(f"/phong-trao/bao-cao/moi/{part.pk}/2026/")
    assert start.status_code == 200 and "Chưa nộp, đã quá hạn 6 ngày" in start.content.decode()
    created = officer.post(f"/phong-trao/bao-cao/moi/{part.pk}/2026/", {"kind": "annual"})
    report = MovementReport.objects.get(unit=personas.ward_a, year=2026)
    assert created["Location"] == f"/phong-trao/bao-cao/{report.pk}/"
    page = officer.get(created["Location"])
    assert "số liệu hiện tại, được chốt khi nộp báo cáo" in page.content.decode()
    contents = list(city_movement.contents.order_by("order"))
    saved = officer.post(
        f"/phong-trao/bao-cao/{report.pk}/",
        {
            f"result_{contents[0].pk}": "Chủ tịch phường trực tiếp chỉ đạo.",
            "good_models": "Một cửa số",
            "files": [SimpleUploadedFile("bc.txt", "Báo cáo".encode(), content_type="text/plain")],
        },
    )
    assert saved.status_code == 302
    assert report.files.count() == 1 and report.results.get(content=contents[0]).text
    early = officer.post(f"/phong-trao/bao-cao/{report.pk}/nop/", follow=True)
    assert "Không thể “nộp báo cáo”" in early.content.decode()
    assert MovementReport.objects.get(pk=report.pk).status == "draft"
    officer.post(f"/phong-trao/bao-cao/{report.pk}/trinh-phe-duyet/")
    assert officer.post(f"/phong-trao/bao-cao/{report.pk}/phe-duyet/").status_code == 403
    home = leader.get("/phong-trao/").content.decode()
    assert f"/phong-trao/bao-cao/{report.pk}/" in home and "chờ anh/chị phê duyệt" in home
    leader.post(f"/phong-trao/bao-cao/{report.pk}/phe-duyet/")
    officer.post(f"/phong-trao/bao-cao/{report.pk}/nop/")
    report.refresh_from_db()
    assert (report.status, report.submitted_on) == ("submitted", date(2026, 12, 5))
    body = officer.get(f"/phong-trao/bao-cao/{report.pk}/").content.decode()
    assert "Nộp muộn" in body and "muộn 6 ngày" in body and "đã chốt khi nộp" in body


def test_the_leader_cannot_submit_and_the_officer_cannot_approve(
    personas, client_for, city_movement
):
    part = participant(city_movement, personas.ward_a)
    report = write_report(actor=personas.ward_a_officer, participant=part)
    leader = client_for(personas.ward_a_leader)
    assert leader.post(f"/phong-trao/bao-cao/{report.pk}/trinh-phe-duyet/").status_code == 403
    assert leader.post(f"/phong-trao/bao-cao/{report.pk}/", {}).status_code == 403
    other = client_for(personas.ward_b_officer)
    assert other.get(f"/phong-trao/bao-cao/{report.pk}/").status_code == 404


def test_a_registration_is_saved_and_sent_through_its_page(personas, client_for, city_movement):
    part = participant(city_movement, personas.ward_a)
    client = client_for(personas.ward_a_officer)
    client.post(f"/phong-trao/dang-ky/moi/{part.pk}/2027/")
    registration = Registration.objects.get(unit=personas.ward_a, year=2027)
    response = client.post(
        f"/phong-trao/dang-ky/{registration.pk}/",
        {
            "title_rows": "2",
            "title_0": "ttldxs",
            "person_0": "",
            "title_1": "ldtt",
            "person_1": "",
            "pledge_rows": "1",
            "pledge_kind_0": "target",
            "pledge_text_0": "Top 5 khối phường",
        },
    )
    assert response.status_code == 400
    assert "Dòng 2: “Lao động tiên tiến” là danh hiệu của cá nhân" in response.content.decode()
    client.post(
        f"/phong-trao/dang-ky/{registration.pk}/",
        {"title_rows": "1", "title_0": "ttldxs", "pledge_rows": "0"},
    )
    client.post(f"/phong-trao/dang-ky/{registration.pk}/gui/")
    registration.refresh_from_db()
    assert registration.status == "submitted"
    city = client_for(personas.city_officer)
    city.post(f"/phong-trao/dang-ky/{registration.pk}/tra-lai/", {"note": "Thêm cá nhân."})
    registration.refresh_from_db()
    assert (registration.status, registration.return_note) == ("returned", "Thêm cá nhân.")


def test_the_standing_office_corrects_the_movements_rule_and_review_days(
    personas, client_for, ward_movement
):
    client = client_for(personas.ward_a_officer)
    response = client.post(
        f"/phong-trao/{ward_movement.pk}/sua/",
        {
            "name": ward_movement.name,
            "standing_agency": personas.office_a.pk,
            "report_due_text": "trước ngày 25/11 hằng năm",
            "report_due_day": "25",
            "report_due_month": "11",
            "report_due_before": "1",
            "mid_term_on": "20/12/2028",
        },
    )
    assert response.status_code == 302
    ward_movement.refresh_from_db()
    assert (ward_movement.report_due_day, ward_movement.mid_term_on) == (25, date(2028, 12, 20))
    bad = client.post(
        f"/phong-trao/{ward_movement.pk}/sua/",
        {"name": ward_movement.name, "final_on": "20/12/2040"},
    )
    assert bad.status_code == 400 and "nằm ngoài giai đoạn 2026 - 2030" in bad.content.decode()
    assert (
        client_for(personas.ward_a_viewer).get(f"/phong-trao/{ward_movement.pk}/sua/").status_code
        == 403
    )
