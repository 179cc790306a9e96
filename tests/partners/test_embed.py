import re

from django.core import signing

import pytest

from feedback.models import Response
from partners import embed
from tests.factories import make_partner

pytestmark = pytest.mark.django_db

OURS = "http://testserver"


def frame_ancestors(response):
    for directive in response.get("Content-Security-Policy", "").split(";"):
        name, _sep, value = directive.strip().partition(" ")
        if name == "frame-ancestors":
            return value.strip()
    return None


def embed_url(partner, consultation, lang="en"):
    return f"/embed/{partner.slug}/consultation/{consultation.pk}/?lang={lang}"


def token_in(html):
    return re.search(r'name="embed_token" value="([^"]+)"', html).group(1)


def test_embed_shows_content_and_form_without_our_header_and_footer(client, partner, consultation, form_page):
    response = client.get(embed_url(partner, consultation))
    html = response.content.decode()
    assert response.status_code == 200
    assert consultation.title in html
    assert "How far do you agree with the proposal?" in html  # step 1
    assert "How important are these to you?" in html  # step 2: every step on one page
    assert 'name="embed_token"' in html
    assert "nhsuk-header" not in html and "nhsuk-footer" not in html
    assert "csrfmiddlewaretoken" not in html


def test_embed_may_be_framed_only_by_the_partners_origins(client, partner, consultation, form_page):
    partner.allowed_origins = "https://healthwatch-northfield.example\nhttp://localhost:8116"
    partner.save()
    response = client.get(embed_url(partner, consultation))
    assert frame_ancestors(response) == "'self' https://healthwatch-northfield.example http://localhost:8116"
    assert "X-Frame-Options" not in response


def test_every_other_page_still_refuses_to_be_framed(client, partner, consultation, form_page):
    response = client.get(consultation.url)
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert frame_ancestors(response) in (None, "'none'")
    assert client.get("/").get("X-Frame-Options") == "DENY"


def test_inactive_or_unknown_partner_gets_404(client, consultation, form_page):
    inactive = make_partner(name="Old PPG", slug="old-ppg", active=False)
    assert client.get(embed_url(inactive, consultation)).status_code == 404
    assert client.get(f"/embed/nobody/consultation/{consultation.pk}/").status_code == 404


def test_generic_embed_is_framable_by_every_active_partner(client, consultation, form_page):
    make_partner(slug="a", origins="https://a.example")
    make_partner(name="B", slug="b", origins="https://b.example")
    make_partner(name="C", slug="c", origins="https://c.example", active=False)
    response = client.get(f"/embed/consultation/{consultation.pk}/")
    assert response.status_code == 200
    assert frame_ancestors(response) == "'self' https://a.example https://b.example"


def test_response_through_embed_is_stored_once_for_the_partner_without_any_cookie(client, partner, consultation, form_page, good_answers):
    page = client.get(embed_url(partner, consultation))
    token = token_in(page.content.decode())
    client.cookies.clear()  # third-party cookies blocked: nothing from us is stored
    data = {**good_answers, "embed_token": token}
    first = client.post(embed_url(partner, consultation), data, HTTP_ORIGIN=OURS)
    again = client.post(embed_url(partner, consultation), data, HTTP_ORIGIN=OURS)
    assert first.status_code == 200 and again.status_code == 200
    assert "Response sent" in first.content.decode()
    assert Response.objects.count() == 1
    stored = Response.objects.get()
    assert stored.channel == "embed"
    assert stored.partner == partner
    assert stored.answers["support"] == "agree"
    assert stored.reference in again.content.decode()
    assert frame_ancestors(first) == "'self' https://healthwatch-northfield.example"


def test_csrf_is_still_enforced_for_the_ordinary_form(partner, consultation, form_page):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(form_page.url + "step/1/", {"support": "agree"})
    assert response.status_code == 403


