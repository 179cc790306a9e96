"""The one check for every redirect to an address the browser sent (``next``, ``back``).

Django's ``url_has_allowed_host_and_scheme`` refuses other hosts, scheme-relative addresses
(``//evil.example``), backslash tricks and, on HTTPS, a downgrade to HTTP.
"""

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_redirect_target(request: HttpRequest, target: str | None, fallback: str) -> str:
    """``target`` when it is an address on this site, else ``fallback``."""
    target = (target or "").strip()
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback
