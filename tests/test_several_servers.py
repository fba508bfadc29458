"""Two app servers over one PostgreSQL database, one Redis and one S3-compatible store, as docs/deployment.md
describes: a file uploaded through one server downloads through the other, a session opened on one is valid on
the other, and failed logins on one lock the user out on the other.

Each server is gunicorn with production settings (CCHC_DEBUG=0) and a data directory of its own, so nothing is
shared through the local disk. S3 is moto's server on loopback; Redis uses database 14, flushed before and after.
Skipped when PostgreSQL or Redis cannot be reached, unless CCHC_REQUIRE_SERVICES=1 (as in .ci/run).
"""

import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.services

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
PG_ADMIN = os.environ.get("CCHC_SERVICES_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_DB = 14
PASSWORD = "cchc-demo-2026"
LOCKED = "Đăng nhập tạm thời bị khóa"


def _unavailable(reason: str):
    if os.environ.get("CCHC_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason} and CCHC_REQUIRE_SERVICES=1")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    import requests

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"{process.args[0]} stopped: {process.stderr.read()[-3000:]}")
        try:
            if requests.get(url, timeout=10).status_code < 500:
                return
        except (requests.ConnectionError, requests.Timeout):
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} did not answer within {seconds} s")


@pytest.fixture(scope="module")
def services():
    """PostgreSQL (a new database) and Redis (database 14, flushed), or a skip."""
    import psycopg
    import redis

    try:
        admin = psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        _unavailable(f"PostgreSQL is not reachable at {PG_ADMIN} ({exc})")
    store = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB, socket_connect_timeout=3)
    try:
        store.ping()
    except redis.ConnectionError as exc:
        admin.close()
        _unavailable(f"Redis is not reachable at 127.0.0.1:6379 ({exc})")
    name = f"cchc_servers_{os.getpid()}"
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.execute(f'CREATE DATABASE "{name}"')
    store.flushdb()
    yield PG_ADMIN.rsplit("/", 1)[0] + f"/{name}", store
    store.flushdb()
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


