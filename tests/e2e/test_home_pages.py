"""The home page of each demo role, at 1366 px and on a phone: "Việc của tôi" shows what waits for that user,
each line a link; the demo's day is in the banner."""

import pytest
from playwright.sync_api import expect

ROLES = {
    "admin": None,
    "snv": "#work-deadlines",
    "lechan": "#work-overdue",
    "lethanhnghi": "#work-overdue",
    "khucthuadu": "#work-overdue",
    "lechan.chutich": "#work-approvals",
    "lechan.vanphong": None,
    "lechan.xem": None,
}


@pytest.mark.parametrize("username", list(ROLES))
def test_the_home_page_of_each_role_shows_its_work(page, login, shot, username):
    login(username)
    expect(page.locator("#demo-banner")).to_contain_text("hôm nay là 15/04/2027")
    expect(page.locator("#my-work")).to_be_visible()
    section = ROLES[username]
    if section:
        expect(page.locator(section)).to_be_visible()
        first = page.locator("#my-work a.work-item").first
        href = first.get_attribute("href")
        assert href and href.startswith("/")
    shot(f"home-{username}")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(f"home-{username}-phone")
