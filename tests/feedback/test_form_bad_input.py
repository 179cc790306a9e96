"""Bad input never causes a 500 or a half-saved response: property-based tests against the real views."""

import datetime

from django.test import Client
from django.utils import timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from feedback.models import Response, ResponseFormField
from tests.feedback.helpers import STEP1, STEP2, STEP3, complete_steps, post, send, step_url

# Any text a browser could send: NUL bytes, controls, combining marks, RTL marks, emoji, long runs.
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=3000)
VALUE = st.one_of(TEXT, st.lists(TEXT, max_size=4), st.sampled_from(["agree", "yes", "bus", "very", "NF1 2AB", "0", "-1", "1e9", "31"]))
NAMES = st.sampled_from(
    ["support", "use_service", "visits", "travel", "reasons", "priorities__parking", "priorities__nope", "rating",
     "area", "last_visit-day", "last_visit-month", "last_visit-year", "postcode", "contact_email", "organisation",
     "about_age_band", "about_postcode_district", "publication_consent", "wants_outcome", "respondent_email", "action"]
)
HYPOTHESIS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def as_post(data):
    return dict(data)


@pytest.mark.django_db
@HYPOTHESIS
@given(step=st.integers(min_value=1, max_value=4), data=st.dictionaries(NAMES, VALUE, max_size=8))
def test_any_post_to_any_step_is_a_page_or_redirect_never_a_500(form_page, step, data):
    client = Client()
    response = client.post(step_url(form_page, step), as_post(data))
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        html = response.content.decode()
        assert "There is a problem" in html
        assert 'class="nhsuk-error-summary"' in html
    assert Response.objects.count() == 0


@pytest.mark.django_db
@HYPOTHESIS
@given(data=st.dictionaries(NAMES, VALUE, max_size=10))
def test_any_answers_end_as_one_valid_response_or_none(form_page, data):
    client = Client()
    complete_steps(client, form_page)
    before = Response.objects.count()
    for step in (1, 2, 3, 4):
        client.post(step_url(form_page, step) + "?from=check", as_post(data))
    check = client.get(f"{form_page.url}check/")
    assert check.status_code in (200, 302)
    if check.status_code == 200:
        sent, _ = send(client, form_page)
        assert sent.status_code == 302
        assert Response.objects.count() == before + 1
        stored = Response.objects.order_by("-pk").first()
        assert stored.answers["support"] in {"strongly_agree", "agree", "neither", "disagree", "strongly_disagree", "dont_know"}
        assert all("\x00" not in str(v) for v in stored.answers.values())
        assert set(stored.answers.get("travel", [])) <= {"car", "bus", "walk", "taxi"}
        assert len(stored.answers.get("reasons", "")) <= 1500
    else:
        assert Response.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("reasons", "x" * 1501, "Ensure this value has at most 1500 characters"),
        ("support", "Strongly agree", "Select one of the options"),
        ("travel", "boat", "Select only the options shown"),
        ("reasons", "hello\x00world", "Remove the unusual characters"),
        ("visits", "lots", "Enter a whole number"),
    ],
)
def test_step_one_field_messages(client, form_page, field, value, message):
    response = post(client, step_url(form_page, 1), {**STEP1, field: value})
    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in html and message in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"postcode": "NF1 2A"}, "Enter a real postcode"),
        ({"contact_email": "pat@@example"}, "Enter an email address in the correct format"),
        ({"last_visit-day": "31", "last_visit-month": "2", "last_visit-year": "2025"}, "Enter a real date"),
        ({"last_visit-day": "3", "last_visit-month": "", "last_visit-year": ""}, "The date must include a day, a month and a year"),
        ({"rating": "9"}, "Ensure this value is less than or equal to 5"),
    ],
)
def test_step_two_field_messages(client, form_page, data, message):
    response = post(client, step_url(form_page, 2), {**STEP2, **data})
    assert response.status_code == 200 and message in response.content.decode()


@pytest.mark.django_db
def test_outcome_opt_in_without_email_is_an_error(client, form_page):
    response = post(client, step_url(form_page, 4), {"wants_outcome": "on"})
    assert "Enter your email address so we can send what you asked for" in response.content.decode()


@pytest.mark.django_db
def test_deleted_question_after_answering_saves_without_it(client, form_page):
    complete_steps(client, form_page, steps=(STEP1, {**STEP2, "organisation": "Friends of Northfield"}, STEP3, {}))
    ResponseFormField.objects.filter(key="organisation").delete()
    sent, _ = send(client, form_page)
    assert sent.status_code == 302
    assert "organisation" not in Response.objects.get().answers


@pytest.mark.django_db
def test_question_made_required_mid_journey_never_half_saves(client, form_page):
    complete_steps(client, form_page)
    check = client.get(f"{form_page.url}check/")
    field = ResponseFormField.objects.get(key="area")
    field.required = True
    field.save()
    from tests.feedback.helpers import idempotency_key

    response = client.post(f"{form_page.url}check/", {"idempotency_key": idempotency_key(check.content.decode())})
    assert response.status_code == 302 and "/step/2/" in response["Location"]
    assert Response.objects.count() == 0


@pytest.mark.django_db
def test_missing_or_stale_csrf_gets_a_friendly_page(form_page):
    client = Client(enforce_csrf_checks=True)
    response = client.post(step_url(form_page, 1), STEP1)
    html = response.content.decode()
    assert response.status_code == 403 and "Your form has expired" in html and "Nothing was sent" in html
    client.get(step_url(form_page, 1))
    stale = client.post(step_url(form_page, 1), {**STEP1, "csrfmiddlewaretoken": "x" * 64})
    assert stale.status_code == 403 and "Your form has expired" in stale.content.decode()


@pytest.mark.django_db
def test_closed_consultation_post_to_check_is_a_clear_page(client, form_page, consultation):
    consultation.closes_at = timezone.now() - datetime.timedelta(days=1)
    consultation.save_revision().publish()
    response = client.post(f"{form_page.url}check/", {"idempotency_key": "abc"})
    assert response.status_code == 200 and "You can no longer respond" in response.content.decode()
