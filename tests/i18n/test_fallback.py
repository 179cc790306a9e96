"""Untranslated pages in another language's surroundings (issue 14, home.fallback).

A translation stays a draft until a translator publishes it; until then a visitor who asks for the
Welsh or Urdu address gets the English page with a note in their language, never a 404 and never
the English copy presented as Welsh. Footer pages are reachable in every language, and a home page
in a language with nothing translated still lists what is open.
"""

from wagtail.models import Page

import pytest

from home.models import StandardPage
from home.translation import translate_page, translated_instance
from tests.factories import add_form, make_consultation

NOT_YET_CY = "Nid yw'r dudalen hon ar gael yn yr iaith hon (Cymraeg) eto."
NOT_YET_UR = "یہ صفحہ ابھی اردو میں دستیاب نہیں ہے۔"


@pytest.fixture
def translated_homes(home_page, locales, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        translate_page(home_page, "cy", {"Have your say": "Dweud eich dweud"})
        translate_page(home_page, "ur", {"Have your say": "اپنی رائے دیں"})
    return home_page


@pytest.fixture
def privacy(translated_homes):
    page = translated_homes.add_child(
        instance=StandardPage(
            title="Privacy notice",
            slug="privacy-notice",
            summary="How we use your data.",
            show_in_menus=False,
        )
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def consultation(translated_homes):
    page = make_consultation(translated_homes, title="Minor injuries in Northfield")
    add_form(page)
    return page


def test_an_untranslated_page_is_served_in_the_source_language_with_a_note(privacy, client):
    response = client.get("/ur/privacy-notice/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ur" dir="rtl"' in html
    assert NOT_YET_UR in html
    # The page's own text is marked English, not <main>: its interface strings are Urdu
    # (tests/i18n/test_language_of_parts.py).
    assert '<main class="nhsuk-main-wrapper" id="maincontent">' in html
    assert '<h1 lang="en" dir="ltr">Privacy notice</h1>' in html
    assert "How we use your data." in html


def test_a_draft_translation_is_not_shown_and_the_source_is(
    consultation, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        translate_page(
            consultation,
            "cy",
            {"Minor injuries in Northfield": "Mân anafiadau yn Northfield"},
            publish=False,
        )
    draft = translated_instance(consultation, "cy")
    assert not draft.live

    response = client.get(f"/cy/consultations/{consultation.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mân anafiadau yn Northfield" not in html
    assert "Minor injuries in Northfield" in html
    assert NOT_YET_CY in html
    # The untranslated form is reached from the Welsh address too.
    assert (
        client.get(f"/cy/consultations/{consultation.slug}/respond/", follow=True).status_code
        == 200
    )


def test_a_published_translation_has_no_note_and_its_english_address_redirects(
    consultation, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        translate_page(
            consultation, "cy", {"Minor injuries in Northfield": "Mân anafiadau yn Northfield"}
        )
    welsh = translated_instance(consultation, "cy")
    Page.objects.filter(pk=welsh.pk).update(slug="man-anafiadau")
    welsh.refresh_from_db()
    welsh.set_url_path(welsh.get_parent())
    welsh.save()

    response = client.get(welsh.url)
    assert response.status_code == 200
    assert NOT_YET_CY not in response.content.decode()
    response = client.get(f"/cy/consultations/{consultation.slug}/")
    assert response.status_code == 302 and response["Location"] == welsh.url


def test_a_path_that_exists_in_no_language_is_still_a_404(translated_homes, client):
    assert client.get("/cy/no-such-page/").status_code == 404
    assert client.get("/no-such-page/").status_code == 404


@pytest.mark.parametrize("code", ["cy", "ur"])
def test_footer_links_to_site_wide_pages_in_every_language(privacy, client, code):
    html = client.get(f"/{code}/").content.decode()
    assert f'href="/{code}/privacy-notice/" lang="en">Privacy notice</a>' in html


def test_footer_links_to_the_translation_when_published(
    privacy, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        translate_page(privacy, "cy", {"Privacy notice": "Hysbysiad preifatrwydd"})
    html = client.get("/cy/").content.decode()
    assert ">Hysbysiad preifatrwydd</a>" in html
    assert 'lang="en">Privacy notice</a>' not in html


def test_home_page_in_a_language_with_nothing_translated_lists_what_is_open(consultation, client):
    html = client.get("/ur/").content.decode()
    assert "There are no consultations open right now." not in html
    assert "کوئی مشاورت" not in html  # nor its Urdu wording
    assert f'href="/ur/consultations/{consultation.slug}/">Minor injuries in Northfield</a>' in html
    assert '<h3 class="nhsuk-card__heading nhsuk-heading-m" lang="en" dir="ltr">' in html
    assert "English میں" in html
