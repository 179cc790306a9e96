import pytest

from feedback.factories import about_you_section, add_form, make_consultation
from partners.factories import make_partner


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
def partner(db):
    return make_partner()


@pytest.fixture
def good_answers():
    return {
        "support": "agree",
        "use_service": "yes",
        "visits": "3",
        "reasons": "It is closer to the bus station.",
        "publication_consent": "anonymous",
    }
