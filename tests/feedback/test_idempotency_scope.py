"""An idempotency token only finds a response the same client sent on the same form (issue 15)."""

from django.test import Client

import pytest

from feedback import services
from feedback.models import Response
from tests.factories import add_form, make_consultation
from tests.feedback.helpers import complete_steps, send

pytestmark = pytest.mark.django_db


def test_a_token_copied_from_another_visitors_page_does_not_reveal_their_reference(
    client, form_page
):
    complete_steps(client, form_page)
    sent, key = send(client, form_page)
    assert sent["Location"].endswith("/done/")
    reference = Response.objects.get().reference

    stranger = Client()
    stolen = stranger.post(f"{form_page.url}check/", {"idempotency_key": key})
    assert stolen.status_code == 302
    assert not stolen["Location"].endswith("/done/")
    followed = stranger.get(stolen["Location"], follow=True)
    assert reference not in followed.content.decode()
    assert reference not in str(dict(stranger.session))
    assert Response.objects.count() == 1


def test_the_same_token_on_another_form_is_another_response(home_page, form_page, good_answers):
    other = add_form(make_consultation(home_page, title="Another one", slug="another-one"))
    first, created = services.submit_response(
        form_page, good_answers, idempotency_key="same", client="session:a"
    )
    elsewhere, created_elsewhere = services.submit_response(
        other, good_answers, idempotency_key="same", client="session:a"
    )
    assert created and created_elsewhere and first.pk != elsewhere.pk


def test_the_same_token_from_another_client_is_not_a_repeat(form_page, good_answers):
    first, _created = services.submit_response(
        form_page, good_answers, idempotency_key="same", client="session:a"
    )
    again, created_again = services.submit_response(
        form_page, good_answers, idempotency_key="same", client="session:a"
    )
    assert again.pk == first.pk and not created_again
    other, created_other = services.submit_response(
        form_page, good_answers, idempotency_key="same", client="session:b"
    )
    assert created_other and other.pk != first.pk
    assert first.idempotency_key != "same"  # stored scoped, never as the raw token
