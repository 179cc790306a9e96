"""Translate pages and snippets in code, through wagtail-localize, as a translator would.

For ``load_demo`` and tests. The result is exactly what the translation editor makes: a
``TranslationSource`` for the English object, a ``Translation`` into the target locale, a
``StringTranslation`` for each segment we have a translation for, then ``save_target()``. Segments
we have no translation for fall back to the source text, and the translation stays "synced", so a
translator later sees it in wagtail-localize's editor and can finish or correct it there.

    from home.translation import translate_page, translate_snippet

    translate_page(page, "pl", {"Have your say": "Wyraź swoją opinię"})
    translate_snippet(topic, "ur", {"Mental health": "ذہنی صحت"})

``strings`` maps the English text of a segment to its translation. A segment's text is what
wagtail-localize extracts: a title, a plain-text field, one block of a rich text field (one
paragraph or list item, with inline tags kept and links written ``<a id="a1">…</a>``). Keys are
matched exactly, then with whitespace collapsed.

wagtail-localize's own ``save_target()`` publishes in ``transaction.on_commit`` (inside a test
using the ``db`` fixture that never happens unless wrapped in
``django_capture_on_commit_callbacks(execute=True)``); these helpers publish at once instead —
see ``_save_target`` for why.
"""

import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, Locale, Page, Revision
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

_SPACE = re.compile(r"\s+")

# Site settings whose default text is shown to the public: listed here so that makemessages puts
# them in the catalogues, and templates translate them with {% translate value %} (a changed
# setting has no catalogue entry and is shown as written).
SETTING_DEFAULTS = [
    gettext_noop("This is a new service. Your feedback will help us improve it."),
]


def _normalise(text):
    return _SPACE.sub(" ", text or "").strip()


def _locale(locale):
    if isinstance(locale, Locale):
        return locale
    return Locale.objects.get_or_create(language_code=locale)[0]


def source_segments(instance):
    """The English texts wagtail-localize extracts from ``instance`` (helps writing ``strings``)."""
    instance = _specific(instance)
    _blank_missing_text(instance)
    source, _ = TranslationSource.update_or_create_from_instance(instance)
    return list(
        StringSegment.objects.filter(source=source).order_by("order").values_list("string__data", flat=True)
    )


def _blank_missing_text(instance):
    """Give text blocks that have no value at all (``None``: content made in code that left a
    key out, never the editor) an empty string, in memory: wagtail-localize cannot extract None."""

    def walk(value, block):
        if value is None:
            return
        if isinstance(block, blocks.StreamBlock) or isinstance(value, blocks.StreamValue):
            for child in value:
                walk(child.value, child.block)
        elif isinstance(block, blocks.StructBlock):
            for name, child_block in block.child_blocks.items():
                child_value = value.get(name)
                if child_value is None and isinstance(child_block, (blocks.CharBlock, blocks.TextBlock)):
                    value[name] = ""
                else:
                    walk(child_value, child_block)
        elif isinstance(block, blocks.ListBlock):
            for item in value:
                walk(item, block.child_block)

    for field in instance._meta.get_fields():
        if isinstance(field, StreamField):
            walk(getattr(instance, field.name), field.stream_block)


def _specific(instance):
    return instance.specific if isinstance(instance, Page) else instance


@transaction.atomic
def translate_object(instance, locale, strings, *, publish=True, user=None):
    """Translate any translatable ``instance`` (a page or snippet in the source language).

    Returns the ``Translation`` record; ``translated_instance()`` gives the translated object.
    """
    instance = _specific(instance)
    _blank_missing_text(instance)
    target = _locale(locale)
    if target.pk == instance.locale_id:
        raise ValueError("An object cannot be translated into its own language.")
    # Bring the source up to date with the instance as it is now (a no-op when nothing changed).
    source, _ = TranslationSource.update_or_create_from_instance(instance)
    translation, _ = Translation.objects.update_or_create(source=source, target_locale=target, defaults={"enabled": True})

    exact = dict(strings)
    loose = {_normalise(key): value for key, value in strings.items()}
    now = timezone.now()
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        text = segment.string.data
        translated = exact.get(text)
        if translated is None:
            translated = loose.get(_normalise(text))
        if not translated:
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=target,
            context=segment.context,
            defaults={
                "data": translated,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "tool_name": "home.translation",
                "last_translated_by": user,
                "has_error": False,
                "updated_at": now,
            },
        )
    translation.translations_last_updated_at = now
    translation.save(update_fields=["translations_last_updated_at"])
    _save_target(translation, user=user, publish=publish)
    return translation


def _save_target(translation, *, user, publish):
    """``Translation.save_target``, but publishing at once rather than on commit.

    wagtail-localize publishes the new revision in ``transaction.on_commit``, which never comes in
    a test using the ``db`` fixture, and comes only at the end of ``load_demo``'s transaction.
    Publishing straight away makes the page live when this returns. (The stale ``numchild`` that
    a late publish used to write back is prevented for every path by home.tree.)
    """
    original = translation.source.as_instance()
    if not isinstance(original, DraftStateMixin):
        translation.save_target(user=user, publish=True)
        return
    translation.save_target(user=user, publish=False)
    if publish:
        target = translation.source.get_translated_instance(translation.target_locale)
        revision = Revision.objects.get(pk=target.latest_revision_id)
        revision.publish(user=user)


def translate_page(page, locale, strings, publish=True, user=None):
    """Translate an English page into ``locale`` (a Locale or language code).

    Parents that are not yet translated are copied (untranslated, as drafts) first, as the editor
    does: translate the parents first. The translated page is published when ``publish`` is true.
    """
    return translate_object(page, locale, strings, publish=publish, user=user)


def translate_snippet(snippet, locale, strings, publish=True, user=None):
    """Translate a translatable snippet (a ``TranslatableMixin`` model) into ``locale``."""
    return translate_object(snippet, locale, strings, publish=publish, user=user)


def translated_instance(instance, locale):
    """The translation of ``instance`` in ``locale``, or None."""
    return _specific(instance).get_translation_or_none(_locale(locale))


def resync(instance, locale, publish=True, user=None):
    """Bring a translation up to date with its (changed) source, keeping the strings translated so
    far: what a translator's "Sync translated pages" does."""
    return translate_object(instance, locale, {}, publish=publish, user=user)
