"""What every benchmark shares: a throw-away database, Django set up without DEBUG, and timing with query counts.

from common import configure, timed
configure(args.database_url)          # a temporary SQLite file unless a PostgreSQL URL is given
seconds, queries, result = timed(lambda: selector(...))
"""

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def configure(database_url: str | None) -> str:
    """Set Django up on a fresh database: a temporary SQLite file, or the given PostgreSQL database emptied."""
    tmp = None
    if not database_url:
        tmp = tempfile.mkdtemp(prefix="cchc-bench-")
        database_url = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ["DATABASE_URL"] = database_url
    # Without DEBUG, so that Django does not keep every SQL statement in memory.
    os.environ["CCHC_DEBUG"] = "0"
    os.environ.setdefault("CCHC_SECRET_KEY", "benchmark-only")
    os.environ.setdefault("CCHC_ALLOWED_HOSTS", "localhost")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
    os.environ.setdefault("CCHC_DATA_DIR", tmp or tempfile.mkdtemp(prefix="cchc-bench-"))
    import django

    django.setup()
    from django.core.management import call_command

    if not database_url.startswith("sqlite"):
        from django.db import connection

        with connection.cursor() as cur:
            cur.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0)
    return database_url


def timed(fn: Callable[[], Any], runs: int = 2) -> tuple[float, int, Any]:
    """(seconds of the last run, queries of the last run, result): the first runs warm the caches."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    seconds, queries, result = 0.0, 0, None
    for _ in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            t0 = time.perf_counter()
            result = fn()
            seconds = time.perf_counter() - t0
        queries = len(ctx.captured_queries)
    return seconds, queries, result
