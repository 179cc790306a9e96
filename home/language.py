"""The language of a page comes from its address, so responses do not vary on Accept-Language.

Every public address is inside ``i18n_patterns(..., prefix_default_language=False)``: ``/cy/…``
is Welsh and an address without a prefix is English, whatever the browser asks for. Django's
``LocaleMiddleware`` then ignores ``Accept-Language`` (an unprefixed address always gets
``LANGUAGE_CODE``), yet it still adds ``Vary: Accept-Language`` to every response whose address
has no language prefix, the English pages among them. A shared cache (nginx, a CDN) that honours
``Vary`` would keep one copy of each English page per ``Accept-Language`` value its readers send,
which is nearly one per reader.

``LanguageFromAddressMiddleware`` sits just above ``LocaleMiddleware`` (so it sees the header
that middleware added) and below the page cache (so stored pages never carry it), and takes
``Accept-Language`` out of ``Vary`` whenever the URL configuration decides the language by
address alone. Everything else in ``Vary`` (``Cookie``, for large print) is kept. If a future
change prefixes the default language too (``prefix_default_language=True``), Django answers an
unprefixed address from ``Accept-Language`` with a redirect, and the header is left alone.
"""

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used

VARY_HEADER = "Vary"
ACCEPT_LANGUAGE = "accept-language"


def language_comes_from_address(urlconf: str) -> bool:
    """True when ``urlconf`` picks the language from the address alone: i18n patterns with no
    prefix for the default language (Django's LocaleMiddleware then never reads the header)."""
    used, prefixed_default = is_language_prefix_patterns_used(urlconf)
    return used and not prefixed_default


def without_accept_language(vary: str) -> str:
    """The ``Vary`` value without ``Accept-Language`` (any case), the rest kept in order."""
    parts = [part.strip() for part in vary.split(",")]
    return ", ".join(part for part in parts if part and part.lower() != ACCEPT_LANGUAGE)


class LanguageFromAddressMiddleware:
    """Drops ``Accept-Language`` from ``Vary`` where the address decides the language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header(VARY_HEADER):
            return response
        if not language_comes_from_address(
            getattr(request, "urlconf", None) or settings.ROOT_URLCONF
        ):
            return response
        vary = without_accept_language(response[VARY_HEADER])
        if vary:
            response[VARY_HEADER] = vary
        else:
            del response[VARY_HEADER]
        return response
