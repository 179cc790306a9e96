"""The file-upload question in a real browser: a visitor sends a clean file with the keyboard
alone, a member of staff finds it in the Wagtail admin and downloads it; the form page with an
upload question passes axe (experimental rules on) in every language, in normal and large print.
Uploads are scanned by the real clamd (the `clamd` fixture, .ci/clamd.sh)."""

from django.conf import settings
from django.contrib.auth import get_user_model

import pytest
from playwright.sync_api import expect

from feedback import questions as q
from feedback.demo_forms import UPLOAD_QUESTIONS
from feedback.models import Response, ResponseFormField, Upload
from home.translation import translate_page, translated_instance
from tests.browser.display import display_context
from tests.browser.test_form_builder_admin import QUESTIONS, open_editor, publish, setting, sign_in
from tests.browser.test_site_wide_accessibility import check_page, check_zoom_spacing_and_keyboard
from tests.factories import add_form, make_consultation
from tests.i18n.samples import TRANSLATIONS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = [code for code, _ in settings.LANGUAGES]
PASSWORD = "pw-for-tests-only"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
FORM_STRINGS = {
    "cy": {
        "Respond: Urgent care in Northfield": "Ymateb: Gofal brys yn Northfield",
        "Your submission": "Eich cyflwyniad",
        "Organisation name": "Enw'r sefydliad",
        "Your written submission": "Eich cyflwyniad ysgrifenedig",
        "A document, or a photo of a paper form.": "Dogfen, neu lun o ffurflen bapur.",
    },
    "pl": {
        "Respond: Urgent care in Northfield": "Odpowiedz: Pilna pomoc medyczna w Northfield",
        "Your submission": "Twoje stanowisko",
        "Organisation name": "Nazwa organizacji",
        "Your written submission": "Twoje pisemne stanowisko",
        "A document, or a photo of a paper form.": "Dokument lub zdjęcie papierowego formularza.",
    },
    "ur": {
        "Respond: Urgent care in Northfield": "جواب دیں: نارتھ فیلڈ میں فوری نگہداشت",
        "Your submission": "آپ کی گزارش",
        "Organisation name": "تنظیم کا نام",
        "Your written submission": "آپ کی تحریری گزارش",
        "A document, or a photo of a paper form.": "کوئی دستاویز، یا کاغذی فارم کی تصویر۔",
    },
}


@pytest.fixture
def forms(home_page, locales, settings):
    settings.RECAPTCHA_ENABLED = False
    settings.FEEDBACK_RATE_LIMIT = "1000/h"
    consultation = make_consultation(home_page)
    form = add_form(consultation, UPLOAD_QUESTIONS, slug="submit")
    index = consultation.get_parent().specific
    pages = {settings.LANGUAGE_CODE: form}
    for code, strings in TRANSLATIONS.items():
        for source in (home_page, index, consultation, form):
            translate_page(source, code, {**strings, **FORM_STRINGS[code]})
        pages[code] = translated_instance(form, code)
    return pages


def tab_to(page, element_id, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.id") == element_id:
            return
    raise AssertionError(f"could not reach #{element_id} with the Tab key")


def test_a_visitor_uploads_a_file_by_keyboard_and_staff_download_it_in_the_admin(
    live_server, browser, forms, clamd, tmp_path
):
    document = tmp_path / "Healthwatch submission.pdf"
    document.write_bytes(PDF)
    visitor = browser.new_context(viewport={"width": 1280, "height": 900})
    page = visitor.new_page()
    page.goto(live_server.url + forms["en"].url)
    assert "PDF, Word document" in page.inner_text("#submission-hint")
    tab_to(page, "organisation")
    page.keyboard.type("Northfield Healthwatch")
    tab_to(page, "submission")
    # The file input is reached by Tab alone; what Space then opens is the browser's own native
    # dialog, not ours, and Playwright's hold on it is lost now and then under load (CI lost it
    # once in 1,177 tests). So the file goes into the focused input directly.
    assert page.evaluate("() => document.activeElement.type") == "file"
    page.locator("#submission:focus").set_input_files(str(document))
    tab_to(page, "continue-button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/step/2/")
    tab_to(page, "continue-button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/check/")
    assert "Healthwatch_submission.pdf" in page.inner_text(".nhsuk-summary-list")
    tab_to(page, "send-button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/done/")
    reference = page.locator("[data-testid=reference]").inner_text().strip()
    visitor.close()

    response = Response.objects.get(reference=reference)
    assert response.status == Response.Status.ACCEPTED
    assert Upload.objects.get(response=response).scan_status == Upload.Scan.CLEAN

    get_user_model().objects.create_superuser("comms", "comms@example.nhs.uk", PASSWORD)
    staff = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = staff.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "comms")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    page.get_by_role("link", name="Analysis and reports").first.click()
    page.get_by_role("link", name="Urgent care in Northfield").first.click()
    page.get_by_role("link", name="Responses", exact=True).click()
    page.get_by_role("link", name=reference).click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download Healthwatch_submission.pdf").click()
    assert download.value.suggested_filename == "Healthwatch_submission.pdf"
    with open(download.value.path(), "rb") as handle:
        assert handle.read() == PDF
    staff.close()


