"""Lê Chân's standing office opens "Tài khoản của tôi": two API tokens issued by a program are listed with their
dates; dismissing the confirmation keeps a token, accepting it revokes it. On the way, no page breaks the
Content-Security-Policy (confirmations, filters that submit themselves and form styling come from app.js)."""

import re

from playwright.sync_api import expect

from cchc.accounts.models import ApiToken
from tests.scope_registry import OWN, Demo

PASSWORD = "cchc-demo-2026"


def test_a_user_lists_and_revokes_api_tokens_and_no_page_breaks_the_csp(page, login, shot):
    violations = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    login("lechan")
    tokens = []
    for _ in range(2):
        response = page.request.post(
            f"{page.base_url}/api/auth/token", data={"username": "lechan", "password": PASSWORD}
        )
        assert response.ok
        tokens.append(response.json()["token"])
    used = page.request.get(
        f"{page.base_url}/api/units", headers={"Authorization": f"Bearer {tokens[0]}"}
    )
    assert used.ok

    page.click("#mainnav .dropdown-toggle")
    page.click("text=Tài khoản của tôi")
    expect(page.locator("h1")).to_contain_text("Tài khoản của tôi")
    rows = page.locator("#api-tokens tbody tr")
    expect(rows).to_have_count(2)
    expect(page.locator("#api-tokens")).to_contain_text(f"{tokens[0][:8]}…")
    expect(page.locator("#api-tokens")).not_to_contain_text(tokens[0])
    expect(page.locator("body")).to_contain_text("Phiên này")
    shot("account-page")

    questions = []
    page.once("dialog", lambda d: (questions.append(d.message), d.dismiss()))
    rows.first.locator("button:has-text('Thu hồi')").click()
    expect(rows).to_have_count(2)
    assert questions and questions[0].startswith("Thu hồi mã truy cập API")

    page.once("dialog", lambda d: d.accept())
    rows.first.locator("button:has-text('Thu hồi')").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã thu hồi mã truy cập API")
    expect(rows).to_have_count(1)
    # The newest token was the first row (the browser's own session would answer the API, so ask the database).
    assert list(ApiToken.objects.values_list("prefix", flat=True)) == [tokens[0][:8]]

    # A filter that submits itself when a value is chosen (data-autosubmit).
    page.goto(f"{page.base_url}/to-chuc/khoi/")
    page.select_option("#year-select", index=0)
    page.wait_for_url(lambda url: "year=" in url)
    # Form styling from app.js: a document form and the password form.
    page.goto(f"{page.base_url}/van-ban/{Demo().document(OWN).pk}/sua/")
    expect(page.locator("#document-form select").first).to_have_class(re.compile("form-select"))
    page.goto(f"{page.base_url}/tai-khoan/doi-mat-khau/")
    expect(page.locator("#id_old_password")).to_have_class(re.compile("form-control"))
    shot("account-password-change")
    assert violations == []


def test_the_api_documentation_renders_under_the_content_security_policy(page, login, shot):
    violations = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    login("lechan")
    page.goto(f"{page.base_url}/api/docs")
    expect(page.locator(".swagger-ui .title").first).to_contain_text("cchc API")
    expect(page.locator("body")).to_contain_text("/api/auth/token")
    shot("api-docs")
    assert violations == []
