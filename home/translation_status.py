"""Is a translated page behind its English source? Used to warn the public and translators."""

from django.contrib.contenttypes.models import ContentType


def translation_is_outdated(page):
    """True when the source page was published after this translation was last synced.

    wagtail-localize records, for each translation, which revision of the source it was made from
    (TranslationSource.last_updated_at). A source published since then means the translation
    lags behind it.
    """
    if page.locale.language_code == _default_language():
        return False
    from wagtail_localize.models import TranslationSource

    source = (
        TranslationSource.objects.filter(
            object_id=page.translation_key,
            specific_content_type=ContentType.objects.get_for_model(page.specific_class),
        )
        .only("last_updated_at", "locale_id")
        .first()
    )
    if source is None:
        return False
    from wagtail.models import Page

    source_published_at = (
        Page.objects.filter(translation_key=page.translation_key, locale_id=source.locale_id)
        .values_list("last_published_at", flat=True)
        .first()
    )
    if source_published_at is None:
        return False
    return source_published_at > source.last_updated_at


def _default_language():
    from django.conf import settings

    return settings.LANGUAGE_CODE
