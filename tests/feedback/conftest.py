import pytest

from feedback.factories import about_you_section, add_form, make_consultation


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):
    from django.core.cache import cache

    cache.clear()
    settings.FEEDBACK_RATE_LIMIT = "10000/h"
    settings.RECAPTCHA_ENABLED = False


@pytest.fixture
def consultation(home_page):
    return make_consultation(home_page)


@pytest.fixture
def form_page(consultation):
    return add_form(consultation, about_you=about_you_section())


@pytest.fixture
def good_answers():
    return {
        "support": "agree",
        "use_service": "yes",
        "visits": "3",
        "travel": ["bus", "walk"],
        "reasons": "It is closer to the bus station.",
        "priorities": {"parking": "very", "hours": "quite"},
        "rating": "4",
        "last_visit": "2025-03-27",
        "postcode": "nf1 2ab",
        "about_age_band": "35_44",
        "publication_consent": "anonymous",
    }


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser(
        "boss-uploads", "boss@example.org", "pw-for-tests-only"
    )
