"""A new intake API key is shown once, on the page that answers "Save": never through Django's
messages (a cookie or the session could keep it and show it again), never on a later page."""

import re

from django.contrib.messages import get_messages
from django.contrib.sessions.models import Session

import pytest

from partners import intake
from partners.models import IntakeToken, Partner
from tests.factories import add_form, make_consultation

pytestmark = pytest.mark.django_db

ADD = "/admin/snippets/partners/intaketoken/add/"


@pytest.fixture
def staff(client, django_user_model, settings):
    settings.MFA_REQUIRED = False
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"  # so the test can read it
    user = django_user_model.objects.create_superuser("keys", "keys@example.org", "a-long-password-1")
    client.force_login(user)
    return client


def test_a_new_key_is_shown_once_and_nowhere_else(staff, home_page):
    consultation = make_consultation(home_page)
    add_form(consultation)
    partner = Partner.objects.create(name="Healthwatch Northfield", slug="hw")
    response = staff.post(
        ADD,
        {"partner": partner.pk, "name": "SMS provider", "consultations": [consultation.pk], "channel": "sms", "is_active": "on"},
    )
    assert response.status_code == 200, response.content[:2000]
    html = response.content.decode()
    keys = re.findall(re.escape(intake.TOKEN_PREFIX) + r"[A-Za-z0-9_\-]{20,}", html)
    assert len(keys) == 1, keys  # once, in the box to copy
    key = keys[0]
    token = IntakeToken.objects.get()
    assert token.token_hash == intake.hash_token(key) and key not in str(token.__dict__)
    assert "will not be shown again" in html
    assert 'data-action="w-clipboard#copy"' in html and "<button" in html  # a real button: Enter and Space work
    assert "no-store" in response["Cache-Control"]
    # Not in the messages storage, a cookie or the session.
    assert [str(m) for m in get_messages(response.wsgi_request) if key in str(m)] == []
    assert all(key not in morsel.value for morsel in response.cookies.values())
    assert all(key not in str(s.get_decoded()) for s in Session.objects.all())
    # Not on any later page.
    for url in ["/admin/snippets/partners/intaketoken/", f"/admin/snippets/partners/intaketoken/edit/{token.pk}/", "/admin/"]:
        later = staff.get(url)
        assert later.status_code == 200
        assert key not in later.content.decode()
        assert intake.TOKEN_PREFIX + key[len(intake.TOKEN_PREFIX) :][:20] not in later.content.decode()


def test_the_key_works_and_a_second_save_makes_another(staff, home_page):
    consultation = make_consultation(home_page)
    partner = Partner.objects.create(name="Healthwatch Northfield", slug="hw")
    data = {"partner": partner.pk, "name": "Phone line", "consultations": [consultation.pk], "channel": "phone", "is_active": "on"}
    first = re.search(r'id="intake-key-value" value="([^"]+)"', staff.post(ADD, data).content.decode()).group(1)
    second = re.search(r'id="intake-key-value" value="([^"]+)"', staff.post(ADD, data).content.decode()).group(1)
    assert first != second
    assert set(IntakeToken.objects.values_list("token_hash", flat=True)) == {intake.hash_token(first), intake.hash_token(second)}


def test_an_invalid_form_shows_no_key(staff, home_page):
    response = staff.post(ADD, {"name": ""})
    assert response.status_code == 200
    assert intake.TOKEN_PREFIX not in response.content.decode().replace('placeholder="' + intake.TOKEN_PREFIX, "")
    assert IntakeToken.objects.count() == 0
