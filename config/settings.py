"""Settings of cchc, read from environment variables; SQLite under the data directory by default."""

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("CCHC_DATA_DIR") or BASE_DIR / "var")


def _flag(name: str, default: str = "0") -> bool:
    return os.environ.get(name, default).strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    try:
        return int(raw) if raw else default
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def _private_dir(path: Path) -> None:
    """Create the folder readable by its owner only (0700), and tighten it when it already exists."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.stat().st_uid == os.getuid() and path.stat().st_mode & 0o077:
        path.chmod(0o700)


def _private_file(path: Path) -> None:
    """Create the file empty and private (0600) when it is missing; tighten it when others can read it."""
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        if path.stat().st_uid == os.getuid() and path.stat().st_mode & 0o077:
            path.chmod(0o600)


def _secret_key_from_file(path: Path) -> str:
    """The key kept in the data directory, written there (0600) on first use."""
    if not path.exists():
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            pass  # another process wrote it first
        else:
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_urlsafe(50) + "\n")
    _private_file(path)
    return path.read_text().strip()


_private_dir(DATA_DIR)

DEBUG = _flag("CCHC_DEBUG")
SECRET_KEY = os.environ.get("CCHC_SECRET_KEY", "")
if not SECRET_KEY:
    key_file = DATA_DIR / "secret_key"
    if key_file.exists() or not DEBUG:
        SECRET_KEY = _secret_key_from_file(key_file)
    else:
        SECRET_KEY = "insecure-development-key"

# manage.py marks the commands that answer no HTTP request (migrate, import_plan, backup, ...): they need no
# ALLOWED_HOSTS. Serving (gunicorn through config.wsgi, runserver) still refuses to start without them.
COMMAND_LINE = _flag("CCHC_COMMAND_LINE")
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("CCHC_ALLOWED_HOSTS", "").split(",") if h.strip()
]
if DEBUG and not ALLOWED_HOSTS:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
if not DEBUG and not ALLOWED_HOSTS and not COMMAND_LINE:
    raise ImproperlyConfigured("CCHC_ALLOWED_HOSTS must be set when CCHC_DEBUG is off.")
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CCHC_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "csp",
    "cchc.core",
    "cchc.documents",
    "cchc.notifications",
    "cchc.orgs",
    "cchc.accounts",
    "cchc.registry",
    "cchc.plans",
    "cchc.par",
    "cchc.initiatives",
    "cchc.emulation",
    "cchc.awards",
    "cchc.reports",
    "cchc.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cchc.core.context.navigation",
                "cchc.notifications.context.badge",
                "cchc.demo.context.banner",
            ],
            "builtins": ["cchc.core.templatetags.cchc"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'cchc.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets readers go on while one request writes; a writer waits up to 20 s for the lock, and every
    # transaction takes the write lock when it begins (IMMEDIATE), so two writers queue instead of one failing
    # with "database is locked" when it upgrades a read to a write.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=20000;",
        "transaction_mode": "IMMEDIATE",
    }
    # Each worker keeps its connection (gunicorn's sync workers serve one request at a time): opening SQLite
    # and running the PRAGMAs on every request cost more than the lean API reads themselves.
    DATABASES["default"]["CONN_MAX_AGE"] = 60
    if DATABASES["default"]["NAME"] == str(DATA_DIR / "cchc.sqlite3"):
        # SQLite gives its -wal and -shm files the mode of the database file.
        _private_file(DATA_DIR / "cchc.sqlite3")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# The day the system takes as today (dd/mm/yyyy): the demo's day, set by ./scripts/run from the loaded demo.
CCHC_TODAY = os.environ.get("CCHC_TODAY", "").strip()
# A demo installation (./scripts/run with the demo city loaded): pages show the demo's day in a banner.
CCHC_DEMO = _flag("CCHC_DEMO")

LANGUAGE_CODE = "vi"
# Our corrections of Django's Vietnamese messages (locale/vi/LC_MESSAGES/django.po, compiled and committed).
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT: Path | str = DATA_DIR / "media"
MEDIA_URL = "/media/"
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Several app servers share uploaded files on S3-compatible storage (MinIO, Ceph, AWS S3, moto in tests).
S3_BUCKET = os.environ.get("CCHC_S3_BUCKET", "")
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("CCHC_S3_ENDPOINT_URL") or None,
            "access_key": os.environ.get("CCHC_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("CCHC_S3_SECRET_ACCESS_KEY") or None,
            "region_name": os.environ.get("CCHC_S3_REGION") or None,
            "location": os.environ.get("CCHC_S3_PREFIX", ""),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
            "addressing_style": os.environ.get("CCHC_S3_ADDRESSING_STYLE") or None,
        },
    }
WHITENOISE_USE_FINDERS = True

FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# Word and Excel files are zip packages, checked before they are opened (cchc/core/uploads.py): what they
# unpack to in all, and how many times their packed size that is (a zip bomb is refused unread).
CCHC_UPLOAD_MAX_UNPACKED = _int("CCHC_UPLOAD_MAX_UNPACKED", 50 * 1024 * 1024)
CCHC_UPLOAD_MAX_RATIO = _int("CCHC_UPLOAD_MAX_RATIO", 100)

EMAIL_BACKEND = os.environ.get(
    "CCHC_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("CCHC_FROM_EMAIL", "cchc@localhost")
# The address of the site as its users reach it, for the links in e-mails (the scheduler has no request).
SITE_URL = os.environ.get("CCHC_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The public address printed in the QR code of award certificates (/xac-minh/<code>/); by default SITE_URL.
CCHC_PUBLIC_URL = os.environ.get("CCHC_PUBLIC_URL", "").rstrip("/") or SITE_URL

# Cache: login failure counters (shared by every worker and server), sessions with Redis. Redis when REDIS_URL is
# set (several app servers); otherwise a table of the database (`migrate` creates it).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES: dict[str, dict[str, Any]] = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CCHC_CACHE_PREFIX", "cchc"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "cchc_cache",
            # Culling a small table would forget login failure counters.
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }

# Failed logins, counted per username and per client address on the login page and POST /api/auth/token.
LOGIN_FAILURE_LIMIT = _int("CCHC_LOGIN_FAILURE_LIMIT", 5)
LOGIN_ADDRESS_FAILURE_LIMIT = _int("CCHC_LOGIN_ADDRESS_FAILURE_LIMIT", LOGIN_FAILURE_LIMIT)
LOGIN_FAILURE_WINDOW = _int("CCHC_LOGIN_FAILURE_WINDOW_MINUTES", 15) * 60
LOGIN_LOCKOUT_SECONDS = _int("CCHC_LOGIN_LOCKOUT_MINUTES", 15) * 60
# How many reverse proxies stand in front of the app: the client address is taken that many places from the
# right of X-Forwarded-For (0: the connection's own address).
PROXY_COUNT = _int("CCHC_PROXY_COUNT", 0)

# API tokens: lifetime, how many a user keeps at once, how often their last use is written.
API_TOKEN_DAYS = _int("CCHC_API_TOKEN_DAYS", 30)
API_TOKENS_PER_USER = _int("CCHC_API_TOKENS_PER_USER", 10)
API_TOKEN_TOUCH_SECONDS = 60

# HTTPS: on by default in production (CCHC_DEBUG off). `./scripts/run` sets CCHC_HTTPS=0 for the demo on
# http://127.0.0.1; behind a TLS-terminating proxy set CCHC_HTTPS=1 and CCHC_BEHIND_TLS_PROXY=1.
HTTPS = _flag("CCHC_HTTPS", "0" if DEBUG else "1")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if HTTPS:
    SECURE_SSL_REDIRECT = _flag("CCHC_SSL_REDIRECT", "1")
    SECURE_HSTS_SECONDS = _int("CCHC_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("CCHC_HSTS_INCLUDE_SUBDOMAINS", "1")
    SECURE_HSTS_PRELOAD = _flag("CCHC_HSTS_PRELOAD", "0")
if _flag("CCHC_BEHIND_TLS_PROXY"):
    # Only behind a proxy that sets X-Forwarded-Proto itself (and drops the client's).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SILENCED_SYSTEM_CHECKS = []
if HTTPS and not SECURE_HSTS_PRELOAD:
    # Joining the browsers' preload list is the domain owner's decision, taken outside this application.
    SILENCED_SYSTEM_CHECKS.append("security.W021")
if HTTPS and not SECURE_SSL_REDIRECT:
    # CCHC_SSL_REDIRECT=0 says the proxy in front already redirects http:// to https://.
    SILENCED_SYSTEM_CHECKS.append("security.W008")

# Content-Security-Policy: scripts only from our own static files (no inline script, no eval). Styles allow
# 'unsafe-inline' because templates carry style="" attributes and htmx adds its indicator style element.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("CCHC_LOG_LEVEL", "WARNING")},
}
