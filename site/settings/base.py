"""Settings shared by every environment. Safe by default: DEBUG is off and nothing secret lives here."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "consultations",
    "feedback",
    "youwedid",
    "involvement",
    "partners",
    "reporting",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_recaptcha",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Production hardening (issue 9): CSP, staff MFA, session clocks, sign-in throttling.
    "security",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "home.request_memo.RequestMemoMiddleware",  # before the page cache: it reads what the page said (home.cache.changes_at)
    "home.cache.PageCacheMiddleware",
    "home.byte_ranges.ByteRangeMiddleware",  # parts of documents and videos (HTTP 206)
    "security.csp.SitePolicyMiddleware",  # django-csp's, with the admin's own policy
    "security.middleware.SecurityHeadersMiddleware",
    "security.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "home.language.LanguageFromAddressMiddleware",  # no Vary: Accept-Language (home/language.py)
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "security.middleware.StaffSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "home.route_cache.RouteCacheMiddleware",
    "home.fallback.TranslationFallbackMiddleware",
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
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.display_preferences",
                "home.context_processors.visitor",
            ],
        },
    },
]

# --- Database: SQLite under var/ unless DATABASE_URL names another server ---------------------
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let concurrent submitters queue for the write lock instead of failing
    # with "database is locked"; IMMEDIATE takes the lock at BEGIN so no transaction upgrades late.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.database.postgres.postgres",
            "SEARCH_CONFIG": "english",
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages -----------------------------------------------------------------------------------
# English is the source. Add a language here (and a catalogue under locale/) to offer it.
LANGUAGE_CODE = "en"
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES = [
    ("en", "English"),
    ("cy", "Cymraeg"),
    ("pl", "Polski"),
    ("ur", "اردو"),
]
WAGTAIL_I18N_ENABLED = True
# Submitting a page for translation makes draft copies; a translator publishes each one. Without
# this, wagtail-localize publishes the untranslated English copy at once under the other
# language's address. Until then the public see the source page with a note (home.fallback).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static files and media ----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Uploaded answers (feedback.uploads): a private storage outside MEDIA_ROOT, never served by URL.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
UPLOADS_STORAGE = {"BACKEND": "feedback.private_storage.PrivateFileStorage"}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "uploads": UPLOADS_STORAGE,
}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Documents need a real title and their language (home.forms, issue 7).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "home.forms.AccessibleDocumentForm"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt", "rtf", "mp3", "ogg", "wav", "mp4", "webm", "brf", "html", "csv", "xlsx", "vtt"]

# --- Wagtail -------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Have Your Say"
# Where the public reads the site: every absolute link in emails, embed codes, feeds, the sitemap
# and the API is built from it (home.public_urls). `make run` serves on http://127.0.0.1:8000.
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", PUBLIC_BASE_URL)
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_PATH = os.environ.get("WAGTAILADMIN_PATH", "admin/").strip("/") + "/"

# --- Background tasks: immediate here, the database backend and its worker in production --------
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Cache ---------------------------------------------------------------------------------------
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if os.environ.get("CACHE_URL", "").startswith("redis"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["CACHE_URL"]}}
# Whole public pages (home.cache): Redis when configured (shared, purged by URL), else each
# process's memory (purged machine-wide through a stamp file under VAR_DIR).
CACHES["pages"] = {**CACHES["default"], "KEY_PREFIX": "pages"} if os.environ.get("CACHE_URL", "").startswith("redis") else {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "pages",
    "OPTIONS": {"MAX_ENTRIES": 5000},
}
PAGE_CACHE_ALIAS = "pages"
# Purge (home.cache.purge_page): "local" is the page cache above, purged at once; production adds
# a CDN or nginx from the environment, purged by Wagtail's background task.
WAGTAILFRONTENDCACHE = {"local": {"BACKEND": "home.cache.LocalPageCacheBackend"}}
# Counters every worker and app server must share (security.throttle): Redis when configured,
# else Django's database cache (its table is made by security's migration).
THROTTLE_CACHE = "throttle"
CACHES["throttle"] = {**CACHES["default"]} if os.environ.get("CACHE_URL", "").startswith("redis") else {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "security_throttle_cache",
}

# --- Email ---------------------------------------------------------------------------------------
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Have Your Say <noreply@localhost>")
STAFF_NOTIFICATION_EMAILS = env_list("STAFF_NOTIFICATION_EMAILS", "engagement@localhost")

# --- reCAPTCHA v3: runs only when both keys are configured --------------------------------------
RECAPTCHA_PUBLIC_KEY = os.environ.get("RECAPTCHA_PUBLIC_KEY", "")
RECAPTCHA_PRIVATE_KEY = os.environ.get("RECAPTCHA_PRIVATE_KEY", "")
RECAPTCHA_ENABLED = bool(RECAPTCHA_PUBLIC_KEY and RECAPTCHA_PRIVATE_KEY)
RECAPTCHA_REQUIRED_SCORE = float(os.environ.get("RECAPTCHA_REQUIRED_SCORE", "0.5"))
RECAPTCHA_VERIFY_REQUEST_TIMEOUT = 5
if not RECAPTCHA_ENABLED:
    SILENCED_SYSTEM_CHECKS = ["django_recaptcha.recaptcha_test_key_error"]

# --- Product settings ----------------------------------------------------------------------------
SMALL_NUMBER_THRESHOLD = int(os.environ.get("SMALL_NUMBER_THRESHOLD", "5"))
RESPONSE_RETENTION_YEARS = int(os.environ.get("RESPONSE_RETENTION_YEARS", "5"))
# Days each other kind of personal data is kept (reporting.retention, `manage.py apply_retention`):
# records five years like responses; drafts, sessions and webhook logs much less. Each can be set
# with RETENTION_DAYS_<NAME>, e.g. RETENTION_DAYS_DRAFTS=14.
_FIVE_YEARS_IN_DAYS = 365 * RESPONSE_RETENTION_YEARS + 1
PERSONAL_DATA_RETENTION_DAYS = {
    name: int(os.environ.get(f"RETENTION_DAYS_{name.upper()}", days))
    for name, days in {
        "format_requests": _FIVE_YEARS_IN_DAYS,  # after the request was made
        "general_feedback": _FIVE_YEARS_IN_DAYS,
        "page_comments": _FIVE_YEARS_IN_DAYS,  # the comment goes; the yes/no answer stays
        "outcome_notifications": _FIVE_YEARS_IN_DAYS,  # never while still to be sent
        "drafts": 30,  # after last saved (and at once when the draft has expired)
        "pending_uploads": 30,  # files of responses never sent, after they were uploaded
        "sessions": 1,  # after the session expired
        "webhook_deliveries": 90,  # never while still to be delivered
        "bsl_videos": 90,  # BSL video answers, after staff transcribed them (the words stay)
    }.items()
}
OUTCOME_OVERDUE_WEEKS = int(os.environ.get("OUTCOME_OVERDUE_WEEKS", "12"))
# Posts per client IP to the public response forms (and embed, drafts, format requests) before
# they are refused, django-ratelimit syntax (security.ratelimit). Raised only by the bench.
FEEDBACK_RATE_LIMIT = os.environ.get("FEEDBACK_RATE_LIMIT", "20/h")
# Every public POST is counted per client address (security.ratelimit, behind TRUSTED_PROXY_COUNT
# proxies): the steps of the response form, and the small forms (unsubscribe, large print, the
# password of a private page).
FEEDBACK_STEP_RATE = os.environ.get("FEEDBACK_STEP_RATE", "200/h")
PUBLIC_POST_RATE = os.environ.get("PUBLIC_POST_RATE", "60/h")
# "Share your views" and joining the register; "Is this page useful?"; the partners' intake API
# (docs/api.md). Each is read from the environment as docs/deploy.md lists.
FEEDBACK_GENERAL_RATE = os.environ.get("FEEDBACK_GENERAL_RATE", "5/10m")
FEEDBACK_PAGE_USEFULNESS_RATE = os.environ.get("FEEDBACK_PAGE_USEFULNESS_RATE", "30/h")
PARTNER_INTAKE_RATE = os.environ.get("PARTNER_INTAKE_RATE", "120/m")
# Characters an unfinished response may hold before it is valid (feedback.draft_limits).
FEEDBACK_DRAFT_MAX_CHARS = int(os.environ.get("FEEDBACK_DRAFT_MAX_CHARS", "200000"))
# Uploaded answers (feedback.uploads): scanned by ClamAV's clamd, on a unix socket (a path) or
# TCP ("host:port"). Debian's clamav-daemon listens on /run/clamav/clamd.ctl. When clamd cannot be
# reached the file is kept in quarantine, unscanned, and its response held for review.
CLAMD_SOCKET = os.environ.get("CLAMD_SOCKET", "/run/clamav/clamd.ctl")
CLAMD_TIMEOUT = float(os.environ.get("CLAMD_TIMEOUT", "30"))
# The largest file any upload question may accept (an editor sets each question's own limit).
UPLOAD_MAX_MEGABYTES = int(os.environ.get("UPLOAD_MAX_MEGABYTES", "20"))
# A BSL video answer ("Respond in BSL"): MP4, WebM or QuickTime, scanned like any upload. The web
# server's request body limit and clamd's StreamMaxLength must be at least this (docs/deploy.md).
BSL_VIDEO_MAX_MEGABYTES = int(os.environ.get("BSL_VIDEO_MAX_MEGABYTES", "200"))
# Receipt emails when the mail server is down: seconds before each retry of the task (one retry
# per entry; feedback.tasks). Default: 1, 5, 15, 30 minutes, then hourly for about a day; after
# that `manage.py send_receipts` (cron) sends anything still unsent.
RECEIPT_RETRY_DELAYS = [int(x) for x in env_list("RECEIPT_RETRY_DELAYS", "60,300,900,1800" + ",3600" * 20)]

LOGIN_URL = "wagtailadmin_login"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# A friendly NHS.UK page when a form's CSRF token is missing or stale (feedback app).
CSRF_FAILURE_VIEW = "feedback.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

# --- Security (issue 9; security/ app, docs/deploy.md) -------------------------------------------
from csp.constants import NONE, SELF  # noqa: E402

from security.inline_scripts import script_hashes  # noqa: E402

# Strict on public pages, and the same for every reader (no nonce), so any HTTP cache may keep a
# page: scripts only from us, plus the one inline script by its hash; no inline styles.
# Views widen it per response: security.csp.allow_recaptcha(response) on pages with a form,
# partners' embed views replace frame-ancestors. The admin gets security.csp.ADMIN_POLICY.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, *script_hashes()],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "media-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF, "https://www.youtube-nocookie.com", "https://www.youtube.com", "https://player.vimeo.com"],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)
# Staff sessions: 30 minutes idle (cookie age, renewed on each request), 12 hours in all.
SESSION_COOKIE_AGE = SESSION_IDLE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_ABSOLUTE_AGE = 12 * 60 * 60
# Every admin account needs a TOTP device (security.mfa); dev and test settings relax it.
MFA_REQUIRED = env_bool("MFA_REQUIRED", True)
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# A first authenticator is set up only through a one-time link emailed to the account (security.enrolment).
MFA_ENROL_LINK_MINUTES = int(os.environ.get("MFA_ENROL_LINK_MINUTES", "30"))
# Failed admin sign-ins allowed per IP and per username in the window (django-ratelimit syntax).
ADMIN_LOGIN_RATE = os.environ.get("ADMIN_LOGIN_RATE", "5/15m")
# How many reverse proxies (load balancer, CDN) append to X-Forwarded-For in front of us.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# No Gravatar in the admin: it sends a hash of each staff email to a third party, and the admin CSP
# allows images from our own origin only.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Anonymous page cache (home.cache): seconds; 0 = off (dev, tests). Production turns it on.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "0"))  # home.cache: shared parts of pages

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}, "null": {"class": "logging.NullHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # A bad Host header is answered 400 already; logging each one (with a traceback) floods logs.
    "loggers": {"django.security.DisallowedHost": {"handlers": ["null"], "propagate": False}},
}
