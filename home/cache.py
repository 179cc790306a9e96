"""Page cache for anonymous readers of Wagtail pages, and its purge.

What is cached: a GET (or HEAD) of a Wagtail page, with no query string, by someone with no
session cookie, answered 200 by a page's own template, that sets no cookie, did not use a CSRF
token, did not touch the session and is not marked ``never_cache``/private. So forms (every
ResponseFormPage route is ``never_cache`` and carries tokens), the admin, previews, documents,
search and anyone signed in are never cached.

The key is the full URL (scheme, host, path) + the language (from the URL, as LocaleMiddleware
decides it: i18n_patterns without a prefix for the default language) + large-print mode (the only
cookie a page varies on; ``home.display``). The middleware sits straight after WhiteNoise, so a hit
costs about what a static file does: it stores the finished response, headers included, the body
split where the CSP nonce was and a placeholder for it in the Content-Security-Policy header, and
each hit is joined with a fresh nonce, so the policy stays per-response.

Purge: publishing, unpublishing, moving or deleting any page changes the cache *generation*, so
every locally cached page is dropped at once — index pages, the home page and the consultation
whose status an outcome changes all list or depend on other pages, so per-page deletion would
leave them stale. Stored entries carry the generation they were made under; a hit checks it in the
same cache round trip. Without a shared cache (Redis), every process on the machine still sees a
purge at once: the generation includes a stamp file's identity (``host_stamp``). For a CDN
(``WAGTAILFRONTENDCACHE``), Wagtail purges the published page itself; ``purge_page`` adds its
translations, its parent (the index listing it), and for an outcome the consultations it reports
on, in every language.

Other apps: call ``home.cache.purge_page(page)`` after changing anything public about a page
without publishing it (e.g. youwedid when a progress update is added).

Fragment cache: ``{% fragment_cache "name" vary... %}`` (home/templatetags/fragment_tags.py) keeps
the parts of a page that are the same for every reader (header and menu, footer, breadcrumbs,
language links, a consultation's main content) between requests, so a page built afresh — a
query string, a signed-in reader, a cache miss — costs a few queries instead of dozens. Keys hold
the same generation as the page cache, so publishing anything drops every fragment at once, plus
the host, the language and large-print mode; the caller adds whatever else the fragment shows
(the page, its status). Never used in previews.

Settings: ``PAGE_CACHE_SECONDS`` (0 turns the cache off; production reads it from the
environment), ``FRAGMENT_CACHE_SECONDS`` (likewise), ``PAGE_CACHE_ALIAS`` (which of ``CACHES``,
default "default").
"""

import hashlib
import logging
import os
import secrets
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language, get_language_from_path

from home.display import is_large_print

logger = logging.getLogger(__name__)

GENERATION_KEY = "hys:page-cache:generation"
HOST_STAMP_NAME = "page-cache-generation"
KEY_PREFIX = "hys:page:v2:"  # v2: the body is stored split at its CSP nonces
NONCE_PLACEHOLDER = "__hys-csp-nonce__"  # in the stored Content-Security-Policy header
CACHE_HEADER = "X-Page-Cache"
SKIPPED_HEADERS = {"set-cookie", "content-length", "date", CACHE_HEADER.lower()}
UNCACHEABLE_CONTROL = {"private", "no-store", "no-cache", "max-age=0"}
CSP_HEADERS = ("content-security-policy", "content-security-policy-report-only")
NOT_PAGES = ("/static/", "/media/", "/documents/", "/healthz", "/display/")


def cache_seconds():
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)


