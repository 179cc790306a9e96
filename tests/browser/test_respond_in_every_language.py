"""A response reaches its confirmation page in every enabled language, and a newcomer can respond
in Urdu, right to left, in large print, at 320 CSS px, with the keyboard alone (issue 7).

The consultation and its form are translated through wagtail-localize as a translator would
(home.translation). reCAPTCHA runs as it does where it is not configured (the feedback browser
tests do the same); `test_recaptcha_token_from_the_check_page_reaches_the_server` switches it on
and replaces it at its two boundaries: Chromium gets a stand-in for Google's script (nothing leaves
the machine) and the server's one network call, `django_recaptcha.client.submit`, answers with a
good score.
"""

import re
from unittest import mock

from django.conf import settings

from wagtail.models import Locale

import pytest
from django_recaptcha.client import RecaptchaResponse

from feedback import questions as q
from feedback.models import Response
from home.display import DISPLAY_COOKIE, LARGE_PRINT
from home.translation import translate_page, translated_instance
from tests.browser.conftest import axe_violations
from tests.browser.test_site_wide_accessibility import JS_HORIZONTAL_OVERFLOW
from tests.factories import add_form, make_consultation
from tests.i18n.english import JS_INTERFACE_TEXT, english_left
from tests.i18n.samples import TRANSLATIONS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = [code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES]
TOKEN = "token-from-the-browser"
RECAPTCHA_SCRIPT = re.compile(r"^https://www\.google\.com/recaptcha/api\.js")
RECAPTCHA_STAND_IN = (
    "window.grecaptcha = {ready: (done) => done(), execute: () => Promise.resolve(%r)};" % TOKEN  # noqa: UP031
)

QUESTIONS = [
    {"field_type": q.SECTION, "label": "Your views on the proposal", "new_step": True},
    {
        "key": "support",
        "label": "How far do you agree with the proposal?",
        "field_type": q.AGREE_SCALE,
        "required": True,
    },
    {
        "key": "use_service",
        "label": "Have you used the minor injuries unit in the last two years?",
        "field_type": q.YES_NO,
        "required": True,
    },
    {
        "key": "reasons",
        "label": "Tell us why you feel this way",
        "field_type": q.LONG_TEXT,
        "max_length": 500,
        "help_text": "Please do not include names or details of other people.",
    },
]

REASONS = {
    "en": "Closer to the bus station.",
    "cy": "Yn agosach at yr orsaf fysiau.",
    "pl": "Bliżej dworca autobusowego.",
    "ur": "بس اسٹیشن کے زیادہ قریب۔",
}


@pytest.fixture(autouse=True)
def _rate_limit(settings):
    settings.RECAPTCHA_ENABLED = False
    settings.FEEDBACK_RATE_LIMIT = "1000/h"


@pytest.fixture
def recaptcha_boundary(settings):
    """reCAPTCHA v3 on, Google replaced: the server's verify call says "a person, score 0.9"."""
    settings.RECAPTCHA_ENABLED = True
    settings.RECAPTCHA_PUBLIC_KEY = "public-test"
    settings.RECAPTCHA_PRIVATE_KEY = "private-test"
    settings.RECAPTCHA_REQUIRED_SCORE = 0.5
    reply = RecaptchaResponse(is_valid=True, extra_data={"score": 0.9, "action": "respond"})
    with mock.patch("django_recaptcha.client.submit", return_value=reply) as submit:
        yield submit


@pytest.fixture
def forms(home_page, locales):
    """The response form in every enabled language: {code: ResponseFormPage}."""
    consultation = make_consultation(home_page)
    form = add_form(consultation, QUESTIONS)
    index = consultation.get_parent().specific
    pages = {settings.LANGUAGE_CODE: form}
    for code, strings in TRANSLATIONS.items():
        for source in (home_page, index, consultation, form):  # parents first
            translate_page(source, code, strings)
        pages[code] = translated_instance(form, code)
    assert set(pages) == set(LANGUAGES), "a language was added: translate the fixture into it"
    return pages


def stand_in_for_google(context):
    context.route(
        RECAPTCHA_SCRIPT,
        lambda route: route.fulfill(
            status=200, content_type="text/javascript", body=RECAPTCHA_STAND_IN
        ),
    )


def interface_problems(page, axe, code, where):
    """axe, the page's language and direction, and English left in what it shows or announces."""
    problems = [f"{where}: axe {v}" for v in axe_violations(axe, page)]
    lang, direction = page.evaluate(
        "() => [document.documentElement.lang, document.documentElement.dir]"
    )
    if (lang, direction) != (code, "rtl" if code == "ur" else "ltr"):
        problems.append(f'{where}: <html lang="{lang}" dir="{direction}">')
    english = english_left(page.evaluate(JS_INTERFACE_TEXT, code), code)
    if english:
        problems.append(f"{where}: English left in the interface: {english[:5]}")
    return problems


def focus_is_on_error_summary(page):
    return page.evaluate("() => document.activeElement.classList.contains('nhsuk-error-summary')")


