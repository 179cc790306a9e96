"""Which consultations an outcome may be linked to."""

from django.utils.translation import gettext as _

from wagtail.models import Locale


def consultation_errors(outcome, consultations):
    """Messages explaining why these consultations cannot be linked to this outcome (empty: fine).

    Links go to source-language consultations (translations of the outcome keep the same links),
    and a consultation can have at most one published outcome.
    """
    # circular: youwedid.models imports this module
    from youwedid.models import YouSaidWeDidPage

    errors = []
    consultations = list(consultations)
    if not consultations:
        return errors
    default_locale = Locale.get_default()
    translated = [c for c in consultations if c.locale_id != default_locale.pk]
    if translated:
        errors.append(
            _("Choose the %(language)s version of: %(titles)s.")
            % {"language": default_locale.get_display_name(), "titles": ", ".join(c.title for c in translated)}
        )
    keys = {c.translation_key for c in consultations}
    others = YouSaidWeDidPage.objects.live().filter(consultations__translation_key__in=keys)
    if outcome.translation_key:
        others = others.exclude(translation_key=outcome.translation_key)
    taken = {}
    for other in others.distinct():
        for consultation in other.consultations.all():
            if consultation.translation_key in keys:
                taken.setdefault(consultation.title, other.title)
    for consultation_title, other_title in sorted(taken.items()):
        errors.append(
            _("'%(consultation)s' already has a published outcome: '%(outcome)s'.")
            % {"consultation": consultation_title, "outcome": other_title}
        )
    return errors
