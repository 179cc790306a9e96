"""The demo shows translation end to end in Welsh (issue 14): an open consultation, its response
form (questions and choices) and an outcome, each translated and published in Cymraeg."""

import io

from django.core.management import call_command

from wagtail.models import Locale

import pytest

from consultations.models import ConsultationPage
from feedback.models import Response, ResponseFormPage
from youwedid.models import YouSaidWeDidPage

pytestmark = pytest.mark.django_db


def test_demo_has_a_welsh_open_consultation_form_and_outcome(client):
    call_command("load_demo", stdout=io.StringIO())
    welsh = Locale.objects.get(language_code="cy")

    consultation = ConsultationPage.objects.live().get(
        locale=welsh, slug="eastbrook-minor-injuries-unit"
    )
    assert consultation.title == "Dyfodol Uned Mân Anafiadau Eastbrook"
    form = ResponseFormPage.objects.live().child_of(consultation).get(purpose="standard")
    # Issue 18: its Easy Read version too, pictures described in Welsh, and a Welsh response.
    easy = ResponseFormPage.objects.live().child_of(consultation).get(purpose="easy_read")
    assert easy.form_fields.get(key="support").image_alt == "Tic gwyrdd a chroes goch."
    assert Response.objects.filter(form_version="easy_read", locale=welsh).count() == 1
    labels = [field.label for field in form.form_fields.all()]
    assert "I ba raddau rydych chi'n cytuno â'r cynnig?" in labels
    assert any("Ar fws" in field.choices for field in form.form_fields.all())
    outcome = YouSaidWeDidPage.objects.live().get(locale=welsh)
    assert outcome.title == "Trafnidiaeth gymunedol i'r ysbyty: beth newidiodd"

    page = client.get(consultation.url, HTTP_HOST="localhost").content.decode()
    assert "Dyfodol Uned Mân Anafiadau Eastbrook" in page
    assert "Nid yw'r dudalen hon ar gael" not in page
    respond = client.get(form.url, HTTP_HOST="localhost", follow=True)
    assert respond.status_code == 200
    assert "I ba raddau rydych chi&#x27;n cytuno â&#x27;r cynnig?" in respond.content.decode()
