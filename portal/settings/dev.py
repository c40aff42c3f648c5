"""Development: DEBUG on, a local secret key, plain HTTP."""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-0123456789abcdefghijklmnop")
os.environ.setdefault("HTTPS", "false")
os.environ.setdefault("DEBUG", "true")
# Superusers sign in without an authenticator app unless this is set to true.
os.environ.setdefault("TWO_FACTOR_REQUIRED_FOR_SUPERUSERS", "false")
# No worker in development: indexing and e-mail run in the request, so a
# search engine named in SEARCH_URL follows every change at once.
os.environ.setdefault("TASK_BACKEND", "immediate")

from .base import *  # noqa: E402,F403

STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
# See every template change at once: nothing cached.
PAGE_CACHE_SECONDS = 0
PAGE_CACHE_SHARED_SECONDS = 0
FRAGMENT_CACHE_SECONDS = 0
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("django.middleware.cache.")]  # noqa: F405
