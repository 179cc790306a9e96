"""British Sign Language in a real browser (issue 18): a visitor sends a BSL video answer on
"Respond in BSL" with the keyboard alone; a member of staff finds it in the real Wagtail admin,
plays and downloads the video, transcribes it into the response question by question and
accepts it; the dashboard then counts it. The new public pages ("Respond in BSL", a form step
with a BSL video) pass axe (experimental rules on) in every language, in normal and large print.
Videos are scanned by the real clamd (the `clamd` fixture, .ci/clamd.sh)."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from wagtail.documents.models import Document

import pytest
from playwright.sync_api import expect

from feedback import questions as q
from feedback.models import Response, ResponseFormField, ResponseFormPage, SignVideo, Upload
from home.models import DocumentLanguage
from home.translation import translate_page, translate_snippet, translated_instance
from tests.browser.display import display_context
from tests.browser.test_site_wide_accessibility import check_page, check_zoom_spacing_and_keyboard
from tests.browser.test_upload_question import tab_to
from tests.factories import add_form, make_consultation
from tests.i18n.samples import TRANSLATIONS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = [code for code, _ in settings.LANGUAGES]
PASSWORD = "pw-for-tests-only"
WEBM = (
    Path(__file__).resolve().parents[2] / "feedback" / "demo_media" / "bsl-demo.webm"
).read_bytes()
QUESTIONS = [
    {"field_type": q.SECTION, "label": "Your views on the proposal", "new_step": True},
    {
        "key": "support",
        "label": "How far do you agree with the proposal?",
        "field_type": q.AGREE_SCALE,
        "required": True,
    },
    {"key": "reasons", "label": "Tell us why you feel this way", "field_type": q.LONG_TEXT},
]
VIDEO_STRINGS = {
    "cy": {
        "The proposal in BSL": "Y cynnig yn BSL",
        "What we propose, signed.": "Beth rydym yn ei gynnig, wedi'i arwyddo.",
    },
    "pl": {
        "The proposal in BSL": "Propozycja w BSL",
        "What we propose, signed.": "Co proponujemy, w języku migowym.",
    },
    "ur": {
        "The proposal in BSL": "تجویز BSL میں",
        "What we propose, signed.": "ہماری تجویز، اشاروں کی زبان میں۔",
    },
}


def document(name, content):
    doc = Document(title=name)
    doc.file.save(name, ContentFile(content), save=False)
    doc.save()
    DocumentLanguage.objects.create(document=doc, language="en")
    return doc


@pytest.fixture
def forms(home_page, locales, settings):
    settings.RECAPTCHA_ENABLED = False
    settings.FEEDBACK_RATE_LIMIT = "1000/h"
    consultation = make_consultation(home_page)
    form = add_form(consultation, QUESTIONS)
    video = SignVideo.objects.create(
        title="The proposal in BSL",
        video=document("proposal.webm", WEBM),
        captions=document("proposal.vtt", b"WEBVTT\n\n00:00.000 --> 00:03.000\nWhat we propose.\n"),
        transcript="What we propose, signed.",
        locale=locales["en"],
    )
    ResponseFormField.objects.filter(page=form, field_type__in=[q.SECTION, q.AGREE_SCALE]).update(
        sign_video=video
    )
    form = ResponseFormPage.objects.get(pk=form.pk)
    form.save_revision().publish()
    index = consultation.get_parent().specific
    pages = {settings.LANGUAGE_CODE: form}
    for code, strings in TRANSLATIONS.items():
        translate_snippet(video, code, VIDEO_STRINGS[code])
        for source in (home_page, index, consultation, form):
            translate_page(source, code, strings)
        pages[code] = translated_instance(form, code)
    return pages


def test_a_visitor_sends_a_bsl_video_by_keyboard_and_staff_transcribe_it_in_the_admin(
    live_server, browser, forms, clamd, tmp_path
):
    answer = tmp_path / "my BSL answer.webm"
    answer.write_bytes(WEBM)
    visitor = browser.new_context(viewport={"width": 1280, "height": 900})
    page = visitor.new_page()
    page.goto(live_server.url + forms["en"].url)  # the form's first step links to the BSL way in
    tab_to(page, "respond-in-bsl")
    page.keyboard.press("Enter")
    page.wait_for_url("**/bsl/")
    tab_to(page, "video")
    # Reached by Tab alone; the native dialog Space opens is the browser's, and Playwright loses
    # its hold on it now and then under load, so the file goes into the focused input directly.
    assert page.evaluate("() => document.activeElement.type") == "file"
    page.locator("#video:focus").set_input_files(str(answer))
    tab_to(page, "video_email")
    page.keyboard.type("sam@example.org")
    tab_to(page, "send-video")
    page.keyboard.press("Enter")
    page.wait_for_url("**/bsl/sent/")
    reference = page.locator("[data-testid=reference]").inner_text().strip()
    visitor.close()

    response = Response.objects.get(reference=reference)
    assert (response.channel, response.status, response.answers) == ("bsl", "held", {})
    assert Upload.objects.get(response=response).scan_status == Upload.Scan.CLEAN

    get_user_model().objects.create_superuser("comms", "comms@example.nhs.uk", PASSWORD)
    staff = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = staff.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "comms")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    page.get_by_role("link", name="BSL responses").first.click()
    page.get_by_role("link", name=reference).click()
    duration = page.locator("video").evaluate(
        """v => new Promise(resolve => {
            if (v.readyState >= 1) return resolve(v.duration);
            v.addEventListener('loadedmetadata', () => resolve(v.duration));
            v.addEventListener('error', () => resolve(-1));
            v.load();
        })"""
    )
    assert duration > 2, duration  # the three-second video plays in the admin
    with page.expect_download() as download:
        page.get_by_role("link", name="Download my_BSL_answer.webm").click()
    with open(download.value.path(), "rb") as handle:
        assert handle.read() == WEBM
    page.get_by_label("Agree", exact=True).check()
    page.locator("#reasons").fill("Signed: the new centre is on my bus route.")
    page.get_by_role("button", name="Save the transcription and count the response").click()
    page.wait_for_selector(".messages .success")
    expect(page.get_by_role("link", name=reference)).to_have_count(0)  # no longer waiting

    response.refresh_from_db()
    assert response.status == "accepted"
    assert response.answers == {
        "support": "agree",
        "reasons": "Signed: the new centre is on my bus route.",
    }
    page.get_by_role("link", name="Analysis and reports").first.click()
    page.get_by_role("link", name="Urgent care in Northfield").first.click()
    totals = page.locator("dl.reporting-totals")
    assert totals.locator("div", has_text="Accepted").locator("dd").inner_text().strip() == "1"
    staff.close()


def test_a_visitor_gets_the_parts_of_a_bsl_video_the_browser_asks_for_and_can_jump_in_it(
    live_server, browser, forms
):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    answers = []
    page.on(
        "response",
        lambda r: answers.append((r.status, r.headers.get("content-range", "")))
        if "/documents/" in r.url and r.url.endswith(".webm")
        else None,
    )
    page.goto(live_server.url + forms["en"].url + "step/1/")
    landed = page.locator("video").first.evaluate(
        """v => new Promise(resolve => {
            v.addEventListener('seeked', () => resolve(v.currentTime), {once: true});
            v.addEventListener('error', () => resolve(-1), {once: true});
            setTimeout(() => resolve(-2), 15000);
            const jump = () => { v.currentTime = 2; };
            if (v.readyState >= 1) return jump();
            v.addEventListener('loadedmetadata', jump, {once: true});
            v.load();
        })"""
    )
    context.close()
    assert landed >= 2, landed  # the jump to two seconds in landed there
    assert any(status == 206 and text.startswith("bytes 0-") for status, text in answers), answers


def test_respond_in_bsl_and_a_step_with_a_bsl_video_pass_axe_in_every_language_and_large_print(
    live_server, browser, axe, forms, clamd
):
    problems = {}
    for mode in ("normal", "large print"):
        context = display_context(browser, live_server, mode)
        page = context.new_page()
        for code in LANGUAGES:
            for name, path in (("step with a BSL video", "step/1/"), ("respond in BSL", "bsl/")):
                page.goto(live_server.url + forms[code].url + path)
                assert page.evaluate("() => document.documentElement.lang") == code
                if name == "step with a BSL video":
                    assert page.locator("video track[kind=captions]").count() == 2
                states = ["as loaded"] + (["with errors"] if name == "respond in BSL" else [])
                for state in states:
                    if state == "with errors":  # both forms sent empty
                        page.click("#send-relay")
                        page.wait_for_selector(".nhsuk-error-summary")
                    for width in (1280, 320):
                        page.set_viewport_size({"width": width, "height": 900})
                        found = check_page(page, axe)
                        if found:
                            problems[f"{code} {mode} {width}px {name} {state}"] = found
                    page.set_viewport_size({"width": 1280, "height": 900})
                    if code in ("en", "ur"):
                        found = check_zoom_spacing_and_keyboard(page)
                        if found:
                            problems[f"{code} {mode} keyboard/zoom/spacing {name} {state}"] = found
                        page.reload()
        context.close()
    assert problems == {}
