"""Page cache for anonymous readers of Wagtail pages, and its purge.

Public pages carry no per-response secret (security.csp: no nonce), so a page is the same bytes
for every anonymous reader and any HTTP cache may keep it. Three layers use that:

- Each cacheable page says so in standard headers: ``Cache-Control: public, max-age=0,
  s-maxage=N`` (shared caches such as nginx or a CDN keep it N seconds; browsers revalidate, so
  a reader sees an edit at once) and ``Vary: Cookie`` (large print, ``home.display``).
- ``PageCacheMiddleware`` keeps those pages in Django's cache framework (``PAGE_CACHE_ALIAS``, the
  "pages" cache: Redis when configured, else each process's memory). It sits straight after
  WhiteNoise, so a hit costs about what a static file does.
- Purge goes through Wagtail's frontend-cache invalidation (``WAGTAILFRONTENDCACHE``): the
  "local" backend (``LocalPageCacheBackend``) deletes this cache's entries for a URL at once, in
  the publishing process; any other backend (a CDN, nginx's PURGE) gets the same URLs through
  Wagtail's background task. Publishing, unpublishing, moving or deleting a page purges it in
  every language, its ancestors (the index pages and the home page list it), and for an outcome
  the consultations it reports on (``related_pages``). Site settings purge every page. Without
  Redis each gunicorn worker has its own memory, which a purge in another process cannot reach:
  there, entries are stored with the machine's stamp (``host_stamp``, a file under VAR_DIR that
  every purge replaces), so a purge anywhere on the machine drops every worker's pages at once.

What is cached: a GET (or HEAD) of a Wagtail page, with no query string, by someone with no
session cookie, answered 200 by a page's own template, that sets no cookie (so never a CSRF
token) and is not marked ``never_cache``/private. So forms (every ResponseFormPage route is
``never_cache`` and carries tokens), the admin, previews, documents, search and anyone signed in
are never cached. Parameters that mail and advertising tools add to links (``utm_…``, ``fbclid``
and the like, ``TRACKING_PARAMETERS``) are dropped on arrival, since no page reads them: a link
shared on social media is then served from the cache like the bare address, though never marked
for shared caches, which key by the whole address and so could keep a copy a purge never reaches.
The key is the path (which holds the language: i18n_patterns, no prefix for the
default language) and large-print mode; the host is left out because the site is one Wagtail site
served under one public name, so that a purge by the site's URL reaches the entry whatever Host
the reader's request carried.

Other apps: call ``home.cache.purge_page(page)`` after changing anything public about a page
without publishing it (e.g. youwedid when a progress update is added).

Fragment cache: ``{% fragment_cache "name" vary... %}`` (home/templatetags/fragment_tags.py) keeps
the parts of a page that are the same for every reader (header and menu, footer, breadcrumbs,
language links, a consultation's main content) between requests, so a page built afresh — a
query string, a signed-in reader, a cache miss — costs a few queries instead of dozens. Keys hold
a cache *generation*, so publishing anything drops every fragment at once (``clear_local``), plus
the host, the language and large-print mode; the caller adds whatever else the fragment shows
(the page, its status). Never used in previews. Each process also keeps its own copy of what it
has read (``shared_entry``), so a repeat view reads only the generation from the shared cache.
A page whose content changes at a known moment without a publish (a list of what is open) says
so with ``changes_at``, and the page cache keeps it no longer.

Settings: ``PAGE_CACHE_SECONDS`` (0 turns the cache off; production reads it from the
environment), ``FRAGMENT_CACHE_SECONDS`` (likewise), ``PAGE_CACHE_ALIAS`` (which of ``CACHES``
holds pages, default "pages"; fragments use "default").
"""

import hashlib
import logging
import os
import time
import uuid
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.http import HttpResponse, QueryDict
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends, purge_urls_from_cache
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Locale, Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from home.display import is_large_print
from home.process_memo import ProcessMemo
from home.request_memo import remember

logger = logging.getLogger(__name__)

GENERATION_KEY = "hys:page-cache:generation"
HOST_STAMP_NAME = "page-cache-generation"
KEY_PREFIX = "hys:page:v3:"  # v3: whole responses, no nonce; purged by URL
CACHE_HEADER = "X-Page-Cache"
STORED_HEADERS_SKIPPED = {"set-cookie", "date", CACHE_HEADER.lower()}
UNCACHEABLE_CONTROL = {"private", "no-store", "no-cache", "max-age=0"}
NOT_PAGES = ("/static/", "/media/", "/documents/", "/healthz", "/display/")
DISPLAY_MODES = ("standard", "large")
LOCAL_BACKEND = "home.cache.LocalPageCacheBackend"
# Added to links by mail, social and advertising tools for their own counting (with any "utm_"
# name); what a page shows never depends on them.
TRACKING_PARAMETERS = frozenset(
    {"fbclid", "gclid", "gbraid", "wbraid", "dclid", "msclkid", "twclid", "igshid", "li_fat_id"}
    | {"mc_cid", "mc_eid", "_ga", "_gl"}
)


