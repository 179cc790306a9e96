"""What an outcome page shows, computed in plain functions."""

from django.utils import translation

from wagtail.models import Locale

from consultations import visibility
from consultations.models import ConsultationPage
from youwedid.notifications import source_outcome
from youwedid.summary import engagement_summary


def source_consultations(outcome):
    return list(source_outcome(outcome).consultations.all().order_by("closes_at"))


def consultations_in_language(consultations, locale):
    """Each consultation in this language when a live translation exists, else as it is."""
    keys = [c.translation_key for c in consultations]
    translated = {
        page.translation_key: page
        for page in ConsultationPage.objects.live().filter(translation_key__in=keys, locale=locale)
    }
    return [
        translated.get(c.translation_key, c)
        for c in consultations
        if c.live or c.translation_key in translated
    ]


def outcome_page_context(outcome):
    sources = source_consultations(outcome)
    locale = outcome.locale if outcome.locale_id else Locale.get_default()
    with translation.override(locale.language_code):
        summary = engagement_summary(sources)
    items = list(outcome.items.all())
    return {
        "linked_consultations": consultations_in_language(visibility.only_listed(sources), locale),
        "engagement": summary,
        "outcome_items": items,
        "status_counts": {
            status: sum(1 for item in items if item.status == status)
            for status in ("changed", "will_change", "could_not_change")
        },
    }
