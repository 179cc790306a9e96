"""home.translation: pages translated in code exactly as the translation editor would."""

from wagtail_localize.models import StringTranslation, Translation

import pytest

from home.models import StandardPage
from home.translation import resync, source_segments, translate_page, translated_instance
from home.translation_status import translation_is_outdated

# "This translation may be out of date", as the Welsh page says it.
OUTDATED_CY = "Efallai fod y cyfieithiad hwn wedi dyddio"


@pytest.fixture
def standard_page(home_page):
    page = home_page.add_child(
        instance=StandardPage(title="How we use your views", slug="how-we-use", summary="What happens after you respond.")
    )
    page.save_revision().publish()
    return page


def test_translating_a_page_publishes_it_with_the_translated_strings(
    standard_page, home_page, locales, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        translate_page(home_page, "pl", {"Have your say": "Wyraź swoją opinię", "Welcome.": "Witamy."})
        translate_page(standard_page, "pl", {"How we use your views": "Jak wykorzystujemy Twoje opinie"})

    polish = translated_instance(standard_page, "pl")
    assert polish.live
    assert polish.title == "Jak wykorzystujemy Twoje opinie"
    # An untranslated segment falls back to English rather than being lost.
    assert polish.summary == "What happens after you respond."
    assert StringTranslation.objects.filter(locale=locales["pl"], data="Witamy.").exists()
    assert Translation.objects.filter(source__object_id=standard_page.translation_key, target_locale=locales["pl"]).exists()

    response = client.get(polish.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="pl" dir="ltr"' in html
    assert "<h1" in html and "Jak wykorzystujemy Twoje opinie" in html


def test_translating_twice_changes_nothing_the_second_time(standard_page, home_page, django_capture_on_commit_callbacks):
    strings = {"How we use your views": "کیسے ہم آپ کی رائے استعمال کرتے ہیں"}
    with django_capture_on_commit_callbacks(execute=True):
        translate_page(home_page, "ur", {})
        translate_page(standard_page, "ur", strings)
    first = translated_instance(standard_page, "ur")
    with django_capture_on_commit_callbacks(execute=True):
        translate_page(standard_page, "ur", strings)
    second = translated_instance(standard_page, "ur")
    assert first.pk == second.pk
    assert StandardPage.objects.filter(translation_key=standard_page.translation_key).count() == 2


def test_source_segments_lists_what_a_translator_sees(standard_page):
    segments = source_segments(standard_page)
    assert "How we use your views" in segments
    assert "What happens after you respond." in segments


def test_outdated_translation_is_flagged_to_the_public_until_resynced(
    standard_page, home_page, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        translate_page(home_page, "cy", {"Have your say": "Dweud eich dweud"})
        translate_page(standard_page, "cy", {"How we use your views": "Sut rydym yn defnyddio eich barn"})
    welsh = translated_instance(standard_page, "cy")
    assert translation_is_outdated(welsh) is False
    assert OUTDATED_CY not in client.get(welsh.url).content.decode()

    standard_page.summary = "What happens after you respond, and when."
    standard_page.save_revision().publish()

    welsh.refresh_from_db()
    assert translation_is_outdated(welsh) is True
    html = client.get(welsh.url).content.decode()
    assert OUTDATED_CY in html
    assert f'href="{standard_page.url}"' in html  # a link to the current English page

    with django_capture_on_commit_callbacks(execute=True):
        resync(standard_page, "cy")
    welsh.refresh_from_db()
    assert translation_is_outdated(welsh) is False
    assert welsh.summary == "What happens after you respond, and when."
    assert welsh.title == "Sut rydym yn defnyddio eich barn"  # kept through the sync
    assert OUTDATED_CY not in client.get(welsh.url).content.decode()
