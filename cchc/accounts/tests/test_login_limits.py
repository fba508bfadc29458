import time
from datetime import UTC

import pytest
from django.test import Client, RequestFactory, override_settings

from cchc.accounts.client import client_address
from cchc.core.models import AuditLog

PASSWORD = "pw-test-2026"
LOCKED = "Đăng nhập tạm thời bị khóa"


def page_login(username, password, address="10.0.0.1"):
    client = Client(REMOTE_ADDR=address)
    response = client.post("/dang-nhap/", {"username": username, "password": password})
    return client, response


def api_login(username, password, address="10.0.0.1"):
    return Client(REMOTE_ADDR=address).post(
        "/api/auth/token",
        {"username": username, "password": password},
        content_type="application/json",
    )


def signed_in(client) -> bool:
    return client.get("/").status_code == 200


@pytest.fixture
def clock(monkeypatch):
    """Move the clock forward (the cache's expiry and the counters' windows read time.time())."""
    offset = [0.0]
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + offset[0])

    def advance(seconds):
        offset[0] += seconds

    return advance


def test_five_wrong_passwords_on_the_page_lock_out_even_the_right_one(personas):
    for _ in range(4):
        _, response = page_login("t_ward_a", "sai")
        assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()
    _, response = page_login("t_ward_a", "sai")
    assert LOCKED in response.content.decode() and "15 phút" in response.content.decode()
    client, response = page_login("t_ward_a", PASSWORD)
    assert response.status_code == 200 and LOCKED in response.content.decode()
    assert not signed_in(client)


def test_twenty_wrong_passwords_on_the_api_then_the_right_one_is_refused_with_429(personas):
    statuses = [api_login("t_ward_a", f"sai-{i}").status_code for i in range(20)]
    assert statuses[:4] == [401] * 4 and set(statuses[4:]) == {429}
    response = api_login("t_ward_a", PASSWORD)
    assert response.status_code == 429
    assert response.json()["detail"].startswith(LOCKED)
    assert 840 <= int(response["Retry-After"]) <= 900


def test_failures_on_the_page_and_on_the_api_count_together(personas):
    for _ in range(3):
        page_login("t_ward_a", "sai")
    assert api_login("t_ward_a", "sai").status_code == 401
    assert api_login("t_ward_a", "sai").status_code == 429
    _, response = page_login("t_ward_a", PASSWORD)
    assert LOCKED in response.content.decode()


def test_the_username_is_locked_whatever_its_letter_case_and_address(personas):
    for i in range(5):
        page_login("T_Ward_A", "sai", address=f"10.0.1.{i}")
    client, response = page_login("t_ward_a", PASSWORD, address="10.9.9.9")
    assert LOCKED in response.content.decode() and not signed_in(client)


def test_failures_from_one_address_lock_that_address_for_every_username(personas):
    for username in ["t_city", "t_ward_b", "t_council", "khong-co", "t_viewer"]:
        page_login(username, "sai", address="10.0.0.7")
    client, response = page_login("t_ward_a", PASSWORD, address="10.0.0.7")
    assert LOCKED in response.content.decode() and not signed_in(client)
    assert api_login("t_ward_a", PASSWORD, address="10.0.0.7").status_code == 429
    client, response = page_login("t_ward_a", PASSWORD, address="10.0.0.8")
    assert response.status_code == 302 and signed_in(client)


def test_the_lockout_ends_after_its_period(personas, clock):
    for _ in range(5):
        page_login("t_ward_a", "sai")
    clock(14 * 60)
    _, response = page_login("t_ward_a", PASSWORD)
    assert LOCKED in response.content.decode() and "1 phút" in response.content.decode()
    clock(61)
    client, response = page_login("t_ward_a", PASSWORD)
    assert response.status_code == 302 and signed_in(client)


def test_failures_spread_wider_than_the_window_do_not_lock(personas, clock):
    for _ in range(4):
        page_login("t_ward_a", "sai")
    clock(15 * 60 + 1)
    for _ in range(4):
        page_login("t_ward_a", "sai")
    client, response = page_login("t_ward_a", PASSWORD)
    assert response.status_code == 302 and signed_in(client)


