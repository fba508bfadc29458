"""snv opens the organisation as a tree: the city, its groups (sở, phường, xã, đặc khu), a ward, its offices; a
search without diacritics shows a unit with its path."""

from django.urls import reverse
from playwright.sync_api import expect


def test_the_city_opens_the_tree_level_by_level_and_searches_it(page, login, shot):
    login("snv")
    page.click("#mainnav a:has-text('Tổ chức')")
    expect(page.locator("h1")).to_have_text("Cây tổ chức")
    wards = page.locator("#unit-tree .tree-group summary", has_text="Phường")
    wards.click()
    le_chan = page.locator("#unit-tree .tree-node summary", has_text="Phường Lê Chân")
    expect(le_chan).to_be_visible()
    le_chan.click()
    expect(
        page.locator("#unit-tree .tree-link", has_text="Phòng Văn hóa - Xã hội").first
    ).to_be_visible()
    shot("unit-tree")
    page.fill("#tree-search input[name=q]", "le chan vhxh")
    page.click("#tree-search button[type=submit]")
    expect(page.locator("#tree-results")).to_contain_text("Thành phố Hải Phòng › Phường Lê Chân")
    shot("unit-tree-search")
    page.goto(page.base_url + reverse("orgs:unit_list"))
    expect(page.locator("#tree-link")).to_be_visible()
