"""The HTML a partner pastes (iframe + host script), the oEmbed payload, and helpers for both."""

import contextlib
from urllib.parse import urlsplit

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from wagtail.models import Locale

from feedback.questions import form_page_for
from home.listing import listed_pages
from home.models import OrganisationSettings
from home.public_urls import public_url
from partners import embed

DEFAULT_WIDTH = 640
DEFAULT_HEIGHT = 900


def open_consultation(now=None):
    """A live, open consultation in the default language that has a response form (demo page)."""

    now = now or timezone.now()
    model = embed.consultation_model()
    pages = model.objects.live().public().listed().filter(opens_at__lte=now, closes_at__gt=now)
    with contextlib.suppress(Locale.DoesNotExist):
        pages = pages.filter(locale=Locale.get_default())
    for page in pages.order_by("closes_at"):
        if form_page_for(page) is not None:
            return page
    return None


def frame_title(page, kind, organisation_name=""):
    if kind == "outcome":
        text = _("You said, we did: %(title)s") % {"title": page.title}
    else:
        text = _("Consultation: %(title)s – read it and respond") % {"title": page.title}
    return f"{text} ({organisation_name})" if organisation_name else text


def absolute(request, path):
    return public_url(path)


def embed_snippet(request, page, partner, lang, kind="consultation", height=DEFAULT_HEIGHT):
    """Copy-ready HTML: an iframe with a meaningful title and our host script (resizing)."""
    site = page.get_site()
    organisation = OrganisationSettings.for_site(site).name if site else ""
    src = absolute(request, embed.embed_path(kind, page, partner, lang))
    script = absolute(request, reverse("partners:host_script"))
    return format_html(
        '<iframe src="{}" title="{}" width="100%" height="{}" loading="lazy" data-hys-embed></iframe>\n'
        '<script type="module" src="{}"></script>',
        src,
        frame_title(page, kind, organisation),
        height,
        script,
    )


def page_for_url(url):
    """The live consultation or outcome page whose public URL is `url`, with its kind."""
    try:
        path = urlsplit(str(url or "")).path
    except ValueError:
        return None, None
    if not path:
        return None, None
    if not path.endswith("/"):
        path += "/"
    slug = path.rstrip("/").rsplit("/", 1)[-1]
    if not slug:
        return None, None
    for kind, model in (("consultation", embed.consultation_model()), ("outcome", embed.outcome_model())):
        for page in listed_pages(model.objects.filter(slug=slug)):
            if page.url == path or urlsplit(page.full_url or "").path == path:
                return page, kind
    return None, None


def oembed_payload(request, url, *, max_width=0, max_height=0):
    """oEmbed "rich" type. A pasted address names no partner, so this is the generic embed
    (framable by every active partner's origins; responses have channel "embed", no partner)."""
    page, kind = page_for_url(url)
    if page is None:
        return None
    width = min(max_width, DEFAULT_WIDTH) if max_width > 0 else DEFAULT_WIDTH
    height = min(max_height, DEFAULT_HEIGHT) if max_height > 0 else DEFAULT_HEIGHT
    site = page.get_site()
    provider = OrganisationSettings.for_site(site).name if site else ""
    src = absolute(request, embed.embed_path(kind, page, None, page.locale.language_code))
    html = format_html(
        '<iframe src="{}" title="{}" width="{}" height="{}" loading="lazy" data-hys-embed></iframe>'
        '<script type="module" src="{}"></script>',
        src,
        frame_title(page, kind, provider),
        width,
        height,
        absolute(request, reverse("partners:host_script")),
    )
    return {
        "version": "1.0",
        "type": "rich",
        "title": page.title,
        "provider_name": provider,
        "provider_url": absolute(request, "/"),
        "html": str(html),
        "width": width,
        "height": height,
        "cache_age": 300,
    }
