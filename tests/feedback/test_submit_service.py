from django.core import mail

import pytest

from feedback import questions as q
from feedback.models import Response
from feedback.services import (
    ConsultationNotOpen,
    SubmissionInvalid,
    SubmissionRefused,
    submit_response,
)


@pytest.mark.django_db
def test_answers_are_stored_under_stable_keys_with_district(form_page, good_answers):
    response, created = submit_response(form_page, good_answers, idempotency_key="k1")
    assert created
    stored = Response.objects.get()
    assert stored.answers == {
        "support": "agree",
        "use_service": "yes",
        "visits": 3,
        "travel": ["bus", "walk"],
        "reasons": "It is closer to the bus station.",
        "priorities": {"parking": "very", "hours": "quite"},
        "rating": 4,
        "last_visit": "2025-03-27",
        "postcode": "NF1 2AB",
        "about_age_band": "35_44",
        "publication_consent": "anonymous",
    }
    assert stored.postcode_district == "NF1"
    assert stored.consultation_id == form_page.get_parent().pk
    assert stored.locale.language_code == "en"
    assert stored.status == Response.Status.ACCEPTED


@pytest.mark.django_db
def test_same_idempotency_key_never_makes_two_responses(form_page, good_answers):
    first, created = submit_response(form_page, good_answers, idempotency_key="same")
    again, created_again = submit_response(form_page, good_answers, idempotency_key="same")
    assert created and not created_again
    assert first.pk == again.pk
    assert Response.objects.count() == 1


@pytest.mark.django_db
def test_a_repeat_after_closing_or_with_a_changed_form_still_shows_the_first_response(form_page, good_answers):
    import datetime

    from django.utils import timezone

    from consultations.models import ConsultationPage
    from feedback.models import ResponseFormPage

    first, _created = submit_response(form_page, good_answers, idempotency_key="sent-once")
    again, created = submit_response(form_page, {"support": "Not a choice"}, idempotency_key="sent-once")
    assert (again.pk, created) == (first.pk, False)  # invalid now, but it was sent already
    ConsultationPage.objects.filter(pk=form_page.get_parent().pk).update(closes_at=timezone.now() - datetime.timedelta(hours=1))
    late, created = submit_response(ResponseFormPage.objects.get(pk=form_page.pk), good_answers, idempotency_key="sent-once")
    assert (late.pk, created) == (first.pk, False)
    with pytest.raises(ConsultationNotOpen):  # a new response after closing is still refused
        submit_response(ResponseFormPage.objects.get(pk=form_page.pk), good_answers, idempotency_key="new-one")
    assert Response.objects.count() == 1


@pytest.mark.django_db
def test_missing_required_answer_saves_nothing(form_page):
    with pytest.raises(SubmissionInvalid) as error:
        submit_response(form_page, {"use_service": "no"})
    assert "support" in error.value.errors
    assert Response.objects.count() == 0


@pytest.mark.django_db
def test_tampered_choice_is_refused(form_page, good_answers):
    with pytest.raises(SubmissionInvalid) as error:
        submit_response(form_page, {**good_answers, "support": "Strongly agree"})
    assert "support" in error.value.errors


@pytest.mark.django_db
def test_conditional_answer_is_dropped_when_condition_not_met(form_page, good_answers):
    response, _ = submit_response(form_page, {**good_answers, "use_service": "no", "visits": "9"})
    assert "visits" not in response.answers


@pytest.mark.django_db
def test_closed_consultation_refuses_public_but_accepts_paper(form_page, good_answers, consultation):
    import datetime

    from django.utils import timezone

    consultation.closes_at = timezone.now() - datetime.timedelta(days=1)
    consultation.save()
    with pytest.raises(ConsultationNotOpen):
        submit_response(form_page, good_answers)
    response, created = submit_response(form_page, good_answers, channel=Response.Channel.PAPER)
    assert created and response.channel == "paper"


@pytest.mark.django_db
def test_honeypot_is_refused(form_page, good_answers):
    with pytest.raises(SubmissionRefused):
        submit_response(form_page, {**good_answers, "hys_website": "http://spam.example"})
    assert Response.objects.count() == 0


@pytest.mark.django_db
def test_receipt_email_has_headings_and_answers(form_page, good_answers, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response, _ = submit_response(
            form_page, {**good_answers, "wants_receipt": True, "wants_outcome": True, "respondent_email": "pat@example.org"}
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert response.reference in message.subject
    html = message.alternatives[0][0]
    assert "<h1>" in html and "<h2>Your views on the proposal</h2>" in html
    assert "Agree" in html and "By bus, On foot or by bike" in html
    assert "It is closer to the bus station." in message.body
    response.refresh_from_db()
    assert response.receipt_sent_at is not None
    assert response.wants_outcome and response.email == "pat@example.org"


@pytest.mark.django_db
def test_questions_for_lists_source_questions_in_order(form_page, consultation):
    questions = q.questions_for(consultation)
    keys = [x.key for x in questions]
    assert keys[:3] == ["support", "use_service", "visits"]
    assert "about_ethnicity" in keys and keys[-1] == "publication_consent"
    support = questions[0]
    assert support.type == q.AGREE_SCALE and support.section == "Your views on the proposal" and support.step == 1
    grid = next(x for x in questions if x.key == "priorities")
    assert grid.statements[0] == ("parking", "Free parking") and grid.step == 2
    assert ("dont_know", "Don't know") in support.choices
