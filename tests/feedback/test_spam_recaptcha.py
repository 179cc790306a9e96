from unittest import mock
from urllib.error import URLError

import pytest
from django_recaptcha.client import RecaptchaResponse

from feedback.models import Response
from feedback.services import submit_response
from security.public_forms import assess_recaptcha, recaptcha_status_message
from tests.feedback.helpers import complete_steps, idempotency_key


@pytest.fixture
def recaptcha_on(settings):
    settings.RECAPTCHA_ENABLED = True
    settings.RECAPTCHA_PUBLIC_KEY = "public-test"
    settings.RECAPTCHA_PRIVATE_KEY = "private-test"
    settings.RECAPTCHA_REQUIRED_SCORE = 0.5


def google_says(score, valid=True, codes=None):
    return mock.patch(
        "django_recaptcha.client.submit",
        return_value=RecaptchaResponse(is_valid=valid, error_codes=codes, extra_data={"score": score, "action": "respond"}),
    )


def send_with_token(client, page, token="token-from-browser"):
    complete_steps(client, page)
    check = client.get(f"{page.url}check/")
    html = check.content.decode()
    return client.post(f"{page.url}check/", {"idempotency_key": idempotency_key(html), "g-recaptcha-response": token}), html


@pytest.mark.django_db
def test_good_score_is_accepted(client, form_page, recaptcha_on):
    with google_says(0.9) as submit:
        response, html = send_with_token(client, form_page)
    assert 'data-hys-recaptcha-key="public-test"' in html
    assert response.status_code == 302
    assert Response.objects.get().status == "accepted"
    assert submit.call_args.kwargs["recaptcha_response"] == "token-from-browser"


@pytest.mark.django_db
def test_low_score_is_held_for_review_not_refused(client, form_page, recaptcha_on):
    with google_says(0.1):
        response, _html = send_with_token(client, form_page)
    stored = Response.objects.get()
    assert response.status_code == 302 and stored.reference in client.get(response["Location"]).content.decode()
    assert stored.status == "held" and "score 0.1" in stored.status_reason


@pytest.mark.django_db
@pytest.mark.parametrize("error", [URLError("Name or service not known"), TimeoutError("timed out"), OSError("Network is unreachable")])
def test_google_unreachable_holds_the_response(client, form_page, recaptcha_on, error):
    with mock.patch("django_recaptcha.client.submit", side_effect=error):
        response, _html = send_with_token(client, form_page)
    stored = Response.objects.get()
    assert response.status_code == 302
    assert stored.status == "held" and stored.status_reason.startswith("reCAPTCHA unreachable")


@pytest.mark.django_db
def test_quota_or_error_reply_holds_the_response(form_page, good_answers, recaptcha_on):
    with google_says(None, valid=False, codes=["quota-exceeded"]):
        response, created = submit_response(form_page, good_answers, recaptcha_token="t")
    assert created and response.status == "held" and "quota-exceeded" in response.status_reason


@pytest.mark.django_db
def test_missing_token_is_held(form_page, good_answers, recaptcha_on):
    with google_says(0.9) as submit:
        response, _ = submit_response(form_page, good_answers, recaptcha_token="")
    assert response.status == "held" and not submit.called


@pytest.mark.django_db
def test_without_keys_google_is_never_called_and_admin_is_told(form_page, good_answers, settings):
    settings.RECAPTCHA_ENABLED = False
    with google_says(0.0) as submit:
        response, _ = submit_response(form_page, good_answers)
    assert response.status == "accepted" and not submit.called
    assert "reCAPTCHA is not configured" in str(recaptcha_status_message())


@pytest.mark.django_db
def test_staff_entry_skips_recaptcha(form_page, good_answers, recaptcha_on):
    with google_says(0.0) as submit:
        response, _ = submit_response(form_page, good_answers, channel="paper")
    assert response.status == "accepted" and not submit.called


def test_assess_never_raises_on_unexpected_errors(settings):
    settings.RECAPTCHA_ENABLED = True
    settings.RECAPTCHA_PRIVATE_KEY = "k"
    with mock.patch("django_recaptcha.client.submit", side_effect=RuntimeError("boom")):
        decision = assess_recaptcha("t")
    assert decision.status == "held"


@pytest.mark.django_db
def test_honeypot_hit_is_refused_with_a_clear_page(client, form_page):
    complete_steps(client, form_page)
    html = client.get(f"{form_page.url}check/").content.decode()
    response = client.post(f"{form_page.url}check/", {"idempotency_key": idempotency_key(html), "hys_website": "http://buy.example"})
    assert response.status_code == 400
    assert "We could not accept this form" in response.content.decode()
    assert "nhsuk-heading-l" in response.content.decode()
    assert Response.objects.count() == 0


@pytest.mark.django_db
def test_rate_limit_overflow_is_refused_with_a_clear_page(client, form_page, settings):
    settings.FEEDBACK_RATE_LIMIT = "1/h"
    complete_steps(client, form_page)
    html = client.get(f"{form_page.url}check/").content.decode()
    first = client.post(f"{form_page.url}check/", {"idempotency_key": idempotency_key(html)})
    assert first.status_code == 302
    complete_steps(client, form_page)
    html = client.get(f"{form_page.url}check/").content.decode()
    second = client.post(f"{form_page.url}check/", {"idempotency_key": idempotency_key(html)})
    assert second.status_code == 429
    assert "Please wait an hour" in second.content.decode()
    assert Response.objects.count() == 1
