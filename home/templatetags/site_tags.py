from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import conditional_escape, format_html, format_html_join

from wagtail.models import Page, Site

from home.fallback import (
    language_attributes,
    shown_in_another_language,
    source_page,
    url_in_language,
)
from home.public_urls import public_url
from home.request_memo import active_locale, default_locale, locale_of, remember
from home.translation_status import translation_is_outdated

register = template.Library()

LANGUAGE_NAMES = dict(settings.LANGUAGES)


def _site_root(context):
    """The site's home page in the page's language (or the active one). Worked out once per request."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    return remember("site_root", lambda: _find_site_root(context, request, site))


def _find_site_root(context, request, site):
    root = site.root_page  # .specific only once the language is known: routing cached that one
    page = context.get("page")
    # The visitor's language: a page shown in another one (home.fallback) keeps their surroundings.
    # A preview in the admin shows the page's own.
    if isinstance(page, Page) and getattr(request, "is_preview", False):
        locale_id = page.locale_id
    else:
        locale_id = getattr(active_locale(), "id", None)
    if locale_id is not None and root.locale_id != locale_id:
        translated = None
        if isinstance(page, Page) and page.depth >= root.depth and page.locale_id == locale_id:
            # A page's own home page is among the ancestors its breadcrumbs load anyway.
            translated = next((p for p in [*_ancestors(request, page), page] if p.depth == root.depth), None)
        root = translated or root.get_translation_or_none(locale_id) or root
    return root.specific_deferred if hasattr(root, "specific_deferred") else root.specific


def live_translations(page):
    """The page's live translations with their locales, loaded once per request (the language
    switcher and the alternate links both show them)."""
    return remember(("live_translations", page.pk), lambda: list(page.get_translations().live().select_related("locale")))


def _ancestors(request, page):
    """The page's ancestors below the tree root, specific, loaded once per request."""
    return remember(
        ("ancestors", page.pk), lambda: list(page.get_ancestors().filter(depth__gt=1).specific(defer=True)) if page.depth > 2 else []
    )


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context, page):
    """Only the languages this page exists in, each named in itself, keeping the person in place."""
    current = translation.get_language()
    items = []
    for translated in [page, *live_translations(page)]:
        code = locale_of(translated).language_code
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
        {"code": locale_of(p).language_code, "url": public_url(p, request)}
        for p in [page, *live_translations(page)]
    ]
    return {"alternates": alternates if len(alternates) > 1 else []}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    ancestors = _ancestors(context.get("request"), page)
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}


@register.inclusion_tag("includes/translation_notice.html", takes_context=True)
def translation_notice(context, page):
    previewing = getattr(context.get("request"), "is_preview", False)
    written_in = None if previewing else shown_in_another_language(page)
    if written_in:
        language = translation.get_language()
        return {
            "missing": True,
            "language_name": LANGUAGE_NAMES.get(language, language),
            "written_in_name": LANGUAGE_NAMES.get(written_in, written_in),
            "attributes": language_attributes(language),
        }
    default = default_locale()
    if page.locale_id == default.pk or not translation_is_outdated(page):
        return {"outdated": False}
    source = source_page(page, default)
    return {"outdated": True, "source_url": source.get_url(context.get("request")) if source.pk != page.pk else None}


@register.simple_tag(takes_context=True)
def content_language_attributes(context, page):
    """` lang="en" dir="ltr"` for the editor's text of a page written in another language than
    the visitor's (home.fallback), else nothing. Put it on the elements that hold the page's own
    text (title, summary, body, question labels), never on a container of interface strings:
    those are in the visitor's language, as `<html lang>` says (WCAG 3.1.2, language of parts).
    `{% content_language_attributes page as text_lang %}` keeps it for a template and its
    includes; `|in_page_language:text_lang` wraps one text."""
    if getattr(context.get("request"), "is_preview", False):
        return ""
    written_in = shown_in_another_language(page) if isinstance(page, Page) else None
    if not written_in:
        return ""
    return format_html_join("", ' {}="{}"', language_attributes(written_in).items())


@register.filter
def in_page_language(value, attributes):
    """The editor's text `value` in a span marked with its language (`attributes`, from
    `{% content_language_attributes page as text_lang %}`) where that differs from the visitor's,
    so the interface words around it keep theirs (WCAG 3.1.2). Plain `value` otherwise."""
    if not attributes:
        return conditional_escape(value)
    return format_html("<span{}>{}</span>", attributes, value)


@register.simple_tag(takes_context=True)
def url_for_visitor(context, page):
    """The page's address in the visitor's language (home.fallback.url_in_language)."""
    return url_in_language(page, context.get("request"))


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
    """Site-wide pages (privacy notice, accessibility statement, cookies, contact): the live pages
    under the source home page that are not in the menu, each in the visitor's language when
    translated and published, else the source page at its address in that language
    (home.fallback serves it there with a note)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    default, active = default_locale(), active_locale()
    source_root = site.root_page
    if source_root.locale_id != default.pk:
        source_root = source_root.get_translation_or_none(default) or source_root
    children = Page.objects.live().child_of(source_root).not_in_menu()
    if active.pk != source_root.locale_id:
        # The source pages and their published translations in one query.
        keys = children.values("translation_key")
        children = children | Page.objects.live().filter(locale=active, translation_key__in=keys)
    pages = list(children.order_by("path"))
    translated = {p.translation_key: p for p in pages if p.locale_id != source_root.locale_id}
    children = [p for p in pages if p.locale_id == source_root.locale_id]
    links = []
    for child in children:
        page = child if active.pk == source_root.locale_id else translated.get(child.translation_key)
        if page is not None:
            links.append({"title": page.title, "url": page.get_url(request)})
        else:
            links.append({"title": child.title, "url": url_in_language(child, request), "lang": default.language_code})
    return links


@register.filter
def page_locale(page):
    """A page's locale, looked up once per request (``page.locale`` queries per page object)."""
    return locale_of(page)


@register.filter(name="public_url")
def public_url_filter(target):
    """A page's (or a path's) address on the public site, for links that leave it."""
    return public_url(target)


@register.simple_tag
def page_or_none(page_id):
    return Page.objects.filter(pk=page_id).first()


@register.filter
def ltr(value):
    """Phone numbers, postcodes, addresses and references keep their left-to-right order inside
    right-to-left text (Urdu): an isolated left-to-right run. ``|ltr`` after ``|linebreaksbr``."""
    if value in (None, ""):
        return ""
    return format_html('<bdi dir="ltr">{}</bdi>', value)
