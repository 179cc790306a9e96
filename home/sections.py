"""What the home page shows, computed in plain functions so tests and other pages can call them."""

from django.utils import timezone


def home_page_sections(home_page, request, now=None):
    from consultations.models import ConsultationPage
    from youwedid.models import YouSaidWeDidPage

    now = now or timezone.now()
    locale = home_page.locale
    open_consultations = open_in_language(ConsultationPage.objects.live().listed().filter(opens_at__lte=now, closes_at__gt=now), locale)[:3]
    latest_outcomes = YouSaidWeDidPage.objects.live().filter(locale=locale).order_by("-first_published_at")[:3]
    return {"featured_consultations": open_consultations, "latest_outcomes": latest_outcomes}


def open_in_language(consultations, locale):
    """The consultations in ``locale``, and those not (yet) published in it in the source language,
    by closing date: a language with nothing translated never says "nothing open" while something
    is. The template marks the source-language ones (``lang`` and "Shown in English")."""
    from wagtail.models import Locale

    in_language = consultations.filter(locale=locale).select_related("locale")
    default = Locale.get_default()
    if locale.pk == default.pk:
        return list(in_language.order_by("closes_at"))
    untranslated = (
        consultations.filter(locale=default)
        .exclude(translation_key__in=in_language.values("translation_key"))
        .select_related("locale")
    )
    return sorted([*in_language, *untranslated], key=lambda page: page.closes_at)
