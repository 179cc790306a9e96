"""Exactly-once background email (outbox): a real SMTP server on loopback, a second worker, a
worker that dies, an SMTP server that goes away and comes back."""

import socket
import threading
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

import pytest

from outbox import sending, tasks
from outbox.models import OutgoingEmail
from reporting import retention

KIND = "test.invitation"


def messages(count, prefix="send-1"):
    return [
        sending.Message(
            key=f"{prefix}:{n}",
            to=f"member{n}@example.org",
            subject=f"You are invited ({n})",
            body=f"Open your link: https://example.invalid/invitation/{n}/",
            headers={"List-Unsubscribe": f"<https://example.invalid/unsubscribe/{n}/>"},
            language="cy" if n % 2 else "en",
        )
        for n in range(count)
    ]


@pytest.mark.django_db
def test_queueing_the_same_keys_again_adds_nothing():
    first = sending.queue(KIND, messages(3))
    again = sending.queue(KIND, messages(3) + messages(1, prefix="send-2"))

    assert len(first.ids) == 3 and first.already == 0
    assert len(again.ids) == 1 and again.already == 3
    assert OutgoingEmail.objects.count() == 4
    assert sending.counts(KIND, key_prefix="send-1:")["pending"] == 3


@pytest.mark.django_db
def test_queued_emails_are_sent_once_over_real_smtp_however_often_the_task_runs(smtp_server):
    queued = sending.queue(KIND, messages(3))

    tasks.enqueue(queued.ids)
    tasks.enqueue(queued.ids)  # a repeated task, or a second worker given the same batch
    call_command("send_queued_emails")

    assert smtp_server.recipients() == [f"member{n}@example.org" for n in range(3)]
    sent = smtp_server.messages[0]["message"]
    assert sent["Subject"] == "You are invited (0)"
    assert sent["List-Unsubscribe"] == "<https://example.invalid/unsubscribe/0/>"
    assert "https://example.invalid/invitation/0/" in sent.get_content()
    assert sending.counts(KIND) | {} == {
        "pending": 0,
        "sending": 0,
        "sent": 3,
        "failed": 0,
        "cancelled": 0,
        "total": 3,
    }


@pytest.mark.django_db
def test_of_two_workers_racing_for_one_email_only_one_sends_it(smtp_server):
    [email_id] = sending.queue(KIND, messages(1)).ids

    assert sending.claim(email_id)  # worker A takes it
    assert sending.deliver(email_id) is None  # worker B finds nothing to do
    assert smtp_server.messages == []
    OutgoingEmail.objects.filter(pk=email_id).update(status=sending.Status.PENDING)
    assert sending.deliver(email_id) == sending.Status.SENT
    assert sending.deliver(email_id) is None
    assert smtp_server.recipients() == ["member0@example.org"]


def mail_server_down(settings):
    """Point the site at a loopback port nobody listens on: the connection is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        settings.EMAIL_PORT = sock.getsockname()[1]


@pytest.mark.django_db
def test_an_smtp_outage_is_retried_after_a_restart_and_sent_once(smtp_server, settings):
    queued = sending.queue(KIND, messages(2))
    mail_server_down(settings)

    tasks.enqueue(queued.ids)

    rows = OutgoingEmail.objects.order_by("pk")
    assert [row.status for row in rows] == ["pending", "pending"]
    assert all(row.attempts == 1 and "refused" in row.last_error for row in rows)
    assert smtp_server.messages == []
    settings.EMAIL_PORT = smtp_server.port  # the mail server is back
    call_command("send_queued_emails")  # the cron sweep, after the worker restarts
    call_command("send_queued_emails")
    assert smtp_server.recipients() == ["member0@example.org", "member1@example.org"]
    assert [row.status for row in rows.all()] == ["sent", "sent"]


@pytest.mark.django_db
def test_a_worker_that_died_mid_send_leaves_a_failed_email_never_a_duplicate(smtp_server):
    [email_id] = sending.queue(KIND, messages(1)).ids
    assert sending.claim(email_id)  # claimed, then the worker died before finishing
    OutgoingEmail.objects.filter(pk=email_id).update(
        claimed_at=timezone.now() - sending.STALE_AFTER - timedelta(minutes=1)
    )

    call_command("send_queued_emails")

    row = OutgoingEmail.objects.get()
    assert row.status == "failed" and "Interrupted" in row.last_error
    assert smtp_server.messages == []


@pytest.mark.django_db
def test_after_the_last_attempt_an_email_is_failed_and_left_alone(smtp_server, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    [email_id] = sending.queue(KIND, messages(1)).ids
    mail_server_down(settings)
    assert sending.deliver(email_id) == "pending"
    assert sending.deliver(email_id) == "failed"
    assert sending.deliver(email_id) is None
    settings.EMAIL_PORT = smtp_server.port
    call_command("send_queued_emails")
    assert smtp_server.messages == []


@pytest.mark.django_db
def test_a_scheduled_email_waits_for_its_time(smtp_server):
    later = timezone.now() + timedelta(hours=1)
    [email_id] = sending.queue(KIND, messages(1), send_after=later).ids

    tasks.enqueue([email_id], send_after=later)  # immediate backend cannot defer: left to cron
    call_command("send_queued_emails")
    assert smtp_server.messages == []
    assert sending.deliver(email_id, now=later + timedelta(seconds=1)) == "sent"


@pytest.mark.django_db
def test_cancel_retention_and_erasure(smtp_server):
    queued = sending.queue(KIND, messages(3))
    sending.deliver(queued.ids[0])

    assert sending.cancel(KIND, keys=["send-1:1"]) == 1
    officer = get_user_model().objects.create_user("data-protection-officer")
    assert retention.erase_person("MEMBER2@example.org", officer) == {"queued_emails": 1}
    call_command("send_queued_emails")
    assert smtp_server.recipients() == ["member0@example.org"]
    assert OutgoingEmail.objects.get(key="send-1:2").status == "cancelled"
    later = timezone.now() + timedelta(days=91)
    assert retention.apply_personal_data_retention(now=later)["queued_emails"] == 2
    assert not OutgoingEmail.objects.exclude(to="").exists()
    assert sending.queue(KIND, messages(3)).ids == []  # forgotten rows still stop a resend


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_twice_over_sends_each_email_once(smtp_server, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    queued = sending.queue(KIND, messages(250))

    tasks.enqueue(queued.ids)
    tasks.enqueue(queued.ids)  # the same batches handed out twice
    call_command("db_worker", "--batch", "--interval", "0", verbosity=0)
    call_command("db_worker", "--batch", "--interval", "0", verbosity=0)  # a restarted worker

    assert len(smtp_server.messages) == 250
    assert len(set(smtp_server.recipients())) == 250
    assert OutgoingEmail.objects.filter(status="sent").count() == 250


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_on_postgresql_send_each_email_once(smtp_server):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL (SQLite serialises them anyway)")
    ids = sending.queue(KIND, messages(60)).ids
    results = []

    def worker():
        try:
            results.append(sending.deliver_many(ids))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(result["sent"] for result in results) == 60
    assert len(smtp_server.messages) == 60
