"""Property-based: whatever arrives in the general feedback forms, the answer is a page, never a 500."""

from django.core.cache import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from feedback.models import GeneralFeedback, PageUsefulness

pytestmark = pytest.mark.django_db

anything = st.text(alphabet=st.characters(codec="utf-8"), max_size=300) | st.sampled_from(
    [
        "",
        "x" * 6000,
        "\x00",
        "\ud7ff\u202e\ufeff",
        "<script>alert(1)</script>",
        "5",
        "0",
        "-1",
        "service",
    ]
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(about=anything, what_happened=anything, rating=anything, email=anything, phone=anything)
def test_share_your_views_never_fails_on_odd_input(
    client, home_page, about, what_happened, rating, email, phone
):
    cache.clear()
    before = GeneralFeedback.objects.count()
    data = {
        "about": about,
        "what_happened": what_happened,
        "rating": rating,
        "email": email,
        "phone": phone,
    }
    response = client.post("/share-your-views/", data)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert "There is a problem" in response.content.decode()
        assert GeneralFeedback.objects.count() == before
    else:
        stored = GeneralFeedback.objects.order_by("-pk").first()
        assert "\x00" not in stored.what_happened and stored.what_happened.strip()
        assert stored.rating in (None, 1, 2, 3, 4, 5)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(useful=anything, path=anything, page=anything)
def test_page_usefulness_never_fails_on_odd_input(client, home_page, useful, path, page):
    cache.clear()
    response = client.post("/page-feedback/", {"useful": useful, "path": path, "page": page})
    assert response.status_code in (302, 400)
    if response.status_code == 302:
        answer = PageUsefulness.objects.order_by("-pk").first()
        assert answer.path.startswith("/") and not answer.path.startswith("//")
