"""The page cache never hands an invited consultation to someone without an invitation, and
publishing a change of visibility takes effect at once (issue 17)."""

from django.test import Client

import pytest

from consultations import invitations
from consultations.choices import Visibility
from tests.factories import make_consultation

pytestmark = pytest.mark.django_db


def state(response):
    return response.get("X-Page-Cache")


def test_an_invited_page_read_through_a_link_is_never_served_to_a_stranger(home_page, page_cache):
    consultation = make_consultation(home_page)
    consultation.visibility = Visibility.INVITED
    consultation.save_revision().publish()
    [(_invitation, raw)] = invitations.create_invitations(consultation, 1)
    member = Client()
    member.get(f"/invitation/{raw}/")

    for _ in range(2):
        assert member.get(consultation.url).status_code == 200
    stranger = Client()
    for _ in range(2):
        refused = stranger.get(consultation.url)
        assert refused.status_code == 403
        assert state(refused) is None
        assert consultation.title not in refused.content.decode()
        assert "no-store" in refused["Cache-Control"]


def test_making_a_cached_public_page_invited_refuses_strangers_at_once(home_page, page_cache):
    consultation = make_consultation(home_page)
    stranger = Client()
    stranger.get(consultation.url)
    assert state(stranger.get(consultation.url)) == "hit"

    consultation.visibility = Visibility.INVITED
    consultation.save_revision().publish()

    assert stranger.get(consultation.url).status_code == 403
