from django.test import Client

from cchc.accounts import services
from cchc.accounts.models import ApiToken

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


def test_a_malformed_token_request_is_rejected(db):
    response = Client().post("/api/auth/token", {"username": "x"}, content_type="application/json")
    assert response.status_code == 422


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
    assert services.token_user(token) is None


def test_the_browser_session_also_authenticates_the_api(personas, client_for):
    assert client_for(personas.ward_a_officer).get("/api/units").status_code == 200
    assert Client().get("/api/units").status_code == 401