def fragment_seconds():
    return int(getattr(settings, "FRAGMENT_CACHE_SECONDS", 0) or 0)


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def language_of(request):
    return get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def cache_key(request):
    display = "large" if is_large_print(request) else "standard"
    raw = f"{request.build_absolute_uri()}|{language_of(request)}|{display}"
    return KEY_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def may_use_cache(request):
    """Whether this request may be answered from, or stored in, the page cache."""
    if cache_seconds() <= 0 or request.method not in ("GET", "HEAD") or request.META.get("QUERY_STRING"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False  # signed in, or part-way through a form: always fresh
    path = request.path_info
    return not path.startswith(("/" + settings.WAGTAILADMIN_PATH, *NOT_PAGES))


def _page_of(response):
    from wagtail.models import Page

    page = (getattr(response, "context_data", None) or {}).get("page")
    return page if isinstance(page, Page) else None


def may_store(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or getattr(request, "is_preview", False):
        return False
    control = {part.strip().lower() for part in response.get("Cache-Control", "").split(",")}
    if control & UNCACHEABLE_CONTROL:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    user = getattr(request, "_cached_user", None)
    if user is not None and user.is_authenticated:
        return False
    return _page_of(response) is not None


def timeout_for(page, now=None):
    """The cache lifetime, cut short at the page's next opening or closing moment."""
    seconds = cache_seconds()
    now = now or timezone.now()
    for name in ("opens_at", "closes_at"):
        moment = getattr(page, name, None)
        if moment is not None and moment > now:
            seconds = min(seconds, max(1, int((moment - now).total_seconds())))
    return seconds


def host_stamp_path():
    return os.path.join(settings.VAR_DIR, HOST_STAMP_NAME)  # a str: read on every request


def host_stamp():
    """The part of the generation every process on this machine shares through a file.

    Without Redis each gunicorn worker has its own memory cache, so a publish handled by one
    worker would leave the others serving the old page until it expired; the file `clear_local`
    replaces reaches them all on their next request. Its inode and modification time are the
    stamp: one stat() call, cheap enough for every cached page view. Each new file is written
    while the old one still exists, so it never has the old one's inode."""
    try:
        stat = os.stat(host_stamp_path())
    except OSError:
        return ""
    return f"{stat.st_ino}-{stat.st_mtime_ns}"


def current_generation(cache=None, found=None):
    cache = cache or _cache()
    generation = found or cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY)
    return f"{generation}.{host_stamp()}"


def lookup(request):
    """(cached response or None, generation to store under)."""
    cache = _cache()
    key = cache_key(request)
    found = cache.get_many([key, GENERATION_KEY])
    generation = current_generation(cache, found.get(GENERATION_KEY))
    entry = found.get(key)
    if not entry or entry.get("generation") != generation:
        return None, key, generation
    nonce = secrets.token_urlsafe(16)
    body = nonce.encode("ascii").join(entry["body"])  # a copy, not a search through the page
    headers = {header: value.replace(NONCE_PLACEHOLDER, nonce) if header.lower() in CSP_HEADERS else value for header, value in entry["headers"]}
    headers[CACHE_HEADER] = "hit"
    # Set here because CommonMiddleware, which sets it on every other page, sits below this one:
    # without it gunicorn sends the page chunked, which costs the server and every client more.
    headers["Content-Length"] = str(len(body))
    response = HttpResponse(body, status=entry["status"], headers=headers)
    return response, key, generation


def store(request, response, key, generation):
    body = [response.content]
    headers = [(h, v) for h, v in response.items() if h.lower() not in SKIPPED_HEADERS]
    nonce = getattr(request, "_csp_nonce", None)
    if isinstance(nonce, str) and nonce:
        body = response.content.split(nonce.encode("ascii"))
        headers = [(h, v.replace(nonce, NONCE_PLACEHOLDER) if h.lower() in CSP_HEADERS else v) for h, v in headers]
    entry = {"generation": generation, "status": response.status_code, "body": body, "headers": headers}
    _cache().set(key, entry, timeout_for(_page_of(response)))


class PageCacheMiddleware:
    """Serve and store anonymous page views. Sits straight after WhiteNoise (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not may_use_cache(request):
            return self.get_response(request)
        try:
            cached, key, generation = lookup(request)
        except DisallowedHost:  # a bad Host header: Django answers 400 below, and logs it quietly
            return self.get_response(request)
        except Exception:  # a cache outage must never take pages down
            logger.exception("Page cache unavailable")
            return self.get_response(request)
        if cached is not None:
            return cached
        response = self.get_response(request)
        if may_store(request, response):
            try:
                store(request, response, key, generation)
            except Exception:
                logger.exception("Could not store a page in the cache")
            response[CACHE_HEADER] = "miss"
        return response


# --- Fragments -----------------------------------------------------------------------------------


def request_generation(request):
    """The cache generation, read once per request."""
    generation = getattr(request, "_hys_cache_generation", None)
    if generation is None:
        generation = request._hys_cache_generation = current_generation()
    return generation


def fragment_key(request, name, vary_on=()):
    parts = [request_generation(request), request.get_host(), get_language(), is_large_print(request), *vary_on]
    raw = "|".join(str(part) for part in parts)
    return f"hys:fragment:{name}:" + hashlib.sha256(raw.encode()).hexdigest()


def cached_fragment(request, name, vary_on, render):
    """`render()`'s text, from the cache when it holds it. A cache outage only costs speed."""
    seconds = fragment_seconds()
    if seconds <= 0 or request is None or getattr(request, "is_preview", False):
        return render()
    try:
        key = fragment_key(request, name, vary_on)
        text = _cache().get(key)
    except Exception:
        logger.exception("Fragment cache unavailable")
        return render()
    if text is None:
        text = render()
        try:
            _cache().set(key, text, seconds)
        except Exception:
            logger.exception("Could not store a fragment")
    return text


# --- Purge ---------------------------------------------------------------------------------------


def clear_local():
    """Drop every locally cached page (new generation). Cheap: one cache write.

    A cache outage must never stop an editor publishing: it is logged, and pages then expire
    within PAGE_CACHE_SECONDS at the latest."""
    try:
        _cache().set(GENERATION_KEY, uuid.uuid4().hex, None)
    except Exception:
        logger.exception("Could not clear the page cache")
    try:
        path = Path(host_stamp_path())
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{uuid.uuid4().hex}")
        temporary.write_text(uuid.uuid4().hex)
        os.replace(temporary, path)  # atomic: a reader sees the old stamp or the new, never half
    except OSError:
        logger.warning("Could not write %s: other processes on this machine keep cached pages until they expire", host_stamp_path())


def related_pages(page):
    """The page, its translations, its parent's translations, and for an outcome its consultations'."""
    page = page.specific_deferred if hasattr(page, "specific_deferred") else page
    pages = {page.pk: page}

    def add_with_translations(item):
        if item is None:
            return
        pages[item.pk] = item
        for translation in item.get_translations():
            pages[translation.pk] = translation

    add_with_translations(page)
    parent = page.get_parent()
    if parent is not None and parent.depth > 1:
        add_with_translations(parent)
    consultations = getattr(page, "consultations", None)
    if consultations is not None and hasattr(consultations, "all"):
        for consultation in consultations.all():
            add_with_translations(consultation)
    return [p for p in pages.values() if p.live]


def purge_page(page):
    """Purge a page everywhere: the local cache at once, and the CDN for it and related pages."""
    clear_local()
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    try:
        from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache

        purge_pages_from_cache(related_pages(page))
    except Exception:  # a CDN outage must not stop an editor publishing
        logger.exception("CDN purge failed for page %s", getattr(page, "pk", None))


def _on_page_change(sender, instance, **kwargs):
    purge_page(instance)


def _on_delete(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        clear_local()


def _on_setting_saved(sender, instance, **kwargs):
    from wagtail.contrib.settings.models import BaseSiteSetting

    if isinstance(instance, BaseSiteSetting) and not kwargs.get("created"):
        clear_local()  # branding and contact details appear on every page


def connect_signals():
    from django.db.models.signals import post_delete, post_save

    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(_on_page_change, dispatch_uid="home.cache.published")
    page_unpublished.connect(_on_page_change, dispatch_uid="home.cache.unpublished")
    post_page_move.connect(_on_page_change, dispatch_uid="home.cache.moved")
    post_delete.connect(_on_delete, dispatch_uid="home.cache.deleted")
    post_save.connect(_on_setting_saved, dispatch_uid="home.cache.settings")
