"""Staff sessions end after 30 minutes idle and 12 hours in all, whatever the activity."""

import time

from django.conf import settings

LOGIN_AT = "_security_login_at"
SEEN_AT = "_security_seen_at"


def now():
    return time.time()


def start(session):
    session[LOGIN_AT] = session[SEEN_AT] = int(now())


def expired(session):
    """Why this signed-in session must end ("idle" or "absolute"), or None."""
    moment = now()
    login_at = session.get(LOGIN_AT)
    seen_at = session.get(SEEN_AT, login_at)
    if login_at is None:
        return None
    if moment - login_at > getattr(settings, "SESSION_ABSOLUTE_AGE", 12 * 60 * 60):
        return "absolute"
    if seen_at is not None and moment - seen_at > getattr(settings, "SESSION_IDLE_AGE", 30 * 60):
        return "idle"
    return None


def touch(session):
    session[SEEN_AT] = int(now())
