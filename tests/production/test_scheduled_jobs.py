"""The scheduled jobs in docs/deploy.md exist and include deleting expired sessions (issue 15, point 4)."""

import datetime
import pathlib
import re

from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command, get_commands
from django.utils import timezone

import pytest

DEPLOY = pathlib.Path(__file__).resolve().parents[2] / "docs" / "deploy.md"


def scheduled_commands():
    section = DEPLOY.read_text().split("## Scheduled jobs", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^[\d*/, ]+\s+python manage\.py (\S+)", section, re.MULTILINE)


def test_every_scheduled_job_is_a_real_command_and_sessions_are_cleared():
    commands = scheduled_commands()
    assert "clearsessions" in commands
    assert "apply_retention" in commands
    assert set(commands) <= set(get_commands())


@pytest.mark.django_db
def test_clearsessions_deletes_expired_sessions_and_keeps_live_ones():
    live = SessionStore()
    live["hys_response_1"] = {"data": {"reasons": ["Kept"]}}
    live.create()
    old = SessionStore()
    old["hys_response_1"] = {"data": {"reasons": ["Gone"]}}
    old.create()
    Session.objects.filter(session_key=old.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(minutes=1)
    )
    call_command("clearsessions")
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]