def cache_seconds():
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)


def fragment_seconds():
    return int(getattr(settings, "FRAGMENT_CACHE_SECONDS", 0) or 0)


def _cache():
    """The cache for fragments, routes and the cache generation."""
    return caches["default"]


def _pages():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "pages")]


def _process_local(alias=None):
    backend = settings.CACHES[alias or getattr(settings, "PAGE_CACHE_ALIAS", "pages")]["BACKEND"]
    return backend.endswith("LocMemCache")


def stamp():
    """What a stored page must still match to be served: the machine's stamp for a cache in each
    process's memory; nothing for a shared one (Redis), which a purge reaches directly."""
    return host_stamp() if _process_local() else ""


def page_key(path, display):
    return KEY_PREFIX + hashlib.sha256(f"{path}|{display}".encode()).hexdigest()


def cache_key(request):
    return page_key(request.path, "large" if is_large_print(request) else "standard")


def is_tracking_parameter(name):
    name = name.lower()
    return name.startswith("utm_") or name in TRACKING_PARAMETERS


def drop_tracking_parameters(request):
    """Take tracking parameters off the request's query string; whether there were any."""
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return False
    pairs = parse_qsl(query, keep_blank_values=True)
    kept = [(name, value) for name, value in pairs if not is_tracking_parameter(name)]
    if len(kept) == len(pairs):
        return False
    request.META["QUERY_STRING"] = urlencode(kept)
    request.GET = QueryDict(request.META["QUERY_STRING"])
    return True


