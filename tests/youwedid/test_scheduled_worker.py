"""A scheduled send with production's task backend: the django-tasks database backend holds each
email until its time, the real `db_worker` sends it then, once; unpublishing first cancels it."""

import time
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

import pytest

from tests.youwedid.conftest import confirm_send, make_consultation, make_outcome, make_response
from youwedid.models import OutcomeNotification

pytestmark = pytest.mark.django_db(transaction=True)
SECONDS_AHEAD = 8  # room for a slow, shared machine to run the worker once before the time


@pytest.fixture
def database_tasks(settings, smtp_server):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return smtp_server


def drain():
    call_command("db_worker", "--batch", "--interval", "0", verbosity=0)


def email_tasks():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path="youwedid.tasks.send_outcome_notification")


def outcome_with_two_respondents(home_page, locales):
    consultation = make_consultation(home_page)
    make_response(consultation, locales["en"], email="ann@example.org", wants_outcome=True)
    make_response(consultation, locales["cy"], email="cai@example.org", wants_outcome=True)
    return make_outcome(home_page, [consultation])


def test_the_worker_sends_a_scheduled_email_at_its_time_and_only_once(
    home_page, locales, database_tasks
):
    outcome = outcome_with_two_respondents(home_page, locales)
    send_after = timezone.now() + timedelta(seconds=SECONDS_AHEAD)
    confirm_send(outcome, send_after=send_after)
    assert sorted(task.run_after for task in email_tasks()) == [send_after, send_after]

    drain()  # before its time: the worker leaves it
    assert timezone.now() < send_after, "the machine was too slow to check before the time"
    assert database_tasks.messages == []

    time.sleep(max(0.0, (send_after - timezone.now()).total_seconds()) + 0.5)
    drain()
    drain()
    assert database_tasks.recipients() == ["ann@example.org", "cai@example.org"]
    assert OutcomeNotification.objects.filter(status="sent").count() == 2


def test_unpublishing_before_the_time_cancels_the_queued_emails(home_page, locales, database_tasks):
    outcome = outcome_with_two_respondents(home_page, locales)
    send_after = timezone.now() + timedelta(seconds=SECONDS_AHEAD)
    confirm_send(outcome, send_after=send_after)
    outcome.unpublish()
    assert not OutcomeNotification.objects.exists()

    time.sleep(max(0.0, (send_after - timezone.now()).total_seconds()) + 0.5)
    drain()
    assert database_tasks.messages == []
