"""How every public form is protected, in one place: the rate limit (security.ratelimit's
counters), one honeypot field, one spam decision, one refusal page and one text cleaning.

A public form view is decorated with `protect(group, refusal)`: a POST over the group's rate gets
`refusal` (the 429 page), a POST with the honeypot filled gets the 400 page, anything else reaches
the view. A view that must answer in its own way (the partner embed adds framing headers) calls
`refusal_for(request, group)` and sends what it returns. A cache outage never refuses anyone and
never gives a 500 (`security.ratelimit.over_limit` lets the request through).

Spam protection loses no genuine response:

- reCAPTCHA v3 (a score, never a challenge) runs only when both keys are configured
  (`settings.RECAPTCHA_ENABLED`). A low score, a missing token, Google unreachable (URLError,
  OSError, time-out) or an error reply (quota used up, bad keys) never refuses a response: the
  response is stored with status `held` and a reason, for staff to approve in the moderation queue.
- Only a filled honeypot field or a client over the rate limit (security.ratelimit) is refused
  outright.

The one network call is `django_recaptcha.client.submit` (tests patch exactly that).
"""

import functools
import logging
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from django_recaptcha import client as recaptcha_client

from security import ratelimit

logger = logging.getLogger(__name__)

HONEYPOT_FIELD = "hys_website"  # a text input hidden from people; bots fill it
RECAPTCHA_FIELD = "g-recaptcha-response"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
REFUSED_REASON = _(
    "The form was filled in in a way that looks automated. If you are a person, go back, reload "
    "the page and try again."
)
TOO_MANY_REASON = _(
    "You have sent this form a lot of times in a short time. Wait a while and try again."
)


@dataclass(frozen=True)
class SpamDecision:
    status: str  # "accepted" or "held" (values of Response.Status)
    reason: str = ""
    score: float | None = None


def recaptcha_enabled() -> bool:
    return bool(getattr(settings, "RECAPTCHA_ENABLED", False))


def recaptcha_status_message() -> str:
    """For the admin: say plainly whether reCAPTCHA is protecting the public forms."""
    if recaptcha_enabled():
        return _(
            "reCAPTCHA v3 is configured: low-scoring responses are held for review, never refused."
        )
    return _(
        "reCAPTCHA is not configured, so public forms run without it: only the hidden honeypot "
        "field and the rate limit protect them. Set RECAPTCHA_PUBLIC_KEY and "
        "RECAPTCHA_PRIVATE_KEY to turn it on."
    )


def assess_recaptcha(
    token: str | None, remote_ip: str | None = None, action: str | None = None
) -> SpamDecision:
    """Score a reCAPTCHA v3 token. Never raises; anything doubtful is `held` with a reason."""
    if not recaptcha_enabled():
        return SpamDecision("accepted")
    if not token:
        return SpamDecision("held", "reCAPTCHA: no token (JavaScript off or blocked)")
    try:
        result = recaptcha_client.submit(
            recaptcha_response=token,
            private_key=settings.RECAPTCHA_PRIVATE_KEY,
            remoteip=remote_ip or "",
        )
    except (OSError, TimeoutError, ValueError) as error:  # URLError and HTTPError are OSErrors
        logger.warning("reCAPTCHA unreachable, holding the response for review: %r", error)
        return SpamDecision("held", f"reCAPTCHA unreachable: {type(error).__name__}"[:200])
    except Exception as error:  # anything else from the client: never lose the response
        logger.exception("reCAPTCHA check failed, holding the response for review")
        return SpamDecision("held", f"reCAPTCHA error: {type(error).__name__}"[:200])
    if not result.is_valid:
        codes = ", ".join(result.error_codes or []) or "invalid"
        return SpamDecision("held", f"reCAPTCHA did not verify: {codes}"[:200])
    extra = result.extra_data or {}
    score = extra.get("score")
    if action and extra.get("action") and extra["action"] != action:
        return SpamDecision("held", f"reCAPTCHA action mismatch: {extra['action']}"[:200], score)
    required = getattr(settings, "RECAPTCHA_REQUIRED_SCORE", 0.5)
    if score is None:
        return SpamDecision("held", "reCAPTCHA: no score in reply")
    if float(score) < required:
        return SpamDecision(
            "held", f"reCAPTCHA score {float(score):.1f} below {required:.1f}", float(score)
        )
    return SpamDecision("accepted", "", float(score))


def honeypot_hit(data) -> bool:
    """True when the hidden field was filled (a person never sees it, so never fills it)."""
    value = data.get(HONEYPOT_FIELD, "") if data is not None else ""
    if isinstance(value, list):
        value = "".join(str(v) for v in value)
    return bool(str(value).strip())


def clean_text(value: str | None) -> str:
    """Free text as we store it: NFC-normalised, without control characters, trimmed."""
    return _CONTROL.sub("", unicodedata.normalize("NFC", value or "")).strip()


def refused(
    request: HttpRequest, reason: str = "", status: int = 429, title: str = ""
) -> HttpResponse:
    """The one refusal page (honeypot, rate limit, a link that no longer works), never a 500.

    Never cached: it is about this one request.
    """
    response = TemplateResponse(
        request,
        "security/refused.html",
        {"reason": reason or REFUSED_REASON, "title": title},
        status=status,
    )
    add_never_cache_headers(response)
    return response


def honeypot_refusal(request: HttpRequest) -> HttpResponse:
    """The answer to a POST whose hidden field was filled."""
    return refused(request, REFUSED_REASON, status=400)


def too_many(request: HttpRequest, reason: str = "", title: str = "") -> HttpResponse:
    """The answer to a POST over its rate."""
    return refused(request, reason or TOO_MANY_REASON, status=429, title=title)


Refusal = Callable[[HttpRequest], HttpResponse]


def refusal_for(request: HttpRequest, group: str, refusal: Refusal | None = None):
    """The refusal this POST gets (over the rate of `group`, or the honeypot filled), else None."""
    if request.method != "POST":
        return None
    if ratelimit.over_limit(request, group):  # looked up on the module: tests replace it
        return (refusal or too_many)(request)
    if honeypot_hit(request.POST):
        return honeypot_refusal(request)
    return None


def protect(group: str, refusal: Refusal | None = None):
    """Decorate a public form view `view(request, ...)` with the one protection (see above)."""
    if group not in ratelimit.RATES:
        raise KeyError(f"no rate for {group!r}: add it to security.ratelimit.RATES")

    def decorator(view):
        @functools.wraps(view)
        def protected(request, *args, **kwargs):
            answer = refusal_for(request, group, refusal)
            return answer if answer is not None else view(request, *args, **kwargs)

        protected.rate_limit_group = group
        return protected

    return decorator
