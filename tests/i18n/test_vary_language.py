"""home.language: the address decides a page's language, so no response varies on Accept-Language
(Django's LocaleMiddleware adds it to every unprefixed address, which splits a shared cache)."""

from django.http import HttpResponse
from django.test import RequestFactory

import pytest

from home.language import (
    LanguageFromAddressMiddleware,
    language_comes_from_address,
    without_accept_language,
)
from home.translation import translate_page, translated_instance


def vary(response):
    return [part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()]


@pytest.mark.django_db
def test_an_english_page_does_not_vary_on_accept_language(client, home_page, settings):
    settings.PAGE_CACHE_SECONDS = 300
    from django.core.cache import caches

    caches["pages"].clear()
    first = client.get(home_page.url, HTTP_ACCEPT_LANGUAGE="cy,en;q=0.5")
    second = client.get(home_page.url, HTTP_ACCEPT_LANGUAGE="pl")
    assert (first.status_code, second.status_code) == (200, 200)
    assert '<html lang="en"' in first.content.decode()  # the browser's language did not matter
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    for response in (first, second):
        assert "accept-language" not in vary(response), response["Vary"]
        assert "cookie" in vary(response)  # large print still varies


@pytest.mark.django_db
def test_a_welsh_page_does_not_vary_on_accept_language(
    client, home_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        translate_page(home_page, "cy", {})
    welsh = translated_instance(home_page, "cy")
    response = client.get(welsh.url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert '<html lang="cy"' in response.content.decode()
    assert "accept-language" not in vary(response)


@pytest.mark.django_db
def test_a_page_that_is_not_found_does_not_vary_on_accept_language(client, home_page):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="cy")
    assert response.status_code == 404
    assert "accept-language" not in vary(response)


def test_only_accept_language_is_taken_out_of_vary():
    assert without_accept_language("Accept-Language, Cookie") == "Cookie"
    assert without_accept_language("Cookie,accept-language , Origin") == "Cookie, Origin"
    assert without_accept_language("ACCEPT-LANGUAGE") == ""


def test_the_header_stays_where_the_browser_can_decide_the_language(settings):
    assert language_comes_from_address(settings.ROOT_URLCONF)
    assert not language_comes_from_address("tests.i18n.prefixed_default_urls")

    def respond(request):
        response = HttpResponse("page")
        response["Vary"] = "Accept-Language, Cookie"
        return response

    middleware = LanguageFromAddressMiddleware(respond)
    ours = RequestFactory().get("/")
    prefixed = RequestFactory().get("/")
    prefixed.urlconf = "tests.i18n.prefixed_default_urls"
    assert middleware(ours)["Vary"] == "Cookie"
    assert middleware(prefixed)["Vary"] == "Accept-Language, Cookie"


def test_a_vary_with_only_accept_language_is_removed():
    def respond(request):
        response = HttpResponse("page")
        response["Vary"] = "Accept-Language"
        return response

    assert not LanguageFromAddressMiddleware(respond)(RequestFactory().get("/")).has_header("Vary")
