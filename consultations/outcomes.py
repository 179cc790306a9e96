"""Which outcome, if any, is published for a consultation: the one place any app asks.

The outcome pages belong to youwedid, an app above this one, so this module never imports them:
it reaches them through the schema, the reverse relation `ConsultationPage.outcomes` that
`YouSaidWeDidPage.consultations` declares. The link is stored against the *source-language*
consultation; a translated consultation finds its outcome through its translation_key.
"""

from collections.abc import Iterable

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist

from wagtail.models import Page


def _consultation_model():
    return apps.get_model("consultations", "ConsultationPage")


def outcome_model() -> type[Page] | None:
    """The outcome page model behind `ConsultationPage.outcomes`; None when no app declares it."""
    try:
        return _consultation_model()._meta.get_field("outcomes").related_model
    except FieldDoesNotExist:
        return None


def live_outcome_for(consultation: Page) -> Page | None:
    """The live outcome page for this consultation, in its language when that exists."""
    model = outcome_model()
    if model is None:
        return None
    outcome = (
        model.objects.live()
        .filter(consultations__translation_key=consultation.translation_key)
        .order_by("-first_published_at")
        .first()
    )
    if outcome is None:
        return None
    if outcome.locale_id != consultation.locale_id:
        return outcome.get_translation_or_none(consultation.locale) or outcome
    return outcome


def translation_keys_with_live_outcome(translation_keys: Iterable) -> set:
    """Bulk form for listings: which of these translation keys have a live outcome."""
    if outcome_model() is None:
        return set()
    return set(
        _consultation_model()
        .objects.filter(translation_key__in=list(translation_keys), outcomes__live=True)
        .values_list("translation_key", flat=True)
    )
