"""A memo that lives for one request: work done once per page view, whoever asks for it.

``RequestMemoMiddleware`` gives each request an empty dict (in a context variable, so it needs no
attribute on the request or on the objects it loads, and each gunicorn thread has its own);
``remember(name, compute)`` returns ``compute()``'s answer, computed once per request. Outside a
request (a task, a management command, a test calling a function directly) nothing is kept unless
the caller opens a ``unit_of_work()``: ``compute()`` runs every time, always correct, only slower.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.utils.translation import get_language

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

_memo = ContextVar("hys_request_memo", default=None)


def remember(name, compute):
    memo = _memo.get()
    if memo is None:
        return compute()
    if name not in memo:
        memo[name] = compute()
    return memo[name]


def prime(name, value):
    """Give this request's memo an answer already known (e.g. kept in a cache between requests)."""
    memo = _memo.get()
    if memo is not None:
        memo[name] = value


@contextmanager
def unit_of_work():
    """A memo for work done outside a request (one submission, one task), or the request's own."""
    if _memo.get() is not None:
        yield
        return
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


class RequestMemoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)


# --- What nearly every page view asks for more than once -----------------------------------------


def _locale_for(language_code):
    def load():
        # The default and the active language's locales in one query: every page asks for both;
        # with the fragment cache on, kept between requests under its generation.
        wanted = {code: get_supported_content_language_variant(code) for code in {settings.LANGUAGE_CODE, get_language(), language_code}}
        found = _cached_locales(sorted(set(wanted.values())))
        for code, variant in wanted.items():
            if variant in found:
                prime(("locale_for", code), found[variant])
                prime(("locale", found[variant].pk), found[variant])  # for locale_of(page)
        if get_supported_content_language_variant(language_code) not in found:
            raise Locale.DoesNotExist(language_code)
        return found[get_supported_content_language_variant(language_code)]

    return remember(("locale_for", language_code), load)


def _cached_locales(codes):
    # a cycle inside home: home.cache imports this module
    from home import cache

    def query():
        return {locale.language_code: locale for locale in Locale.objects.filter(language_code__in=codes)}

    if cache.fragment_seconds() <= 0:
        return query()
    return cache.cached_value(f"locales:{'|'.join(codes)}", query)


def prime_default_locale(locale):
    prime(("locale_for", settings.LANGUAGE_CODE), locale)


def default_locale():
    """Wagtail's ``Locale.get_default()``, once per request (the same row as ``active_locale()``
    in the default language: one query for both)."""
    return _locale_for(settings.LANGUAGE_CODE)


def active_locale():
    """Wagtail's ``Locale.get_active()`` (the active language's locale), once per request."""
    try:
        return _locale_for(get_language())
    except (Locale.DoesNotExist, LookupError):
        return default_locale()


def locale_of(page):
    """A page's locale, once per request and locale (``page.locale`` queries once per page object)."""
    if page.__class__.locale.is_cached(page):  # loaded with the page (select_related); __class__ sees through lazy objects
        return page.locale
    for locale in (default_locale(), active_locale()):  # asked for on every page anyway
        if page.locale_id == locale.pk:
            return locale
    return remember(("locale", page.locale_id), lambda: Locale.objects.get(pk=page.locale_id))
