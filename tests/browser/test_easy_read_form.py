"""The Easy Read version of a response form in a real browser (issue 18): an editor builds it in
the real Wagtail admin (add child page, Easy Read purpose, questions mapped to standard ones with
the pickers, a picture with its description, publish); a visitor answers it by keyboard alone
(Tab, Space, Enter); the staff dashboard counts that answer with a standard form's and splits by
version. Every new public page passes axe in every language, in normal and large print."""

import io

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile

from wagtail.images import get_image_model

import pytest
from PIL import Image
from playwright.sync_api import expect

from feedback import questions as q
from feedback.demo_easy_read import (
    INTRODUCTION,
    STRINGS,
    TITLE,
    questions_with_pictures,
    root_collection,
)
from feedback.models import Response, ResponseFormPage
from feedback.services import submit_response
from home.translation import translate_page, translated_instance
from tests.browser.display import display_context
from tests.browser.test_form_builder_admin import publish, setting, sign_in
from tests.browser.test_site_wide_accessibility import check_page, check_zoom_spacing_and_keyboard
from tests.factories import add_form, make_consultation
from tests.i18n.samples import TRANSLATIONS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = [code for code, _ in settings.LANGUAGES]
PASSWORD = "pw-for-tests-only"
STANDARD = [
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
    },
    {
        "key": "travel",
        "label": "How would you travel to the new site?",
        "field_type": q.MULTIPLE_CHOICE,
        "choices": "car|By car\nbus|By bus\nwalk|On foot or by bike",
    },
    {"key": "reasons", "label": "Tell us why you feel this way", "field_type": q.LONG_TEXT},
]


def focus_by_tab(page, selector, limit=80):
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            "s => !!document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
    raise AssertionError(f"could not reach {selector} with the Tab key")


def png(name):
    buffer = io.BytesIO()
    Image.new("RGB", (120, 90), "#007f3b").save(buffer, "PNG")
    return ImageFile(buffer, name=name)


@pytest.fixture
def consultation(home_page, settings):
    settings.RECAPTCHA_ENABLED = False
    settings.FEEDBACK_RATE_LIMIT = "10000/h"
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 600_000
    consultation = make_consultation(home_page, title="Urgent care in Northfield")
    add_form(consultation, STANDARD)
    return consultation


def test_an_editor_builds_the_easy_read_form_a_visitor_answers_it_by_keyboard_and_it_counts(
    live_server, browser, consultation
):
    standard = q.form_page_for(consultation)
    submit_response(standard, {"support": "agree", "use_service": "no"})  # someone else's answer
    get_image_model().objects.create(
        title="Thumbs up and down", file=png("thumbs.png"), collection=root_collection()
    )
    editor = get_user_model().objects.create_superuser("comms-er", "comms@example.org", PASSWORD)

    # --- The editor, in the real Wagtail admin ----------------------------------------------
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/admin/editing-sessions/release/**", lambda route: route.abort())
    page = context.new_page()
    sign_in(page, live_server, editor)
    page.goto(f"{live_server.url}/admin/pages/{consultation.pk}/")
    page.get_by_role("link", name="Add child page").first.click()
    page.get_by_role("link", name="Response form", exact=True).click()
    page.wait_for_load_state("networkidle")
    page.locator("#id_title").fill("Easy Read: have your say")
    page.locator("#id_purpose").select_option("easy_read")
    page.get_by_role("button", name="Add question").click()
    setting(page, 0, "label").fill("Is it a good idea?")
    setting(page, 0, "field_type").select_option(q.SINGLE_CHOICE)
    expect(setting(page, 0, "maps_to")).to_be_visible()
    setting(page, 0, "maps_to").select_option(label="How far do you agree with the proposal?")
    # One box per answer of the standard question; the key is the standard one, so it is hidden.
    expect(setting(page, 0, "key")).to_be_hidden()
    expect(page.locator("#id_form_fields-0-choices")).to_be_hidden()
    page.get_by_label("Easy Read words for “Agree”", exact=True).fill("Yes")
    page.get_by_label("Easy Read words for “Disagree”", exact=True).fill("No")
    setting(page, 0, "required").check()
    chooser = page.locator("#id_form_fields-0-image-chooser")
    chooser.locator("[data-chooser-action-choose]").first.click()
    page.locator(".modal a[data-chooser-modal-choice]").first.click()
    expect(chooser.locator(".chooser__title")).to_have_text("Thumbs up and down")
    setting(page, 0, "image_alt").fill("A thumb up and a thumb down.")
    page.get_by_role("button", name="Add question").click()
    setting(page, 1, "label").fill("Was this form easy to use?")
    setting(page, 1, "field_type").select_option(q.YES_NO)  # asked only in Easy Read
    publish(page)
    assert page.locator(".messages .success").count() == 1, page.locator(".messages").inner_text()
    easy = q.easy_read_form_for(consultation)
    assert easy is not None and easy.live and easy.purpose == ResponseFormPage.Purpose.EASY_READ
    fields = {f.key: f for f in easy.form_fields.all()}
    assert fields["support"].maps_to == "support"
    assert fields["support"].choices == "agree|Yes\ndisagree|No"
    assert fields["support"].image.title == "Thumbs up and down"
    assert fields["was_this_form_easy_to_use"].maps_to == ""

    # --- The visitor, with the keyboard alone (Tab, Space, Enter) ---------------------------
    visitor = browser.new_context(viewport={"width": 1280, "height": 900})
    public = visitor.new_page()
    public.goto(live_server.url + consultation.url)
    focus_by_tab(public, "[data-testid=easy-read-link]")
    public.keyboard.press("Enter")
    public.wait_for_url("**/step/1/")
    assert public.locator("[data-testid=form-progress]").inner_text().startswith("Question 1 of 2")
    assert (
        public.locator("img.hys-question-picture").get_attribute("alt")
        == "A thumb up and a thumb down."
    )
    focus_by_tab(public, "#support")  # the first answer: "Yes"
    public.keyboard.press("Space")
    focus_by_tab(public, "#continue-button")
    public.keyboard.press("Enter")
    public.wait_for_url("**/step/2/")
    assert public.locator("[data-testid=form-progress]").inner_text().startswith("Question 2 of 2")
    focus_by_tab(public, "#was_this_form_easy_to_use")  # "Yes"
    public.keyboard.press("Space")
    focus_by_tab(public, "#continue-button")
    public.keyboard.press("Enter")
    public.wait_for_url("**/step/3/")  # before you send
    focus_by_tab(public, "#continue-button")
    public.keyboard.press("Enter")
    public.wait_for_url("**/check/")
    assert "Yes" in public.locator(".nhsuk-summary-list").first.inner_text()
    focus_by_tab(public, "#send-button")
    public.keyboard.press("Enter")
    public.wait_for_url("**/done/")
    reference = public.locator("[data-testid=reference]").inner_text().strip()
    visitor.close()
    response = Response.objects.get(reference=reference)
    assert response.form_version == "easy_read"
    assert response.answers == {"support": "agree", "was_this_form_easy_to_use": "yes"}

    # --- Staff: the dashboard in the real admin counts both together, and splits -------------
    page.goto(f"{live_server.url}/admin/")
    page.get_by_role("link", name="Analysis and reports").first.click()
    page.get_by_role("link", name="Urgent care in Northfield").first.click()
    expect(page.locator(".reporting-totals")).to_contain_text("2")
    expect(page.locator("[data-testid=easy-read-total] dd")).to_have_text("1")
    support = (
        page.locator("section, div")
        .filter(has=page.get_by_role("heading", name="How far do you agree with the proposal?"))
        .last
    )
    agree = (
        support.locator("tr")
        .filter(has=page.locator("th", has_text="Agree"))
        .filter(has_not=page.locator("th", has_text="Strongly"))
        .first
    )
    assert agree.locator("td").first.inner_text().strip() == "2"
    versions = page.locator("table").filter(has=page.get_by_text("Form version")).first
    assert "Easy Read version" in versions.inner_text()
    page.goto("about:blank")
    page.wait_for_timeout(500)
    context.close()


