"""Alerts: a matching member hears once when a consultation opens and once a week before it closes,
in their language, with one-click unsubscribe; never for unlisted or invited consultations; sent
by the background worker through a real SMTP server on loopback, exactly once with two workers
and a restart."""

import time
from datetime import timedelta
from unittest import mock

from django.core.mail import EmailMessage
from django.core.management import call_command
from django.utils import timezone

import pytest

from consultations.choices import Visibility
from involvement import sending, tasks
from involvement.models import Alert, Member
from tests.involvement.conftest import links_in, make_member, open_consultation


def people(locales, terms):
    return {
        "ann": make_member("ann@example.org", locales["en"], topics=[terms["transport"]]),
        "cai": make_member("cai@example.org", locales["cy"]),  # no topics: hears about everything
        "dan": make_member("dan@example.org", locales["en"], topics=[terms["mental-health"]]),
        "eve": make_member("eve@example.org", locales["en"], areas=[terms["westmere"]]),
        "fox": make_member(
            "fox@example.org", locales["en"], kind=Member.Kind.ALERTS, topics=[terms["transport"]]
        ),
        "gus": make_member("gus@example.org", locales["en"], confirmed=False),
        "hal": make_member("hal@example.org", locales["en"], status=Member.Status.PAUSED),
    }


@pytest.mark.django_db
def test_publishing_an_open_consultation_alerts_each_matching_person_once_in_their_language(
    client, home_page, locales, terms, smtp_server, django_capture_on_commit_callbacks
):
    people(locales, terms)
    with django_capture_on_commit_callbacks(execute=True):
        consultation = open_consultation(
            home_page, topics=[terms["transport"]], areas=[terms["eastbrook"]]
        )
    assert smtp_server.recipients() == ["ann@example.org", "cai@example.org", "fox@example.org"]

    welsh = next(
        item["message"] for item in smtp_server.messages if item["to"] == ["cai@example.org"]
    )
    assert welsh["Subject"] == f"Ar agor nawr: {consultation.title}"
    english = next(
        item["message"] for item in smtp_server.messages if item["to"] == ["ann@example.org"]
    )
    assert english["Subject"] == f"Now open: {consultation.title}"
    assert english["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = english["List-Unsubscribe"].strip().strip("<>")
    body = english.get_body(("plain",)).get_content()
    assert unsubscribe in body and "/get-involved/visit/" in body

    # Publishing again (or a translation) and the sweep send nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        consultation.save_revision().publish()
    tasks.sweep.enqueue()
    assert len(smtp_server.messages) == 3
    assert Alert.objects.filter(status="sent").count() == 3

    # One click (the mail client POSTs with no CSRF token): Ann gets no more emails.
    response = client.post(
        unsubscribe.removeprefix("http://testserver"), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert Member.objects.get(email="ann@example.org").status == "paused"

    # The alert's link opens the consultation in the reader's language.
    visit = next(link for link in links_in(body) if "/visit/" in link)
    opened = client.get(visit.removeprefix("http://testserver"))
    assert opened.status_code == 302 and opened.url == consultation.url


@pytest.mark.django_db
@pytest.mark.parametrize("visibility", [Visibility.UNLISTED, Visibility.INVITED])
def test_unlisted_and_invited_consultations_never_alert(
    home_page, locales, terms, smtp_server, django_capture_on_commit_callbacks, visibility
):
    people(locales, terms)
    with django_capture_on_commit_callbacks(execute=True):
        consultation = open_consultation(
            home_page, closes_in=timedelta(days=3), visibility=visibility
        )
    tasks.sweep.enqueue()
    assert sending.queue_alerts(consultation) == []
    assert smtp_server.messages == [] and not Alert.objects.exists()


@pytest.mark.django_db
def test_the_open_date_arriving_and_the_week_before_closing_each_alert_once(
    home_page, locales, terms, smtp_server, django_capture_on_commit_callbacks
):
    make_member("ann@example.org", locales["en"], topics=[terms["transport"]])
    with django_capture_on_commit_callbacks(execute=True):
        consultation = open_consultation(
            home_page,
            topics=[terms["transport"]],
            opened_ago=-timedelta(days=1),
            closes_in=timedelta(days=20),
        )
    assert smtp_server.messages == []  # published while still upcoming: nobody yet

    # The open date arrives (nothing is published): the cron sweep finds it.
    type(consultation).objects.filter(pk=consultation.pk).update(
        opens_at=timezone.now() - timedelta(minutes=5)
    )
    tasks.sweep.enqueue()
    tasks.sweep.enqueue()
    assert [m["message"]["Subject"] for m in smtp_server.messages] == [
        f"Now open: {consultation.title}"
    ]

    # A week before it closes: one reminder.
    type(consultation).objects.filter(pk=consultation.pk).update(
        closes_at=timezone.now() + timedelta(days=6)
    )
    tasks.sweep.enqueue()
    tasks.sweep.enqueue()
    subjects = [m["message"]["Subject"] for m in smtp_server.messages]
    assert subjects == [
        f"Now open: {consultation.title}",
        f"Closes in a week: {consultation.title}",
    ]


@pytest.mark.django_db
def test_two_workers_a_failure_and_a_restart_send_each_alert_exactly_once(
    home_page, locales, terms, smtp_server, django_capture_on_commit_callbacks
):
    for n in range(4):
        make_member(f"person{n}@example.org", locales["en"])
    with django_capture_on_commit_callbacks(execute=False):  # hold the tasks: we play the workers
        consultation = open_consultation(home_page)
    ids = sending.queue_alerts(consultation)
    assert len(ids) == 4

    original_send = EmailMessage.send
    contested = []
    failed_once = []

    def send_while_b_tries(message, *args, **kwargs):
        row = Alert.objects.get(member__email=message.to[0])
        contested.append(sending.deliver_alert(row.pk))  # worker B, at the worst moment
        if message.to == ["person0@example.org"] and not failed_once:
            failed_once.append(True)
            raise OSError("connection reset")  # the SMTP server dropped us: retried later
        return original_send(message, *args, **kwargs)

    with mock.patch.object(EmailMessage, "send", send_while_b_tries):
        for alert_id in ids:
            sending.deliver_alert(alert_id)  # worker A
    assert contested == [None, None, None, None]
    assert Alert.objects.get(member__email="person0@example.org").status == "pending"

    # A worker died mid-send on person3's row (claimed, never finished): the restart counts it
    # failed rather than risk a duplicate; the sweep retries person0 once.
    Alert.objects.filter(member__email="person3@example.org").update(
        status="sending", claimed_at=timezone.now() - timedelta(hours=1)
    )
    tasks.sweep.enqueue()
    tasks.sweep.enqueue()
    assert smtp_server.recipients() == [
        "person0@example.org",
        "person1@example.org",
        "person2@example.org",
        "person3@example.org",
    ]
    assert Alert.objects.filter(status="sent").count() == 3
    assert Alert.objects.get(member__email="person3@example.org").status == "failed"


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_sends_alerts_once_after_a_restart(
    home_page, locales, terms, smtp_server, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    make_member("ann@example.org", locales["en"])
    make_member("cai@example.org", locales["cy"])
    open_consultation(home_page)  # commits: the alert task waits in the database queue
    assert smtp_server.messages == []

    def drain():
        call_command("db_worker", "--batch", "--interval", "0", verbosity=0)

    drain()  # the first worker
    drain()  # a second worker, or the same one restarted
    tasks.sweep.enqueue()
    drain()
    time.sleep(0.2)
    assert smtp_server.recipients() == ["ann@example.org", "cai@example.org"]
    assert Alert.objects.filter(status="sent").count() == 2