def assert_stored(code, form, expected_answers):
    stored = Response.objects.get()
    assert stored.locale.language_code == code
    assert (
        stored.consultation_id
        == form.get_parent().specific.get_translation(Locale.get_default()).pk
    )
    assert stored.status == Response.Status.ACCEPTED
    assert stored.answers == expected_answers
    return stored


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_response_reaches_its_confirmation_in_every_language(live_server, page, axe, forms, code):
    form = forms[code]
    problems = []
    page.goto(live_server.url + form.url)
    problems += interface_problems(page, axe, code, "step 1")
    assert TRANSLATIONS.get(code, {}).get(
        "How far do you agree with the proposal?", "How far do you agree"
    ) in page.inner_text("main")

    # Sent empty: the error summary appears and takes focus, still accessible and translated.
    page.click("#continue-button")
    page.wait_for_selector(".nhsuk-error-summary")
    assert focus_is_on_error_summary(page)
    assert page.locator(".nhsuk-error-summary a").count() == 2  # the two required questions
    problems += interface_problems(page, axe, code, "step 1, errors")

    page.check("#support-2")  # Agree
    page.check("#use_service")  # Yes
    page.fill("#reasons", REASONS[code])
    page.click("#continue-button")
    page.wait_for_url("**/step/2/")
    problems += interface_problems(page, axe, code, "step 2 (before you send)")
    page.click("#continue-button")
    page.wait_for_url("**/check/")
    assert REASONS[code] in page.inner_text(".nhsuk-summary-list")
    problems += interface_problems(page, axe, code, "check your answers")
    page.click("#send-button")
    page.wait_for_url("**/done/")
    reference = page.locator("[data-testid=reference]").inner_text().strip()
    assert reference.startswith("HYS-")
    problems += interface_problems(page, axe, code, "confirmation")
    assert problems == []

    stored = assert_stored(
        code, form, {"support": "agree", "use_service": "yes", "reasons": REASONS[code]}
    )
    assert stored.reference == reference


def tab_to(page, predicate_js, what, limit=120):
    """Press Tab (only Tab) until the focused element matches."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            f"() => {{ const el = document.activeElement; return !!el && ({predicate_js}); }}"
        ):
            return
    raise AssertionError(f"could not reach {what} with the Tab key")


def tab_to_id(page, element_id):
    tab_to(page, f"el.id === {element_id!r}", f"#{element_id}")


def reflow_problems(page, where):
    overflow = page.evaluate(JS_HORIZONTAL_OVERFLOW)
    return [f"{where}: scrolls sideways at 320px: {overflow}"] if overflow else []


def test_newcomer_responds_in_urdu_right_to_left_in_large_print_at_320px_by_keyboard_alone(
    live_server, browser, axe, forms
):
    """No clicks: Tab, Space, Enter and typing, from the consultation page to the confirmation."""
    form = forms["ur"]
    consultation = form.get_parent().specific
    context = browser.new_context(viewport={"width": 320, "height": 640})
    host = live_server.url.split("//", 1)[1].split(":")[0]
    context.add_cookies(
        [{"name": DISPLAY_COOKIE, "value": LARGE_PRINT, "domain": host, "path": "/"}]
    )
    page = context.new_page()

    def check(where):
        assert "hys-large-print" in page.evaluate("() => document.documentElement.className"), where
        return interface_problems(page, axe, "ur", where) + reflow_problems(page, where)

    # Read the consultation, then follow "Respond online" from it.
    page.goto(live_server.url + consultation.url)
    problems = check("consultation page")
    assert TRANSLATIONS["ur"]["Urgent care in Northfield"] in page.locator("h1").inner_text()
    tab_to(page, f"el.tagName === 'A' && el.pathname === {form.url!r}", "the Respond online link")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(form.url) + r"(step/1/)?$"))
    problems += check("step 1")

    tab_to_id(page, "continue-button")
    page.keyboard.press("Enter")
    page.wait_for_selector(".nhsuk-error-summary")
    assert focus_is_on_error_summary(page)
    problems += check("step 1, errors")

    tab_to_id(page, "support")
    page.keyboard.press("Space")  # Strongly agree
    page.keyboard.press("ArrowDown")  # Agree
    tab_to_id(page, "use_service")
    page.keyboard.press("Space")  # Yes
    tab_to_id(page, "reasons")
    page.keyboard.type(REASONS["ur"])
    tab_to_id(page, "continue-button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/step/2/")
    problems += check("step 2 (before you send)")

    tab_to_id(page, "continue-button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/check/")
    problems += check("check your answers")
    assert REASONS["ur"] in page.inner_text(".nhsuk-summary-list")
    tab_to_id(page, "send-button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/done/")
    problems += check("confirmation")
    assert problems == []

    reference = page.locator("[data-testid=reference]").inner_text().strip()
    stored = assert_stored(
        "ur", form, {"support": "agree", "use_service": "yes", "reasons": REASONS["ur"]}
    )
    assert stored.reference == reference
    context.close()


def test_recaptcha_token_from_the_check_page_reaches_the_server(
    live_server, page, forms, recaptcha_boundary
):
    form = forms["ur"]
    blocked = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    stand_in_for_google(page.context)
    page.goto(live_server.url + form.url)
    page.check("#support")
    page.check("#use_service-2")
    page.click("#continue-button")
    page.wait_for_url("**/step/2/")
    page.click("#continue-button")
    page.wait_for_url("**/check/")
    page.wait_for_load_state("networkidle")
    token = page.input_value("#g-recaptcha-response")
    page.click("#send-button")
    page.wait_for_url("**/done/")
    assert blocked == [] and token == TOKEN
    assert recaptcha_boundary.call_args.kwargs["recaptcha_response"] == TOKEN
    assert Response.objects.get().status == Response.Status.ACCEPTED
