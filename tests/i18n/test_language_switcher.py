"""The language switcher keeps the person on the same page, and search engines are told about each
translation with hreflang alternates (issue 7)."""

import re

from django.conf import settings

import pytest

from home.public_urls import public_url
from home.translation import translate_page, translated_instance
from tests.factories import make_consultation
from tests.i18n.english import english_left, text_of_html
from tests.i18n.samples import page_texts

pytestmark = pytest.mark.django_db

URDU = page_texts("ur")
NAMES = {"en": "English", "cy": "Cymraeg", "ur": "اردو"}
WELSH = page_texts("cy")


@pytest.fixture
def consultation(home_page, locales):
    """An English consultation translated into Urdu and Welsh, not into Polish."""
    page = make_consultation(home_page)
    index = page.get_parent().specific
    for code, strings in (("ur", URDU), ("cy", WELSH)):
        for source in (home_page, index, page):
            translate_page(source, code, strings)
    return page


def switcher_links(html):
    nav = re.search(r'<nav class="hys-language-switcher".*?</nav>', html, re.S).group(0)
    return re.findall(
        r'<a href="([^"]+)" hreflang="(\w+)" lang="(\w+)"(?: aria-current="true")?>([^<]+)</a>', nav
    )


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)">', html))


def test_switcher_offers_the_same_page_in_each_language_it_exists_in(client, consultation):
    pages = {
        code: translated_instance(consultation, code) if code != "en" else consultation
        for code in ("en", "cy", "ur")
    }
    for code, page in pages.items():
        html = client.get(page.url).content.decode()
        links = switcher_links(html)
        # Only the languages this page exists in (no Polish), each named in itself, in settings order.
        assert [(hreflang, lang) for _url, hreflang, lang, _name in links] == [
            ("en", "en"),
            ("cy", "cy"),
            ("ur", "ur"),
        ]
        assert [name for *_rest, name in links] == list(NAMES.values())
        assert {hreflang: url for url, hreflang, _lang, _name in links} == {
            c: p.url for c, p in pages.items()
        }
        assert f'aria-current="true">{NAMES[code]}<' in html

        # Following a link lands on the same page (same translation key) in that language.
        for url, target, _lang, _name in links:
            response = client.get(url)
            assert response.status_code == 200
            assert response.context["page"].translation_key == consultation.translation_key
            assert f'<html lang="{target}"' in response.content.decode()


def test_every_translation_is_announced_with_hreflang_and_a_full_address(client, consultation):
    pages = {
        code: translated_instance(consultation, code) if code != "en" else consultation
        for code in ("en", "cy", "ur")
    }
    for page in pages.values():
        html = client.get(page.url).content.decode()
        found = alternates(html)
        # Full addresses on the public site (PUBLIC_BASE_URL), not the Site record's localhost:80.
        assert found == {code: public_url(p) for code, p in pages.items()}
        assert all(url.startswith(settings.PUBLIC_BASE_URL + "/") for url in found.values())


def test_a_page_in_one_language_has_no_switcher_and_no_alternates(client, home_page):
    html = client.get(make_consultation(home_page).url).content.decode()
    assert 'class="hys-language-switcher"' not in html
    assert 'rel="alternate" hreflang' not in html


def test_urdu_consultation_page_has_no_english_interface_left(client, consultation):
    html = client.get(translated_instance(consultation, "ur").url).content.decode()
    body = re.search(r"<body.*</body>", html, re.S).group(0)
    # The switcher's "English" is English on purpose (marked lang="en"); the rest is Urdu.
    assert english_left(text_of_html(body, "ur"), "ur") == []


def test_out_of_date_notice_link_is_in_the_page_language_and_points_to_english(
    client, consultation
):
    consultation.summary = "We now propose to keep the unit where it is."
    consultation.save_revision().publish()
    html = client.get(translated_instance(consultation, "ur").url).content.decode()
    link = re.search(r'<a href="[^"]*" hreflang="en"[^>]*>انگریزی ورژن پڑھیں</a>', html)
    assert link, "the out-of-date notice and its link to the English page"
    assert not re.search(r'\slang="en"', link.group(0)), link.group(0)
