"""What is translated, out of date or missing, for a page and everything under it, per language.

For translators and the comms officer who asks for translations (issue 14): one row per page (a
consultation, its response form — whose questions and answer choices are among its texts — and
its materials), one cell per language. Each cell links to the place to act: "Translate this
page", wagtail-localize's editor (where the PO file is downloaded and uploaded), or "Update
translations".
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from home.fallback import source_page

MISSING = "missing"
ALIAS = "alias"
DRAFT = "draft"
OUTDATED = "outdated"
INCOMPLETE = "incomplete"
TRANSLATED = "translated"

STATE_LABELS = {
    MISSING: _("Not translated"),
    ALIAS: _("Not translated (shows the source page)"),
    DRAFT: _("Draft: not published yet"),
    OUTDATED: _("Out of date: the source has changed"),
    INCOMPLETE: _("Published, some texts not translated"),
    TRANSLATED: _("Translated and published"),
}
# Wagtail's status tags: the word says the state, the outline only separates "done" from the rest.
STATE_TAGS = {
    MISSING: "w-status--label",
    ALIAS: "w-status--label",
    DRAFT: "w-status--label",
    OUTDATED: "w-status--label",
    INCOMPLETE: "w-status--label",
    TRANSLATED: "w-status--primary",
}
UNTRANSLATED_SHOWN = 20


@dataclass
class LanguageStatus:
    locale: Locale
    state: str
    page: Page | None = None
    translation: Translation | None = None
    total: int = 0
    done: int = 0
    untranslated: list[str] = field(default_factory=list)

    @property
    def label(self):
        return STATE_LABELS[self.state]

    @property
    def tag_class(self):
        return STATE_TAGS[self.state]

    @property
    def edit_url(self) -> str | None:
        return reverse("wagtailadmin_pages:edit", args=[self.page.pk]) if self.page else None

    @property
    def po_download_url(self) -> str | None:
        if self.translation is None:
            return None
        return reverse("wagtail_localize:download_pofile", args=[self.translation.pk])

    @property
    def update_url(self) -> str | None:
        if self.translation is None:
            return None
        return reverse("wagtail_localize:update_translations", args=[self.translation.source_id])


@dataclass
class PageStatus:
    page: Page
    level: int
    languages: list[LanguageStatus]

    @property
    def translate_url(self) -> str:
        return reverse("wagtail_localize:submit_page_translation", args=[self.page.pk])


def untranslated_texts(translation: Translation, limit: int = UNTRANSLATED_SHOWN) -> list[str]:
    """The source texts with no translation into the translation's language, in page order."""
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=translation.target_locale_id,
        has_error=False,
    )
    return list(
        StringSegment.objects.filter(source_id=translation.source_id)
        .exclude(Exists(translated))
        .order_by("order")
        .values_list("string__data", flat=True)[:limit]
    )


def language_status(source: Page, locale: Locale) -> LanguageStatus:
    target = source.get_translation_or_none(locale)
    if target is None:
        return LanguageStatus(locale, MISSING)
    if target.alias_of_id:
        return LanguageStatus(locale, ALIAS, page=target)
    translation = (
        Translation.objects.filter(source__object_id=source.translation_key, target_locale=locale)
        .select_related("source")
        .first()
    )
    if translation is None:  # made by hand in the page editor, not through wagtail-localize
        return LanguageStatus(locale, TRANSLATED if target.live else DRAFT, page=target)
    total, done = translation.get_progress()
    untranslated = untranslated_texts(translation) if done < total else []
    source_changed = bool(
        source.last_published_at and source.last_published_at > translation.source.last_updated_at
    )
    if not target.live:
        state = DRAFT
    elif source_changed:
        state = OUTDATED
    elif done < total:
        state = INCOMPLETE
    else:
        state = TRANSLATED
    return LanguageStatus(locale, state, target, translation, total, done, untranslated)


def translation_report(page: Page) -> list[PageStatus]:
    """A row for ``page`` (in the source language) and each page below it."""
    page = source_page(page)
    locales = list(Locale.objects.exclude(pk=page.locale_id).order_by("language_code"))
    pages = (
        Page.objects.filter(path__startswith=page.path, locale_id=page.locale_id)
        .order_by("path")
        .specific()
    )
    return [
        PageStatus(p, p.depth - page.depth, [language_status(p, locale) for locale in locales])
        for p in pages
    ]
