"""Production settings: Django's deployment checks pass, HTTPS settings follow their variables, every page carries a
Content-Security-Policy without inline scripts, and no template needs one."""

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "CCHC_DEBUG": "0",
    "CCHC_SECRET_KEY": "k" * 20 + "-production-secret-key-of-fifty-characters-or-more",
    "CCHC_ALLOWED_HOSTS": "cchc.haiphong.gov.vn",
}


def run(argv, tmp_path, **extra):
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": os.environ.get("HOME", "/root"),
        "CCHC_DATA_DIR": str(tmp_path / "data"),
        **PRODUCTION,
        **extra,
    }
    return subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def production_settings(tmp_path, **extra) -> dict:
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({k: getattr(s, k, None) for k in ["
        "'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', "
        "'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_PROXY_SSL_HEADER', 'SILENCED_SYSTEM_CHECKS', "
        "'LOGIN_FAILURE_LIMIT', 'LOGIN_LOCKOUT_SECONDS', 'API_TOKEN_DAYS', 'CACHES', 'SESSION_ENGINE', "
        "'STORAGES']}))"
    )
    done = run([".venv/bin/python", "-c", code], tmp_path, **extra)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_deployment_checks_pass_with_the_production_variables(tmp_path):
    done = run(
        [".venv/bin/python", "manage.py", "check", "--deploy", "--fail-level", "WARNING"], tmp_path
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout


def test_the_deployment_checks_fail_when_https_is_switched_off(tmp_path):
    done = run(
        [".venv/bin/python", "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        tmp_path,
        CCHC_HTTPS="0",
    )
    assert done.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in done.stderr


def test_production_turns_on_secure_cookies_https_redirect_and_a_year_of_hsts(tmp_path):
    s = production_settings(tmp_path)
    assert s["SESSION_COOKIE_SECURE"] and s["CSRF_COOKIE_SECURE"] and s["SECURE_SSL_REDIRECT"]
    assert s["SECURE_HSTS_SECONDS"] == 31_536_000 and s["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert s["SECURE_PROXY_SSL_HEADER"] is None


def test_the_https_settings_follow_their_variables(tmp_path):
    s = production_settings(
        tmp_path, CCHC_HSTS_SECONDS="600", CCHC_BEHIND_TLS_PROXY="1", CCHC_SSL_REDIRECT="0"
    )
    assert s["SECURE_HSTS_SECONDS"] == 600
    assert s["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert s["SECURE_SSL_REDIRECT"] is False and "security.W008" in s["SILENCED_SYSTEM_CHECKS"]


def test_login_limits_and_token_lifetime_come_from_variables(tmp_path):
    s = production_settings(
        tmp_path,
        CCHC_LOGIN_FAILURE_LIMIT="3",
        CCHC_LOGIN_LOCKOUT_MINUTES="30",
        CCHC_API_TOKEN_DAYS="7",
    )
    assert (s["LOGIN_FAILURE_LIMIT"], s["LOGIN_LOCKOUT_SECONDS"], s["API_TOKEN_DAYS"]) == (
        3,
        1800,
        7,
    )
    done = run([".venv/bin/python", "manage.py", "check"], tmp_path, CCHC_API_TOKEN_DAYS="ba")
    assert done.returncode != 0 and "CCHC_API_TOKEN_DAYS must be a whole number" in done.stderr


def test_one_server_keeps_its_cache_in_the_database_and_several_use_redis_and_s3(tmp_path):
    s = production_settings(tmp_path)
    assert s["CACHES"]["default"]["BACKEND"].endswith("DatabaseCache")
    assert s["STORAGES"]["default"]["BACKEND"].endswith("FileSystemStorage")
    s = production_settings(
        tmp_path,
        REDIS_URL="redis://127.0.0.1:6379/3",
        CCHC_S3_BUCKET="cchc-tep",
        CCHC_S3_ENDPOINT_URL="http://127.0.0.1:9000",
    )
    assert s["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert s["CACHES"]["default"]["LOCATION"] == "redis://127.0.0.1:6379/3"
    assert s["SESSION_ENGINE"] == "django.contrib.sessions.backends.cache"
    assert s["STORAGES"]["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert s["STORAGES"]["default"]["OPTIONS"]["bucket_name"] == "cchc-tep"


@pytest.mark.parametrize("url", ["/dang-nhap/", "/", "/tai-khoan/", "/api/docs"])
def test_every_page_carries_a_content_security_policy_without_inline_scripts(
    url, personas, client, client_for
):
    visitor = client if url == "/dang-nhap/" else client_for(personas.ward_a_officer)
    response = visitor.get(url)
    assert response.status_code == 200
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    assert policy["default-src"] == "'self'" and policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"


TEMPLATE_DIRS = [ROOT / "templates", *ROOT.glob("cchc/*/templates")]
INLINE_SCRIPT = re.compile(
    r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I
)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)


def test_no_template_has_an_inline_script_or_an_event_handler_attribute():
    found = []
    for folder in TEMPLATE_DIRS:
        for path in folder.rglob("*.html"):
            text = path.read_text()
            found += [
                f"{path.relative_to(ROOT)}: {m.group(0)}" for m in INLINE_SCRIPT.finditer(text)
            ]
            found += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in HANDLER.finditer(text)]
            if "javascript:" in text:
                found.append(f"{path.relative_to(ROOT)}: javascript:")
    assert found == [], (
        "The Content-Security-Policy blocks these; use a static file and data-confirm, "
        "data-autosubmit or data-cchc-controls (static/js/app.js): " + "; ".join(found)
    )
