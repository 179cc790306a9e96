"""Security headers on every response: CSP with a per-response nonce, HSTS in production, and friends."""

import re

from django.http import HttpResponse
from django.test import RequestFactory

import pytest

from security.csp import RECAPTCHA_HOSTS, allow_recaptcha, recaptcha_allowed


def directives(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.django_db
def test_public_page_has_a_strict_policy_whose_nonce_matches_the_page_scripts(client, home_page):
    response = client.get(home_page.url)
    policy = directives(response)
    html = response.content.decode()
    nonces = set(re.findall(r'<script[^>]*nonce="([^"]+)"', html))
    assert len(nonces) == 1, "every inline or module script carries the one nonce of this response"
    assert f"'nonce-{nonces.pop()}'" in policy["script-src"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert set(policy["img-src"]) == {"'self'", "data:"}
    assert not any(host in response["Content-Security-Policy"] for host in RECAPTCHA_HOSTS)


@pytest.mark.django_db
def test_each_response_gets_a_fresh_nonce(client, home_page):
    first = directives(client.get(home_page.url))["script-src"]
    second = directives(client.get(home_page.url))["script-src"]
    assert first != second


@pytest.mark.django_db
def test_other_headers(client, home_page):
    response = client.get(home_page.url)
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_allow_recaptcha_adds_googles_hosts_to_that_response_only_and_keeps_other_updates():
    response = HttpResponse()
    response._csp_update = {"frame-ancestors": ["https://partner.example"]}
    allow_recaptcha(response)
    for directive in ("script-src", "frame-src", "connect-src"):
        assert set(RECAPTCHA_HOSTS) <= set(response._csp_update[directive])
    assert response._csp_update["frame-ancestors"] == ["https://partner.example"]

    view = recaptcha_allowed(lambda request: HttpResponse("form"))
    assert "https://www.gstatic.com" in view(RequestFactory().get("/"))._csp_update["script-src"]


@pytest.mark.django_db
def test_recaptcha_hosts_reach_the_header_when_a_view_allows_them(rf, settings):
    from csp.middleware import CSPMiddleware

    request = rf.get("/consultations/x/respond/")
    middleware = CSPMiddleware(lambda req: allow_recaptcha(HttpResponse("<form></form>")))
    response = middleware(request)
    policy = directives(response)
    assert "https://www.google.com" in policy["script-src"]
    assert "https://www.recaptcha.net" in policy["frame-src"]
    assert "'self'" in policy["connect-src"]


@pytest.mark.django_db
def test_admin_has_its_own_policy_that_its_preview_and_widgets_need(client, django_user_model):
    user = django_user_model.objects.create_superuser("ed", "ed@example.nhs.uk", "pw-long-enough-123")
    client.force_login(user)
    response = client.get("/admin/")
    policy = directives(response)
    assert response.status_code == 200
    assert policy["frame-ancestors"] == ["'self'"]  # the editor's live preview is an iframe of our own
    assert "'unsafe-inline'" in policy["style-src"]
    assert not any(value.startswith("'nonce-") for value in policy["script-src"])
    assert policy["object-src"] == ["'none'"]
