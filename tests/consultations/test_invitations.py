"""Invitation links: made once, stored hashed, opened in any language, revoked at once."""

from django.test import Client

import pytest

from consultations import invitations, visibility
from consultations.choices import Visibility
from consultations.models import Invitation
from tests.youwedid.conftest import smtp_server  # noqa: F401 (the loopback SMTP server fixture)


@pytest.fixture
def django_capture_on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def invited(make_consultation):
    return make_consultation(
        title="Stroke survivors panel", slug="stroke-panel", visibility=Visibility.INVITED
    )


def test_links_are_made_once_and_only_their_hash_is_kept(invited):
    made = invitations.create_invitations(invited, 3, label="Patient panel, North")

    assert len(made) == 3
    raw_tokens = [raw for _invitation, raw in made]
    assert len(set(raw_tokens)) == 3
    stored = list(Invitation.objects.filter(consultation=invited).values_list("token", flat=True))
    assert len(stored) == 3
    assert not set(raw_tokens) & set(stored)
    for invitation, raw in made:
        assert invitation.label == "Patient panel, North"
        assert invitations.invitation_for_token(raw) == invitation
    url = invitations.invitation_url(invited, raw_tokens[0])
    assert url.startswith("http") and url.endswith(f"/invitation/{raw_tokens[0]}/")


def test_without_a_link_a_visitor_is_told_it_is_by_invitation(invited):
    response = Client().get(invited.url)

    assert response.status_code == 403
    body = response.content.decode()
    assert "This consultation is by invitation" in body
    assert invited.summary not in body
    assert "Stroke survivors panel" not in body


def test_opening_the_link_lets_this_browser_in_and_records_the_first_opening(invited):
    [(invitation, raw)] = invitations.create_invitations(invited, 1)
    visitor = Client()

    opened = visitor.get(f"/invitation/{raw}/")

    assert opened.status_code == 302 and opened["Location"] == invited.url
    invitation.refresh_from_db()
    first = invitation.first_opened_at
    assert first is not None
    page = visitor.get(invited.url)
    assert page.status_code == 200
    assert "Stroke survivors panel" in page.content.decode()
    visitor.get(f"/invitation/{raw}/")
    invitation.refresh_from_db()
    assert invitation.first_opened_at == first
    assert Client().get(invited.url).status_code == 403


def test_a_revoked_link_stops_working_for_the_browser_that_opened_it(invited):
    [(invitation, raw)] = invitations.create_invitations(invited, 1)
    visitor = Client()
    visitor.get(f"/invitation/{raw}/")

    invitations.revoke(invitation)

    assert visitor.get(invited.url).status_code == 403
    again = visitor.get(f"/invitation/{raw}/")
    assert again.status_code == 403
    assert "This invitation link no longer works" in again.content.decode()


def test_an_unknown_link_is_a_clear_not_found(invited):
    response = Client().get("/invitation/not-a-real-token/")

    assert response.status_code == 404
    assert "We do not recognise this invitation link" in response.content.decode()


def test_the_rule_in_one_place(invited, open_consultation, make_consultation):
    unlisted = make_consultation(title="Quiet one", visibility=Visibility.UNLISTED)

    assert visibility.is_publicly_listed(open_consultation)
    assert not visibility.is_publicly_listed(unlisted)
    assert not visibility.is_publicly_listed(invited)
    assert visibility.is_invited(invited) and not visibility.is_invited(unlisted)
