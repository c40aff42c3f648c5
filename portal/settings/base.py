"""Base settings: safe for production. Everything comes from the environment
(see .env.example); dev.py and test.py override what they must."""

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")


def insecure_secret_key(key):
    """Empty, short, or a development key (dev.py and test.py use ones with
    "insecure" in them, as does Django's startproject)."""
    return len(key) < 32 or "insecure" in key


# Production (these settings used directly) refuses to start without a real key.
if os.environ.get("DJANGO_SETTINGS_MODULE") == "portal.settings.base" and insecure_secret_key(
    SECRET_KEY
):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 32 characters in production, "
        "not a development key."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed
# (portal/client_address.py); none by default.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

INSTALLED_APPS = [
    "core",
    "portal",
    "cases",
    "search",
    "activities",
    "contributions",
    "alerts",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    # Wagtail's search app, indexing the database in the saving transaction.
    "search.wagtail_search_app.WagtailSearchConfig",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
]

MIDDLEWARE = [
    "core.client_address.TrustedProxyMiddleware",
    "core.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Stores what the views marked public (portal.http_cache); see CACHE_MIDDLEWARE_SECONDS.
    "django.middleware.cache.UpdateCacheMiddleware",
    "core.private_responses.PrivateResponseMiddleware",
    "portal.http_cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Once the request's language is known (its path), a stored copy is looked
    # up: a copy is only ever a public page for a reader without a session
    # (Vary: Cookie), so what the middleware below it would do for a person
    # (CSRF, the user, two-factor, messages, lockouts) has no part in it, and
    # its headers were added before the copy was stored.
    "django.middleware.cache.FetchFromCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "portal.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "core.storage.StorageFullMiddleware",
    "axes.middleware.AxesMiddleware",
    # Each request that may write is one transaction: a server killed
    # mid-request leaves nothing half-saved (a submitted case with no
    # revision, a registration without its queued confirmation). Reads run
    # without one. Last, so that it wraps just the view, as ATOMIC_REQUESTS would.
    "core.transactions.WriteRequestTransactionMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.site_context",
            ],
        },
    },
]

# Database: DATABASE_URL, SQLite in the checkout by default.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded database: readers never wait for a writer (WAL), and a
    # larger page cache and memory-mapped reads keep searches over
    # thousands of cases fast. Every transaction takes the write lock as it
    # begins (IMMEDIATE), so a writer waits for its turn (up to `timeout`
    # seconds) instead of failing with "database is locked"; that keeps
    # registrations within capacity too, where PostgreSQL locks the row.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        init_command=(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA cache_size=-65536; PRAGMA mmap_size=268435456;"
        ),
        transaction_mode="IMMEDIATE",
        timeout=20,
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters bound by the server and statements prepared once a
    # connection has run them five times: PostgreSQL then skips planning
    # them again, which costs more than running most of the portal's queries.
    # (Not behind a pooler in transaction mode, which this recipe has none of.)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Swedish first (no URL prefix), English at /en/.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Production serves media from the web server (nginx); SERVE_MEDIA lets the
# application do it for a single-machine run such as `make serve`.
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
STORAGES = {
    "default": {"BACKEND": "core.storage.MediaStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_PERMISSIONS = 0o644
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024


def search_backends_from_url(url):
    """Map SEARCH_URL to WAGTAILSEARCH_BACKENDS: empty means the database's own
    full-text search; opensearch:// and elasticsearch:// (optionally +https)."""
    if not url:
        return {"default": {"BACKEND": "search.backends.database"}}
    parts = urlsplit(url)
    engine, _plus, transport = parts.scheme.partition("+")
    modules = {
        "opensearch": "search.backends.opensearch3",
        "opensearch2": "search.backends.opensearch2",
        "opensearch3": "search.backends.opensearch3",
        # The installed client (requirements.lock) is Elastic's 7.x: the
        # default. 8 and 9 need that major's client instead (docs/search.md).
        "elasticsearch": "search.backends.elasticsearch7",
        "elasticsearch7": "search.backends.elasticsearch7",
        "elasticsearch8": "search.backends.elasticsearch8",
        "elasticsearch9": "search.backends.elasticsearch9",
    }
    if engine not in modules:
        raise ImproperlyConfigured(f"SEARCH_URL: unknown search engine {engine!r}")
    scheme = "https" if transport == "https" else "http"
    host = f"{scheme}://{parts.hostname}:{parts.port or 9200}"
    options = parse_qs(parts.query)
    config = {
        "BACKEND": modules[engine],
        "URLS": [host],
        "INDEX_PREFIX": options.get("prefix", ["erfarenhetsbanken_"])[0],
        "TIMEOUT": int(options.get("timeout", ["5"])[0]),
        "OPTIONS": {"max_retries": 0},
        # Rebuilds fill a new index and then move the alias: no downtime.
        "ATOMIC_REBUILD": True,
        # Kept up to date through the task queue (search/indexing.py), so that
        # changes made while the engine is down reach it when it is back.
        "AUTO_UPDATE": False,
    }
    if parts.username:
        config["OPTIONS"]["http_auth"] = (unquote(parts.username), unquote(parts.password or ""))
    # Elasticsearch's API keys (the base64 "id:key" it hands out): in the URL
    # (?api_key=...) or, to keep it out of the URL, in SEARCH_API_KEY.
    api_key = options.get("api_key", [os.environ.get("SEARCH_API_KEY", "")])[0]
    if api_key and engine.startswith("elasticsearch"):
        config["OPTIONS"]["api_key"] = api_key
    # The database index is kept up to date too: search falls back to it
    # when the engine is unreachable.
    return {"default": config, "fallback": {"BACKEND": "search.backends.database"}}


SEARCH_URL = os.environ.get("SEARCH_URL", "")
WAGTAILSEARCH_BACKENDS = search_backends_from_url(SEARCH_URL)


def email_settings_from_url(url):
    """EMAIL_URL: smtp://user:pass@host:587 (?ssl for implicit TLS), console:, locmem:."""
    if not url or url.startswith("console:"):
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if url.startswith("locmem:"):
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if url.startswith("file://"):  # a mail-drop folder, one file per message
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": url.removeprefix("file://"),
        }
    parts = urlsplit(url)
    if parts.scheme not in {"smtp", "smtps"}:
        raise ImproperlyConfigured(f"EMAIL_URL: unknown scheme {parts.scheme!r}")
    query = parse_qs(parts.query)
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname or "127.0.0.1",
        "EMAIL_PORT": parts.port or 587,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": parts.scheme == "smtps" or "ssl" in query,
        "EMAIL_USE_TLS": parts.scheme == "smtp" and "ssl" not in query and parts.port != 25,
    }


