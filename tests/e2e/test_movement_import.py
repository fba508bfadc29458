"""A ward launches its movement from its plan in a browser: Lê Thanh Nghị's standing office pastes its plan
(written like Lê Chân's 259/KH-UBND), reads the preview (the standing agency matched, the report rule as written,
the city's movement found as parent by its number), sets the due date the plan leaves out and confirms; the
city's board of cascaded movements then shows Lê Thanh Nghị launched. The office then registers for 2027 and
the city approves."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from cchc.core import dates
from cchc.demo.day import DEMO_DAY
from cchc.emulation.models import Movement, Registration

pytestmark = pytest.mark.django_db(transaction=True)

SEED = Path(__file__).resolve().parents[2] / "data" / "seeds"


def _logout(page):
    page.context.clear_cookies()


def _plan() -> str:
    text = next(SEED.glob("000_*.txt")).read_text(encoding="utf-8")
    return text.replace("Lê Chân", "Lê Thanh Nghị").replace("259 /KH-UBND", "301/KH-UBND")


def test_le_thanh_nghi_launches_its_movement_and_the_city_sees_it(page, login, shot, monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: DEMO_DAY)
    page.on("dialog", lambda d: d.accept())
    city = Movement.objects.get(document__number="2162/QĐ-UBND")

    login("lethanhnghi")
    page.goto(page.base_url + "/phong-trao/nhap/")
    page.fill("#id_text", _plan())
    page.get_by_role("button", name="Xem trước").click()
    expect(page.locator("h1")).to_contain_text(
        "Đẩy mạnh cải cách hành chính trên địa bàn phường Lê Thanh Nghị giai đoạn 2026 – 2030"
    )
    expect(page.locator("#agency-note")).to_contain_text("khớp với Phòng Văn hóa - Xã hội")
    expect(page.locator("#f-due-text")).to_have_value("Định kỳ hằng năm")
    expect(page.locator("#parent-note")).to_contain_text("Căn cứ 2162/QĐ-UBND")
    expect(
        page.locator("#import-contents textarea[name^='content_']:not([name='content_new'])")
    ).to_have_count(6)
    shot("movement-20-import-preview")
    page.fill("#f-due-text", "trước ngày 25/11 hằng năm")
    page.fill("#f-due-day", "25")
    page.fill("#f-due-month", "11")
    page.get_by_role("button", name="Xác nhận nhập").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã nhập phong trào")
    expect(page.locator("#movement-due")).to_contain_text("Trước ngày 25/11 hằng năm")
    expect(page.locator("#movement-parent")).to_contain_text("thành phố Hải Phòng")
    shot("movement-21-imported")
    movement = Movement.objects.get(document__number="301/KH-UBND")
    assert movement.parent == city and movement.report_due_day == 25

    # The office registers the ward for 2027 in the city's movement.
    page.goto(page.base_url + "/phong-trao/dang-ky/")
    page.locator("#own-registrations").get_by_role("link").first.click()
    expect(page.locator("#registration-status")).to_have_text("Bị trả lại")
    expect(page.locator("#return-note")).to_contain_text("Chưa có danh sách cá nhân")
    page.select_option("select[name=person_1]", index=1)
    page.select_option("select[name=title_1]", "ldtt")
    page.get_by_role("button", name="Lưu bản đăng ký").click()
    page.get_by_role("button", name="Gửi đăng ký").click()
    expect(page.locator("#registration-status")).to_have_text("Đã gửi, chờ duyệt")
    shot("movement-22-registration-sent")

    # The city approves it and sees Lê Thanh Nghị among the wards that launched their movement.
    _logout(page)
    login("snv")
    page.goto(page.base_url + "/phong-trao/")
    page.locator("#registrations-to-review").get_by_role(
        "link", name="Đăng ký thi đua năm 2027 – Phường Lê Thanh Nghị"
    ).click()
    page.get_by_role("button", name="Duyệt đăng ký").click()
    expect(page.locator("#registration-status")).to_have_text("Đã duyệt")
    registration = Registration.objects.get(unit__short_name="Lê Thanh Nghị", year=2027)
    assert registration.status == "approved" and registration.titles.count() == 2
    page.goto(page.base_url + f"/phong-trao/{city.pk}/trien-khai/?launched=yes")
    expect(page.locator("#cascade-summary")).to_contain_text("3/128 đơn vị")
    expect(page.locator("tr.board-row[data-unit='Phường Lê Thanh Nghị']")).to_contain_text(
        "301/KH-UBND"
    )
    shot("movement-23-cascade-board")
    page.goto(page.base_url + f"/phong-trao/{city.pk}/")
    shot("movement-24-city-movement")
