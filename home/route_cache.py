"""Remember where a URL leads, so a page view skips Wagtail's walk down the page tree.

Wagtail finds a page by loading the site, the locale, the site's root page and then each page on
the path in turn: seven queries for a consultation two levels down. `RouteCacheMiddleware`
remembers, for each host, language and path, which site and page answered and what was left of the
path for that page's own ``route()`` (a RoutablePage's sub-pages, such as a consultation's
"request another format"). On a hit it takes (a copy of) that page from the cache too (only what is published
is ever routed to, and every publish changes the generation), lets it route the rest, and hands the
result to Wagtail's own serve view through the per-request caches Wagtail itself reads
(home.internals). The page's view restrictions (two more queries) are remembered with it and
handed to Wagtail's own check, which still runs on every request; hooks and ``serve()`` are
Wagtail's, unchanged.

Entries are keyed by the page cache generation (home.cache), so publishing, unpublishing, moving
or deleting any page, or changing a site, forgets every route at once. Lifetime: the fragment
cache's (``FRAGMENT_CACHE_SECONDS``; 0 turns this off).
"""

import copy
import hashlib
import logging

from django.db.models.signals import post_delete, post_save
from django.http import Http404
from django.utils.translation import get_language

from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction, Site

from home import internals
from home.cache import clear_local, fragment_seconds, request_generation, shared_entry

logger = logging.getLogger(__name__)


def route_key(request, path):
    raw = f"{request_generation(request)}|{request.get_host()}|{get_language()}|{path}"
    return "hys:route:" + hashlib.sha256(raw.encode()).hexdigest()


def remember(request, path):
    """Route the Wagtail way, and answer what to remember of it (None: nothing)."""
    result = Page.route_for_request(request, path)
    site = internals.wagtail_site(request)
    if result is None or site is None:
        return None
    page = result[0]
    components = [component for component in path.split("/") if component]
    root_depth = Page.objects.filter(pk=site.root_page_id).values_list("depth", flat=True).first()
    if root_depth is None:
        return None
    remaining = components[page.depth - root_depth :]
    restrictions = list(page.get_view_restrictions())
    specific = page.specific
    specific.locale  # noqa: B018 (kept with the page: every view shows its language)
    return (site, specific, remaining, restrictions)


def recall(request, entry):
    """Set up Wagtail's per-request route from a remembered entry."""
    site, kept_page, remaining, restrictions = entry
    # The kept page is shared by every request of this process (home.cache.shared_entry): this
    # request gets its own shallow copy, so whatever a view sets on its page stays with it.
    page = copy.copy(kept_page)
    internals.use_view_restrictions(page, restrictions)
    try:
        route = page.route(request, list(remaining))
    except Http404:
        route = None
    internals.set_wagtail_route(request, site, route)


class RouteCacheMiddleware:
    """Fills in Wagtail's route for page views from the cache (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_views.serve or fragment_seconds() <= 0 or not view_args:
            return None
        if internals.has_wagtail_route(request):
            return None
        path = view_args[0]
        try:
            entry = shared_entry(route_key(request, path), lambda: remember(request, path), fragment_seconds())
            if entry is not None:
                recall(request, entry)
        except Exception:  # a cache outage only costs speed; Wagtail routes as usual
            logger.exception("Route cache unavailable")
            internals.forget_wagtail_route(request)
        return None


def connect_signals():
    """Sites and view restrictions change what a path leads to without publishing anything."""
    def changed(sender, **kwargs):
        clear_local()

    for model in (Site, PageViewRestriction):
        post_save.connect(changed, sender=model, dispatch_uid=f"home.route_cache.{model.__name__}.saved", weak=False)
        post_delete.connect(changed, sender=model, dispatch_uid=f"home.route_cache.{model.__name__}.deleted", weak=False)
