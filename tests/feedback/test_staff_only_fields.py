"""A respondent's name is typed in by staff only; the public forms cannot set it (issue 15)."""

import pytest

from feedback import services
from feedback.models import Response
from tests.feedback.helpers import STEP1, STEP2, STEP3, STEP4, complete_steps, send

pytestmark = pytest.mark.django_db


def test_online_form_ignores_a_posted_respondent_name(client, form_page):
    complete_steps(
        client,
        form_page,
        steps=(
            {**STEP1, "respondent_name": "Injected"},
            STEP2,
            STEP3,
            {**STEP4, "respondent_name": "Injected"},
        ),
    )
    send(client, form_page)
    assert Response.objects.get().name == ""


@pytest.mark.parametrize("channel", ["online", "embed"])
def test_public_channels_never_store_a_name(form_page, good_answers, channel):
    response, _created = services.submit_response(
        form_page, {**good_answers, "respondent_name": "Injected"}, channel=channel
    )
    assert response.name == ""


def test_staff_channels_keep_the_name_staff_typed(form_page, good_answers):
    response, _created = services.submit_response(
        form_page, {**good_answers, "respondent_name": "Mrs Jones"}, channel="paper"
    )
    assert response.name == "Mrs Jones"
