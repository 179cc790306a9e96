from .base import *  # noqa: F403

SECRET_KEY = "test-only-key-not-secret"  # noqa: S105  # nosec B105 (tests only; production refuses "test-" keys)
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
# The page cache's machine-wide stamp (home.cache.host_stamp), one per test run: two suites side by
# side (SQLite and PostgreSQL) would otherwise purge each other's cached pages mid-test. Processes
# a test starts inherit the variable, so they share their run's stamp.
HOST_STAMP_PATH = os.environ.setdefault(  # noqa: F405
    "HYS_TEST_HOST_STAMP", str(VAR_DIR / f"page-cache-generation-{os.getpid()}")  # noqa: F405
)
STORAGES = {  # noqa: F405
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "uploads": UPLOADS_STORAGE,  # noqa: F405
}
PUBLIC_BASE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Admin tests across the suite sign in with force_login; tests/security turns these back on.
MFA_REQUIRED = False
ADMIN_LOGIN_RATE = "1000/15m"
# Every test posts from 127.0.0.1 into one cache: the step and other public limits are proven by
# their own tests (tests/security/test_public_rate_limits.py), which set them low.
FEEDBACK_STEP_RATE = "100000/h"
PUBLIC_POST_RATE = "100000/h"
# Uploads: tests choose the `clamd` fixture (a real clamd, .ci/clamd.sh) or `no_clamd`.
CLAMD_SOCKET = str(VAR_DIR / "clamd-test" / "clamd.sock")  # noqa: F405
CLAMD_TIMEOUT = 10

# SQLite: the test database is a file, not memory. With an in-memory database the live server's
# request threads all share the test's one connection, so two overlapping requests (Wagtail's
# editing-session beacon and a publish) interleaved their savepoints on it and broke it for every
# later browser test. With a file each thread has its own connection, as in production.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405  (a fresh clone has no var/ yet)
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-db-{os.getpid()}.sqlite3")}  # noqa: F405
