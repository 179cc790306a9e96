"""Content-Security-Policy: the strict site-wide policy and the few places that widen it.

The policy itself lives in settings (``CONTENT_SECURITY_POLICY``, django-csp 4). Public pages carry
no per-response secret, so any HTTP cache may keep them: scripts come from our own origin, and the
one inline script (``security.inline_scripts``) is allowed by its hash. Views widen it per
response, never globally, only through django-csp's public decorators:

- ``allow_recaptcha(response)`` adds Google's reCAPTCHA hosts to a response that shows a form
  (django-csp's ``csp_update``); ``recaptcha_allowed`` is the same as a view decorator.
- ``allow_framing(response, ancestors)`` sets ``frame-ancestors`` (``csp_replace``), for embeds.

The admin gets its own, looser policy (``ADMIN_POLICY``) from ``SitePolicyMiddleware``, which
takes the place of django-csp's middleware through the hook it documents for this
(``get_policy_parts``).
"""

from functools import wraps

from django.conf import settings

from csp.constants import NONE, SELF, UNSAFE_INLINE
from csp.decorators import csp_replace, csp_update
from csp.middleware import CSPMiddleware

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


def _decorated(decorator, response):
    """Apply one of django-csp's view decorators to a response a view has already made."""
    return decorator(lambda: response)()


def allow_recaptcha(response):
    """Allow Google's reCAPTCHA hosts on this one response (a page that shows a form). Returns it."""
    return _decorated(csp_update(RECAPTCHA_DIRECTIVES), response)


def allow_framing(response, ancestors):
    """Let only ``ancestors`` frame this one response (``frame-ancestors``). Returns it."""
    return _decorated(csp_replace({"frame-ancestors": list(ancestors)}), response)


def recaptcha_allowed(view):
    """View decorator form of ``allow_recaptcha``."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        return allow_recaptcha(view(*args, **kwargs))

    return wrapped


def is_admin_path(path):
    return path.startswith("/" + settings.WAGTAILADMIN_PATH)


class SitePolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own policy for everything under the admin path."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = ADMIN_POLICY
        return parts
