"""Throughput of the served application against a bare Django view, side by side in one run.

Starts the project's server the way ./scripts/run does (gunicorn, config.wsgi, WEB_WORKERS or 3 workers) on
the demo city, with a bare JSON view mounted at /bench/bare/ (CCHC_BENCH_BARE=1: same server, settings and
middleware), then loads each URL with 50 concurrent connections for a few seconds: with `wrk` when it is
installed, else with the asyncio load generator below (split over two processes). Prints requests per second,
median and p99 latency, and each URL's share of the bare view's requests per second.

    .venv/bin/python bench/web.py                       # fresh data directory with the demo city
    .venv/bin/python bench/web.py --data-dir /tmp/cchc-web --seconds 10 --connections 50
"""

import argparse
import asyncio
import json
import multiprocessing
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PASSWORD = "cchc-demo-2026"


def environment(data_dir: str, port: int) -> dict:
    env = dict(os.environ)
    env.update(
        CCHC_DATA_DIR=data_dir,
        CCHC_DEBUG="0",
        CCHC_HTTPS="0",
        CCHC_SECRET_KEY="benchmark-only-" + "x" * 40,
        CCHC_ALLOWED_HOSTS="127.0.0.1,localhost",
        CCHC_BENCH_BARE="1",
        DJANGO_SETTINGS_MODULE="config.settings",
        CCHC_SITE_URL=f"http://127.0.0.1:{port}",
    )
    return env


def manage(env: dict, *args: str) -> str:
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout.strip()


def prepare(env: dict, *, load: bool = True) -> None:
    manage(env, "migrate", "--noinput", "-v0")
    if load:
        manage(env, "load_demo")
    day = manage(env, "demo_day")
    if day:
        env["CCHC_TODAY"] = day
        env["CCHC_DEMO"] = "1"
    manage(env, "collectstatic", "--noinput", "-v0")


SESSION_SNIPPET = """
import django; django.setup()
from django.contrib.auth import get_user_model, SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
u = get_user_model().objects.get(username="snv")
s = SessionStore()
s[SESSION_KEY] = str(u.pk)
s[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
s[HASH_SESSION_KEY] = u.get_session_auth_hash()
s.create()
print(s.session_key)
"""


