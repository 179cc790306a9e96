"""Production: everything deployment-specific comes from the environment (see docs/deploy.md).

Refuses to start without a real SECRET_KEY. `manage.py check --deploy --fail-level WARNING` is clean
with the defaults here (tests/production/test_deploy_settings.py).
"""

import json
import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CONTENT_SECURITY_POLICY, DATABASES, env_bool, env_list

if not SECRET_KEY or len(SECRET_KEY) < 50 or SECRET_KEY.startswith(("dev-", "test-")):  # noqa: F405
    raise ImproperlyConfigured("Set SECRET_KEY to a random value of at least 50 characters.")

DEBUG = False

# --- Background work: the database queue, drained by `manage.py db_worker` -----------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Database: persistent connections, checked before reuse (survives a PostgreSQL restart) ------
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DB_CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", int(os.environ.get("DB_CONNECT_TIMEOUT", "3")))

# --- Cache: Redis when CACHE_URL=redis://… (shared by every app server), else per-process --------
if os.environ.get("CACHE_URL", "").startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["CACHE_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "hys"),
            "TIMEOUT": 300,
        }
    }
    CACHES["throttle"] = {**CACHES["default"], "KEY_PREFIX": CACHES["default"]["KEY_PREFIX"] + ":throttle"}
    CACHES["pages"] = {**CACHES["default"], "KEY_PREFIX": CACHES["default"]["KEY_PREFIX"] + ":pages"}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "300"))

# --- CDN or nginx purge (Wagtail frontend cache), beside the local page cache: JSON, e.g.
# WAGTAILFRONTENDCACHE='{"cdn": {"BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
#                               "BEARER_TOKEN": "…", "ZONEID": "…"}}'
if os.environ.get("WAGTAILFRONTENDCACHE"):
    WAGTAILFRONTENDCACHE = {**WAGTAILFRONTENDCACHE, **json.loads(os.environ["WAGTAILFRONTENDCACHE"])}  # noqa: F405

# --- Email ---------------------------------------------------------------------------------------
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)  # noqa: F405
ADMINS = [("Admins", address) for address in env_list("ADMIN_EMAILS")]

# --- Static files (WhiteNoise, compressed + hashed) and media (disk, or S3-compatible storage) ----
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "uploads": UPLOADS_STORAGE,  # noqa: F405
}
WHITENOISE_MAX_AGE = int(os.environ.get("WHITENOISE_MAX_AGE", str(60 * 60)))
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    # Optional: needs `pip install django-storages[s3]` (not a default dependency).
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_STORAGE_BUCKET_NAME = os.environ["AWS_STORAGE_BUCKET_NAME"]
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", True)
    AWS_S3_FILE_OVERWRITE = False
    media_host = f"https://{AWS_S3_CUSTOM_DOMAIN}" if AWS_S3_CUSTOM_DOMAIN else "https:"
    for directive in ("img-src", "media-src"):
        CONTENT_SECURITY_POLICY["DIRECTIVES"][directive] = [*CONTENT_SECURITY_POLICY["DIRECTIVES"][directive], media_host]

# --- HTTPS, cookies, headers ---------------------------------------------------------------------
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
MFA_REQUIRED = env_bool("MFA_REQUIRED", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}, "null": {"class": "logging.NullHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # Scanners send bad Host headers all day; each is already answered 400. An empty handler list
    # would fall through to Python's last-resort handler (stderr, with a traceback), so: null.
    "loggers": {"django.security.DisallowedHost": {"handlers": ["null"], "propagate": False}},
}
