"""A failing mail server never loses or blocks a response: a real SMTP server on loopback, down then up."""

import socket

from django.core.management import call_command

import pytest
from aiosmtpd.controller import Controller

from feedback.models import Response
from tests.feedback.helpers import STEP1, STEP2, STEP3, complete_steps, send


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(envelope)
        return "250 OK"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_settings(settings):
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 3
    return port


@pytest.mark.django_db
def test_mail_server_down_then_up(client, form_page, smtp_settings, django_capture_on_commit_callbacks):
    consent = {"publication_consent": "full", "wants_receipt": "on", "respondent_email": "sam@example.org"}
    complete_steps(client, form_page, steps=(STEP1, STEP2, STEP3, consent))
    with django_capture_on_commit_callbacks(execute=True):
        sent, _key = send(client, form_page)
    # Down: the person still gets their reference, and the response is stored, unsent.
    assert sent.status_code == 302
    stored = Response.objects.get()
    assert stored.reference in client.get(sent["Location"]).content.decode()
    assert stored.receipt_sent_at is None and stored.receipt_attempts == 1
    assert stored.receipt_last_error

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_settings)
    controller.start()
    try:
        call_command("send_receipts")
        call_command("send_receipts")  # nothing goes twice
    finally:
        controller.stop()
    assert len(inbox.messages) == 1
    assert inbox.messages[0].rcpt_tos == ["sam@example.org"]
    body = inbox.messages[0].content.decode()
    assert stored.reference in body and "text/html" in body
    stored.refresh_from_db()
    assert stored.receipt_sent_at is not None and stored.receipt_last_error == ""


@pytest.mark.django_db
def test_mail_server_up_sends_the_receipt_on_commit(client, form_page, smtp_settings, django_capture_on_commit_callbacks):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_settings)
    controller.start()
    try:
        consent = {"wants_receipt": "on", "respondent_email": "sam@example.org"}
        complete_steps(client, form_page, steps=(STEP1, STEP2, STEP3, consent))
        with django_capture_on_commit_callbacks(execute=True):
            send(client, form_page)
    finally:
        controller.stop()
    assert len(inbox.messages) == 1
    assert Response.objects.get().receipt_sent_at is not None
