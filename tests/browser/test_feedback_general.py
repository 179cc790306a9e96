from django.core.cache import cache

import pytest

from feedback.models import GeneralFeedback, PageUsefulness
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_share_your_views_empty_errors_and_confirmation_pass_axe(live_server, home_page, page, axe):
    page.goto(live_server.url + "/share-your-views/")
    assert page.locator("h1").inner_text() == "Share your views"
    assert axe_violations(axe, page) == []

    page.get_by_role("button", name="Send feedback").click()
    summary = page.locator(".nhsuk-error-summary")
    assert summary.is_visible()
    assert "Tell us what happened" in summary.inner_text()
    assert page.title().startswith("Error:")
    assert axe_violations(axe, page) == []
    # The summary's links move focus to the field.
    summary.get_by_role("link", name="Tell us what happened").click()
    assert page.evaluate("document.activeElement.id") == "id_what_happened"

    page.get_by_label("A health or care service").check()
    page.get_by_label("What happened?").fill("The phlebotomy clinic ran on time.")
    page.get_by_label("5 – Very good").check()
    page.get_by_role("button", name="Send feedback").click()
    assert page.locator("h1").inner_text() == "Thank you for your feedback"
    feedback = GeneralFeedback.objects.get()
    assert feedback.reference in page.locator(".hys-reference").inner_text()
    assert feedback.rating == 5
    assert axe_violations(axe, page) == []


def test_page_usefulness_prompt_works_without_javascript_and_passes_axe(
    live_server, home_page, browser, axe
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        prompt = page.locator("#page-feedback")
        assert "Is this page useful?" in prompt.inner_text()
        page.goto(live_server.url + "/")
        page.get_by_role("button", name="No this page is not useful").click()
        assert "how could we improve this page?" in page.locator("h1").inner_text()
        page.get_by_label("How could we improve this page? (optional)").fill(
            "Say when the consultations close."
        )
        page.get_by_role("button", name="Send comment").click()
        assert page.locator("h1").inner_text() == "Thank you for your feedback"
        answer = PageUsefulness.objects.get()
        assert (
            answer.useful is False
            and answer.path == "/"
            and answer.comment == "Say when the consultations close."
        )
    finally:
        context.close()


def test_page_usefulness_prompt_and_comment_page_pass_axe(live_server, home_page, page, axe):
    page.goto(live_server.url + "/")
    assert axe_violations(axe, page) == []
    page.get_by_role("button", name="No this page is not useful").click()
    assert axe_violations(axe, page) == []
