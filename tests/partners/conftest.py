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
        "reasons": "It is closer to the bus station.",
        "publication_consent": "anonymous",
    }
