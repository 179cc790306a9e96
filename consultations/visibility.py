"""Who can find a consultation and who can read it: the one rule, for every surface.

A consultation is *public* (listed everywhere), *unlisted* (anyone with the address can read and
respond; it is listed nowhere) or *invited* (only a visitor who opened an invitation link, or
signed-in staff who may edit it, can read and respond). Every language follows the source-language
page: publishing it sets the same visibility on each translation, and a translation published
later takes the source's value (`keep_translations_in_step`). Lists go further and leave out a
consultation if any of its languages is hidden, so nothing leaks in between.

Anything that lists consultations for the public (the index, the home page, feeds, iCalendar,
search, the sitemap, the partner API, embeds, oEmbed, "related" lists, outcome pages, alerts)
passes its queryset through `publicly_listed()` or asks `is_publicly_listed(page)`; pages
*under* a hidden consultation (materials, the response form) are left out by
`publicly_listed_pages()` (registered with home through the `hide_from_public_lists` hook).
Tests in tests/consultations/test_visibility_surfaces.py check each surface.
"""

import functools

from django.db.models import Q, QuerySet

from wagtail.models import Locale, Page

from consultations.choices import Visibility
from consultations.invitations import invitation_from_request
from consultations.models import ConsultationPage
from home.internals import known_parent, remember_parent


def hidden_translation_keys() -> QuerySet:
    """Translation keys of consultations that are unlisted or invited in any language (lazy)."""
    return (
        ConsultationPage.objects.exclude(visibility=Visibility.PUBLIC)
        .values("translation_key")
        .distinct()
    )


def publicly_listed(queryset: QuerySet) -> QuerySet:
    """``queryset`` of consultation pages without the unlisted and invited ones."""
    return queryset.exclude(translation_key__in=hidden_translation_keys())


def is_publicly_listed(page: ConsultationPage) -> bool:
    """May this consultation appear in a list, feed, search result, alert or API for the public?"""
    return page.visibility == Visibility.PUBLIC


def is_invited(page: ConsultationPage) -> bool:
    return page.visibility == Visibility.INVITED


def keep_translations_in_step(sender, instance, **kwargs) -> None:
    """On publish (page_published), every language takes the source-language page's visibility:
    publishing the source sets it on each translation; publishing a translation takes the
    source's live value back, so a translation made before a change can never reopen it."""
    source = (
        ConsultationPage.objects.filter(
            translation_key=instance.translation_key, locale=Locale.get_default()
        )
        .only("visibility", "live")
        .first()
    )
    if source is None:
        return
    if source.pk == instance.pk:
        ConsultationPage.objects.filter(translation_key=instance.translation_key).exclude(
            pk=instance.pk
        ).exclude(visibility=instance.visibility).update(visibility=instance.visibility)
        return
    if instance.visibility != source.visibility:
        ConsultationPage.objects.filter(pk=instance.pk).update(visibility=source.visibility)
        instance.visibility = source.visibility


def hidden_consultation_paths() -> list[str]:
    """Tree paths of every hidden consultation (every language): their subtrees are unlisted."""
    return list(
        ConsultationPage.objects.filter(translation_key__in=hidden_translation_keys()).values_list(
            "path", flat=True
        )
    )


def publicly_listed_pages(queryset: QuerySet[Page]) -> QuerySet[Page]:
    """Any page queryset without hidden consultations and the pages under them."""
    paths = hidden_consultation_paths()
    if not paths:
        return queryset
    under = Q()
    for path in paths:
        under |= Q(path__startswith=path)
    return queryset.exclude(under)


@functools.cache
def _lives_under_consultations(page_class) -> bool:
    return ConsultationPage in page_class.allowed_parent_page_models()


def consultation_of(page: Page) -> ConsultationPage | None:
    """The consultation a page is, or sits directly under (a material, the response form).

    The parent is loaded as a ConsultationPage in one query and cached where treebeard's
    ``get_parent()`` (and ``feedback.services.consultation_for``) look, so serving a response
    form costs no query more than before."""
    specific_class = page.specific_class
    if specific_class is None:
        return None
    if issubclass(specific_class, ConsultationPage):
        return page.specific
    if not _lives_under_consultations(specific_class) or page.depth < 2:
        return None
    parent = known_parent(page)
    if not isinstance(parent, ConsultationPage):
        parent = ConsultationPage.objects.filter(path=page.path[: -page.steplen]).first()
        if parent is not None:
            remember_parent(page, parent)
    return parent


def staff_may_read(user, consultation: ConsultationPage) -> bool:
    """Signed-in staff who may edit the consultation read it without an invitation."""
    if user is None or not user.is_authenticated:
        return False
    return consultation.permissions_for_user(user).can_edit()


def may_read(request, consultation: ConsultationPage) -> bool:
    """May this visitor read (and respond to) the consultation and the pages under it?"""
    if not is_invited(consultation):
        return True
    if staff_may_read(getattr(request, "user", None), consultation):
        return True
    return invitation_from_request(request, consultation) is not None


def only_listed(pages: list[ConsultationPage]) -> list[ConsultationPage]:
    """The publicly listed ones of pages already loaded (one query, whatever their number)."""
    if not pages:
        return []
    hidden = set(hidden_translation_keys().values_list("translation_key", flat=True))
    return [page for page in pages if page.translation_key not in hidden]