def session_key(env: dict) -> str:
    return subprocess.run(
        [PYTHON, "-c", SESSION_SNIPPET],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def api_token(base: str) -> str:
    request = urllib.request.Request(
        base + "/api/auth/token",
        data=json.dumps({"username": "snv", "password": PASSWORD}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["token"]


def published_year(base: str, token: str) -> int:
    for year in (2027, 2026, 2025):
        request = urllib.request.Request(
            f"{base}/api/parindex/{year}/rankings", headers={"Authorization": f"Bearer {token}"}
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                if json.load(response):
                    return year
        except urllib.error.HTTPError:
            continue
    return 2027


def wait_until_up(base: str, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(base + "/bench/bare/", timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not start")


# --- Load generator (when wrk is not installed) ----------------------------------------------------------------


async def _connection(host, port, raw: bytes, until: float, latencies: list, errors: list) -> None:
    """One client: request after request until `until`. Gunicorn's sync workers (the project's) close the
    connection after each response, as wrk sees too, so every request connects anew."""
    while time.perf_counter() < until:
        started = time.perf_counter()
        try:
            reader, writer = await asyncio.open_connection(host, port)
            writer.write(raw)
            await writer.drain()
            response = await reader.read()
            writer.close()
        except OSError as exc:
            errors.append(str(exc))
            continue
        try:
            status = int(response.split(b" ", 2)[1])
        except (IndexError, ValueError):
            errors.append("no status")
            continue
        if status != 200:
            errors.append(status)
        latencies.append(time.perf_counter() - started)


def _load_process(args) -> tuple[list, list]:
    host, port, raw, connections, seconds = args
    latencies: list = []
    errors: list = []

    async def main():
        until = time.perf_counter() + seconds
        await asyncio.gather(
            *[_connection(host, port, raw, until, latencies, errors) for _ in range(connections)]
        )

    asyncio.run(main())
    return latencies, errors


def python_load(port: int, path: str, headers: dict, connections: int, seconds: float) -> dict:
    lines = [f"GET {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    raw = ("\r\n".join(lines) + "\r\n\r\n").encode()
    processes = 2
    share = [
        connections // processes + (1 if i < connections % processes else 0)
        for i in range(processes)
    ]
    with multiprocessing.Pool(processes) as pool:
        parts = pool.map(_load_process, [("127.0.0.1", port, raw, n, seconds) for n in share])
    latencies = sorted(x for part, _ in parts for x in part)
    errors = [e for _, part in parts for e in part]
    count = len(latencies)
    return {
        "requests": count,
        "rps": count / seconds,
        "p50_ms": latencies[count // 2] * 1000 if count else 0,
        "p99_ms": latencies[min(count - 1, int(count * 0.99))] * 1000 if count else 0,
        "errors": len(errors),
        "tool": "python asyncio",
    }


def wrk_load(port: int, path: str, headers: dict, connections: int, seconds: float) -> dict:
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{int(seconds)}s", "--latency"]
    for k, v in headers.items():
        cmd += ["-H", f"{k}: {v}"]
    out = subprocess.run(
        [*cmd, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout

    def ms(label):
        m = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", out)
        if not m:
            return 0.0
        return float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "requests": int(rps * seconds),
        "rps": rps,
        "p50_ms": ms("50"),
        "p99_ms": ms("99"),
        "errors": int(bad.group(1)) if bad else 0,
        "tool": "wrk",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data-dir", help="reuse this data directory (the demo is loaded if missing)"
    )
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "3")))
    args = parser.parse_args()

    data_dir = args.data_dir or tempfile.mkdtemp(prefix="cchc-web-")
    env = environment(data_dir, args.port)
    print(f"data directory {data_dir} (the demo city is loaded when it is new)", flush=True)
    prepare(env, load=not (Path(data_dir) / "cchc.sqlite3").exists())
    session = session_key(env)
    # As ./scripts/run serves it (access log to stdout, here discarded).
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "config.wsgi:application",
            "--config",
            "config/gunicorn.py",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--timeout",
            "120",
            "--access-logfile",
            "-",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{args.port}"
        wait_until_up(base)
        token = api_token(base)
        year = published_year(base, token)
        bearer = {"Authorization": f"Bearer {token}"}
        cookie = {"Cookie": f"sessionid={session}"}
        targets = [
            ("bare Django view", "/bench/bare/", {}),
            ("/api/units?bloc=phuong", "/api/units?bloc=phuong", bearer),
            ("/api/plans/overview", "/api/plans/overview", bearer),
            (f"/api/parindex/{year}/rankings", f"/api/parindex/{year}/rankings", bearer),
            ("dashboard page /bao-cao/", "/bao-cao/", cookie),
        ]
        load = wrk_load if shutil.which("wrk") else python_load
        results = []
        for label, path, headers in targets:
            load(args.port, path, headers, args.connections, 2)  # warm-up
            results.append((label, load(args.port, path, headers, args.connections, args.seconds)))
        bare = results[0][1]["rps"]
        print(
            f"\n{args.connections} connections, {args.seconds:g} s per URL, gunicorn {args.workers} workers, "
            f"load by {results[0][1]['tool']}, {os.cpu_count()} CPUs\n"
        )
        print(f"{'URL':34} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'of bare':>8}")
        for label, r in results:
            share = r["rps"] / bare * 100 if bare else 0
            print(
                f"{label:34} {r['rps']:8.0f} {r['p50_ms']:8.1f} {r['p99_ms']:8.1f} {r['errors']:7d} "
                f"{share:7.1f}%"
            )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
