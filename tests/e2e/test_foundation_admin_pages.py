"""The administrator renames an office, finds the change in the audit log, and looks over blocs and people."""

from playwright.sync_api import expect

from tests.scope_registry import OWN, Demo


def test_admin_renames_an_office_and_reads_it_in_the_audit_log(page, login, shot):
    office = Demo().office(OWN)
    login("admin")
    page.goto(f"{page.base_url}/to-chuc/don-vi/{office.pk}/sua/")
    page.fill("#id_name", "Phòng Văn hóa, Khoa học và Thông tin")
    page.click("button:has-text('Lưu')")
    expect(page.locator("h1")).to_have_text("Phòng Văn hóa, Khoa học và Thông tin")

    page.click("text=Quản trị hệ thống")
    page.click("text=Nhật ký thay đổi")
    expect(page.locator("h1")).to_have_text("Nhật ký thay đổi")
    row = page.locator("#audit-table tbody tr").first
    expect(row).to_contain_text("Sửa thông tin đơn vị")
    expect(row).to_contain_text("Phòng Văn hóa - Xã hội")
    expect(row).to_contain_text("Phòng Văn hóa, Khoa học và Thông tin")
    shot("foundation-audit-log")


def test_admin_browses_blocs_and_people(page, login, shot):
    login("admin")
    page.goto(f"{page.base_url}/to-chuc/khoi/")
    expect(page.locator("#bloc-cards")).to_contain_text("Khối phường")
    expect(page.locator("#bloc-cards")).to_contain_text("Khối xã, đặc khu")
    shot("foundation-bloc-list")
    page.click("text=Khối phường")
    expect(page.locator("#bloc-member-table")).to_contain_text("Phường Lê Chân")
    shot("foundation-bloc-detail")

    page.goto(f"{page.base_url}/to-chuc/ca-nhan/")
    expect(page.locator("h1")).to_contain_text("Danh sách cá nhân")
    page.fill("#list-q", "pham van tan")
    page.click("button:has-text('Lọc')")
    expect(page.locator("tbody")).to_contain_text("Phạm Văn Tân")
    page.fill("#list-q", "")
    page.click("button:has-text('Lọc')")
    shot("foundation-person-list")

    with page.expect_download() as download:
        page.click("text=Xuất Excel")
    assert download.value.suggested_filename == "ca-nhan.xlsx"


def test_the_unit_list_fits_a_phone_screen(page, login, shot):
    login("lechan")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{page.base_url}/to-chuc/")
    expect(page.locator(".navbar-toggler")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways ({width}px)"
    shot("foundation-unit-list-phone")
