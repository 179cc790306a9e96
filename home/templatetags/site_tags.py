from django import template
from django.conf import settings
from django.utils import translation

from wagtail.models import Locale, Page, Site

from home.public_urls import public_url

register = template.Library()

LANGUAGE_NAMES = dict(settings.LANGUAGES)


def _site_root(context):
    """The site's home page in the page's language (or the active one). Worked out once per request."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    if hasattr(request, "_hys_site_root"):
        return request._hys_site_root
    root = site.root_page  # .specific only once the language is known: routing cached that one
    page = context.get("page")
    # Views that are not pages (search, feedback forms, 404) follow the active language.
    locale_id = page.locale_id if isinstance(page, Page) else getattr(Locale.get_active(), "id", None)
    if locale_id is not None and root.locale_id != locale_id:
        translated = None
        if isinstance(page, Page) and page.depth >= root.depth:
            # A page's own home page is among the ancestors its breadcrumbs load anyway.
            translated = next((p for p in [*_ancestors(request, page), page] if p.depth == root.depth), None)
        root = translated or root.get_translation_or_none(locale_id) or root
    request._hys_site_root = root = root.specific_deferred if hasattr(root, "specific_deferred") else root.specific
    return root


def _ancestors(request, page):
    """The page's ancestors below the tree root, specific, loaded once per request."""
    memo = getattr(request, "_hys_ancestors", None) if request is not None else None
    if memo is None or memo[0] != page.pk:
        ancestors = list(page.get_ancestors().filter(depth__gt=1).specific(defer=True)) if page.depth > 2 else []
        memo = (page.pk, ancestors)
        if request is not None:
            request._hys_ancestors = memo
    return memo[1]


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context, page):
    """Only the languages this page exists in, each named in itself, keeping the person in place."""
    current = translation.get_language()
    items = []
    for translated in [page, *page.get_translations().live().select_related("locale")]:
        code = translated.locale.language_code
        if code not in LANGUAGE_NAMES:
            continue
        items.append(
            {
                "code": code,
                "name": LANGUAGE_NAMES[code],
                "url": translated.get_url(context.get("request")),
                "current": code == current or translated.pk == page.pk,
            }
        )
    items.sort(key=lambda item: [c for c, _ in settings.LANGUAGES].index(item["code"]))
    return {"items": items if len(items) > 1 else []}


@register.inclusion_tag("includes/page_alternates.html", takes_context=True)
def page_alternates(context, page):
    request = context.get("request")
    alternates = [
        {"code": p.locale.language_code, "url": public_url(p, request)}
        for p in [page, *page.get_translations().live().select_related("locale")]
    ]
    return {"alternates": alternates if len(alternates) > 1 else []}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    ancestors = _ancestors(context.get("request"), page)
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}


@register.inclusion_tag("includes/translation_notice.html", takes_context=True)
def translation_notice(context, page):
    from home.translation_status import translation_is_outdated

    if not translation_is_outdated(page):
        return {"outdated": False}
    return {"outdated": True, "source_url": _source_url(page, context.get("request"))}


def _source_url(page, request):
    if page.locale.language_code == settings.LANGUAGE_CODE:
        return None
    source = page.get_translation_or_none(Locale.get_default())
    return source.get_url(request) if source else None


@register.simple_tag(takes_context=True)
def main_navigation(context):
    root = _site_root(context)
    if root is None:
        return []
    current = context.get("page")
    items = []
    for child in root.get_children().live().in_menu():
        active = bool(current and (current.pk == child.pk or current.path.startswith(child.path)))
        items.append({"title": child.title, "url": child.get_url(context.get("request")), "active": active})
    return items


@register.simple_tag(takes_context=True)
def footer_links(context):
    """Standard pages (privacy notice, accessibility statement, ...) directly under the home page."""
    root = _site_root(context)
    if root is None:
        return []
    request = context.get("request")
    children = root.get_children().live().not_in_menu().exclude(depth__lt=2)
    return [{"title": child.title, "url": child.get_url(request)} for child in children]


@register.filter(name="public_url")
def public_url_filter(target):
    """A page's (or a path's) address on the public site, for links that leave it."""
    return public_url(target)


@register.simple_tag
def page_or_none(page_id):
    return Page.objects.filter(pk=page_id).first()
