"""`manage.py run_scheduler`, the process `./scripts/run` starts beside the web server: one tick with `--once`,
and a loop that stops cleanly on SIGTERM (what the script sends when the server stops)."""

import os
import signal
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from cchc.notifications.models import JobRun

ROOT = Path(__file__).resolve().parents[3]


def test_once_runs_the_jobs_due_at_the_given_moment_and_says_so(jobs, db):
    jobs.register_daily("test_hello", lambda *, today: "Xin chào", at="06:00", label="Việc thử")
    out = StringIO()
    call_command("run_scheduler", "--once", "--now", "20/05/2026 06:00", stdout=out)
    text = out.getvalue()
    assert "Bộ lập lịch: Việc thử lúc 06:00." in text
    assert "[20/05/2026 06:00] Việc thử ngày 20/05/2026: xong – Xin chào" in text
    assert JobRun.objects.filter(job="test_hello").count() == 1
    out = StringIO()
    call_command("run_scheduler", "--once", "--now", "20/05/2026 07:00", stdout=out)
    assert "Việc thử ngày" not in out.getvalue()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--once", "--now", "31/02/2026 06:00"], "“31/02/2026 06:00” không hợp lệ"),
        (["--now", "20/05/2026 06:00"], "--now chỉ dùng cùng --once"),
        (["--interval", "0"], "phải từ 1 trở lên"),
    ],
)
def test_bad_arguments_are_refused_in_vietnamese(args, message, db):
    with pytest.raises(CommandError, match=message):
        call_command("run_scheduler", *args, stdout=StringIO())


@pytest.fixture(scope="module")
def fresh_site(tmp_path_factory):
    """A migrated, empty SQLite database in its own data folder, as `./scripts/run` prepares one."""
    data = tmp_path_factory.mktemp("scheduler-data")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        CCHC_DATA_DIR=str(data), DJANGO_SETTINGS_MODULE="config.settings_test", PYTHONUNBUFFERED="1"
    )
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, cwd=ROOT, check=True, timeout=180)
    return manage, env


def test_the_scheduler_command_of_scripts_run_starts_and_exits_cleanly_once(fresh_site):
    manage, env = fresh_site
    done = subprocess.run(
        [*manage, "run_scheduler", "--once", "--now", "20/05/2026 06:30"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Nhắc việc nhiệm vụ CCHC ngày 20/05/2026: xong" in done.stdout


def test_the_scheduler_loop_stops_cleanly_when_the_server_stops(fresh_site):
    manage, env = fresh_site
    proc = subprocess.Popen(
        [*manage, "run_scheduler", "--interval", "1"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for line in proc.stdout:
            if "Bộ lập lịch đang chạy" in line:
                break
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "Bộ lập lịch đã dừng." in out
