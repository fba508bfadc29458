"""Browser journeys: Playwright on Debian's chromium against the live test server.

Without /usr/bin/chromium the journeys are skipped, unless CCHC_REQUIRE_BROWSER=1 makes that a failure.
Screenshots go to test-artifacts/screenshots/.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]
SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
DEMO_PASSWORD = "cchc-demo-2026"

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CCHC_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is missing and CCHC_REQUIRE_BROWSER=1")
        pytest.skip("Debian chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, live_server, demo_city):
    context = browser.new_context(
        viewport={"width": 1366, "height": 900}, locale="vi-VN", accept_downloads=True
    )
    pg = context.new_page()
    pg.set_default_timeout(15000)
    pg.base_url = live_server.url
    yield pg
    context.close()


@pytest.fixture
def login(page):
    def do(username: str, password: str = DEMO_PASSWORD):
        page.goto(page.base_url + "/dang-nhap/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        page.wait_for_url(lambda url: "/dang-nhap/" not in url)
        return page

    return do


@pytest.fixture
def shot(page):
    SHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str):
        path = SHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
