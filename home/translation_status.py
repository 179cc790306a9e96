"""Is a translated page behind its English source? Used to warn the public and translators."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Subquery, UUIDField
from django.db.models.functions import Cast

from wagtail.models import Page
from wagtail_localize.models import TranslationSource


def translation_is_outdated(page):
    """True when the source page was published after this translation was last synced.

    wagtail-localize records, for each translation, which revision of the source it was made from
    (TranslationSource.last_updated_at). A source published since then means the translation
    lags behind it. One query: the source page's publication time comes as a subquery.
    """
    if page.locale.language_code == _default_language():
        return False


    source_published_at = Page.objects.filter(
        translation_key=Cast(OuterRef("object_id"), output_field=UUIDField()), locale_id=OuterRef("locale_id")
    ).values("last_published_at")[:1]
    row = (
        TranslationSource.objects.filter(
            object_id=page.translation_key,
            specific_content_type=ContentType.objects.get_for_model(page.specific_class),
        )
        .annotate(source_published_at=Subquery(source_published_at))
        .values_list("last_updated_at", "source_published_at")
        .first()
    )
    if row is None or row[1] is None:
        return False
    last_synced_at, source_published_at = row
    return source_published_at > last_synced_at


def _default_language():
    return settings.LANGUAGE_CODE
