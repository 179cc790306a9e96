"""What the home page shows, computed in plain functions so tests and other pages can call them."""

from django.utils import timezone


def home_page_sections(home_page, request, now=None):
    from consultations.models import ConsultationPage
    from youwedid.models import YouSaidWeDidPage

    now = now or timezone.now()
    locale = home_page.locale
    open_consultations = (
        ConsultationPage.objects.live()
        .filter(locale=locale, opens_at__lte=now, closes_at__gt=now)
        .order_by("closes_at")[:3]
    )
    latest_outcomes = YouSaidWeDidPage.objects.live().filter(locale=locale).order_by("-first_published_at")[:3]
    return {"featured_consultations": open_consultations, "latest_outcomes": latest_outcomes}