def task_settings(backend):
    """TASK_BACKEND: `database` queues background work (search indexing, e-mail)
    in the database for `manage.py db_worker`, which survives restarts;
    `immediate` runs it at once inside the request, for a machine without a
    worker. The default follows the search engine: remote means a worker."""
    backend = backend or ("database" if SEARCH_URL else "immediate")
    paths = {
        "database": "django_tasks_db.DatabaseBackend",
        "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    }
    if backend not in paths:
        raise ImproperlyConfigured(f"TASK_BACKEND: unknown backend {backend!r}")
    return {"default": {"BACKEND": paths[backend]}}


TASKS = task_settings(os.environ.get("TASK_BACKEND", ""))

# E-mail is handed to the task framework (portal/mail.py), which delivers it
# through EMAIL_URL's backend: a slow or absent mail server never holds up a request.
globals().update(email_settings_from_url(os.environ.get("EMAIL_URL", "")))
EMAIL_DELIVERY_BACKEND = EMAIL_BACKEND  # noqa: F821 (set just above)
EMAIL_BACKEND = "core.mail.TaskEmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Erfarenhetsbanken <noreply@127.0.0.1>")

# Wagtail
WAGTAIL_SITE_NAME = "Erfarenhetsbanken"
# The public address for links in e-mails and calendar files (core/links.py):
# BASE_URL, else the default Site's root URL. Production refuses to start
# without one of them (portal/wsgi.py).
BASE_URL = os.environ.get("BASE_URL", "").strip().rstrip("/")
if BASE_URL:
    WAGTAILADMIN_BASE_URL = BASE_URL
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"jpeg": "webp", "png": "webp", "webp": "webp"}
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "txt", "csv"]
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TAGGIT_CASE_INSENSITIVE = True


def cache_from_url(url):
    """CACHE_URL: redis://host:6379/0 (shared by every application server),
    locmem: (one process), or by default a file cache that the workers of one
    machine share (file:///folder to choose the folder)."""
    if url.startswith(("redis://", "rediss://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if url.startswith("locmem:"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    folder = url.removeprefix("file://") if url.startswith("file://") else BASE_DIR / ".cache"
    return {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(folder),
    }


CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL", ""))}
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    # Sessions read from the shared Redis and written through to the database,
    # so every application server knows them and a Redis restart logs no one out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# HTTP caching of Wagtail pages served to anonymous readers (portal/http_cache.py):
# they carry `Cache-Control: public, max-age=PAGE_CACHE_SECONDS,
# s-maxage=PAGE_CACHE_SHARED_SECONDS`. max-age is how long browsers and the
# application's own cache (Django's cache middleware, in CACHES) keep a page:
# a publish shows within it. s-maxage is for a shared cache in front (nginx's
# proxy_cache in deploy/nginx.conf), which a publish purges at once
# (FRONTEND_CACHE_URL); there, set PAGE_CACHE_SECONDS=0 so that the
# application does not keep a copy that the purge cannot reach.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))
PAGE_CACHE_SHARED_SECONDS = int(os.environ.get("PAGE_CACHE_SHARED_SECONDS", "600"))
# Django's cache middleware keeps only what says max-age > 0; everything else
# it marks max-age=0 (searches, which are logged, feeds, the health checks).
CACHE_MIDDLEWARE_SECONDS = 0
CACHE_MIDDLEWARE_KEY_PREFIX = "pages"
if not PAGE_CACHE_SECONDS:
    MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("django.middleware.cache.")]
# The menus and the footer (templates/base.html, {% wagtailcache %}), cleared
# when a page is published, unpublished, moved or deleted (portal/signals.py).
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "3600"))
# nginx's purge address as the application servers reach it (deploy/nginx.conf),
# with the site's public scheme: http://nginx.internal or https://… . Empty: no
# shared cache to purge.
FRONTEND_CACHE_URL = os.environ.get("FRONTEND_CACHE_URL", "")
if FRONTEND_CACHE_URL:
    WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_URL,
        }
    }
