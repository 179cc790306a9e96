"""Sign-in and two-step sign-in never follow a `next` that leaves the site (issue 15)."""

from django.urls import reverse

import pytest

from tests.security.conftest import current_token
from tests.security.test_staff_sign_in import PASSWORD

pytestmark = pytest.mark.django_db

OFF_SITE = ["//evil.example", "//evil.example/admin/", "https://evil.example/", "/\\evil.example"]


@pytest.mark.parametrize("target", OFF_SITE)
def test_sign_in_and_code_never_redirect_off_site(client, strict, confirmed_device, target):
    signed_in = client.post(
        reverse("wagtailadmin_login") + f"?next={target}",
        {"username": "staff", "password": PASSWORD, "next": target},
    )
    assert signed_in.status_code == 302
    assert "evil.example" not in signed_in["Location"]
    verified = client.post(
        reverse("security_mfa_verify"), {"token": current_token(confirmed_device), "next": target}
    )
    assert verified.status_code == 302
    assert verified["Location"] == reverse("wagtailadmin_home")


def test_code_returns_to_the_admin_page_asked_for(client, strict, confirmed_device):
    client.post(reverse("wagtailadmin_login"), {"username": "staff", "password": PASSWORD})
    wanted = reverse("wagtailadmin_explore_root")
    verified = client.post(
        reverse("security_mfa_verify"), {"token": current_token(confirmed_device), "next": wanted}
    )
    assert verified["Location"] == wanted
