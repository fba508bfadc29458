import hashlib
from datetime import datetime, timedelta

from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cchc.accounts import token_services
from cchc.accounts.models import ApiToken
from cchc.core.models import AuditLog

PASSWORD = "pw-test-2026"


def issue(username, password=PASSWORD):
    return Client().post(
        "/api/auth/token",
        {"username": username, "password": password},
        content_type="application/json",
    )


def test_a_token_is_issued_for_a_valid_username_and_password(personas):
    response = issue("t_ward_a")
    assert response.status_code == 200
    token = response.json()["token"]
    assert len(token) >= 32
    stored = ApiToken.objects.get(user=personas.ward_a_officer)
    assert stored.key_hash != token, "only the hash is stored"


def test_a_wrong_password_or_unknown_user_gets_401_with_a_vietnamese_message(personas):
    for username, password in [("t_ward_a", "sai-mat-khau"), ("khong-co", PASSWORD)]:
        response = issue(username, password)
        assert response.status_code == 401
        assert response.json() == {"detail": "Tên đăng nhập hoặc mật khẩu không đúng."}
    assert not ApiToken.objects.exists()


def test_a_malformed_token_request_is_rejected_with_400_naming_the_missing_field(db):
    response = Client().post("/api/auth/token", {"username": "x"}, content_type="application/json")
    assert response.status_code == 400
    assert "password" in response.json()["detail"]


def test_the_bearer_token_authenticates_api_calls_and_records_its_use(personas):
    token = issue("t_ward_a").json()["token"]
    response = Client().get("/api/units", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    assert ApiToken.objects.get(user=personas.ward_a_officer).last_used_at is not None


def test_a_deactivated_user_loses_api_access(personas):
    token = issue("t_ward_a").json()["token"]
    personas.ward_a_officer.is_active = False
    personas.ward_a_officer.save()
    assert Client().get("/api/units", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    assert token_services.token_use(key=token) is None


def test_the_browser_session_also_authenticates_the_api(personas, client_for):
    assert client_for(personas.ward_a_officer).get("/api/units").status_code == 200
    assert Client().get("/api/units").status_code == 401


def bearer(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_a_token_is_stored_as_its_sha256_with_only_a_prefix_in_clear(personas):
    token = issue("t_ward_a").json()["token"]
    stored = ApiToken.objects.get(user=personas.ward_a_officer)
    assert stored.key_hash == hashlib.sha256(token.encode()).hexdigest()
    assert stored.prefix == token[:8] and len(stored.prefix) < len(token) // 4
    row = " ".join(str(v) for v in ApiToken.objects.filter(pk=stored.pk).values().get().values())
    assert token not in row


def test_a_token_expires_after_the_configured_days(personas):
    response = issue("t_ward_a")
    token = response.json()["token"]
    expires = datetime.fromisoformat(response.json()["expires_at"])
    assert abs((expires - timezone.now()) - timedelta(days=30)) < timedelta(minutes=1)
    assert Client().get("/api/units", **bearer(token)).status_code == 200
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert Client().get("/api/units", **bearer(token)).status_code == 401
    with override_settings(API_TOKEN_DAYS=2):
        expires = datetime.fromisoformat(issue("t_ward_a").json()["expires_at"])
    assert abs((expires - timezone.now()) - timedelta(days=2)) < timedelta(minutes=1)


def test_delete_revokes_the_token_used_and_only_that_one(personas):
    first = issue("t_ward_a").json()["token"]
    second = issue("t_ward_a").json()["token"]
    response = Client().delete("/api/auth/token", **bearer(first))
    assert response.status_code == 204
    assert Client().get("/api/units", **bearer(first)).status_code == 401
    assert Client().delete("/api/auth/token", **bearer(first)).status_code == 401
    assert Client().get("/api/units", **bearer(second)).status_code == 200
    entry = AuditLog.objects.get(action="token.revoke")
    assert entry.actor == personas.ward_a_officer and entry.before["prefix"] == first[:8]


def test_delete_with_a_browser_session_has_no_token_to_revoke(personas, client_for):
    issue("t_ward_a")
    response = client_for(personas.ward_a_officer).delete("/api/auth/token")
    assert response.status_code == 404 and "Bearer" in response.json()["detail"]
    assert ApiToken.objects.count() == 1


@override_settings(API_TOKENS_PER_USER=3)
def test_beyond_the_cap_the_oldest_tokens_are_revoked(personas):
    tokens = [issue("t_ward_a").json()["token"] for _ in range(5)]
    assert ApiToken.objects.filter(user=personas.ward_a_officer).count() == 3
    assert [Client().get("/api/units", **bearer(t)).status_code for t in tokens] == [
        401,
        401,
        200,
        200,
        200,
    ]
    revoked = AuditLog.objects.filter(action="token.revoke").order_by("id")
    assert [e.before["prefix"] for e in revoked] == [tokens[0][:8], tokens[1][:8]]
    assert "Vượt quá 3 mã" in revoked[0].note


def test_issuing_a_token_is_audited_without_the_key(personas):
    token = issue("t_ward_a", password=PASSWORD).json()["token"]
    entry = AuditLog.objects.get(action="token.issue")
    assert entry.actor == personas.ward_a_officer and entry.after["prefix"] == token[:8]
    assert token not in str(entry.after) + entry.object_repr + entry.note


def test_a_read_through_the_api_writes_the_last_use_at_most_once_a_minute(personas):
    token = issue("t_ward_a").json()["token"]

    def writes():
        with CaptureQueriesContext(connection) as queries:
            assert Client().get("/api/units", **bearer(token)).status_code == 200
        return [
            q["sql"]
            for q in queries.captured_queries
            if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE"))
        ]

    assert len(writes()) == 1, "the first use is written"
    assert writes() == [], "a second read within the minute writes nothing"
    ApiToken.objects.update(last_used_at=timezone.now() - timedelta(seconds=61))
    assert len(writes()) == 1


def test_a_token_of_one_user_never_reaches_another_users_scope(personas):
    token = issue("t_ward_b").json()["token"]
    response = Client().get(f"/api/units/{personas.office_a.pk}", **bearer(token))
    assert response.status_code == 404
