import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


@pytest.fixture
def strict(settings):
    """Production's staff rules, whatever the test settings relax."""
    settings.MFA_REQUIRED = True
    settings.ADMIN_LOGIN_RATE = "3/15m"
    from django.core.cache import cache

    cache.clear()
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
