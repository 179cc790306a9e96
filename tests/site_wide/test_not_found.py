"""The 404 page is in the site's design (header, footer) and in the language of the address."""

import re

from django.utils import translation
from django.utils.translation import gettext

import pytest

from home.demo_cookies import STRINGS, ensure_cookies_page
from home.translation import translate_page
from tests.i18n.samples import page_texts

pytestmark = pytest.mark.django_db

LANGUAGES = {"en": "ltr", "cy": "ltr", "pl": "ltr", "ur": "rtl"}


@pytest.fixture
def site_in_every_language(home_page):
    cookies = ensure_cookies_page(home_page)
    for code in ("cy", "pl", "ur"):
        translate_page(home_page, code, page_texts(code))
        translate_page(cookies, code, STRINGS[code])
    return home_page


def prefix(code):
    return "" if code == "en" else f"/{code}"


@pytest.mark.parametrize("code", list(LANGUAGES))
@pytest.mark.parametrize("missing", ["/no-such-page/", "/consultations/no-such-consultation/"])
def test_not_found_page_is_in_the_site_design_and_the_address_language(
    client, site_in_every_language, code, missing
):
    response = client.get(prefix(code) + missing)
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{code}" dir="{LANGUAGES[code]}"' in html
    with translation.override(code):
        heading = gettext("Page not found")
        home_link = gettext("Go to the home page")
    if code != "en":
        assert heading != "Page not found"  # the catalogue has it
    assert f"<h1>{heading}</h1>" in html
    assert f"<title>{heading} – " in html
    assert 'class="nhsuk-header nhsuk-header--organisation"' in html
    assert '<footer role="contentinfo">' in html
    # The home page and the footer's cookies page, both in this language.
    assert f'<a href="{prefix(code)}/">{home_link}</a>' in html
    cookies_title = "Cookies" if code == "en" else STRINGS[code]["Cookies"]
    assert re.search(rf'href="{prefix(code)}/cookies/">{cookies_title}</a>', html)
