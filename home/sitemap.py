"""/sitemap.xml: Wagtail's sitemap, in every language, each page with its hreflang alternates.

Wagtail's own ``Sitemap`` lists the descendants of the site's root page, which is the English
home page only: the Welsh, Polish and Urdu trees are its siblings. Here the items are the live,
public pages under the root page's translations, aliases left out (an alias repeats another
page's content under a second address), and each entry names its translations as
``<xhtml:link rel="alternate" hreflang="…">`` with the source language as ``x-default``.
Addresses come from ``PUBLIC_BASE_URL`` (home.public_urls).
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from home.listing import listed_pages
from home.public_urls import public_url


def sitemap_pages(root: Page):
    """Listed (home.listing), non-alias pages under ``root`` and under each of its translations."""
    trees = Q()
    for home in Page.objects.filter(translation_key=root.translation_key, locale__isnull=False):
        trees |= Q(path__startswith=home.path, depth__gte=home.depth)
    return listed_pages(Page.objects.filter(trees, alias_of__isnull=True))


class MultilingualSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        return sitemap_pages(root).order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        root = self.get_wagtail_site().root_page
        translations = defaultdict(list)
        for translated in (
            sitemap_pages(root)
            .filter(translation_key__in={item.translation_key for item in items})
            .select_related("locale")
            .order_by("path")
        ):
            translations[translated.translation_key].append(translated)

        urls, last_mods = [], set()
        for item in items:
            for url_info in item.get_sitemap_urls(self.request):
                url_info["location"] = public_url(item, self.request)
                url_info["alternates"] = self._alternates(translations[item.translation_key])
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    def _alternates(self, pages):
        if len(pages) < 2:
            return []
        order = [code for code, _name in settings.LANGUAGES]
        pages = sorted(
            pages,
            key=lambda p: (
                order.index(p.locale.language_code)
                if p.locale.language_code in order
                else len(order)
            ),
        )
        alternates = [
            {"lang_code": p.locale.language_code, "location": public_url(p, self.request)}
            for p in pages
        ]
        source = next((a for a in alternates if a["lang_code"] == settings.LANGUAGE_CODE), None)
        if source is not None:
            alternates.append({"lang_code": "x-default", "location": source["location"]})
        return alternates
