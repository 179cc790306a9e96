"""The cookies page and the 404 page, in every language and in large print, pass axe (its
experimental rules on) inside the site's own header and footer; and every cookie a visitor's
journey sets is named on the cookies page."""

from django.conf import settings

import pytest

from home.demo_cookies import STRINGS, ensure_cookies_page
from home.display import DISPLAY_COOKIE
from home.translation import translate_page
from tests.browser.conftest import axe_violations
from tests.browser.display import display_context
from tests.factories import add_form, make_consultation
from tests.i18n.samples import page_texts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = [code for code, _ in settings.LANGUAGES]


@pytest.fixture
def site(home_page, settings):
    settings.RECAPTCHA_ENABLED = False
    settings.FEEDBACK_RATE_LIMIT = "1000/h"
    cookies = ensure_cookies_page(home_page)
    for code in ("cy", "pl", "ur"):
        translate_page(home_page, code, page_texts(code))
        translate_page(cookies, code, STRINGS[code])
    consultation = make_consultation(home_page)
    return {"cookies": cookies, "form": add_form(consultation)}


def localise(path, code):
    return path if code == settings.LANGUAGE_CODE else f"/{code}{path}"


def test_cookies_and_not_found_pages_are_accessible_in_every_language_and_large_print(
    live_server, browser, axe, site
):
    problems = []
    for mode in ("normal", "large print"):
        context = display_context(browser, live_server, mode)
        page = context.new_page()
        for code in LANGUAGES:
            cookies_title = "Cookies" if code == "en" else STRINGS[code]["Cookies"]
            for label, path, status in (
                ("cookies", localise("/cookies/", code), 200),
                ("not found", localise("/no-such-page-here/", code), 404),
            ):
                where = f"{label} [{code}] ({mode})"
                response = page.goto(live_server.url + path)
                if response.status != status:
                    problems.append(f"{where}: HTTP {response.status}")
                    continue
                lang, direction = page.evaluate(
                    "() => [document.documentElement.lang, document.documentElement.dir]"
                )
                if (lang, direction) != (code, "rtl" if code == "ur" else "ltr"):
                    problems.append(f'{where}: <html lang="{lang}" dir="{direction}">')
                large = page.evaluate(
                    "() => document.documentElement.classList.contains('hys-large-print')"
                )
                if large != (mode == "large print"):
                    problems.append(f"{where}: large print is {'on' if large else 'off'}")
                if not (
                    page.locator("header.nhsuk-header").is_visible()
                    and page.locator("footer").is_visible()
                ):
                    problems.append(f"{where}: not in the site's header and footer")
                footer_link = page.locator("footer a", has_text=cookies_title)
                if footer_link.count() != 1 or footer_link.get_attribute("href") != localise(
                    "/cookies/", code
                ):
                    problems.append(
                        f"{where}: the footer has no link to the cookies page in this language"
                    )
                problems += [f"{where}: axe {v}" for v in axe_violations(axe, page)]
        context.close()
    assert not problems, "\n".join(problems)


def test_every_cookie_a_visitor_gets_is_named_on_the_cookies_page(live_server, page, site):
    form = site["form"]
    page.goto(live_server.url + form.url)
    page.check("#support")
    page.check("#use_service")
    page.fill("#visits", "3")
    page.check("#travel-2")
    page.fill("#reasons", "Closer to the bus station.")
    page.click("#continue-button")
    page.wait_for_url("**/step/2/")
    page.get_by_role("button", name="Switch to large print").click()
    page.wait_for_url("**/step/2/")

    names = {cookie["name"] for cookie in page.context.cookies()}
    # The journey really set the session, CSRF and large-print cookies (so the check below bites).
    assert {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, DISPLAY_COOKIE} <= names
    for code in LANGUAGES:
        page.goto(live_server.url + localise("/cookies/", code))
        text = page.locator("main").inner_text()
        unnamed = [name for name in sorted(names) if name not in text]
        assert not unnamed, f"cookies page [{code}] does not name: {unnamed}"
