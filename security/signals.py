from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from security import sessions, throttle


@receiver(user_logged_in, dispatch_uid="security.session_start")
def start_session_clock(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        sessions.start(request.session)


@receiver(user_login_failed, dispatch_uid="security.count_failure")
def count_failed_sign_in(sender, credentials, request=None, **kwargs):
    if request is not None:
        throttle.record_failure(request, credentials.get("username", ""))
