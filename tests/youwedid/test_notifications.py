"""Telling the people who took part: one email each, in their language, through a real SMTP server."""

from unittest import mock

from django.core.mail import EmailMessage
from django.test import override_settings
from django.utils import translation

import pytest

from feedback.models import Response
from home.public_urls import public_url
from tests.youwedid.conftest import confirm_send, make_consultation, make_outcome, make_response
from youwedid import notifications
from youwedid.models import OutcomeNotification
from youwedid.tasks import notify_outcome, retry_pending_notifications


def run_worker(ids):
    for notification_id in ids:
        notifications.deliver(notification_id)


@pytest.mark.django_db
def test_each_opted_in_respondent_gets_exactly_one_email_with_two_workers_and_a_republish(
    home_page, locales, smtp_server, django_capture_on_commit_callbacks
):
    consultation = make_consultation(home_page)
    for n in range(4):
        make_response(consultation, locales["en"], email=f"person{n}@example.org", wants_outcome=True)
    with django_capture_on_commit_callbacks(execute=False):  # hold the tasks: we play the workers
        outcome = make_outcome(home_page, [consultation])
    ids = notifications.queue_notifications(outcome)
    assert len(ids) == 4

    # Two workers given the same rows: while worker A is in the middle of sending each email
    # (claimed, not yet marked sent), worker B tries to deliver that same row, and then the rest.
    original_send = EmailMessage.send
    contested = []

    def send_while_b_tries(message, *args, **kwargs):
        row = OutcomeNotification.objects.get(response__email=message.to[0])
        contested.append(notifications.deliver(row.pk))  # worker B, at the worst moment
        return original_send(message, *args, **kwargs)

    with mock.patch.object(EmailMessage, "send", send_while_b_tries):
        run_worker(ids)  # worker A
    run_worker(ids)  # worker B again, after A finished
    assert contested == [None, None, None, None]  # B lost every claim

    # A restarted worker, the task run again, and a republish: nothing more is sent.
    run_worker(ids)
    notify_outcome.enqueue(outcome.pk)
    with django_capture_on_commit_callbacks(execute=True):
        outcome.save_revision().publish()

    assert smtp_server.recipients() == [f"person{n}@example.org" for n in range(4)]
    assert OutcomeNotification.objects.filter(status="sent").count() == 4
    assert notifications.notification_counts(outcome) | {} == {
        "sent": 4, "pending": 0, "failed": 0, "cancelled": 0, "total": 4
    }


@pytest.mark.django_db
def test_the_claim_is_won_once(home_page, locales):
    consultation = make_consultation(home_page)
    make_response(consultation, locales["en"], email="a@example.org", wants_outcome=True)
    outcome = make_outcome(home_page, [consultation], publish=False)
    outcome.save_revision().publish()
    (notification_id,) = notifications.queue_notifications(outcome)
    assert notifications.claim(notification_id) is True
    assert notifications.claim(notification_id) is False


@pytest.mark.django_db
def test_publishing_sends_nothing_and_the_confirmed_send_reaches_only_those_who_opted_in(
    admin_client, home_page, locales, smtp_server, django_capture_on_commit_callbacks
):
    consultation = make_consultation(home_page)
    other = make_consultation(home_page, slug="other", title="Another consultation")
    make_response(consultation, locales["en"], email="yes@example.org", wants_outcome=True)
    make_response(consultation, locales["en"], email="no@example.org", wants_outcome=False)
    make_response(consultation, locales["en"], email="", wants_outcome=True)
    make_response(consultation, locales["en"], email="held@example.org", wants_outcome=True, status=Response.Status.HELD)
    make_response(consultation, locales["en"], email="spam@example.org", wants_outcome=True, status=Response.Status.REJECTED)
    make_response(other, locales["en"], email="elsewhere@example.org", wants_outcome=True)

    with django_capture_on_commit_callbacks(execute=True):
        outcome = make_outcome(home_page, [consultation])
    assert smtp_server.messages == []  # publishing alone emails nobody
    assert not OutcomeNotification.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = admin_client.post(f"/admin/outcomes/{outcome.pk}/emails/", {"when": "now"})
    assert confirmed.status_code == 302
    assert smtp_server.recipients() == ["yes@example.org"]
    message = smtp_server.messages[0]["message"]
    assert message["Subject"] == "You said, we did: What changed at Eastbrook"
    body = message.get_body(("plain",)).get_content()
    assert public_url(outcome) in body
    assert "/outcome-emails/unsubscribe/" in body
    assert message["List-Unsubscribe"].strip().startswith("<http")


