"""Which outcome, if any, is published for a consultation. The one place both apps ask.

The link is stored on the outcome (YouSaidWeDidPage.consultations) against the *source-language*
consultation; a translated consultation finds its outcome through its translation_key.
"""


def live_outcome_for(consultation):
    """The live outcome page for this consultation, in the consultation's language when it exists."""
    from youwedid.models import YouSaidWeDidPage

    outcome = (
        YouSaidWeDidPage.objects.live()
        .filter(consultations__translation_key=consultation.translation_key)
        .order_by("-first_published_at")
        .first()
    )
    if outcome is None:
        return None
    if outcome.locale_id != consultation.locale_id:
        return outcome.get_translation_or_none(consultation.locale) or outcome
    return outcome


def translation_keys_with_live_outcome(translation_keys):
    """Bulk form for listings: which of these consultations (by translation_key) have a live outcome."""
    from youwedid.models import YouSaidWeDidPage

    return set(
        YouSaidWeDidPage.objects.live()
        .filter(consultations__translation_key__in=list(translation_keys))
        .values_list("consultations__translation_key", flat=True)
    )
