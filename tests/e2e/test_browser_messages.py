"""A browser set to English still tells the user in Vietnamese what a form is missing."""

from tests.e2e.conftest import CHROMIUM  # noqa: F401  (the browser fixture needs Debian's chromium)


def test_an_english_browser_gets_vietnamese_validation_messages(
    browser, live_server, demo_city, shot
):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-US")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/dang-nhap/")
        page.click("button[type=submit]")
        message = page.eval_on_selector("#id_username", "el => el.validationMessage")
        assert message == "Vui lòng điền vào ô này."
        assert "Please fill" not in message
        page.screenshot(path=str(shot("login-required-english-browser")))
    finally:
        context.close()
