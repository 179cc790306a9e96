import re

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


@pytest.fixture
def strict(settings):
    """Production's staff rules, whatever the test settings relax."""
    settings.MFA_REQUIRED = True
    settings.ADMIN_LOGIN_RATE = "3/15m"
    from django.core.cache import cache, caches

    cache.clear()
    caches[getattr(settings, "THROTTLE_CACHE", "default")].clear()
    return settings


@pytest.fixture
def admin_user(db, django_user_model):
    return django_user_model.objects.create_superuser("staff", "staff@example.nhs.uk", "correct horse battery staple")


def current_token(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def confirmed_device(admin_user):
    return TOTPDevice.objects.create(user=admin_user, name="phone", confirmed=True)


def emailed_link(outbox):
    """The set-up link in the last email sent, as a path."""
    match = re.search(r"http://testserver(/\S+/mfa/enrol/link/\S+/)", outbox[-1].body)
    assert match, outbox[-1].body
    return match.group(1)


def open_emailed_link(client):
    """Ask for the set-up link, then open it and press Continue, as a member of staff would."""
    from django.core import mail
    from django.urls import reverse

    client.post(reverse("security_mfa_enrol"), {"action": "send"})
    link = emailed_link(mail.outbox)
    assert client.get(link).status_code == 200
    done = client.post(link)
    assert done.status_code == 302 and done["Location"] == reverse("security_mfa_enrol")
    return link