def may_use_cache(request):
    """Whether this request may be answered from, or stored in, the page cache."""
    if cache_seconds() <= 0 or request.method not in ("GET", "HEAD") or request.META.get("QUERY_STRING"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False  # signed in, or part-way through a form: always fresh
    path = request.path_info
    return not path.startswith(("/" + settings.WAGTAILADMIN_PATH, *NOT_PAGES))


def _page_of(response):
    page = (getattr(response, "context_data", None) or {}).get("page")
    return page if isinstance(page, Page) else None


def may_store(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if getattr(request, "is_preview", False):
        return False
    control = {part.strip().lower() for part in response.get("Cache-Control", "").split(",")}
    if control & UNCACHEABLE_CONTROL:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    return _page_of(response) is not None


def changes_at(moment):
    """Say that the page being built will read differently from `moment` on without a publish
    (a list on it gains or loses a consultation then): the page cache, and any HTTP cache through
    ``s-maxage``, keeps it no longer than that. `moment`: a datetime, or a function that gives
    one, called only if the page is stored."""
    remember("page_changes_at", list).append(moment)


def timeout_for(page, now=None):
    """The cache lifetime, cut short at the page's next opening or closing moment, and at the
    earliest moment its parts said it changes (``changes_at``)."""
    seconds = cache_seconds()
    now = now or timezone.now()
    moments = [getattr(page, name, None) for name in ("opens_at", "closes_at")]
    for moment in [*moments, *remember("page_changes_at", list)]:
        moment = moment() if callable(moment) else moment
        if moment is not None and moment > now:
            seconds = min(seconds, max(1, int((moment - now).total_seconds())))
    return seconds


def lookup(request):
    entry = _pages().get(cache_key(request))
    if entry is None:
        return None
    status, headers, body, stored_under = entry
    if stored_under != stamp():
        return None
    response = HttpResponse(body, status=status, headers=headers)
    response[CACHE_HEADER] = "hit"
    return response


def store(request, response):
    """Mark the page cacheable for every cache on the way, and keep it in ours."""
    seconds = timeout_for(_page_of(response))
    patch_cache_control(response, public=True, max_age=0, s_maxage=seconds)
    patch_vary_headers(response, ["Cookie"])
    # Set here because CommonMiddleware, which sets it on every other page, sits below this one:
    # without it gunicorn sends a hit chunked, which costs the server and every client more.
    response["Content-Length"] = str(len(response.content))
    headers = {h: v for h, v in response.items() if h.lower() not in STORED_HEADERS_SKIPPED}
    _pages().set(cache_key(request), (response.status_code, headers, response.content, stamp()), seconds)


class PageCacheMiddleware:
    """Serve and store anonymous page views. Sits straight after WhiteNoise (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not drop_tracking_parameters(request):
            return self.serve(request)
        response = self.serve(request)
        if "public" in response.get("Cache-Control", ""):
            # A shared cache would keep this under the address with its parameters, which a purge
            # by the page's own address never reaches.
            response["Cache-Control"] = "private, max-age=0"
        return response

    def serve(self, request):
        if not may_use_cache(request):
            return self.get_response(request)
        try:
            cached = lookup(request)
        except Exception:  # a cache outage must never take pages down
            logger.exception("Page cache unavailable")
            return self.get_response(request)
        if cached is not None:
            return cached
        response = self.get_response(request)
        if may_store(request, response):
            try:
                store(request, response)
            except Exception:
                logger.exception("Could not store a page in the cache")
            response[CACHE_HEADER] = "miss"
        return response


class LocalPageCacheBackend(BaseBackend):
    """Wagtail frontend-cache backend for ``PageCacheMiddleware``'s cache: drops a URL's entries
    (both display modes), and when each process keeps its own, every process's (the stamp). Run
    at once in the publishing process (``purge_urls``)."""

    def purge(self, url):
        self.purge_batch([url])

    def purge_batch(self, urls):
        paths = {urlsplit(url).path or "/" for url in urls}
        _pages().delete_many([page_key(path, display) for path in paths for display in DISPLAY_MODES])
        if _process_local():
            new_host_stamp()


# --- Fragments -----------------------------------------------------------------------------------


def request_generation(request):
    """The cache generation, read once per request."""
    return remember("cache_generation", current_generation)


def fragment_key(request, name, vary_on=()):
    # What every fragment of this request shares, worked out once: a page has a dozen fragments.
    shared = remember("fragment_key_parts", lambda: f"{request_generation(request)}|{request.get_host()}|{is_large_print(request)}")
    raw = "|".join(str(part) for part in (shared, get_language(), *vary_on))
    return f"hys:fragment:{name}:" + hashlib.sha256(raw.encode()).hexdigest()


def cached_fragment(request, name, vary_on, render):
    """`render()`'s text, from the cache when it holds it. A cache outage only costs speed."""
    seconds = fragment_seconds()
    if seconds <= 0 or request is None or getattr(request, "is_preview", False):
        return render()
    try:
        key = fragment_key(request, name, vary_on)
    except Exception:
        logger.exception("Fragment cache unavailable")
        return render()
    return shared_entry(key, render, seconds)


# This process's copy of each shared entry it has used (fragments and routes), under the same key
# and never past the shared entry's own end: a hit is a dict lookup instead of a cache read and an
# unpickle (with Redis, a network round trip for each of a page's dozen fragments). It cannot be
# stale for the reason home.process_memo gives: every key holds the cache generation, which any
# publish, on any server, replaces. 1,024 entries: a few MB in a process (a consultation's main
# content, the largest fragment, is about 20 KB).
LOCAL_COPIES = ProcessMemo("fragments and routes", size=1024)


def shared_entry(key, build, seconds):
    """The value kept under `key` for `seconds`: this process's copy, else the shared cache's,
    else `build()`'s (kept in both). When `build()` answers None, nothing is kept. A cache outage
    only costs speed. The value is shared by every request of the process: never mutate it."""
    now = time.time()
    local = LOCAL_COPIES.lookup(key)
    if local is not None:
        value, ends = local
        if ends > now:
            return value
        LOCAL_COPIES.discard(key)
    try:
        entry = _cache().get(key)
    except Exception:
        logger.exception("Fragment cache unavailable")
        return build()
    if not isinstance(entry, tuple):  # (value, when it ends); anything else is not ours to read
        value = build()
        if value is None:
            return None
        entry = (value, now + seconds)
        try:
            _cache().set(key, entry, seconds)
        except Exception:
            logger.exception("Could not store a fragment")
            return value
    LOCAL_COPIES.keep(key, entry)
    return entry[0]


def cached_value(name, compute, keep=None):
    """`compute()` (picklable), kept like a fragment: until the next publish or the lifetime.
    `keep(value)`: whether this answer may be kept (False: ask again next time)."""
    try:
        key = "hys:value:" + hashlib.sha256(f"{request_generation(None)}|{name}".encode()).hexdigest()
        value = _cache().get(key)
    except Exception:
        logger.exception("Fragment cache unavailable")
        return compute()
    if value is None:
        value = compute()
        if keep is not None and not keep(value):
            return value
        try:
            _cache().set(key, value, fragment_seconds())
        except Exception:
            logger.exception("Could not store a cached value")
    return value


# --- Purge ---------------------------------------------------------------------------------------


def host_stamp_path():
    """A str (read on every request). HOST_STAMP_PATH moves it; the tests give each run its own."""
    return getattr(settings, "HOST_STAMP_PATH", None) or os.path.join(settings.VAR_DIR, HOST_STAMP_NAME)


def host_stamp():
    """The part of the cache generation every process on this machine shares through a file.

    Without Redis each gunicorn worker has its own memory cache, so a publish handled by one
    worker would leave the others serving old fragments and pages until they expired; the file
    `new_host_stamp` replaces reaches them all on their next request. Its inode and modification time
    are the stamp: one stat() call. Each new file is written while the old one still exists, so it
    never has the old one's inode."""
    try:
        stat = os.stat(host_stamp_path())
    except OSError:
        return ""
    return f"{stat.st_ino}-{stat.st_mtime_ns}"


def current_generation(cache=None):
    cache = cache or _cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY)
    return f"{generation}.{host_stamp()}"


def clear_local():
    """Drop every cached fragment and route (new generation). Cheap: one cache write.

    A cache outage must never stop an editor publishing: it is logged, and fragments then expire
    within FRAGMENT_CACHE_SECONDS at the latest."""
    try:
        _cache().set(GENERATION_KEY, uuid.uuid4().hex, None)
    except Exception:
        logger.exception("Could not clear the fragment cache")
    new_host_stamp()


def new_host_stamp():
    """Replace the machine's stamp: every process drops its fragments, routes and (without Redis)
    pages on its next request."""
    try:
        path = Path(host_stamp_path())
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{uuid.uuid4().hex}")
        temporary.write_text(uuid.uuid4().hex)
        os.replace(temporary, path)  # atomic: a reader sees the old stamp or the new, never half
    except OSError:
        logger.warning("Could not write %s: other processes on this machine keep cached fragments until they expire", host_stamp_path())


def related_pages(page):
    """The page, its ancestors (which list it) and, for an outcome, its consultations — each in
    every language."""
    page = page.specific_deferred if hasattr(page, "specific_deferred") else page
    pages = {}

    def add_with_translations(item):
        if item is None:
            return
        pages[item.pk] = item
        for translation in item.get_translations():
            pages[translation.pk] = translation

    add_with_translations(page)
    for ancestor in page.get_ancestors().filter(depth__gt=1):
        add_with_translations(ancestor)
    consultations = getattr(page, "consultations", None)
    if consultations is not None and hasattr(consultations, "all"):
        for consultation in consultations.all():
            add_with_translations(consultation)
    return [p for p in pages.values() if p.live or p.pk == page.pk]


def page_urls(pages):
    batch = PurgeBatch()
    batch.add_pages(pages)
    return sorted(batch.urls)


def purge_urls(urls):
    """Purge URLs from every frontend cache: the local one at once, the others (CDN, nginx) through
    Wagtail's background task. A cache or CDN outage must never stop an editor publishing."""
    configured = getattr(settings, "WAGTAILFRONTENDCACHE", None) or {}
    local = [name for name, config in configured.items() if config.get("BACKEND") == LOCAL_BACKEND]
    others = [name for name in configured if name not in local]
    try:
        for backend in get_backends(backends=local).values():
            backend.purge_batch(urls)
    except Exception:
        logger.exception("Could not purge the local page cache")
    if others and urls:
        try:
            purge_urls_from_cache(urls, backends=others)
        except Exception:
            logger.exception("Front-end cache purge failed")


def purge_page(page):
    """Purge a page and the pages that show it, everywhere; and every fragment."""
    clear_local()
    try:
        urls = page_urls(related_pages(page))
    except Exception:
        logger.exception("Could not work out the URLs to purge for page %s", getattr(page, "pk", None))
        return
    purge_urls(urls)


def purge_everything():
    """Every live page (a site-wide setting, a move): rare, and the only way to reach every URL
    of a CDN through Wagtail's API."""
    clear_local()
    purge_urls(page_urls(Page.objects.live().filter(depth__gt=1).specific(defer=True)))


def _on_page_change(sender, instance, **kwargs):
    purge_page(instance)


def _on_move(sender, instance, **kwargs):
    transaction.on_commit(purge_everything)  # the old URLs of the page and all below it


def _on_delete(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.live:
        clear_local()
        try:
            urls = page_urls(related_pages(instance))  # while the page is still there
        except Exception:
            logger.exception("Could not work out the URLs to purge for page %s", instance.pk)
            return
        transaction.on_commit(lambda: purge_urls(urls))


def _on_setting_saved(sender, instance, **kwargs):
    if isinstance(instance, BaseSiteSetting) and not kwargs.get("created"):
        transaction.on_commit(purge_everything)  # branding and contact details appear on every page


def _on_locale_change(sender, **kwargs):
    clear_local()


def connect_signals():
    page_published.connect(_on_page_change, dispatch_uid="home.cache.published")
    page_unpublished.connect(_on_page_change, dispatch_uid="home.cache.unpublished")
    post_page_move.connect(_on_move, dispatch_uid="home.cache.moved")
    pre_delete.connect(_on_delete, dispatch_uid="home.cache.deleted")
    post_save.connect(_on_setting_saved, dispatch_uid="home.cache.settings")
    for signal in (post_save, post_delete):  # locales are kept with fragments (home.request_memo)
        signal.connect(_on_locale_change, sender=Locale, dispatch_uid=f"home.cache.locale.{signal is post_save}")
