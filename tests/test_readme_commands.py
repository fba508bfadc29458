"""Every `manage.py` command in the ```bash blocks of README.md runs as written from a fresh shell.

Each line runs through bash in the checkout with an empty environment (`env -i PATH=… HOME=…`, the virtualenv's
bin first on PATH so that `python manage.py` is the project's Python) and a new data directory (CCHC_DATA_DIR): no
DJANGO_SETTINGS_MODULE, no CCHC_DEBUG, no CCHC_ALLOWED_HOSTS, no secret key. The lines that build the database
(`migrate`, `load_demo`) run first, the others in the README's order. Placeholders are filled from the demo city
(`<unit id>`: phường Lê Thanh Nghị, whose plan is data/seeds/004), optional arguments written `[--days 7]` are left
out, and absolute paths under /var and /srv are moved into the test's temporary folder. Serving, curl and
long-running lines (`runserver`, `run_scheduler` without `--once`) are left out.
"""

import os
import re
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SETUP = ("migrate", "load_demo")


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text()
    lines = []
    for block in re.findall(r"```bash\n(.*?)```", text, re.S):
        for line in block.replace("\\\n", " ").splitlines():
            line = line.strip()
            if "manage.py" in line and not _long_running(line):
                lines.append(line)
    return sorted(lines, key=lambda line: 0 if _command(line) in SETUP else 1)


def _long_running(line: str) -> bool:
    if re.search(r"manage\.py\s+(runserver|testserver)\b", line):
        return True
    return bool(re.search(r"manage\.py\s+run_scheduler\b", line)) and "--once" not in line


def _command(line: str) -> str:
    return re.search(r"manage\.py\s+(\S+)", line).group(1)


COMMANDS = readme_commands()


def _clean_env(data_dir: Path) -> dict:
    return {
        "PATH": f"{ROOT / '.venv' / 'bin'}:/usr/local/bin:/usr/bin:/bin",
        "HOME": os.environ.get("HOME", "/root"),
        "CCHC_DATA_DIR": str(data_dir),
    }


def _fill(line: str, tmp: Path, data_dir: Path) -> str:
    if "<unit id>" in line:
        try:
            with sqlite3.connect(data_dir / "cchc.sqlite3") as conn:
                (unit_id,) = conn.execute(
                    "SELECT id FROM orgs_unit WHERE name = 'Phường Lê Thanh Nghị'"
                ).fetchone()
        except (sqlite3.Error, TypeError):
            return line  # no demo city: the command fails and says so
        line = line.replace("<unit id>", str(unit_id))
    line = re.sub(r"\s*\[[^\]]*\]", "", line.split(" #", 1)[0])
    return re.sub(r"(?<![\w.])/(var|srv)/", lambda m: f"{tmp}/{m.group(1)}/", line)


@pytest.fixture(scope="module")
def readme_run(tmp_path_factory):
    """Run every README command once, in order, in one new data directory; their results by line."""
    tmp = tmp_path_factory.mktemp("readme")
    data_dir = tmp / "data"
    results = {}
    for line in COMMANDS:
        filled = _fill(line, tmp, data_dir)
        results[line] = subprocess.run(
            ["bash", "-c", filled],
            cwd=ROOT,
            env=_clean_env(data_dir),
            capture_output=True,
            text=True,
            timeout=300,
        )
    return tmp, data_dir, results


def test_the_readme_shows_the_commands_people_are_told_to_run():
    shown = {_command(line) for line in COMMANDS}
    assert {
        "migrate",
        "load_demo",
        "demo_logins",
        "import_plan",
        "read_document",
        "send_task_reminders",
        "backup",
        "restore",
    } <= shown


@pytest.mark.parametrize(
    "line", COMMANDS, ids=[f"{i}-{_command(line)}" for i, line in enumerate(COMMANDS)]
)
def test_a_readme_command_runs_from_a_fresh_shell(readme_run, line):
    _, _, results = readme_run
    done = results[line]
    assert done.returncode == 0, (
        f"{line}\n--- stdout\n{done.stdout[-2000:]}\n--- stderr\n{done.stderr[-3000:]}"
    )


def test_the_readme_commands_say_what_they_did(readme_run):
    _, _, results = readme_run
    out = {_command(line): results[line].stdout for line in COMMANDS}
    assert "lechan" in out["demo_logins"]
    assert '"name": "Phường Lê Thanh Nghị"' in out["import_plan"]
    assert '"number": "2162/QĐ-UBND"' in out["read_document"]
    assert "Đã sao lưu vào" in out["backup"]
    assert "Đã kiểm tra: số dòng của mọi bảng và mã SHA-256 của mọi tệp khớp" in out["restore"]


def test_the_data_directory_and_its_files_are_readable_by_their_owner_only(readme_run):
    tmp, data_dir, _ = readme_run
    restored = tmp / "srv" / "cchc-restored"
    for folder in (data_dir, restored):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
        for path in [folder / "cchc.sqlite3", folder / "secret_key", *folder.glob("media/**/*")]:
            mode = stat.S_IMODE(path.stat().st_mode)
            assert mode == (0o700 if path.is_dir() else 0o600), f"{path}: {oct(mode)}"
        assert list(folder.glob("media/**/*.txt")), "the demo's evidence files are there"
    for archive in (tmp / "var" / "backups" / "cchc").iterdir():
        assert stat.S_IMODE(archive.stat().st_mode) == 0o600


def test_serving_with_debug_off_and_no_allowed_hosts_still_refuses_to_start(tmp_path):
    env = _clean_env(tmp_path / "data")
    for argv in (
        [".venv/bin/python", "-c", "import config.wsgi"],
        [".venv/bin/python", "manage.py", "runserver", "--noreload", "127.0.0.1:0"],
    ):
        done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode != 0, argv
        assert "CCHC_ALLOWED_HOSTS must be set when CCHC_DEBUG is off" in done.stderr, argv
