"""Every interface string has a translation in every enabled language, and pages use them."""

import re
from pathlib import Path

from django.conf import settings

import polib
import pytest

from home.compile_messages import LOCALE_DIR, compile_all
from home.translation import translate_page, translated_instance
from tests.i18n.english import english_left, text_of_html

TRANSLATED = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{\{ ?\w+ ?\}\}")


def catalogue(code):
    path = Path(LOCALE_DIR) / code / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"no catalogue for {code}: run `make messages` and translate it"
    return polib.pofile(str(path))


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_interface_string_is_translated_and_not_fuzzy(code):
    po = catalogue(code)
    assert len(po) > 100
    missing = [e.msgid for e in po if not e.obsolete and not e.translated()]
    fuzzy = [e.msgid for e in po if "fuzzy" in e.flags and not e.obsolete]
    assert missing == [], f"{len(missing)} untranslated in {code}, e.g. {missing[:5]}"
    assert fuzzy == [], f"{len(fuzzy)} fuzzy in {code}, e.g. {fuzzy[:5]}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_no_string_is_defined_twice(code):
    """gettext's msgfmt refuses a catalogue with a duplicate entry (two branches adding the same
    string, wrapped differently, is how one gets in)."""
    seen, duplicates = set(), []
    for entry in catalogue(code):
        key = (entry.msgctxt, entry.msgid)
        if not entry.obsolete and key in seen:
            duplicates.append(entry.msgid)
        seen.add(key)
    assert duplicates == [], f"defined twice in {code}: {duplicates[:5]}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_translations_keep_every_placeholder(code):
    broken = []
    for entry in catalogue(code):
        wanted = set(PLACEHOLDER.findall(entry.msgid))
        forms = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        if entry.msgid_plural:
            wanted |= set(PLACEHOLDER.findall(entry.msgid_plural))
        for form in forms:
            if not set(PLACEHOLDER.findall(form)) <= wanted or (not entry.msgid_plural and set(PLACEHOLDER.findall(form)) != wanted):
                broken.append((entry.msgid, form))
    assert broken == []


def test_catalogues_compile(tmp_path):
    import shutil

    copy = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, copy, ignore=shutil.ignore_patterns("*.mo"))
    compiled = compile_all(copy)
    assert {p.parent.parent.name for p in compiled} == set(TRANSLATED)
    assert all(p.stat().st_size > 1000 for p in compiled)


@pytest.fixture
def urdu_home(home_page, locales):
    translate_page(home_page, "ur", {"Have your say": "اپنی رائے دیں", "Welcome.": "خوش آمدید۔"})
    return translated_instance(home_page, "ur")


def test_urdu_home_page_is_right_to_left_with_no_english_interface(client, urdu_home):
    response = client.get("/ur/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ur" dir="rtl"' in html
    assert "مرکزی مواد پر جائیں" in html  # the skip link
    for english in ["Skip to main content", "Switch to large print", "Share your views", "Support links", "Menu"]:
        assert english not in html, english
    # Nor any other interface string from the catalogue (tests/i18n/english.py).
    assert english_left(text_of_html(html, "ur"), "ur") == []
    # The language switcher names each language in itself and marks the current one.
    assert 'hreflang="en" lang="en"' in html and ">English<" in html
    assert 'aria-current="true">اردو<' in html


def test_page_not_found_is_translated(client, urdu_home):
    html = client.get("/ur/no-such-page/").content.decode()
    assert '<html lang="ur" dir="rtl"' in html
    assert "صفحہ نہیں ملا" in html
    assert "Page not found" not in html


def test_pages_that_are_not_wagtail_pages_show_the_menu_in_the_active_language(client, urdu_home, home_page):
    from home.models import StandardPage

    about = home_page.add_child(instance=StandardPage(title="About us", slug="about", show_in_menus=True))
    about.save_revision().publish()
    translate_page(about, "ur", {"About us": "ہمارے بارے میں"})
    html = client.get("/ur/search/?q=x").content.decode()
    assert '<html lang="ur" dir="rtl"' in html
    assert "ہمارے بارے میں" in html and "About us" not in html