@pytest.mark.django_db
def test_a_polish_respondent_is_written_to_in_polish_with_the_polish_page(
    home_page, locales, smtp_server, django_capture_on_commit_callbacks
):
    consultation = make_consultation(home_page)
    make_response(consultation, locales["pl"], email="ola@example.org", wants_outcome=True)
    make_response(consultation, locales["en"], email="sam@example.org", wants_outcome=True)
    with django_capture_on_commit_callbacks(execute=False):
        outcome = make_outcome(home_page, [consultation])
        polish = outcome.copy_for_translation(locales["pl"], copy_parents=True)
        polish.title = "Co zmieniliśmy w Eastbrook"
        polish.save_revision().publish()
        polish.refresh_from_db()
    retry_ids = notifications.queue_notifications(outcome)
    assert len(retry_ids) == 2  # the translation's publish adds no second row per person
    run_worker(retry_ids)

    by_recipient = {item["to"][0]: item["message"] for item in smtp_server.messages}
    polish_email = by_recipient["ola@example.org"]
    with translation.override("pl"):
        expected_subject = translation.gettext("You said, we did: %(title)s") % {"title": polish.title}
        polish_url = public_url(polish)
    assert "/pl/" in polish_url
    assert str(polish_email["Subject"]).strip() == expected_subject
    polish_body = polish_email.get_body(("plain",)).get_content()
    assert polish_url in polish_body
    assert "/pl/outcome-emails/unsubscribe/" in polish_body
    english_body = by_recipient["sam@example.org"].get_body(("plain",)).get_content()
    assert public_url(outcome) in english_body and "/pl/" not in english_body


@pytest.mark.django_db
def test_smtp_down_counts_pending_then_failed_and_sends_once_when_it_is_back(
    home_page, locales, smtp_server, settings, django_capture_on_commit_callbacks
):
    settings.OUTCOME_NOTIFICATION_MAX_ATTEMPTS = 2
    consultation = make_consultation(home_page)
    make_response(consultation, locales["en"], email="a@example.org", wants_outcome=True)
    make_response(consultation, locales["en"], email="b@example.org", wants_outcome=True)
    real_port = smtp_server.port
    settings.EMAIL_PORT = 1  # nothing listens there: connection refused

    outcome = make_outcome(home_page, [consultation])
    confirm_send(outcome)
    counts = notifications.notification_counts(outcome)
    assert (counts["sent"], counts["pending"], counts["failed"]) == (0, 2, 0)
    assert OutcomeNotification.objects.filter(attempts=1).exclude(last_error="").count() == 2

    # One more row fails for good; the other stays pending for the next sweep.
    first = OutcomeNotification.objects.order_by("pk").first()
    notifications.deliver(first.pk)
    counts = notifications.notification_counts(outcome)
    assert (counts["sent"], counts["pending"], counts["failed"]) == (0, 1, 1)

    settings.EMAIL_PORT = real_port
    retry_pending_notifications.enqueue()
    retry_pending_notifications.enqueue()
    counts = notifications.notification_counts(outcome)
    assert (counts["sent"], counts["pending"], counts["failed"]) == (1, 0, 1)
    assert len(smtp_server.messages) == 1


@pytest.mark.django_db
def test_unsubscribing_clears_the_opt_in(client, home_page, locales, smtp_server):
    consultation = make_consultation(home_page)
    response = make_response(consultation, locales["en"], email="a@example.org", wants_outcome=True)
    token = notifications.unsubscribe_token(response)

    page = client.get(f"/outcome-emails/unsubscribe/{token}/")
    assert page.status_code == 200
    assert "Stop these emails" in page.content.decode()
    response.refresh_from_db()
    assert response.wants_outcome is True  # a GET (a mail scanner following links) changes nothing

    done = client.post(f"/outcome-emails/unsubscribe/{token}/")
    assert "You will not get emails about outcomes" in done.content.decode()
    response.refresh_from_db()
    assert response.wants_outcome is False
    assert client.get("/outcome-emails/unsubscribe/not-a-token/").status_code == 404

    outcome = make_outcome(home_page, [consultation])
    assert notifications.queue_notifications(outcome) == []
    assert smtp_server.messages == []


@pytest.mark.django_db
def test_editor_sees_sent_pending_and_failed_counts_on_the_outcome(admin_client, home_page, locales, django_capture_on_commit_callbacks):
    consultation = make_consultation(home_page)
    for n in range(3):
        make_response(consultation, locales["en"], email=f"p{n}@example.org", wants_outcome=True)
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        outcome = make_outcome(home_page, [consultation])
        confirm_send(outcome)
    OutcomeNotification.objects.filter(pk=OutcomeNotification.objects.order_by("pk").first().pk).update(status="failed")
    html = admin_client.get(f"/admin/pages/{outcome.pk}/edit/").content.decode()
    assert 'data-count="sent">2<' in html
    assert 'data-count="pending">0<' in html
    assert 'data-count="failed">1<' in html
