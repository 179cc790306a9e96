"""A first authenticator needs the emailed one-time link as well as the password (issue 15)."""

import datetime

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from security.models import EnrolmentLink
from tests.security.conftest import current_token, emailed_link, open_emailed_link
from tests.security.test_staff_sign_in import PASSWORD, sign_in

pytestmark = pytest.mark.django_db


def test_the_password_alone_cannot_reach_the_set_up_page(client, strict, admin_user):
    sign_in(client)
    page = client.get(reverse("security_mfa_enrol"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" not in html and "data-secret" not in html  # no QR code, no key
    assert "Email me a set-up link" in html and "st…@example.nhs.uk" in html
    assert not TOTPDevice.objects.filter(user=admin_user).exists()
    # Posting a code straight away enrols nothing either.
    client.post(reverse("security_mfa_enrol"), {"token": "123456"})
    assert not TOTPDevice.objects.filter(user=admin_user, confirmed=True).exists()
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


def test_the_link_goes_to_the_accounts_own_address_and_opens_the_set_up(client, strict, admin_user):
    sign_in(client)
    sent = client.post(reverse("security_mfa_enrol"), {"action": "send"})
    assert "We have sent the link" in sent.content.decode()
    assert [message.to for message in mail.outbox] == [["staff@example.nhs.uk"]]
    assert "two-step sign-in" in mail.outbox[0].subject
    link = emailed_link(mail.outbox)
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert not EnrolmentLink.objects.filter(token_hash__contains=token).exists()  # stored hashed

    confirm = client.get(link)  # a mail scanner's visit must not spend it
    assert confirm.status_code == 200 and "Continue to set-up" in confirm.content.decode()
    assert EnrolmentLink.objects.get().used_at is None
    assert client.post(link)["Location"] == reverse("security_mfa_enrol")

    page = client.get(reverse("security_mfa_enrol"))
    assert "<svg" in page.content.decode() and "data-secret" in page.content.decode()
    device = TOTPDevice.objects.get(user=admin_user, confirmed=False)
    done = client.post(reverse("security_mfa_enrol"), {"token": current_token(device)})
    assert done.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_the_link_works_once(client, strict, admin_user):
    sign_in(client)
    link = open_emailed_link(client)
    again = Client()
    sign_in(again)
    assert again.get(link).status_code == 400
    assert again.post(link)["Location"] == reverse("security_mfa_enrol")
    assert "data-secret" not in again.get(reverse("security_mfa_enrol")).content.decode()


def test_the_link_expires(client, strict, admin_user, settings):
    settings.MFA_ENROL_LINK_MINUTES = 30
    sign_in(client)
    client.post(reverse("security_mfa_enrol"), {"action": "send"})
    EnrolmentLink.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    link = emailed_link(mail.outbox)
    expired = client.get(link)
    assert expired.status_code == 400 and "has expired" in expired.content.decode()
    client.post(link)
    assert "data-secret" not in client.get(reverse("security_mfa_enrol")).content.decode()


def test_the_link_is_bound_to_its_user(client, strict, admin_user, django_user_model):
    django_user_model.objects.create_superuser("thief", "thief@example.org", PASSWORD)
    sign_in(client)
    client.post(reverse("security_mfa_enrol"), {"action": "send"})
    link = emailed_link(mail.outbox)
    other = Client()
    sign_in(other, username="thief")
    assert other.get(link).status_code == 400
    other.post(link)
    assert "data-secret" not in other.get(reverse("security_mfa_enrol")).content.decode()
    assert EnrolmentLink.objects.get().used_at is None  # still there for its owner


def test_a_new_link_replaces_the_old_one(client, strict, admin_user):
    sign_in(client)
    client.post(reverse("security_mfa_enrol"), {"action": "send"})
    first = emailed_link(mail.outbox)
    client.post(reverse("security_mfa_enrol"), {"action": "send"})
    assert client.get(first).status_code == 400
    assert client.get(emailed_link(mail.outbox)).status_code == 200


def test_opening_the_link_signed_out_asks_for_the_password_first(client, strict, admin_user):
    sign_in(client)
    client.post(reverse("security_mfa_enrol"), {"action": "send"})
    link = emailed_link(mail.outbox)
    fresh = Client()
    response = fresh.get(link)
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("wagtailadmin_login")
    )
    signed_in = fresh.post(response["Location"], {"username": "staff", "password": PASSWORD})
    assert signed_in["Location"] == link  # back to the link, not bounced to the set-up page
    assert fresh.get(link).status_code == 200


def test_staff_without_an_email_address_are_told_to_ask_an_administrator(
    client, strict, admin_user
):
    admin_user.email = ""
    admin_user.save()
    sign_in(client)
    page = client.get(reverse("security_mfa_enrol"))
    assert "Ask an administrator" in page.content.decode()
    client.post(reverse("security_mfa_enrol"), {"action": "send"})
    assert mail.outbox == []


def test_sign_out_on_the_set_up_page_signs_out(client, strict, admin_user):
    sign_in(client)
    html = client.get(reverse("security_mfa_enrol")).content.decode()
    assert (
        f'action="{reverse("wagtailadmin_logout")}" method="post"' in html
    )  # Django's logout is POST-only
    client.post(reverse("wagtailadmin_logout"))
    assert "_auth_user_id" not in client.session


def test_the_admin_icons_load_on_the_set_up_page(client, strict, admin_user):
    sign_in(client)
    sprite = client.get(reverse("wagtailadmin_sprite"))
    assert (
        sprite.status_code == 200
    )  # not a redirect to the set-up page, which the browser would inline
