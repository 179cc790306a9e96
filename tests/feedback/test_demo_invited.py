"""The demo shows unlisted and invited consultations in every language, with a working link."""

import io
import re

from django.conf import settings
from django.core.management import call_command
from django.test import Client

import pytest

from consultations.choices import Visibility
from consultations.models import ConsultationIndexPage, ConsultationPage
from feedback.demo_invited import INVITED, UNLISTED

pytestmark = pytest.mark.django_db


def test_load_demo_makes_an_unlisted_and_an_invited_consultation_and_prints_a_link():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    printed = out.getvalue()
    [link] = re.findall(r"open (\S+/invitation/\S+/) to read", printed)
    assert UNLISTED["slug"] in printed

    invited = ConsultationPage.objects.filter(slug=INVITED["slug"], live=True)
    unlisted = ConsultationPage.objects.filter(slug=UNLISTED["slug"], live=True)
    languages = {code for code, _name in settings.LANGUAGES}
    assert {page.locale.language_code for page in invited} == languages
    assert {page.locale.language_code for page in unlisted} == languages
    assert {page.visibility for page in invited} == {Visibility.INVITED}
    assert {page.visibility for page in unlisted} == {Visibility.UNLISTED}

    stranger, member = Client(HTTP_HOST="localhost"), Client(HTTP_HOST="localhost")
    member.get(link.removeprefix(settings.PUBLIC_BASE_URL.rstrip("/")))
    for page in invited:
        assert stranger.get(page.url).status_code == 403
        body = member.get(page.url).content.decode()
        assert page.title.replace("'", "&#x27;") in body
    index_pages = ConsultationIndexPage.objects.live()
    for page in unlisted:
        assert stranger.get(page.url).status_code == 200
    for index in index_pages:
        listing = stranger.get(index.url).content.decode()
        assert UNLISTED["slug"] not in listing and INVITED["slug"] not in listing

    again = io.StringIO()
    call_command("load_demo", stdout=again)
    assert link in again.getvalue()  # the same link every run, stored once
