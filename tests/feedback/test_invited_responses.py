"""A response to an invited consultation records the invitation link it came through, and
nothing about the person; without a link the form cannot be read or posted to."""

from django.test import Client

from consultations import invitations
from consultations.choices import Visibility
from feedback.models import Response
from tests.feedback.helpers import STEP1, STEP2, STEP3, STEP4, complete_steps, send, step_url


def make_invited(consultation):
    consultation.visibility = Visibility.INVITED
    consultation.save_revision().publish()
    consultation.refresh_from_db()
    return consultation


def test_a_response_through_an_invitation_records_the_invitation(consultation, form_page):
    make_invited(consultation)
    [(invitation, raw)] = invitations.create_invitations(consultation, 1, label="Panel, North")
    visitor = Client()
    visitor.get(f"/invitation/{raw}/")

    complete_steps(visitor, form_page, (STEP1, STEP2, STEP3, STEP4))
    sent, _key = send(visitor, form_page)

    assert sent.status_code == 302
    response = Response.objects.get()
    assert response.invitation == invitation
    assert response.email == "" and response.name == ""
    assert list(invitation.responses.all()) == [response]


def test_without_an_invitation_the_form_is_refused(consultation, form_page):
    make_invited(consultation)
    visitor = Client()

    assert visitor.get(form_page.url).status_code == 403
    posted = visitor.post(step_url(form_page, 1), {"action": "continue", **STEP1})
    assert posted.status_code == 403
    assert "This consultation is by invitation" in posted.content.decode()
    assert not Response.objects.exists()


def test_a_public_consultation_records_no_invitation(consultation, form_page):
    visitor = Client()
    complete_steps(visitor, form_page, (STEP1, STEP2, STEP3, STEP4))
    send(visitor, form_page)

    assert Response.objects.get().invitation is None
