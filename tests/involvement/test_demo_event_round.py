"""The demo shows an invitation round to an event: sent to the register's active members, some
opened, two said they will come, one cannot; its reply page works in every language."""

import io

from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

import pytest

from involvement import events, invitations
from involvement.demo import EVENT_TITLE
from involvement.models import InvitationRound, SegmentInvitation

pytestmark = pytest.mark.django_db


def test_load_demo_makes_an_event_round_with_replies_once():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    [event_round] = InvitationRound.objects.filter(event__isnull=False)
    assert event_round.event.title == EVENT_TITLE and f"/rounds/{event_round.pk}/" in out.getvalue()
    results = invitations.round_results(event_round)
    assert {key: results[key] for key in ("total", "sent", "opened", "yes", "no")} == {
        "total": 5,
        "sent": 5,
        "opened": 4,
        "yes": 2,
        "no": 1,
    }
    call_command("load_demo", stdout=io.StringIO())  # again: nothing twice
    assert InvitationRound.objects.filter(event__isnull=False).count() == 1
    assert SegmentInvitation.objects.filter(event__isnull=False).count() == 5

    row = SegmentInvitation.objects.filter(round=event_round).first()
    token = events.token_for(row)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            path = reverse("involvement:event_yes", args=[token])
        page = Client(HTTP_HOST="localhost").get(path)
        assert page.status_code == 200 and f'lang="{code}"' in page.content.decode()
