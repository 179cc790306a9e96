import logging

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY, logout
from django.db import InterfaceError, OperationalError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from security import mfa, sessions, throttle
from security.csp import ADMIN_POLICY, is_admin_path
from security.views import database_unavailable

DEFAULT_PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), interest-cohort=()"
)


class SecurityHeadersMiddleware:
    """Permissions-Policy everywhere, and the admin's own CSP (``security.csp.ADMIN_POLICY``)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = getattr(settings, "PERMISSIONS_POLICY", DEFAULT_PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        if is_admin_path(request.path_info) and getattr(response, "_csp_config", None) is None:
            response._csp_config = ADMIN_POLICY  # read by csp.middleware.CSPMiddleware, listed before us
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response


class DatabaseUnavailableMiddleware:
    """A view or template that loses the database gives a clean 503 with Retry-After, not a 500.

    Database errors raised by other middleware (e.g. loading a session) reach ``handler500``,
    which ``security.views.server_error`` turns into the same 503.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)):
            logging.getLogger("security").error("Database unavailable: %s", exception)
            return database_unavailable(request)
        return None


class StaffSessionMiddleware:
    """For signed-in users: throttled sign-in, idle and absolute session expiry, and required MFA.

    Place after AuthenticationMiddleware and django_otp's OTPMiddleware. Anonymous visitors cost
    nothing here: without a signed-in session the middleware does no database work.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        admin = is_admin_path(path)
        login_post = admin and request.method == "POST" and path == reverse("wagtailadmin_login")
        if login_post and throttle.is_throttled(request, request.POST.get("username", "")):
            return render(request, "security/throttled.html", status=429)

        session = getattr(request, "session", None)
        if session is not None and SESSION_KEY in session and BACKEND_SESSION_KEY in session:
            if sessions.LOGIN_AT not in session:
                sessions.start(session)
            reason = sessions.expired(session)
            if reason:
                logout(request)
                if admin:
                    return redirect(reverse("wagtailadmin_login") + "?" + urlencode({"next": path, "expired": reason}))
            else:
                sessions.touch(session)
                if admin and mfa.required() and not self._mfa_exempt(path):
                    user = request.user
                    if user.is_authenticated and not user.is_verified():
                        target = "security_mfa_verify" if mfa.confirmed_devices(user) else "security_mfa_enrol"
                        return redirect(reverse(target) + "?" + urlencode({"next": request.get_full_path()}))
        return self.get_response(request)

    @staticmethod
    def _mfa_exempt(path):
        return path in {
            reverse("wagtailadmin_login"),
            reverse("wagtailadmin_logout"),
            reverse("security_mfa_verify"),
            reverse("security_mfa_enrol"),
            reverse("wagtailadmin_sprite"),  # the icons every admin page fetches, the MFA pages too
        } or path.startswith((reverse("wagtailadmin_home") + "jsi18n", reverse("security_mfa_enrol") + "link/"))
