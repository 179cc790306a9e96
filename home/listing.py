"""The pages the public may find through a list: search results and the sitemap.

Live, public (no view restriction) pages, less whatever another app keeps out of lists. Such an
app registers a ``hide_from_public_lists`` Wagtail hook: a function that takes a Page queryset
and returns it narrowed (consultations: unlisted and invited consultations and the pages under
them). home never imports those apps; they come to it through the hook.
"""

from django.db.models import QuerySet

from wagtail import hooks
from wagtail.models import Page

HIDE_FROM_PUBLIC_LISTS = "hide_from_public_lists"


def listed_pages(queryset: QuerySet[Page] | None = None) -> QuerySet[Page]:
    pages = (queryset if queryset is not None else Page.objects.all()).live().public()
    for narrow in hooks.get_hooks(HIDE_FROM_PUBLIC_LISTS):
        pages = narrow(pages)
    return pages
