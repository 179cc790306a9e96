"""Content-Security-Policy: the strict site-wide policy and the few places that widen it.

The policy itself lives in settings (``CONTENT_SECURITY_POLICY``, django-csp 4). Views widen it
per response, never globally:

- ``allow_recaptcha(response)`` adds Google's reCAPTCHA hosts to a response that shows a form.
- ``recaptcha_allowed`` is the same as a view decorator.
- Embeds (partners app) set ``frame-ancestors`` with django-csp's own ``csp_update``/``csp_replace``
  decorators; ``allow_recaptcha`` merges with what they set instead of overwriting it.

The admin gets its own, looser policy (``ADMIN_POLICY``), set per response by
``security.middleware.SecurityHeadersMiddleware`` for everything under the admin path.
"""

from functools import wraps

from django.conf import settings

from csp.constants import NONE, SELF, UNSAFE_INLINE

RECAPTCHA_HOSTS = ["https://www.google.com", "https://www.gstatic.com", "https://www.recaptcha.net"]

RECAPTCHA_DIRECTIVES = {
    "script-src": RECAPTCHA_HOSTS,
    "frame-src": RECAPTCHA_HOSTS,
    "connect-src": RECAPTCHA_HOSTS,
}

# Wagtail 8's admin still renders some inline styles and a few inline scripts (widgets, the
# preview panel). Scripts are kept to our own origin plus inline; framing is allowed from our
# own origin only, because the page editor shows its live preview in an iframe.
ADMIN_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "media-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "frame-src": [SELF],
    "frame-ancestors": [SELF],
    "form-action": [SELF],
    "base-uri": [SELF],
    "object-src": [NONE],
}


def _merge(existing, extra):
    merged = {key: list(value) for key, value in (existing or {}).items()}
    for key, hosts in extra.items():
        merged.setdefault(key, [])
        merged[key] += [host for host in hosts if host not in merged[key]]
    return merged


def allow_recaptcha(response):
    """Allow Google's reCAPTCHA hosts on this one response (a page that shows a form). Returns it."""
    response._csp_update = _merge(getattr(response, "_csp_update", None), RECAPTCHA_DIRECTIVES)
    return response


def recaptcha_allowed(view):
    """View decorator form of ``allow_recaptcha``."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        return allow_recaptcha(view(*args, **kwargs))

    return wrapped


def is_admin_path(path):
    return path.startswith("/" + settings.WAGTAILADMIN_PATH)
