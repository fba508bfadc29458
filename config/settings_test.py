"""Settings for the test suite: fast hashing, in-memory e-mail, files in a temporary folder."""

import os
import tempfile

os.environ.setdefault("CCHC_DEBUG", "1")

from config.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="cchc-media-")
ALLOWED_HOSTS = ["*"]
