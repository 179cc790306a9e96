"""The public cannot fill staff-only fields through the embed (issue 15)."""

import pytest

from feedback.models import Response
from tests.partners.test_embed import OURS, embed_url, token_in

pytestmark = pytest.mark.django_db


def test_embed_ignores_a_posted_respondent_name(
    client, partner, consultation, form_page, good_answers
):
    token = token_in(client.get(embed_url(partner, consultation)).content.decode())
    data = {**good_answers, "embed_token": token, "respondent_name": "Injected Name"}
    sent = client.post(embed_url(partner, consultation), data, HTTP_ORIGIN=OURS)
    assert sent.status_code in (200, 302)
    stored = Response.objects.get()
    assert stored.channel == "embed"
    assert stored.name == ""
