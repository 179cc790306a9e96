"""The site's public address, for every link that leaves the site: emails, embed codes, feeds,
the sitemap, the read API and hreflang alternates.

Wagtail's ``page.full_url`` takes the host from the Site record (``localhost`` port 80 as
Wagtail's first migration makes it) and ``request.build_absolute_uri`` from the request's Host
header (an admin host, a proxy's internal name, or no request at all in a background task).
Neither is where the public reads the site, so absolute links are built here, from the
``PUBLIC_BASE_URL`` setting, and nowhere else.
"""

from urllib.parse import urlsplit

from django.conf import settings

from wagtail.models import Page


def public_base_url() -> str:
    """``PUBLIC_BASE_URL`` without a trailing slash, e.g. ``https://haveyoursay.example.nhs.uk``."""
    return settings.PUBLIC_BASE_URL.rstrip("/")


def public_url(target: Page | str | None, request=None) -> str:
    """The absolute public address of a page or of a site-relative path ("" for a page that has
    no URL). A path that is already absolute (a video on another site) is returned as it is."""
    if target is None:
        return ""
    if isinstance(target, Page):
        parts = target.get_url_parts(request)
        if parts is None or parts[2] is None:
            return ""
        path = parts[2]
    else:
        path = str(target)
        if urlsplit(path).scheme:
            return path
    if not path.startswith("/"):
        path = "/" + path
    return public_base_url() + path


def public_host() -> str:
    """The public host name alone (for identifiers such as an iCalendar UID)."""
    return urlsplit(public_base_url()).hostname or "localhost"