@pytest.fixture
def easy_read_pages(home_page, locales, settings):
    settings.RECAPTCHA_ENABLED = False
    settings.FEEDBACK_RATE_LIMIT = "10000/h"
    consultation = make_consultation(home_page)
    standard = add_form(consultation, STANDARD)
    easy = add_form(
        consultation, questions_with_pictures(), title=TITLE, slug="easy-read", purpose="easy_read"
    )
    easy.introduction = INTRODUCTION
    easy.save_revision().publish()
    index = consultation.get_parent().specific
    pages = {settings.LANGUAGE_CODE: (consultation, easy)}
    for code, strings in TRANSLATIONS.items():
        for source in (home_page, index, consultation, standard, easy):
            translate_page(source, code, {**strings, **STRINGS[code]})
        pages[code] = (translated_instance(consultation, code), translated_instance(easy, code))
    return pages


def test_every_easy_read_page_passes_axe_in_every_language_and_large_print(
    live_server, browser, axe, easy_read_pages
):
    problems = {}
    for mode in ("normal", "large print"):
        context = display_context(browser, live_server, mode)
        page = context.new_page()
        for code in LANGUAGES:
            consultation, easy = easy_read_pages[code]
            page.goto(live_server.url + consultation.url)
            assert page.locator("[data-testid=easy-read-link]").get_attribute("href") == easy.url
            checks = [("consultation page", None)]
            checks += [("question 1", easy.url + "step/1/"), ("question 1 with an error", "error")]
            checks += [("question 3", easy.url + "step/3/"), ("check answers", "check")]
            for name, target in checks:
                if target == "error":  # the first question is required: Continue without it
                    page.click("#continue-button")
                    page.wait_for_selector(".nhsuk-error-summary")
                elif target == "check":
                    answers = {"support": "agree", "use_service": "yes", "travel": ["bus"]}
                    for number, key in enumerate(["support", "use_service", "travel"], start=1):
                        page.goto(live_server.url + easy.url + f"step/{number}/")
                        value = answers[key][0] if isinstance(answers[key], list) else answers[key]
                        page.check(f"input[name={key}][value={value}]")
                        page.click("#continue-button")
                    page.goto(live_server.url + easy.url + "check/")
                    page.wait_for_selector(".nhsuk-summary-list")
                elif target:
                    page.goto(live_server.url + target)
                assert page.evaluate("() => document.documentElement.lang") == code
                if name.startswith("question 1"):
                    assert page.locator("img.hys-question-picture").get_attribute("alt")
                for width in (1280, 320):
                    page.set_viewport_size({"width": width, "height": 900})
                    found = check_page(page, axe)
                    if found:
                        problems[f"{code} {mode} {width}px {name}"] = found
                page.set_viewport_size({"width": 1280, "height": 900})
            if code in ("en", "ur"):
                page.goto(live_server.url + easy.url + "step/1/")
                found = check_zoom_spacing_and_keyboard(page)
                if found:
                    problems[f"{code} {mode} keyboard/zoom/spacing"] = found
        context.close()
    assert problems == {}
