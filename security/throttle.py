"""Sign-in throttling for the admin: failed attempts counted per IP and per username.

The counters live in the ``THROTTLE_CACHE`` cache, which every app server and every gunicorn
worker shares: Redis when ``CACHE_URL`` names one, else a table in the database (Django's
database cache, created by this app's migration). The default cache is per process without
Redis, so counting there would give each worker its own allowance. Nothing else is written on
each attempt, and a lock-out ends by itself when the window passes, so an attacker cannot lock a
member of staff out for longer than the window.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import caches

logger = logging.getLogger(__name__)

GROUP = "security:admin-login"
UNITS = {"s": 1, "m": 60, "h": 60 * 60, "d": 24 * 60 * 60}


def client_ip(request):
    """The caller's address; behind a load balancer, the one it appended to X-Forwarded-For."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def parse_rate(rate: str) -> tuple[int, int]:
    """"5/15m" → (5 attempts, 900 seconds), in django-ratelimit's syntax."""
    count, _slash, period = rate.partition("/")
    number, unit = period[:-1] or "1", period[-1]
    return int(count), int(number) * UNITS[unit]


def _cache():
    return caches[getattr(settings, "THROTTLE_CACHE", "default")]


def _cache_keys(request, username, period):
    window = int(time.time()) // period
    values = [("ip", client_ip(request))]
    if username:
        values.append(("user", username.strip().lower()))
    return [
        f"{GROUP}:{name}:{window}:" + hashlib.sha256(value.encode()).hexdigest()[:32] for name, value in values
    ]


def record_failure(request, username):
    limit, period = parse_rate(getattr(settings, "ADMIN_LOGIN_RATE", "5/15m"))
    cache = _cache()
    for key in _cache_keys(request, username, period):
        try:
            if not cache.add(key, 1, period + 1):
                cache.incr(key)
        except Exception:  # a cache outage must not stop staff signing in
            logger.exception("Sign-in throttle unavailable")


def is_throttled(request, username):
    """True when this IP or this username has used up its failed attempts in the window."""
    limit, period = parse_rate(getattr(settings, "ADMIN_LOGIN_RATE", "5/15m"))
    try:
        counts = _cache().get_many(_cache_keys(request, username, period))
    except Exception:
        logger.exception("Sign-in throttle unavailable")
        return False
    return any(count >= limit for count in counts.values())
