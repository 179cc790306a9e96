"""Every place the site relies on another library's internals, and nowhere else.

Each function here touches something Wagtail, treebeard or Django does not offer as a public API,
because the public way costs queries on every page view. Each has a contract test
(tests/home/test_internals.py) that fails loudly when an upgrade changes what it relies on: read
that test first when upgrading Wagtail, treebeard or Django. Code elsewhere calls these functions
and never names a private attribute itself.

Touches that had a public way were moved to it instead: the CSP admin policy and per-response
widening (django-csp's ``get_policy_parts`` hook and decorators, security.csp), the nonce (gone from
public pages), the signed-in check of the page cache (a session cookie is enough), values
remembered for a request (home.request_memo, not attributes on the request or its pages).
"""

# --- Wagtail: the per-request route and site -----------------------------------------------------
# Page.route_for_request() and Site.find_for_request() cache their answer on the request under
# these names (their docstrings say so) and read it back before doing any work; wagtail.views.serve
# calls both. home.route_cache fills them in from the cache to skip the walk down the page tree.
WAGTAIL_ROUTE = "_wagtail_route_for_request"
WAGTAIL_SITE = "_wagtail_site"


def has_wagtail_route(request):
    return hasattr(request, WAGTAIL_ROUTE)


def wagtail_site(request):
    """The Site that Site.find_for_request() found for this request, if it has run."""
    return getattr(request, WAGTAIL_SITE, None)


def set_wagtail_route(request, site, route):
    """Make Wagtail's serve view use `site` and `route` ((page, args, kwargs) or None) for this request."""
    setattr(request, WAGTAIL_SITE, site)
    setattr(request, WAGTAIL_ROUTE, route)


def forget_wagtail_route(request):
    for name in (WAGTAIL_ROUTE, WAGTAIL_SITE):
        if hasattr(request, name):
            delattr(request, name)


# --- Wagtail: a page's view restrictions ---------------------------------------------------------
# Wagtail's before_serve_page hook (wagtail.wagtail_hooks.check_view_restrictions) calls
# page.get_view_restrictions() and only iterates over the answer.


def use_view_restrictions(page, restrictions):
    """Answer page.get_view_restrictions() from `restrictions` for this one in-memory instance."""
    restrictions = list(restrictions)
    page.get_view_restrictions = lambda: restrictions


# --- treebeard: a node's parent ------------------------------------------------------------------
# MP_Node.get_parent() returns self._cached_parent_obj when it is set (and sets it after a query).
TREEBEARD_PARENT = "_cached_parent_obj"


def known_parent(node):
    """The parent treebeard has cached on this node, or None (never a query)."""
    return getattr(node, TREEBEARD_PARENT, None)


def remember_parent(node, parent):
    """Make node.get_parent() answer `parent` without a query."""
    setattr(node, TREEBEARD_PARENT, parent)


# --- Django: the file behind a FileResponse ------------------------------------------------------
# FileResponse keeps the file it streams as ``file_to_stream`` (WSGIHandler hands it to the
# server's wsgi.file_wrapper) and sets it to None when its content is replaced by an iterator.
FILE_RESPONSE_FILE = "file_to_stream"


def streamed_file(response):
    """The open file a FileResponse streams, if it can seek (else None)."""
    file = getattr(response, FILE_RESPONSE_FILE, None)
    seekable = getattr(file, "seekable", None)
    return file if seekable is not None and seekable() else None
