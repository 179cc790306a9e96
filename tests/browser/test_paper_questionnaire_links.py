"""The paper questionnaire in a real browser: a visitor finds its link among the ways to respond
on the consultation page and downloads a tagged PDF (PDF/UA-1) in the page's language; the
consultation page and the form's first step, which link to it, pass axe (experimental rules on)
in every language, in normal and large print, at 1280 and 320 px."""

import re

from django.conf import settings

import pytest

from home.translation import translate_page, translated_instance
from tests.browser.display import display_context
from tests.browser.test_site_wide_accessibility import check_page
from tests.factories import add_form, make_consultation
from tests.feedback.test_paper_questionnaire import text_of
from tests.i18n.samples import TRANSLATIONS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LANGUAGES = [code for code, _ in settings.LANGUAGES]
LINK_NAMES = {
    "en": "Paper questionnaire",
    "cy": "Holiadur papur",
    "pl": "Kwestionariusz papierowy",
    "ur": "کاغذی سوالنامہ",
}


@pytest.fixture
def pages(home_page, locales):
    consultation = make_consultation(home_page)
    consultation.response_postal_address = "Freepost HAVE YOUR SAY\nNorthfield ICB\nNF1 2AB"
    consultation.save_revision().publish()
    form = add_form(consultation)
    index = consultation.get_parent().specific
    out = {settings.LANGUAGE_CODE: (consultation, form)}
    for code, strings in TRANSLATIONS.items():
        for source in (home_page, index, consultation, form):
            translate_page(source, code, strings)
        out[code] = (translated_instance(consultation, code), translated_instance(form, code))
    return out


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_visitor_finds_the_paper_questionnaire_and_downloads_a_tagged_pdf(
    live_server, browser, pages, code
):
    consultation, _form = pages[code]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(live_server.url + consultation.url)
        ways = page.locator("#how-to-respond")
        link = ways.get_by_role("link", name=LINK_NAMES[code], exact=False).first
        text = link.inner_text()
        assert re.search(r"\(PDF, \d+([.,]\d)?\s\S", text), (
            text
        )  # type and size, e.g. "(PDF, 41.5 KB)", "26,6 KB" in Polish
        assert "NF1 2AB" in ways.inner_text()  # where to post it
        with page.expect_download() as download:
            link.evaluate("a => a.setAttribute('download', '')")  # save it, as a visitor would
            link.click()
        with open(download.value.path(), "rb") as handle:
            pdf = handle.read()
    finally:
        context.close()
    assert pdf.startswith(b"%PDF-")
    body = text_of(pdf)
    assert b"/StructTreeRoot" in body and b"/MarkInfo" in body and b"pdfuaid" in body
    assert f"/Lang ({code})".encode() in body


def test_the_pages_that_link_to_it_pass_axe_in_every_language_and_large_print(
    live_server, browser, axe, pages
):
    problems = {}
    for mode in ("normal", "large print"):
        context = display_context(browser, live_server, mode)
        page = context.new_page()
        for code in LANGUAGES:
            consultation, form = pages[code]
            for name, url in (
                ("consultation", consultation.url),
                ("form step 1", f"{form.url}step/1/"),
            ):
                page.goto(live_server.url + url)
                assert page.evaluate("() => document.documentElement.lang") == code
                assert page.locator("[data-testid=paper-questionnaire] a").count() == 2
                if name == "form step 1":
                    page.locator(
                        ".hys-paper-offer summary"
                    ).click()  # open: its links are checked too
                for width in (1280, 320):
                    page.set_viewport_size({"width": width, "height": 900})
                    found = check_page(page, axe)
                    if found:
                        problems[f"{code} {mode} {name} {width}px"] = found
                page.set_viewport_size({"width": 1280, "height": 900})
        context.close()
    assert problems == {}
