import datetime
import re

from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

import pytest

from feedback.models import Draft
from tests.feedback.helpers import STEP1, STEP2, post, step_url


def save_from_step_two(client, page, email="ali@example.org"):
    post(client, step_url(page, 1), STEP1)
    response = client.post(step_url(page, 2), {**STEP2, "action": "save"})
    assert response.status_code == 302 and response["Location"].endswith("/save/")
    return client.post(response["Location"], {"email": email})


@pytest.mark.django_db
def test_save_emails_a_link_that_resumes_on_another_device(client, form_page):
    saved = save_from_step_two(client, form_page)
    assert "Your answers are saved" in saved.content.decode()
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/resume/\S+/", mail.outbox[0].body).group(0)
    token = link.rstrip("/").rsplit("/", 1)[1]
    draft = Draft.objects.get()
    assert len(token) >= 40 and token not in draft.token_hash and draft.token_hash != token
    assert draft.expires_at == form_page.get_parent().specific.closes_at

    other_device = Client()
    resumed = other_device.get(link.replace("http://testserver", ""))
    assert resumed.status_code == 302 and resumed["Location"].endswith("/step/2/")
    html = other_device.get(resumed["Location"]).content.decode()
    assert 'value="NF1 2AB"' in html or 'value="nf1 2ab"' in html
    check = other_device.get(f"{form_page.url}check/")
    assert check.status_code in (200, 302)


@pytest.mark.django_db
def test_bad_email_on_save_shows_error(client, form_page):
    response = save_from_step_two(client, form_page, email="not an email")
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    assert Draft.objects.count() == 0


@pytest.mark.django_db
def test_link_stops_working_when_consultation_closes_and_command_deletes_drafts(client, form_page, consultation):
    save_from_step_two(client, form_page)
    link = re.search(r"https?://\S+/resume/\S+/", mail.outbox[0].body).group(0).replace("http://testserver", "")
    consultation.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    consultation.save_revision().publish()
    response = Client().get(link)
    assert response.status_code == 404 and "This link no longer works" in response.content.decode()
    call_command("delete_expired_drafts")
    call_command("delete_expired_drafts")
    assert Draft.objects.count() == 0


@pytest.mark.django_db
def test_unknown_token_is_a_clear_page(client, form_page):
    response = client.get(f"{form_page.url}resume/not-a-real-token/")
    assert response.status_code == 404 and "This link no longer works" in response.content.decode()
