from django.core.cache import cache
from django.urls import reverse

import pytest

from feedback.general.demo import load_general_feedback_demo
from feedback.models import GeneralFeedback, PageUsefulness
from security.public_forms import HONEYPOT_FIELD

pytestmark = pytest.mark.django_db

URL = "/share-your-views/"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def valid(**extra):
    data = {
        "about": "service",
        "service_name": "Riverside Health Centre",
        "what_happened": "I waited two hours in the walk-in centre.",
        "what_was_good": "Kind nurses.",
        "what_could_be_better": "Tell people the waiting time.",
        "rating": "3",
        "name": "",
        "email": "",
        "phone": "",
        HONEYPOT_FIELD: "",
    }
    data.update(extra)
    return data


def test_share_your_views_form_shows_every_question(client, home_page):
    html = client.get(URL).content.decode()
    for text in [
        "Share your views",
        "What happened?",
        "What was good? (optional)",
        "What could be better? (optional)",
        "Overall, how would you rate it? (optional)",
        "Email address (optional)",
        "Phone number (optional)",
    ]:
        assert text in html
    assert 'name="rating"' in html and 'value="5"' in html
    assert "You can enter up to 5000 characters." in html


def test_sending_feedback_stores_it_and_shows_a_reference(client, home_page):
    response = client.post(URL, valid(email="pat@example.com"), follow=True)
    feedback = GeneralFeedback.objects.get()
    assert feedback.what_happened == "I waited two hours in the walk-in centre."
    assert (
        feedback.rating == 3
        and feedback.email == "pat@example.com"
        and feedback.locale.language_code == "en"
    )
    assert response.redirect_chain[-1][0] == reverse("feedback:share_your_views_sent")
    assert feedback.reference in response.content.decode()
    assert "Thank you for your feedback" in response.content.decode()


def test_missing_and_bad_answers_show_the_error_summary_and_save_nothing(client, home_page):
    response = client.post(
        URL,
        valid(
            about="nonsense", what_happened="  ", rating="9", email="not-an-email", phone="call me"
        ),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert GeneralFeedback.objects.count() == 0
    assert "There is a problem" in html
    assert '<a href="#id_what_happened">Tell us what happened</a>' in html
    assert '<a href="#id_about_0">Select what your feedback is about</a>' in html
    assert "Select a rating from 1 to 5" in html
    assert "Enter an email address in the correct format" in html
    assert "Enter a phone number" in html
    assert "nhsuk-form-group--error" in html
    assert "<title>Error:" in html


def test_overlong_text_and_nul_bytes_are_refused_without_a_500(client, home_page):
    response = client.post(URL, valid(what_happened="x" * 5001, what_was_good="bad\x00byte"))
    assert response.status_code == 200
    assert GeneralFeedback.objects.count() == 0
    assert "What happened must be 5,000 characters or fewer" in response.content.decode()


def test_odd_unicode_is_normalised_and_control_characters_dropped(client, home_page):
    client.post(URL, valid(what_happened="Cafe\u0301 was shut\x07 all day"))
    assert GeneralFeedback.objects.get().what_happened == "Caf\u00e9 was shut all day"


def test_honeypot_is_refused_with_a_clear_message(client, home_page):
    response = client.post(URL, valid(**{HONEYPOT_FIELD: "http://spam.example"}))
    assert response.status_code == 400
    assert "looks automated" in response.content.decode()
    assert GeneralFeedback.objects.count() == 0


def test_too_many_submissions_from_one_client_are_refused(client, home_page, settings):
    settings.FEEDBACK_GENERAL_RATE = "2/h"
    assert client.post(URL, valid()).status_code == 302
    assert client.post(URL, valid()).status_code == 302
    response = client.post(URL, valid())
    assert response.status_code == 429
    assert "a lot of feedback in a short time" in response.content.decode()
    assert GeneralFeedback.objects.count() == 2
    # Another client is not affected.
    assert client.post(URL, valid(), REMOTE_ADDR="10.0.0.9").status_code == 302


def test_confirmation_without_a_submission_goes_back_to_the_form(client, home_page):
    assert client.get(reverse("feedback:share_your_views_sent")).url == URL


def test_form_is_reachable_in_a_translated_locale(client, home_page):
    response = client.get("/cy/share-your-views/")
    assert response.status_code == 200
    assert 'action="/cy/share-your-views/"' in response.content.decode()


def test_demo_rows_are_created_once(home_page):
    load_general_feedback_demo({"home": home_page})
    load_general_feedback_demo({"home": home_page})
    assert GeneralFeedback.objects.count() == 4
    assert PageUsefulness.objects.count() == 5
    assert PageUsefulness.objects.filter(page=home_page).count() == 3
