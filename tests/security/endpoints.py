"""Every public URL of the site, found from the URL resolver and every live page's routes.

Used by the tests that prove a property of every public endpoint (issue 15, point 6): none is
missed because someone forgot to list it, since nothing here names a view.
"""

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

# Staff-only or not a form: the admin (its sign-in has its own throttle, security.throttle, on
# the same client address), documents (served files), and Wagtail's page catch-all, whose
# pages are listed one by one below with their routes.
NOT_PUBLIC_PREFIXES = (settings.WAGTAILADMIN_PATH, "documents/")
PAGE_CATCH_ALL = "wagtail_serve"


def _named_patterns(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if str(entry.pattern).lstrip("^").startswith(NOT_PUBLIC_PREFIXES):
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _named_patterns(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


def _arguments(pattern, samples):
    names = list(getattr(pattern.pattern, "converters", {})) or list(
        pattern.pattern.regex.groupindex
    )
    missing = [name for name in names if name not in samples]
    assert not missing, f"{pattern}: give the endpoint tests a sample for {missing}"
    return {name: samples[name] for name in names}


def site_urls(samples):
    """[(name, url)] for every named URL of the site outside the admin, with sample arguments."""
    found = {}
    for name, pattern in _named_patterns(get_resolver().url_patterns):
        if name == PAGE_CATCH_ALL:
            continue
        found.setdefault(reverse(name, kwargs=_arguments(pattern, samples)), name)
    return [(name, url) for url, name in found.items()]


def page_urls(samples):
    """[(label, url)] for every live page and every route of every routable page."""
    out = []
    for page in Page.objects.live().specific():
        url = page.url
        if not url:
            continue
        out.append((f"{type(page).__name__}", url))
        if isinstance(page, RoutablePageMixin):
            for route in type(page).get_subpage_urls():
                if route.name == "index_route":
                    continue
                path = page.reverse_subpage(route.name, kwargs=_arguments(route, samples))
                out.append((f"{type(page).__name__}.{route.name}", url + path.lstrip("/")))
    return out


def public_urls(samples):
    return site_urls(samples) + page_urls(samples)
