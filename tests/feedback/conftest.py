import pytest


@pytest.fixture(autouse=True)
def _fresh_rate_limits(fresh_rate_limits):
    """Every test here is about a form, not its limits (consultation, form_page and partner are
    the root conftest's)."""


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
