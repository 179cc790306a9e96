"""Security headers on every response: a CSP without per-response secrets, HSTS in production, and friends."""

import re

from django.http import HttpResponse
from django.test import RequestFactory

import pytest

from security.csp import (
    RECAPTCHA_HOSTS,
    SitePolicyMiddleware,
    allow_framing,
    allow_recaptcha,
    recaptcha_allowed,
)
from security.inline_scripts import script_hash


def directives(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.django_db
def test_public_page_has_a_strict_policy_that_allows_its_one_inline_script_by_hash(client, home_page):
    response = client.get(home_page.url)
    policy = directives(response)
    html = response.content.decode()
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S)
    assert inline, "the js-enabled script is inline"
    for code in inline:
        assert script_hash(code) in policy["script-src"], code
    assert "nonce" not in html and "nonce" not in response["Content-Security-Policy"]
    assert re.findall(r"<script[^>]*\bsrc=", html), "the site's own scripts come from 'self'"
    assert not re.findall(r"<[a-z]+[^>]*\son[a-z]+=", html), "no event-handler attributes"
    assert not re.findall(r"<style|\sstyle=", html), "no inline styles"
    assert "'unsafe-inline'" not in policy["script-src"]
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert set(policy["img-src"]) == {"'self'", "data:"}
    assert not any(host in response["Content-Security-Policy"] for host in RECAPTCHA_HOSTS)


@pytest.mark.django_db
def test_every_reader_gets_the_same_policy_so_a_cache_may_keep_the_page(client, home_page):
    first, second = client.get(home_page.url), client.get(home_page.url)
    assert first["Content-Security-Policy"] == second["Content-Security-Policy"]
    assert first.content == second.content


@pytest.mark.django_db
def test_other_headers(client, home_page):
    response = client.get(home_page.url)
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_recaptcha_and_framing_widen_one_response_each_and_add_up():
    request = RequestFactory().get("/embed/x/")
    middleware = SitePolicyMiddleware(lambda req: allow_framing(allow_recaptcha(HttpResponse("form")), ["'self'", "https://partner.example"]))
    policy = directives(middleware(request))
    for directive in ("script-src", "frame-src", "connect-src"):
        assert set(RECAPTCHA_HOSTS) <= set(policy[directive])
    assert policy["frame-ancestors"] == ["'self'", "https://partner.example"]
    assert "'self'" in policy["script-src"]

    view = recaptcha_allowed(lambda request: HttpResponse("form"))
    plain = directives(SitePolicyMiddleware(lambda req: HttpResponse("page"))(request))
    widened = directives(SitePolicyMiddleware(view)(request))
    assert "https://www.gstatic.com" in widened["script-src"]
    assert "https://www.gstatic.com" not in plain["script-src"]
    assert plain["frame-ancestors"] == ["'none'"]


@pytest.mark.django_db
def test_recaptcha_hosts_reach_the_header_when_a_view_allows_them(rf, settings):
    request = rf.get("/consultations/x/respond/")
    middleware = SitePolicyMiddleware(lambda req: allow_recaptcha(HttpResponse("<form></form>")))
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