@override_settings(LOGIN_ADDRESS_FAILURE_LIMIT=50)
def test_a_correct_login_starts_the_usernames_count_again(personas):
    for _ in range(4):
        page_login("t_ward_a", "sai")
    assert page_login("t_ward_a", PASSWORD)[1].status_code == 302
    for _ in range(4):
        page_login("t_ward_a", "sai")
    assert page_login("t_ward_a", PASSWORD)[1].status_code == 302


@override_settings(LOGIN_FAILURE_LIMIT=2, LOGIN_FAILURE_WINDOW=60, LOGIN_LOCKOUT_SECONDS=120)
def test_the_limits_come_from_settings(personas, clock):
    page_login("t_ward_a", "sai")
    _, response = page_login("t_ward_a", "sai")
    assert "2 lần trong 1 phút" in response.content.decode()
    assert "thử lại sau 2 phút" in response.content.decode()
    clock(121)
    assert page_login("t_ward_a", PASSWORD)[1].status_code == 302


def test_logins_failures_and_lockouts_are_audited_with_the_address(personas):
    for _ in range(5):
        page_login("t_ward_a", "sai", address="10.0.0.3")
    failed = AuditLog.objects.filter(action="auth.login_failed")
    assert failed.count() == 5
    entry = failed.first()
    assert entry.actor_name == "t_ward_a" and entry.object_id == str(personas.ward_a_officer.pk)
    assert entry.after == {"channel": "web", "address": "10.0.0.3"}
    assert "10.0.0.3" in entry.note
    lockouts = AuditLog.objects.filter(action="auth.lockout")
    assert sorted(e.after["locked"] for e in lockouts) == ["address", "username"]
    # Refused attempts during the lockout are not written one by one.
    page_login("t_ward_a", PASSWORD, address="10.0.0.3")
    assert AuditLog.objects.filter(action__startswith="auth.").count() == 7
    page_login("t_ward_b", PASSWORD, address="10.0.0.4")
    login = AuditLog.objects.get(action="auth.login")
    assert login.actor == personas.ward_b_officer and login.after["address"] == "10.0.0.4"


def test_an_api_failure_is_audited_as_coming_from_the_api(personas):
    api_login("khong-co", "sai", address="10.0.0.5")
    entry = AuditLog.objects.get(action="auth.login_failed")
    assert entry.actor_name == "khong-co" and entry.object_id == ""
    assert entry.after == {"channel": "api", "address": "10.0.0.5"} and "API" in entry.note


@pytest.mark.parametrize(
    "hops, forwarded, remote, expected",
    [
        (0, "1.2.3.4", "10.0.0.1", "10.0.0.1"),
        (1, "1.2.3.4", "127.0.0.1", "1.2.3.4"),
        (1, "6.6.6.6, 1.2.3.4", "127.0.0.1", "1.2.3.4"),
        (2, "6.6.6.6, 1.2.3.4, 10.0.0.2", "127.0.0.1", "1.2.3.4"),
        (1, "", "127.0.0.1", "127.0.0.1"),
        (1, "not-an-address", "127.0.0.1", "127.0.0.1"),
    ],
)
def test_the_client_address_trusts_x_forwarded_for_only_as_far_as_the_configured_proxies(
    hops, forwarded, remote, expected
):
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)
    with override_settings(PROXY_COUNT=hops):
        assert client_address(request) == expected


DATABASE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "cchc_cache_test",
    }
}


def test_the_limits_hold_with_the_database_cache_of_a_single_server(personas):
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    with override_settings(CACHES=DATABASE_CACHE):
        call_command("createcachetable", verbosity=0)
        for _ in range(3):
            page_login("t_ward_a", "sai")
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT expires FROM cchc_cache_test WHERE cache_key LIKE %s", ["%login:count%"]
            )
            (expires,) = [row[0] for row in cursor.fetchall() if row[0]][-1:]
        if isinstance(expires, str):
            from django.utils.dateparse import parse_datetime

            expires = parse_datetime(expires)
        if timezone.is_naive(expires):
            expires = timezone.make_aware(expires, UTC)
        # incr() on the database cache would leave 300 s; the counter lives as long as its window.
        assert (expires - timezone.now()).total_seconds() > 800
        page_login("t_ward_a", "sai")
        _, response = page_login("t_ward_a", "sai")
        assert LOCKED in response.content.decode()
        client, response = page_login("t_ward_a", PASSWORD)
        assert LOCKED in response.content.decode() and not signed_in(client)
