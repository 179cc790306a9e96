"""The one refusal page (security.public_forms, issue 16) in every language, in normal and large
print, at 1280 and 320 px: what a visitor sees when a public form refuses what was sent."""


import pytest

from security.public_forms import HONEYPOT_FIELD
from tests.browser.display import display_context
from tests.browser.test_site_wide_accessibility import check_page, localise

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_refusal_page_is_accessible_in_every_language_mode_and_width(
    live_server, home_page, browser, axe, settings
):
    settings.FEEDBACK_GENERAL_RATE = "1000/h"  # sixteen refusals for the honeypot, none for the rate
    problems = []
    for mode in ("normal", "large print"):
        context = display_context(browser, live_server, mode)
        page = context.new_page()
        for code, _name in settings.LANGUAGES:
            for width in (1280, 320):
                page.set_viewport_size({"width": width, "height": 900})
                page.goto(live_server.url + localise("/share-your-views/", code))
                # What a bot does: fill the field people never see, then send.
                page.evaluate(
                    "name => { document.getElementsByName(name)[0].value = 'http://spam.example'; }",
                    HONEYPOT_FIELD,
                )
                with page.expect_navigation():
                    page.locator(f"form:has([name={HONEYPOT_FIELD}]) button[type=submit]").click()
                assert page.locator("html").get_attribute("lang") == code
                heading = page.locator("h1").inner_text()
                assert heading, (code, mode, width)
                if code == "en":
                    assert heading == "We could not accept this form"
                problems += [f"{code} {mode} {width}px: {p}" for p in check_page(page, axe)]
        context.close()
    assert problems == []
