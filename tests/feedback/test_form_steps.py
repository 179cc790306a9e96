import datetime

from django.utils import timezone

import pytest

from feedback.models import Response
from tests.feedback.helpers import STEP1, complete_steps, post, send, step_url


@pytest.mark.django_db
def test_first_step_shows_progress_questions_and_hints(client, form_page):
    response = client.get(step_url(form_page, 1))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Step 1 of 4" in html
    assert "<legend" in html and "How far do you agree with the proposal?" in html
    assert 'data-module="nhsuk-character-count"' in html and 'data-maxlength="1500"' in html
    assert "You can enter up to 1500 characters" in html
    assert 'data-hys-show-if="use_service"' in html
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_start_redirects_to_step_one(client, form_page):
    response = client.get(form_page.url)
    assert response.status_code == 302 and response["Location"].endswith("/step/1/")


@pytest.mark.django_db
def test_missing_answer_shows_error_summary_and_field_message(client, form_page):
    response = post(client, step_url(form_page, 1), {"use_service": "no"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert '<a href="#support">Select an answer to: How far do you agree with the proposal?</a>' in html
    assert 'id="support-error"' in html and "nhsuk-form-group--error" in html
    assert "<title>Error:" in html
    assert Response.objects.count() == 0


@pytest.mark.django_db
def test_complete_journey_stores_one_response_with_keys(client, form_page):
    complete_steps(client, form_page)
    check = client.get(f"{form_page.url}check/")
    html = check.content.decode()
    assert "Check your answers before sending" in html
    assert "nhsuk-summary-list" in html and "Change<span class=\"nhsuk-u-visually-hidden\"> How far do you agree" in html
    assert "By bus, On foot or by bike" in html and "27 March 2025" in html
    sent, _key = send(client, form_page)
    assert sent.status_code == 302 and sent["Location"].endswith("/done/")
    done = client.get(sent["Location"])
    stored = Response.objects.get()
    assert stored.reference in done.content.decode()
    assert stored.answers["support"] == "agree" and stored.answers["priorities"] == {"parking": "very", "hours": "quite"}
    assert stored.answers["postcode"] == "NF1 2AB" and stored.postcode_district == "NF1"
    assert stored.answers["about_age_band"] == "35_44" and stored.answers["publication_consent"] == "anonymous"
    assert stored.channel == "online" and stored.locale.language_code == "en"


@pytest.mark.django_db
def test_double_click_and_resubmitted_post_make_one_response(client, form_page):
    complete_steps(client, form_page)
    first, key = send(client, form_page)
    again = client.post(f"{form_page.url}check/", {"idempotency_key": key})
    assert first.status_code == again.status_code == 302
    assert Response.objects.count() == 1
    assert again["Location"].endswith("/done/")


@pytest.mark.django_db
def test_conditional_question_on_earlier_step_is_enforced_on_server(client, form_page):
    complete_steps(client, form_page, steps=({**STEP1, "use_service": "no", "visits": "40"}, {}, {}, {}))
    send(client, form_page)
    assert "visits" not in Response.objects.get().answers


@pytest.mark.django_db
def test_change_link_returns_to_check_answers(client, form_page):
    complete_steps(client, form_page)
    response = post(client, step_url(form_page, 1) + "?from=check", {**STEP1, "support": "disagree"})
    assert response["Location"].endswith("/check/")
    assert "Disagree" in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_closed_consultation_says_so_with_dates_and_refuses_posts(client, form_page, consultation):
    consultation.opens_at = timezone.now() - datetime.timedelta(days=30)
    consultation.closes_at = timezone.now() - datetime.timedelta(days=2)
    consultation.save_revision().publish()
    page = client.get(form_page.url)
    html = page.content.decode()
    assert "This consultation closed on" in html and consultation.closes_at.strftime("%Y") in html
    response = post(client, step_url(form_page, 1), STEP1)
    assert "You can no longer respond" in response.content.decode()
    assert Response.objects.count() == 0


@pytest.mark.django_db
def test_upcoming_consultation_says_when_it_opens(client, form_page, consultation):
    consultation.opens_at = timezone.now() + datetime.timedelta(days=5)
    consultation.closes_at = timezone.now() + datetime.timedelta(days=40)
    consultation.save_revision().publish()
    html = client.get(form_page.url).content.decode()
    assert "This consultation is not open yet" in html


@pytest.mark.django_db
def test_consultation_closing_mid_journey_saves_nothing(client, form_page, consultation):
    complete_steps(client, form_page)
    check = client.get(f"{form_page.url}check/")
    consultation.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    consultation.save_revision().publish()
    from tests.feedback.helpers import idempotency_key

    response = client.post(f"{form_page.url}check/", {"idempotency_key": idempotency_key(check.content.decode())})
    assert response.status_code == 200 and "You can no longer respond" in response.content.decode()
    assert Response.objects.count() == 0