@pytest.fixture(scope="module")
def s3(tmp_path_factory):
    """moto's S3 server on loopback with an empty bucket."""
    import boto3

    port = _free_port()
    log = tmp_path_factory.mktemp("moto") / "moto.log"
    with open(log, "w") as out:
        process = subprocess.Popen(
            [str(VENV / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise AssertionError(f"moto_server did not start: {log.read_text()[-2000:]}")
                time.sleep(0.2)
        client = boto3.client(
            "s3",
            endpoint_url=url,
            aws_access_key_id="cchc-test",
            aws_secret_access_key="cchc-test-secret",
            region_name="us-east-1",
        )
        client.create_bucket(Bucket="cchc-files")
        yield url, client
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def servers(services, s3, tmp_path_factory):
    """Two gunicorn servers (A and B) on the same database, Redis and bucket, each with its own data folder."""
    database_url, _ = services
    s3_url, _ = s3
    tmp = tmp_path_factory.mktemp("servers")
    common = {
        "PATH": f"{VENV}:/usr/local/bin:/usr/bin:/bin",
        "HOME": os.environ.get("HOME", "/root"),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "CCHC_DEBUG": "0",
        "CCHC_SECRET_KEY": "several-servers-share-this-secret-key-0123456789-abcdef",
        "CCHC_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CCHC_HTTPS": "0",
        "DATABASE_URL": database_url,
        "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
        "CCHC_CACHE_PREFIX": "cchc-servers-test",
        "CCHC_S3_BUCKET": "cchc-files",
        "CCHC_S3_ENDPOINT_URL": s3_url,
        "CCHC_S3_ACCESS_KEY_ID": "cchc-test",
        "CCHC_S3_SECRET_ACCESS_KEY": "cchc-test-secret",
        "CCHC_S3_REGION": "us-east-1",
        # Every request comes from 127.0.0.1 here: let the username's count be the one that locks.
        "CCHC_LOGIN_ADDRESS_FAILURE_LIMIT": "1000",
    }
    env_a = {**common, "CCHC_DATA_DIR": str(tmp / "a")}
    for step in (["migrate", "--noinput", "-v0"], ["load_demo", "--quiet"]):
        done = subprocess.run(
            [str(VENV / "python"), "manage.py", *step],
            cwd=ROOT,
            env=env_a,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr[-3000:]
    processes, urls = [], []
    try:
        for name in ("a", "b"):
            port = _free_port()
            process = subprocess.Popen(
                [
                    str(VENV / "gunicorn"),
                    "config.wsgi:application",
                    "--config",
                    "config/gunicorn.py",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "1",
                    "--timeout",
                    "60",
                ],
                cwd=ROOT,
                env={**common, "CCHC_DATA_DIR": str(tmp / name)},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            processes.append(process)
            urls.append(f"http://127.0.0.1:{port}")
        for url, process in zip(urls, processes, strict=True):
            _wait_for(f"{url}/dang-nhap/", process)
        yield urls[0], urls[1], tmp
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def _login(base: str, username: str, password: str = PASSWORD):
    import requests

    session = requests.Session()
    session.get(f"{base}/dang-nhap/", timeout=10)
    response = session.post(
        f"{base}/dang-nhap/",
        data={
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        allow_redirects=False,
        timeout=10,
    )
    return session, response


def _document_id(database_url: str) -> int:
    import psycopg

    with psycopg.connect(database_url) as conn:
        (pk,) = conn.execute(
            "SELECT d.id FROM registry_document d JOIN orgs_unit u ON u.id = d.org_unit_id "
            "WHERE d.number = '259/KH-UBND' AND u.short_name = 'Lê Chân'"
        ).fetchone()
    return pk


def test_a_file_uploaded_through_one_server_downloads_through_the_other(services, s3, servers):
    database_url, store = services
    _, bucket = s3
    a, b, tmp = servers
    content = "Biên bản họp giao ban CCHC quý II/2026\n".encode() * 50
    on_a, response = _login(a, "lechan")
    assert response.status_code == 302
    document = _document_id(database_url)
    response = on_a.post(
        f"{a}/van-ban/{document}/dinh-kem/",
        data={"csrfmiddlewaretoken": on_a.cookies["csrftoken"]},
        files={"file": ("bien-ban-giao-ban.txt", content, "text/plain")},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302

    # The session opened on A is valid on B (sessions live in Redis).
    page = on_a.get(f"{b}/van-ban/{document}/", timeout=10)
    assert page.status_code == 200 and "bien-ban-giao-ban.txt" in page.text
    file_id = re.search(
        r'href="/van-ban/tep/(\d+)/"><i class="bi bi-paperclip"></i> bien-ban', page.text
    )
    assert file_id, "the file is listed on B"

    on_b, response = _login(b, "lechan")
    assert response.status_code == 302
    download = on_b.get(f"{b}/van-ban/tep/{file_id.group(1)}/", timeout=10)
    assert download.status_code == 200 and download.content == content

    keys = [o["Key"] for o in bucket.list_objects_v2(Bucket="cchc-files").get("Contents", [])]
    assert any(k.endswith(".txt") and "bien-ban-giao-ban" in k for k in keys), keys
    assert not list(tmp.rglob("bien-ban-giao-ban*")), "nothing was written to a server's own disk"
    assert any(k.startswith(b"cchc-servers-test:") for k in store.keys()), "the cache is Redis"


def test_failed_logins_on_one_server_lock_the_user_out_on_the_other(servers):
    import requests

    a, b, _ = servers
    for _ in range(5):
        _, response = _login(a, "khucthuadu", "sai-mat-khau")
        assert response.status_code == 200
    assert LOCKED in response.text
    session, response = _login(b, "khucthuadu", PASSWORD)
    assert response.status_code == 200 and LOCKED in response.text
    assert session.get(f"{b}/", allow_redirects=False, timeout=10).status_code == 302
    api = requests.post(
        f"{b}/api/auth/token", json={"username": "khucthuadu", "password": PASSWORD}, timeout=10
    )
    assert api.status_code == 429 and api.json()["detail"].startswith(LOCKED)
    # Another user is not affected.
    assert _login(b, "lechan")[1].status_code == 302


def test_the_servers_answer_with_the_production_headers(servers):
    import requests

    a, _, _ = servers
    response = requests.get(f"{a}/dang-nhap/", timeout=10)
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"


def test_moto_and_gunicorn_come_from_the_virtualenv():
    assert shutil.which("moto_server", path=str(VENV)) and shutil.which("gunicorn", path=str(VENV))
