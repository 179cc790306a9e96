"""A person completes a multi-step response with the keyboard alone; axe passes on every step."""

from wagtail.models import Locale

import pytest

from feedback.models import Response
from tests.browser.conftest import axe_violations
from tests.factories import about_you_section, add_form, make_consultation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def form_page(home_page, settings):
    settings.RECAPTCHA_ENABLED = False
    settings.FEEDBACK_RATE_LIMIT = "1000/h"
    consultation = make_consultation(home_page, title="Urgent care in Northfield")
    return add_form(consultation, about_you=about_you_section())


def active_id(page):
    return page.evaluate("() => document.activeElement && document.activeElement.id")


def tab_to(page, element_id, limit=150):
    """Press Tab (only Tab) until the element with this id has focus."""
    for _ in range(limit):
        if active_id(page) == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"could not reach #{element_id} with the Tab key")


def no_violations(axe, page):
    assert axe_violations(axe, page) == []


def test_keyboard_only_multi_step_response(live_server, page, axe, form_page):
    page.goto(live_server.url + form_page.url)
    assert "Step 1 of 4" in page.locator(".nhsuk-caption-l").inner_text()
    no_violations(axe, page)

    # Sending nothing: the error summary appears and takes focus; the page is still accessible.
    tab_to(page, "continue-button")
    page.keyboard.press("Enter")
    page.wait_for_selector(".nhsuk-error-summary")
    assert page.evaluate("() => document.activeElement.classList.contains('nhsuk-error-summary')")
    no_violations(axe, page)

    # The conditional question is hidden until "Yes" is chosen.
    assert page.locator("#visits").is_hidden()
    tab_to(page, "support")
    page.keyboard.press("Space")  # Strongly agree
    page.keyboard.press("ArrowDown")  # Agree
    tab_to(page, "use_service")
    page.keyboard.press("Space")  # Yes
    assert page.locator("#visits").is_visible()
    tab_to(page, "visits")
    page.keyboard.type("3")
    tab_to(page, "travel-2")
    page.keyboard.press("Space")  # By bus
    tab_to(page, "reasons")
    page.keyboard.type("Closer to the bus station for my family.")
    tab_to(page, "continue-button")
    page.keyboard.press("Enter")

    page.wait_for_url("**/step/2/")
    assert "Step 2 of 4" in page.locator(".nhsuk-caption-l").inner_text()
    no_violations(axe, page)
    tab_to(page, "postcode")
    page.keyboard.type("NF1 2AB")
    tab_to(page, "continue-button")
    page.keyboard.press("Enter")

    page.wait_for_url("**/step/3/")
    no_violations(axe, page)
    tab_to(page, "about_age_band")
    page.keyboard.press("Space")
    tab_to(page, "continue-button")
    page.keyboard.press("Enter")

    page.wait_for_url("**/step/4/")
    no_violations(axe, page)
    tab_to(page, "wants_outcome")
    page.keyboard.press("Space")
    tab_to(page, "continue-button")
    page.keyboard.press("Enter")
    # Asked for the outcome without an email address: an error, focused, accessible.
    page.wait_for_selector(".nhsuk-error-summary")
    assert page.evaluate("() => document.activeElement.classList.contains('nhsuk-error-summary')")
    no_violations(axe, page)
    tab_to(page, "respondent_email")
    page.keyboard.type("sam@example.org")
    tab_to(page, "continue-button")
    page.keyboard.press("Enter")

    page.wait_for_url("**/check/")
    assert page.locator("h1").inner_text() == "Check your answers before sending"
    assert "By bus" in page.locator(".nhsuk-summary-list").first.inner_text()
    no_violations(axe, page)
    tab_to(page, "send-button")
    page.keyboard.press("Enter")

    page.wait_for_url("**/done/")
    reference = page.locator("[data-testid=reference]").inner_text().strip()
    assert reference.startswith("HYS-")
    no_violations(axe, page)

    stored = Response.objects.get()
    assert stored.reference == reference
    assert stored.answers["support"] == "agree"
    assert stored.answers["use_service"] == "yes" and stored.answers["visits"] == 3
    assert stored.answers["travel"] == ["bus"]
    assert stored.answers["postcode"] == "NF1 2AB" and stored.postcode_district == "NF1"
    assert stored.answers["about_age_band"] == "under_16"
    assert stored.wants_outcome and stored.email == "sam@example.org"
    assert stored.locale.language_code == "en"


@pytest.fixture
def welsh_form(form_page, locales):
    from django.db import transaction

    consultation = form_page.get_parent().specific
    with transaction.atomic():
        welsh_consultation = consultation.copy_for_translation(locales["cy"], copy_parents=True)
        for ancestor in welsh_consultation.get_ancestors().filter(locale=locales["cy"], alias_of__isnull=True):
            ancestor.specific.save_revision().publish()
        welsh_consultation.save_revision().publish()
        welsh = form_page.copy_for_translation(locales["cy"])
        welsh.save_revision().publish()
    support = welsh.form_fields.get(key="support")
    support.label = "I ba raddau ydych chi'n cytuno â'r cynnig?"
    support.save()
    return type(welsh).objects.get(pk=welsh.pk)


def test_keyboard_only_response_in_welsh_is_stored_with_language(live_server, page, axe, welsh_form):
    page.goto(live_server.url + welsh_form.url)
    assert page.locator("html").get_attribute("lang") == "cy"
    assert "I ba raddau" in page.locator("legend").first.inner_text()
    no_violations(axe, page)
    tab_to(page, "support")
    page.keyboard.press("Space")  # strongly_agree
    tab_to(page, "use_service")
    page.keyboard.press("ArrowDown")  # no
    for step in (1, 2, 3, 4):
        tab_to(page, "continue-button")
        page.keyboard.press("Enter")
        page.wait_for_url("**/check/" if step == 4 else f"**/step/{step + 1}/")
    no_violations(axe, page)
    tab_to(page, "send-button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/done/")
    reference = page.locator("[data-testid=reference]").inner_text().strip()
    stored = Response.objects.get()
    assert stored.reference == reference
    assert stored.locale.language_code == "cy"
    assert stored.consultation_id == welsh_form.get_parent().get_translation(Locale.get_default()).pk
    assert stored.answers == {"support": "strongly_agree", "use_service": "no"}
