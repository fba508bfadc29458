"""Settings for the test suite: fast hashing, in-memory e-mail, files in a temporary folder."""

import os
import tempfile

os.environ.setdefault("CCHC_DEBUG", "1")

from config.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="cchc-media-")
ALLOWED_HOSTS = ["*"]
# The tests run on the demo's day, as ./scripts/run serves the demo.
CCHC_TODAY = "26/11/2027"
_ENGINE = DATABASES["default"]["ENGINE"]  # noqa: F405
if _ENGINE.endswith("sqlite3") and os.environ.get("CCHC_TEST_SQLITE_FILE") == "1":
    # A file, not the shared in-memory database: threads of the concurrency tests then meet SQLite's real
    # locking (WAL, busy timeout, IMMEDIATE transactions), as the served application does. The shared in-memory
    # database locks whole tables instead, which no busy timeout waits for.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"cchc-test-{os.getpid()}.sqlite3")
    }
elif _ENGINE.endswith("sqlite3"):
    # The shared in-memory test database takes its locks per table: a transaction begun IMMEDIATE (as served)
    # would hold every table while the backup test copies the database through the same connection.
    DATABASES["default"]["OPTIONS"].pop("transaction_mode", None)  # noqa: F405
CCHC_DEMO = True
# Each test starts with an empty cache (login failure counters); the root conftest clears it.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
STORAGES = {**STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}  # noqa: F405
