"""Sign-in throttling for the admin: failed attempts counted per IP and per username in the cache.

django-ratelimit (already used by the feedback app) rather than django-axes: counters live in the
shared cache (Redis in production, so every app server sees the same counts), nothing is written
to the database on each attempt, and a lock-out ends by itself when the window passes, so an
attacker cannot lock a member of staff out for longer than the window.
"""

from django.conf import settings

from django_ratelimit.core import get_usage

GROUP = "security:admin-login"


def client_ip(request):
    """The caller's address; behind a load balancer, the one it appended to X-Forwarded-For."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _keys(request, username):
    keys = [("ip", lambda group, req: client_ip(req))]
    if username:
        normalised = username.strip().lower()
        keys.append(("user", lambda group, req: normalised))
    return keys


def _usage(request, username, increment):
    rate = getattr(settings, "ADMIN_LOGIN_RATE", "5/15m")
    results = []
    for name, key in _keys(request, username):
        usage = get_usage(request, group=f"{GROUP}:{name}", key=key, rate=rate, increment=increment)
        if usage:
            results.append(usage)
    return results


def record_failure(request, username):
    _usage(request, username, increment=True)


def is_throttled(request, username):
    """True when this IP or this username has used up its failed attempts in the window."""
    return any(usage["count"] >= usage["limit"] for usage in _usage(request, username, increment=False))
