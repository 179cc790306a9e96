"""Rate limits for every public view that accepts a POST: one key, one mechanism, one refusal.

- The key is the caller's own address behind the load balancer: `security.throttle.client_ip`,
  the same function the admin sign-in throttle counts by (`TRUSTED_PROXY_COUNT`). Keying on
  `REMOTE_ADDR` behind a balancer puts every visitor in the balancer's one bucket.
- The counters are django-ratelimit's, in the shared cache (Redis in production), through
  `over_limit`. Public forms use `security.public_forms.protect` (this limit plus the honeypot);
  other public POSTs (display preference, page password, unsubscribe) use `limit_posts`.
- A cache outage lets the request through (and is logged): a refusal or a 500 for everyone
  would be worse than a few minutes without a limit.

Rates come from settings at request time (django-ratelimit syntax, e.g. "20/h").
"""

import functools
import logging
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from django_ratelimit import UNSAFE
from django_ratelimit.core import is_ratelimited

from security.throttle import client_ip

logger = logging.getLogger(__name__)

# Group -> (setting, default). One line per limit, so the rates are listed in one place.
RATES = {
    "feedback:respond": ("FEEDBACK_RATE_LIMIT", "20/h"),  # sending a response (site and embed)
    "feedback:step": ("FEEDBACK_STEP_RATE", "200/h"),  # each step of the response form
    "feedback:draft": ("FEEDBACK_RATE_LIMIT", "20/h"),  # save and come back later
    "consultations:format_request": ("FEEDBACK_RATE_LIMIT", "20/h"),
    "feedback:share_your_views": ("FEEDBACK_GENERAL_RATE", "5/10m"),
    "feedback:page_usefulness": ("FEEDBACK_PAGE_USEFULNESS_RATE", "30/h"),
    "feedback:page_comment": ("FEEDBACK_PAGE_USEFULNESS_RATE", "30/h"),
    "partners:intake": ("PARTNER_INTAKE_RATE", "120/m"),  # responses sent through the intake API
    "youwedid:unsubscribe": ("PUBLIC_POST_RATE", "60/h"),
    "involvement:join": ("FEEDBACK_GENERAL_RATE", "5/10m"),  # joining the register, alert sign-up
    "involvement:manage": ("PUBLIC_POST_RATE", "60/h"),  # change, pause, leave, unsubscribe
    "home:display": ("PUBLIC_POST_RATE", "60/h"),
    "wagtail:page_password": ("PUBLIC_POST_RATE", "60/h"),
}


def client_key(group: str, request: HttpRequest) -> str:
    """django-ratelimit's key function: the caller's address, proxy-aware."""
    return client_ip(request)


def rate_for(group: str) -> str:
    setting, default = RATES[group]
    return getattr(settings, setting, default) or default


def over_limit(request: HttpRequest, group: str) -> bool:
    """True when this client has sent more than its rate of POSTs to `group` (counts this one)."""
    try:
        return is_ratelimited(
            request,
            group=group,
            key=client_key,
            rate=rate_for(group),
            method=UNSAFE,
            increment=True,
        )
    except Exception:  # the cache is down: let people through rather than answer 500
        logger.exception("rate limit check failed for %s; letting the request through", group)
        return False


def refused(request: HttpRequest, message: str = "") -> HttpResponse:
    """The plain 429 page: what happened and what to do next."""
    message = message or _(
        "You have sent this form a lot of times in a short time. Wait a while and try again."
    )
    # The one refusal page, as security.public_forms.refused renders it.
    return TemplateResponse(
        request,
        "security/refused.html",
        {"reason": message, "title": _("Too many requests")},
        status=429,
    )


def limit_posts(group: str, refusal: Callable[[HttpRequest], HttpResponse] | None = None):
    """Decorate a view `view(request, ...)`: unsafe requests over the group's rate are refused."""
    if group not in RATES:
        raise KeyError(f"no rate for {group!r}: add it to security.ratelimit.RATES")

    def decorator(view):
        @functools.wraps(view)
        def limited(request, *args, **kwargs):
            if request.method in UNSAFE and over_limit(request, group):
                return (refusal or refused)(request)
            return view(request, *args, **kwargs)

        limited.rate_limit_group = group
        return limited

    return decorator
