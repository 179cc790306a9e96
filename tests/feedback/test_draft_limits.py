"""What an unfinished response may hold in the session before it is valid (issue 15, point 4)."""

from django.contrib.sessions.models import Session

import pytest

from tests.feedback.helpers import STEP1, post, step_url

pytestmark = pytest.mark.django_db


def session_chars():
    return sum(len(session.session_data) for session in Session.objects.all())


def test_an_answer_far_over_its_limit_is_refused_with_an_error_and_not_stored(client, form_page):
    huge = "x" * 1_000_000  # under Django's 2.5 MB upload limit
    for _ in range(10):
        response = post(client, step_url(form_page, 1), {**STEP1, "reasons": huge})
        assert response.status_code == 200
    html = response.content.decode()
    assert "Your answer is too long to save" in html
    assert "nhsuk-error-summary" in html
    assert session_chars() < 20_000  # before the bound: 10 requests left over 10 MB here


def test_repeated_values_for_one_answer_are_not_stored(client, form_page):
    response = post(client, step_url(form_page, 1), {**STEP1, "support": ["agree"] * 900})
    assert response.status_code == 200
    assert "Select each answer once only" in response.content.decode()
    assert session_chars() < 20_000


def test_a_draft_over_its_total_bound_is_refused(client, form_page, settings):
    settings.FEEDBACK_DRAFT_MAX_CHARS = 200
    response = post(
        client, step_url(form_page, 1), {**STEP1, "reasons": "A sensible answer. " * 15}
    )
    assert response.status_code == 200
    assert "Your answers are too long to save" in response.content.decode()


def test_an_answer_a_little_over_its_limit_is_kept_for_the_person_to_shorten(client, form_page):
    long_answer = "y" * 2100  # the question allows 2,000: shown with the form's own error, and kept
    response = client.post(
        step_url(form_page, 1), {**STEP1, "reasons": long_answer, "action": "save"}
    )
    assert response.status_code == 302
    assert client.session[f"hys_response_{form_page.pk}"]["data"]["reasons"] == [long_answer]
