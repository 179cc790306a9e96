"""A page asked for in a language it is not published in: the source page, with a note.

A translation stays a draft until a translator publishes it, and some pages (the privacy notice,
say) may never be translated. A visitor who follows a link to ``/cy/…`` or ``/ur/…`` for such a
page gets the English page rather than a 404: the header, footer and a "This page is not yet
available in Cymraeg" note in their language, the page's own text marked ``lang="en"``.

``TranslationFallbackMiddleware`` steps in only when Wagtail's serve view raised ``Http404`` for
a language other than the default. It walks the requested path down the visitor's language tree
(drafts included, so translated slugs are understood) and the source tree side by side, and serves
the source page through Wagtail's own ``before_serve_page`` and ``on_serve_page`` hooks, so view
restrictions and everything else the serve view does still apply. When the page turns out to have
a live translation under another address, the visitor is sent there instead.
"""

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import get_language, get_language_info

from wagtail import hooks
from wagtail.models import Locale, Page, Site

from home.request_memo import default_locale, locale_of


def source_page(page: Page, default: Locale | None = None) -> Page:
    """The page in the site's source (default) language: the page itself when it is the source,
    or when it has no source-language version. Responses, format requests, outcome emails and
    the "read it in English" link all hang off that one. ``default``: the default Locale when
    the caller has it already."""
    if default is None:
        try:
            default = default_locale()
        except Locale.DoesNotExist:
            return page
    if page.locale_id == default.pk:
        return page
    source = page.get_translation_or_none(default)
    return source.specific if source is not None else page


def content_language(page: Page) -> str:
    """The language a page's text is written in: its source's for an alias of another language."""
    if page.alias_of_id:
        source = Page.objects.filter(pk=page.alias_of_id).select_related("locale").first()
        if source is not None:
            return source.locale.language_code
    return locale_of(page).language_code


def shown_in_another_language(page: Page, language: str | None = None) -> str | None:
    """The page's own language when the visitor asked for another one, else None."""
    language = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    written_in = content_language(page)
    return written_in if written_in != language else None


def language_attributes(code: str) -> dict[str, str]:
    return {"lang": code, "dir": "rtl" if get_language_info(code)["bidi"] else "ltr"}


def source_page_for_path(
    site: Site, locale: Locale, components: list[str]
) -> tuple[Page, Page | None, list[str]]:
    """Walk ``components`` down the source tree and ``locale``'s tree together.

    Returns the deepest source page reached, its page in ``locale`` (any state, or None) and the
    components left over for the source page's own ``route()`` (a RoutablePage's sub-pages).
    """
    source = site.root_page
    if source.locale_id != default_locale().pk:
        source = source.get_translation(default_locale())
    translated = source.get_translation_or_none(locale)
    for index, slug in enumerate(components):
        child = (
            translated.get_children().filter(slug=slug).first() if translated is not None else None
        )
        if child is not None:
            source_child = Page.objects.filter(
                translation_key=child.translation_key, locale_id=source.locale_id
            ).first()
        else:
            source_child = source.get_children().filter(slug=slug).first()
            child = (
                source_child.get_translation_or_none(locale) if source_child is not None else None
            )
        if source_child is None:
            return source, translated, components[index:]
        source, translated = source_child, child
    return source, translated, []


def serve_page(request, page: Page, args, kwargs) -> HttpResponse:
    """What Wagtail's serve view does once it has a route: its hooks, then ``page.serve()``."""

    def serve(page, request, args, kwargs):
        return page.serve(request, *args, **kwargs)

    chain = serve
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        chain = fn(chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, args, kwargs)


def fallback_response(request, path: str) -> HttpResponse | None:
    language = (get_language() or "").split("-")[0]
    if not language or language == settings.LANGUAGE_CODE:
        return None
    site = Site.find_for_request(request)
    locale = Locale.objects.filter(language_code=language).first()
    if site is None or locale is None:
        return None
    source, translated, remaining = source_page_for_path(
        site, locale, [c for c in path.split("/") if c]
    )
    if not remaining and translated is not None and translated.live:
        url = translated.get_url(request)
        if url and url != request.path:
            return HttpResponseRedirect(url)
    try:
        page, args, kwargs = source.specific.route(request, remaining)
    except Http404:
        return None
    return serve_page(request, page, args, kwargs)


class TranslationFallbackMiddleware:
    """Serves the source page where Wagtail found nothing published in the visitor's language."""

    def __init__(self, get_response):
        # here, not at the top: wagtail.views loads the Page model, and apps' models import this
        # module (source_page) while the app registry is still loading
        from wagtail import views as wagtail_views

        self.get_response = get_response
        self.serve_view = wagtail_views.serve

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is self.serve_view and view_args:
            request.hys_page_path = view_args[0]

    def process_exception(self, request, exception):
        path = getattr(request, "hys_page_path", None)
        if path is None or not isinstance(exception, Http404):
            return None
        return fallback_response(request, path)


def url_in_language(page: Page, request, language: str | None = None) -> str | None:
    """The page's address under the visitor's language prefix (``/ur/privacy-notice/``), where
    the fallback serves it in their language's surroundings until it is translated."""
    url = page.get_url(request)
    language = language or get_language()
    if not url or not language:
        return url
    with translation.override(settings.LANGUAGE_CODE):
        return translate_url(url, language)
