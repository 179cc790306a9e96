"""The receipt task retries by itself when the mail server is down: the production task backend
(django-tasks database backend), the real `db_worker` and a real SMTP server on loopback."""

import time

from django.core.management import call_command

import pytest
from aiosmtpd.controller import Controller

from feedback import services
from feedback.models import Response
from tests.feedback.test_submit_receipt_smtp import Inbox, free_port


@pytest.fixture
def database_tasks(settings):
    """Production's task backend and SMTP backend; nothing listens on the mail port yet."""
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 3
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.RECEIPT_RETRY_DELAYS = [1, 1, 1]
    return port


def drain():
    call_command("db_worker", "--batch", "--interval", "0", verbosity=0)


def task_rows():
    from django_tasks_db.models import DBTaskResult

    receipts = DBTaskResult.objects.filter(
        task_path="feedback.tasks.send_receipt"
    )  # not Wagtail's own tasks
    return list(receipts.order_by("enqueued_at").values_list("status", "run_after"))


@pytest.mark.django_db(transaction=True)
def test_down_then_up_the_worker_retries_and_the_email_arrives(
    home_page, database_tasks, good_answers
):
    from tests.factories import about_you_section, add_form, make_consultation

    form_page = add_form(make_consultation(home_page), about_you=about_you_section())
    answers = {**good_answers, "wants_receipt": "on", "respondent_email": "sam@example.org"}

    # Down: saved at once, the receipt task is queued on commit, the worker's try fails.
    response, created = services.submit_response(form_page, answers, idempotency_key="retry-1")
    assert created and Response.objects.filter(pk=response.pk).exists()
    assert [status for status, _ in task_rows()] == ["READY"]
    drain()
    stored = Response.objects.get(pk=response.pk)
    assert (
        stored.receipt_sent_at is None
        and stored.receipt_attempts == 1
        and stored.receipt_last_error
    )
    statuses = [status for status, _ in task_rows()]
    assert statuses == ["SUCCESSFUL", "READY"]  # the failed send enqueued its own retry, deferred
    assert task_rows()[1][1] > stored.submitted_at

    # Up: when the retry is due the worker sends it, exactly once.
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=database_tasks)
    controller.start()
    try:
        deadline = time.monotonic() + 15
        while not inbox.messages and time.monotonic() < deadline:
            time.sleep(0.3)
            drain()
        drain()
    finally:
        controller.stop()
    assert len(inbox.messages) == 1
    assert inbox.messages[0].rcpt_tos == ["sam@example.org"]
    assert response.reference in inbox.messages[0].content.decode()
    stored.refresh_from_db()
    assert (
        stored.receipt_sent_at is not None
        and stored.receipt_attempts == 2
        and stored.receipt_last_error == ""
    )
    assert [status for status, _ in task_rows()] == ["SUCCESSFUL", "SUCCESSFUL"]


@pytest.mark.django_db(transaction=True)
def test_retries_stop_after_the_last_delay(home_page, database_tasks, good_answers, settings):
    from tests.factories import about_you_section, add_form, make_consultation

    settings.RECEIPT_RETRY_DELAYS = [0, 0]
    form_page = add_form(make_consultation(home_page), about_you=about_you_section())
    answers = {**good_answers, "wants_receipt": "on", "respondent_email": "sam@example.org"}
    response, _ = services.submit_response(form_page, answers, idempotency_key="retry-2")
    drain()  # the first try and both retries are due at once; then the worker stops retrying
    stored = Response.objects.get(pk=response.pk)
    assert stored.receipt_attempts == 3 and stored.receipt_sent_at is None
    assert [status for status, _ in task_rows()] == ["SUCCESSFUL"] * 3
    # `send_receipts` (cron) still has it: nothing is lost.
    assert Response.objects.filter(wants_receipt=True, receipt_sent_at__isnull=True).count() == 1