# Each translation is a page of its own with its own URL, purged when it is published.
WAGTAILFRONTENDCACHE_LANGUAGES = []

# Security: on by default; HTTPS=false only for a local production-like run.
HTTPS = env_bool("HTTPS", True)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Without BASE_URL, Wagtail's own e-mails fall back to the default Site, as ours do.
SILENCED_SYSTEM_CHECKS = ["wagtailadmin.W003"]

# Logs: JSON lines with the request id (LOG_FORMAT=text for plain lines);
# one access line per request at INFO on "portal.request".
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.request_id.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "core.json_logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": os.environ.get("LOG_FORMAT", "json"),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {"portal.request": {"level": os.environ.get("ACCESS_LOG_LEVEL", "INFO")}},
}

PORTAL_NAME = _("Erfarenhetsbanken")

# --- app-specific settings below: one block per app -------------------------

# search: query-log retention and the time-out for one query to the engine.
SEARCH_ENGINE_QUERY_TIMEOUT = float(os.environ.get("SEARCH_ENGINE_QUERY_TIMEOUT", "2"))
SEARCH_LOG_RETENTION_DAYS = int(os.environ.get("SEARCH_LOG_RETENTION_DAYS", "90"))

# frontend: Content-Security-Policy (portal/security.py); the admin gets a relaxed one.
CSP_RELAXED_PATHS = ("/admin/", "/django-admin/")

# images: refused above 40 million pixels (portal/images.py bounds Pillow the
# same); admin uploads are re-encoded without metadata under a random name.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.image_forms.ImageForm"

# activities: registrations one client address may send per window (seconds):
# enough for a household or an office behind one address, far below a capacity.
# Alerts asked for per client address and per e-mail address in a window (seconds).
ALERTS_SUBSCRIBE_RATE_LIMIT = int(os.environ.get("ALERTS_SUBSCRIBE_RATE_LIMIT", "5"))
ALERTS_SUBSCRIBE_RATE_WINDOW = int(os.environ.get("ALERTS_SUBSCRIBE_RATE_WINDOW", "3600"))
ACTIVITIES_REGISTRATION_RATE_LIMIT = int(os.environ.get("ACTIVITIES_REGISTRATION_RATE_LIMIT", "5"))
ACTIVITIES_REGISTRATION_RATE_WINDOW = int(
    os.environ.get("ACTIVITIES_REGISTRATION_RATE_WINDOW", "3600")
)

# cases: messages one client address may send to case contacts per window (seconds).
CASES_CONTACT_RATE_LIMIT = int(os.environ.get("CASES_CONTACT_RATE_LIMIT", "5"))
CASES_CONTACT_RATE_WINDOW = int(os.environ.get("CASES_CONTACT_RATE_WINDOW", "3600"))

# two-factor sign-in (portal/two_factor.py): staff may add a TOTP app;
# superusers must, unless TWO_FACTOR_REQUIRED_FOR_SUPERUSERS is false (dev, tests).
TWO_FACTOR_REQUIRED_FOR_SUPERUSERS = env_bool("TWO_FACTOR_REQUIRED_FOR_SUPERUSERS", True)
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME

# Log-in throttle (django-axes): Wagtail's /admin/login/ and the contributor
# form both go through authenticate(), so one count covers both. Failures are
# kept in the database, per client address (core.client_address): ten within
# 15 minutes pause every log-in from that address, right password included,
# with a 429 page (portal/login_throttle.py). Per address, which covers every
# account tried from it, and never per account alone, or anyone anywhere could
# keep the admin out. Failures during a pause are not counted, so it ends 15
# minutes after the last counted one; a successful log-in does not clear the
# count (a guesser could log in to an account of their own between guesses).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_CLIENT_IP_CALLABLE = "core.login_throttle.client_address"
AXES_USERNAME_CALLABLE = "core.login_throttle.username"
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = 0.25  # hours: 15 minutes
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "core.login_throttle.lockout_response"
AXES_DISABLE_ACCESS_LOG = True  # no record of successful log-ins: personal data with no use here

# search: descriptions one client address may send to the plan page and
# /api/plan/ per window (seconds); each costs a few searches.
SEARCH_PLAN_RATE_LIMIT = int(os.environ.get("SEARCH_PLAN_RATE_LIMIT", "30"))
SEARCH_PLAN_RATE_WINDOW = int(os.environ.get("SEARCH_PLAN_RATE_WINDOW", "60"))
# The open-data exports (search/exports.py): downloads per client address and window.
EXPORT_RATE_LIMIT = 20
EXPORT_RATE_WINDOW = 15 * 60
