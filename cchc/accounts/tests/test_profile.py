import re

import pytest
from django.test import Client

from cchc.accounts.models import ApiToken, LoginSession
from cchc.core.models import AuditLog

PASSWORD = "pw-test-2026"
NEW_PASSWORD = "Mat-khau-moi-2027"


def browser_login(username="t_ward_a", password=PASSWORD, agent="Firefox/140"):
    client = Client(HTTP_USER_AGENT=agent)
    response = client.post("/dang-nhap/", {"username": username, "password": password})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def issue(username="t_ward_a", password=PASSWORD):
    response = Client().post(
        "/api/auth/token",
        {"username": username, "password": password},
        content_type="application/json",
    )
    assert response.status_code == 200
    return response.json()["token"]


def api_ok(token) -> bool:
    return Client().get("/api/units", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200


def signed_in(client) -> bool:
    return client.get("/").status_code == 200


def test_the_account_page_lists_the_users_tokens_without_their_keys(personas):
    token = issue()
    other = issue("t_ward_b")
    api_ok(token)
    client = browser_login()
    page = client.get("/tai-khoan/").content.decode()
    assert "Tài khoản của tôi" in page and "Mã truy cập API" in page
    stored = ApiToken.objects.get(user=personas.ward_a_officer)
    assert f"{token[:8]}…" in page and token not in page
    assert page.count("/thu-hoi/") == 1 and other[:8] not in page, "not ward B's token"
    for moment in (stored.created_at, stored.last_used_at, stored.expires_at):
        assert moment.astimezone().strftime("%d/%m/%Y") in page
    revoke = f"/tai-khoan/ma-api/{stored.pk}/thu-hoi/"
    assert re.search(rf'action="{revoke}"[^>]*data-confirm="Thu hồi mã truy cập API', page)


def test_the_account_page_shows_the_open_sessions_and_marks_this_one(personas):
    browser_login(agent="Firefox/140")
    client = browser_login(agent="Chromium/156")
    page = client.get("/tai-khoan/").content.decode()
    assert "Firefox/140" in page and "Chromium/156" in page
    assert page.count("Phiên này") == 1
    assert re.search(r"Phiên này</span></td><td>127\.0\.0\.1</td><td[^>]*>Chromium/156", page)


def test_a_token_is_revoked_from_the_account_page_by_post_only(personas):
    token = issue()
    stored = ApiToken.objects.get()
    client = browser_login()
    url = f"/tai-khoan/ma-api/{stored.pk}/thu-hoi/"
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    assert "Đã thu hồi mã truy cập API" in response.content.decode()
    assert not ApiToken.objects.exists() and not api_ok(token)
    assert AuditLog.objects.filter(action="token.revoke", actor=personas.ward_a_officer).exists()


def test_another_users_token_cannot_be_revoked(personas):
    token = issue("t_ward_b")
    stored = ApiToken.objects.get()
    client = browser_login("t_ward_a")
    assert client.post(f"/tai-khoan/ma-api/{stored.pk}/thu-hoi/").status_code == 404
    assert api_ok(token)


def test_changing_the_password_ends_the_other_sessions_and_revokes_every_token(personas):
    other_browser = browser_login(agent="Firefox/140")
    tokens = [issue(), issue()]
    client = browser_login(agent="Chromium/156")
    response = client.post(
        "/tai-khoan/doi-mat-khau/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert "Đã đổi mật khẩu" in response.content.decode()
    assert signed_in(client), "the session that changed the password stays open"
    assert not signed_in(other_browser)
    assert not any(api_ok(t) for t in tokens)
    assert list(LoginSession.objects.values_list("user_agent", flat=True)) == ["Chromium/156"]
    entry = AuditLog.objects.get(action="auth.password_change")
    assert entry.after == {"sessions_ended": 1, "tokens_revoked": 2}
    assert PASSWORD not in str(entry.after) and NEW_PASSWORD not in str(entry.after)
    assert AuditLog.objects.filter(action="token.revoke").count() == 2
    browser_login(password=NEW_PASSWORD)


@pytest.mark.parametrize(
    "data, message",
    [
        (
            {"old_password": "sai", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
            "Mật khẩu hiện tại không đúng.",
        ),
        (
            {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": "khac"},
            "Hai lần nhập mật khẩu mới không khớp.",
        ),
        (
            {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
            "",
        ),
        (
            {"old_password": PASSWORD, "new_password1": PASSWORD, "new_password2": PASSWORD},
            "Mật khẩu mới phải khác mật khẩu hiện tại.",
        ),
    ],
)
def test_a_refused_password_change_says_why_and_changes_nothing(personas, data, message):
    token = issue()
    client = browser_login()
    response = client.post("/tai-khoan/doi-mat-khau/", data)
    page = response.content.decode()
    assert response.status_code == 200 and 'class="invalid-feedback d-block"' in page
    assert message in page
    personas.ward_a_officer.refresh_from_db()
    assert personas.ward_a_officer.check_password(PASSWORD) and api_ok(token)
    assert not AuditLog.objects.filter(action="auth.password_change").exists()


def test_an_all_digit_password_is_refused_with_a_vietnamese_reason(personas):
    client = browser_login()
    page = client.post(
        "/tai-khoan/doi-mat-khau/",
        {"old_password": PASSWORD, "new_password1": "20262027", "new_password2": "20262027"},
    ).content.decode()
    assert "Mật khẩu này hoàn toàn là số" in page or "hoàn toàn bằng số" in page, page[-3000:]


def test_log_out_everywhere_keeps_this_session_and_ends_the_rest(personas):
    other_browser = browser_login(agent="Firefox/140")
    forced = Client()
    forced.force_login(personas.ward_a_officer)  # a session opened without the login page
    token = issue()
    client = browser_login(agent="Chromium/156")
    assert client.get("/tai-khoan/dang-xuat-moi-noi/").status_code == 405
    response = client.post("/tai-khoan/dang-xuat-moi-noi/", follow=True)
    assert "Đã kết thúc 2 phiên đăng nhập khác và thu hồi 1 mã truy cập API." in (
        response.content.decode()
    )
    assert signed_in(client) and not signed_in(other_browser) and not signed_in(forced)
    assert not api_ok(token)
    assert AuditLog.objects.filter(action="auth.logout_everywhere").get().after == {
        "sessions_ended": 2,
        "tokens_revoked": 1,
    }


def test_a_logout_forgets_its_session_and_is_audited(personas):
    client = browser_login()
    assert LoginSession.objects.count() == 1
    client.post("/dang-xuat/")
    assert not LoginSession.objects.exists()
    assert AuditLog.objects.filter(action="auth.logout", actor=personas.ward_a_officer).exists()


def test_the_user_menu_links_to_the_account_page(personas):
    page = browser_login().get("/").content.decode()
    assert 'href="/tai-khoan/"' in page and "Tài khoản của tôi" in page
