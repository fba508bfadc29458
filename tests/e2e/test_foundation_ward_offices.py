"""lechan signs in, finds phường Lê Chân's offices, and searches "le chan" without diacritics."""

from playwright.sync_api import expect


def test_lechan_finds_the_wards_offices_and_searches_without_diacritics(page, login, shot):
    login("lechan")
    expect(page.locator("h1")).to_contain_text("Xin chào, Nguyễn Thị Lan")
    expect(page.locator("#mainnav")).to_contain_text("Tổ chức")
    shot("foundation-home")

    page.click("#my-scope a:has-text('Phường Lê Chân')")
    expect(page.locator("h1")).to_have_text("Phường Lê Chân")
    children = page.locator("#children-table")
    for office in [
        "Văn phòng HĐND và UBND",
        "Phòng Văn hóa - Xã hội",
        "Phòng Kinh tế, Hạ tầng và Đô thị",
        "Trung tâm Phục vụ hành chính công",
    ]:
        expect(children).to_contain_text(office)
    expect(page.locator("body")).to_contain_text("Cơ quan thường trực CCHC: Phòng Văn hóa - Xã hội")
    shot("foundation-unit-detail")

    page.click("#children-table >> text=Phòng Văn hóa - Xã hội")
    expect(page.locator("#alias-list")).to_contain_text("Phòng VHXH")

    page.click("#mainnav >> text=Tổ chức")
    page.fill("#list-q", "le chan")
    page.click("button:has-text('Lọc')")
    expect(page.locator("#unit-table")).to_contain_text("Phường Lê Chân")
    expect(page.locator("#unit-table")).not_to_contain_text("Khúc Thừa Dụ")
    shot("foundation-unit-list")

    page.fill("#list-q", "phong vhxh")
    page.click("button:has-text('Lọc')")
    expect(page.locator("#unit-table tbody tr")).to_have_count(1)
    expect(page.locator("#unit-table")).to_contain_text("Phòng Văn hóa - Xã hội")
