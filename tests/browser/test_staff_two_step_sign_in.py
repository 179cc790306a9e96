"""A first two-step set-up in a real browser: the password alone shows no QR code; the emailed
one-time link does, and the code from it signs the member of staff in (issue 15)."""

import base64
import re

from django.core import mail

import pytest
from django_otp.oath import TOTP

from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-password-for-tests-123"  # noqa: S105


def code_for(secret):
    key = base64.b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    return f"{TOTP(key).token():06d}"


def test_first_set_up_needs_the_emailed_link(
    live_server, home_page, page, axe, settings, django_user_model
):
    settings.MFA_REQUIRED = True
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    django_user_model.objects.create_superuser("comms", "comms.officer@example.nhs.uk", PASSWORD)

    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "comms")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/mfa/enrol/**")
    # The password alone: no QR code and no key, only the offer of a link to the account's address.
    assert page.locator("main svg, .security-qr, [data-secret]").count() == 0
    assert "co…@example.nhs.uk" in page.inner_text("main")
    assert axe_violations(axe, page) == []

    page.get_by_role("button", name="Email me a set-up link").first.click()
    page.wait_for_load_state()
    assert "We have sent the link" in page.inner_text("main")
    assert [message.to for message in mail.outbox] == [["comms.officer@example.nhs.uk"]]
    link = re.search(r"https?://\S+/mfa/enrol/link/\S+/", mail.outbox[0].body).group(0)

    page.goto(link)
    assert axe_violations(axe, page) == []
    page.get_by_role("button", name="Continue to set-up").first.click()
    page.wait_for_url("**/admin/mfa/enrol/")
    secret = page.locator("[data-secret]").inner_text()
    assert page.locator(".security-qr svg").count() == 1
    page.fill("input[name=token]", code_for(secret))
    page.get_by_role("button", name="Turn on two-step sign-in").first.click()
    page.wait_for_url(live_server.url + "/admin/")
    assert page.locator("#wagtail-sidebar, [data-wagtail-sidebar], .sidebar").count() >= 1

    # The link was spent: opening it again offers a new one instead of the set-up.
    page.goto(link)
    assert "has been used already" in page.inner_text("main")