def test_post_without_a_token_is_refused(client, partner, consultation, form_page, good_answers):
    response = client.post(embed_url(partner, consultation), good_answers, HTTP_ORIGIN=OURS)
    assert response.status_code == 403
    assert Response.objects.count() == 0


def test_post_from_another_origin_is_refused(client, partner, consultation, form_page, good_answers):
    token = token_in(client.get(embed_url(partner, consultation)).content.decode())
    data = {**good_answers, "embed_token": token}
    assert client.post(embed_url(partner, consultation), data, HTTP_ORIGIN="https://evil.example").status_code == 403
    assert client.post(embed_url(partner, consultation), data, HTTP_REFERER="https://evil.example/page").status_code == 403
    assert client.post(embed_url(partner, consultation), data).status_code == 403  # neither header
    assert Response.objects.count() == 0
    ok = client.post(embed_url(partner, consultation), data, HTTP_REFERER=f"{OURS}/embed/x/")
    assert ok.status_code == 200 and Response.objects.count() == 1


def test_token_for_another_partner_or_consultation_is_refused(client, partner, consultation, form_page, good_answers):
    other = make_partner(name="PPG", slug="ppg", origins="https://ppg.example")
    token = token_in(client.get(embed_url(other, consultation)).content.decode())
    response = client.post(embed_url(partner, consultation), {**good_answers, "embed_token": token}, HTTP_ORIGIN=OURS)
    assert response.status_code == 403
    forged = signing.dumps({"p": partner.pk, "c": consultation.pk, "f": form_page.pk, "n": "x", "t": 0}, salt="another-salt")
    response = client.post(embed_url(partner, consultation), {**good_answers, "embed_token": forged}, HTTP_ORIGIN=OURS)
    assert response.status_code == 403
    assert Response.objects.count() == 0


def test_expired_token_keeps_answers_and_asks_to_send_again(client, partner, consultation, form_page, good_answers, settings):
    token = token_in(client.get(embed_url(partner, consultation)).content.decode())
    original = embed.EMBED_TOKEN_MAX_AGE
    embed.EMBED_TOKEN_MAX_AGE = -1
    try:
        response = client.post(embed_url(partner, consultation), {**good_answers, "embed_token": token}, HTTP_ORIGIN=OURS)
    finally:
        embed.EMBED_TOKEN_MAX_AGE = original
    html = response.content.decode()
    assert response.status_code == 400
    assert "send them again" in html
    assert "It is closer to the bus station." in html
    assert token_in(html) != token
    assert Response.objects.count() == 0


def test_invalid_answers_show_errors_in_the_embed_and_keep_the_token(client, partner, consultation, form_page):
    token = token_in(client.get(embed_url(partner, consultation)).content.decode())
    response = client.post(embed_url(partner, consultation), {"embed_token": token, "reasons": "Typed"}, HTTP_ORIGIN=OURS)
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert 'href="#support"' in html
    assert token_in(html) == token
    assert "Typed" in html
    assert Response.objects.count() == 0


def test_embed_in_the_language_the_partner_chooses(client, partner, consultation, form_page, locales):
    welsh = consultation.copy_for_translation(locales["cy"], copy_parents=True)
    welsh.title = "Gofal brys yn Northfield"
    welsh.save_revision().publish()
    response = client.get(embed_url(partner, consultation, lang="cy"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="cy"' in html
    assert "Gofal brys yn Northfield" in html
    # A language without a translation falls back to the source, labelled as such.
    html = client.get(embed_url(partner, consultation, lang="pl")).content.decode()
    assert '<html lang="en"' in html and consultation.title in html


def test_closed_consultation_embed_shows_no_form(client, partner, home_page):
    from tests.factories import add_form, make_consultation

    closed = make_consultation(home_page, title="Closed one", opens=-30, closes=-1)
    add_form(closed)
    html = client.get(embed_url(partner, closed)).content.decode()
    assert "This consultation is closed" in html
    assert "embed_token" not in html
