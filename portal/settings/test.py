"""Tests: fast hashing, mail to locmem, plain static storage."""

import os
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key-0123456789abcdefghijklmnop")
os.environ.setdefault("HTTPS", "false")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("TWO_FACTOR_REQUIRED_FOR_SUPERUSERS", "false")

from .base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tests of HTTP caching turn it on themselves (the cache middleware is installed).
PAGE_CACHE_SECONDS = 0
PAGE_CACHE_SHARED_SECONDS = 0
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Background work runs inline unless a test (or TASK_BACKEND) asks for the queue.
TASKS = task_settings(os.environ.get("TASK_BACKEND") or "immediate")  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / ".test-media")  # noqa: F405
ALLOWED_HOSTS = ["*"]
# Links in the tests' e-mails; tests of the Site fallback clear it.
BASE_URL = os.environ.get("BASE_URL", "").strip().rstrip("/") or "http://127.0.0.1:8000"
WAGTAILADMIN_BASE_URL = BASE_URL
