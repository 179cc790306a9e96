"""Staff sign-in: TOTP required for every admin account, throttled sign-in, session clocks."""

from django.urls import reverse

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from security import sessions
from tests.security.conftest import current_token, open_emailed_link

PASSWORD = "correct horse battery staple"  # noqa: S105


def sign_in(client, username="staff", password=PASSWORD):
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": password})


@pytest.mark.django_db
def test_admin_without_a_device_is_sent_to_enrolment(client, strict, admin_user):
    sign_in(client)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("security_mfa_enrol"))


@pytest.mark.django_db
def test_enrolment_shows_a_qr_code_and_the_key_and_a_right_code_lets_them_in(client, strict, admin_user):
    sign_in(client)
    open_emailed_link(client)  # a first set-up needs the emailed link as well (issue 15)
    page = client.get(reverse("security_mfa_enrol"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and "data-secret" in html
    device = TOTPDevice.objects.get(user=admin_user, confirmed=False)

    wrong = client.post(reverse("security_mfa_enrol"), {"token": "000000" if current_token(device) != "000000" else "111111"})
    assert wrong.status_code == 200 and "not right" in wrong.content.decode()
    assert client.get(reverse("wagtailadmin_home")).status_code == 302

    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows guessing after a failure; a person would wait a second
    done = client.post(reverse("security_mfa_enrol"), {"token": current_token(device)})
    assert done.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


@pytest.mark.django_db
def test_admin_with_a_device_must_enter_a_code_and_a_verified_token_gets_in(client, strict, confirmed_device):
    sign_in(client)
    response = client.get(reverse("wagtailadmin_home"))
    assert response["Location"].startswith(reverse("security_mfa_verify"))
    # Nobody can enrol a second authenticator with the password alone.
    assert client.get(reverse("security_mfa_enrol"))["Location"].startswith(reverse("security_mfa_verify"))

    response = client.post(reverse("security_mfa_verify"), {"token": current_token(confirmed_device)})
    assert response.status_code == 302
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert dashboard.status_code == 200


@pytest.mark.django_db
def test_a_wrong_code_keeps_the_admin_out(client, strict, confirmed_device):
    sign_in(client)
    token = current_token(confirmed_device)
    wrong = f"{(int(token) + 1) % 1_000_000:06d}"
    response = client.post(reverse("security_mfa_verify"), {"token": wrong})
    assert response.status_code == 200
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


@pytest.mark.django_db
def test_sign_in_is_throttled_after_repeated_failures_even_with_the_right_password(client, strict, admin_user):
    for _ in range(3):
        response = sign_in(client, password="wrong password")  # noqa: S106
        assert response.status_code == 200
    response = sign_in(client)
    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_throttling_by_username_holds_across_addresses(client, strict, admin_user):
    for number in range(3):
        client.post(reverse("wagtailadmin_login"), {"username": "staff", "password": "nope"}, REMOTE_ADDR=f"10.0.0.{number}")
    response = client.post(reverse("wagtailadmin_login"), {"username": "staff", "password": PASSWORD}, REMOTE_ADDR="10.0.0.99")
    assert response.status_code == 429


@pytest.mark.django_db
def test_session_ends_after_thirty_minutes_idle(client, strict, confirmed_device, monkeypatch):
    clock = [1_000_000.0]
    monkeypatch.setattr(sessions, "now", lambda: clock[0])
    sign_in(client)
    client.post(reverse("security_mfa_verify"), {"token": current_token(confirmed_device)})
    clock[0] += 29 * 60
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    clock[0] += 29 * 60  # active a moment ago, so still in
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    clock[0] += 31 * 60
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_session_ends_after_twelve_hours_however_active(client, strict, confirmed_device, monkeypatch):
    clock = [1_000_000.0]
    monkeypatch.setattr(sessions, "now", lambda: clock[0])
    sign_in(client)
    client.post(reverse("security_mfa_verify"), {"token": current_token(confirmed_device)})
    for _ in range(12 * 3):  # every 20 minutes for 12 hours
        clock[0] += 20 * 60
        response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    clock[0] += 20 * 60
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert "expired=absolute" in response["Location"]


def test_idle_age_matches_the_session_cookie(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_ABSOLUTE_AGE == 12 * 60 * 60