def test_the_form_with_an_upload_question_passes_axe_in_every_language_and_large_print(
    live_server, browser, axe, forms, clamd
):
    problems = {}
    for mode in ("normal", "large print"):
        context = display_context(browser, live_server, mode)
        page = context.new_page()
        for code in LANGUAGES:
            page.goto(live_server.url + forms[code].url)
            assert page.evaluate("() => document.documentElement.lang") == code
            assert page.locator("input[type=file]#submission").count() == 1
            for state in ("empty", "with an error"):
                if state == "with an error":  # a file the question does not take
                    page.set_input_files(
                        "#submission",
                        files=[
                            {
                                "name": "tool.exe",
                                "mimeType": "application/octet-stream",
                                "buffer": b"MZ\x90\x00" * 20,
                            }
                        ],
                    )
                    page.click("#continue-button")
                    page.wait_for_selector(".nhsuk-error-summary")
                for width in (1280, 320):
                    page.set_viewport_size({"width": width, "height": 900})
                    found = check_page(page, axe)
                    if found:
                        problems[f"{code} {mode} {width}px {state}"] = found
                page.set_viewport_size({"width": 1280, "height": 900})
                if code in ("en", "ur"):
                    found = check_zoom_spacing_and_keyboard(page)
                    if found:
                        problems[f"{code} {mode} keyboard/zoom/spacing {state}"] = found
                    page.reload()
        context.close()
    assert problems == {}


def test_an_editor_adds_an_upload_question_in_the_form_builder_and_a_visitor_sees_its_limits(
    live_server, browser, home_page, settings
):

    settings.RECAPTCHA_ENABLED = False
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 600_000
    form_page = add_form(make_consultation(home_page, title="Urgent care in Northfield"), QUESTIONS)
    editor = get_user_model().objects.create_superuser(
        "comms-officer", "comms@example.org", PASSWORD
    )
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/admin/editing-sessions/release/**", lambda route: route.abort())
    page = context.new_page()
    try:
        sign_in(page, live_server, editor)
        open_editor(page, live_server, form_page)
        page.get_by_role("button", name="Add question").click()
        new = len(QUESTIONS)
        setting(page, new, "label").fill("Your written submission")
        expect(setting(page, new, "file_types")).to_be_hidden()  # no type chosen yet
        setting(page, new, "field_type").select_option(q.FILE_UPLOAD)
        expect(setting(page, new, "file_types")).to_be_visible()
        expect(setting(page, new, "max_file_size")).to_be_visible()
        expect(setting(page, new, "choices")).to_be_hidden()
        page.get_by_label("PDF", exact=True).last.check()
        page.get_by_label("PNG image", exact=True).last.check()
        setting(page, new, "max_file_size").fill("2")
        publish(page)
        assert page.locator(".messages .success").count() == 1
        stored = ResponseFormField.objects.get(page=form_page, label="Your written submission")
        assert (stored.field_type, stored.file_types, stored.max_file_size) == (
            q.FILE_UPLOAD,
            "pdf,png",
            2,
        )

        public = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        public.goto(live_server.url + form_page.url + "step/2/")
        expect(public.locator("#" + stored.key + "-hint")).to_contain_text(
            "The file can be a PDF or PNG image, up to 2.0"
        )
        assert (
            public.locator(f"input[type=file]#{stored.key}").get_attribute("accept") == ".pdf,.png"
        )
        public.context.close()
    finally:
        page.goto("about:blank")
        page.wait_for_timeout(1000)
        context.close()
