"""A comms officer translates a consultation into Welsh with the admin's own tools, and a Welsh
visitor responds to it (issue 14).

In the real Wagtail admin: "Translate this page" with "Include subtree" on the consultation,
the title translated in wagtail-localize's editor, "Publish in Cymraeg"; the response form's
questions and choices translated by downloading its PO file from the editor and uploading it
back, then published. Then, as a visitor: /cy/…, "Respond online", the Welsh form, sent.

Before the fix (home.tree) "Respond online" was a 404 here: the translated consultation's
``numchild`` was 0 with one child. The journey is timed and its admin screens counted; the
figures are printed (run with ``-s``) and kept under a generous ceiling.
"""

import time

from django.contrib.auth import get_user_model

import polib
import pytest

from feedback import questions as q
from feedback.models import Response
from home.translation import translate_page, translated_instance
from tests.factories import add_form, make_consultation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-for-tests-only"
QUESTIONS = [
    {
        "key": "support",
        "label": "Do you support the proposal?",
        "field_type": q.YES_NO,
        "required": True,
    },
    {
        "key": "travel",
        "label": "How do you usually travel to the unit?",
        "field_type": q.SINGLE_CHOICE,
        "choices": "By car\nBy bus\nOn foot",
    },
    {"key": "reasons", "label": "Tell us why", "field_type": q.LONG_TEXT, "max_length": 500},
    {"key": "postcode", "label": "Your postcode", "field_type": q.SHORT_TEXT, "max_length": 10},
    {
        "key": "anything_else",
        "label": "Anything else?",
        "field_type": q.LONG_TEXT,
        "max_length": 500,
    },
]
WELSH = {
    "Do you support the proposal?": "Ydych chi'n cefnogi'r cynnig?",
    "How do you usually travel to the unit?": "Sut ydych chi fel arfer yn teithio i'r uned?",
    # A choices box is one text in the PO file, a line break written <br/>.
    "By car<br/>By bus<br/>On foot": "Mewn car<br/>Ar fws<br/>Ar droed",
    "Tell us why": "Dywedwch wrthym pam",
    "Your postcode": "Eich cod post",
    "Anything else?": "Unrhyw beth arall?",
}
WELSH_TITLE = "Mân anafiadau yn Northfield"


@pytest.fixture(autouse=True)
def _no_recaptcha(settings):
    settings.RECAPTCHA_ENABLED = False
    settings.FEEDBACK_RATE_LIMIT = "1000/h"


@pytest.fixture
def consultation(home_page, locales):
    """An open English consultation with a five-question form; the Welsh home and consultation
    list already exist (as on the live site)."""
    page = make_consultation(home_page, title="Minor injuries in Northfield")
    add_form(page, QUESTIONS)
    translate_page(home_page, "cy", {"Have your say": "Dweud eich dweud"})
    translate_page(page.get_parent(), "cy", {"Consultations": "Ymgynghoriadau"})
    get_user_model().objects.create_superuser("comms", "comms@example.org", PASSWORD)
    return page


class Journey:
    """Counts the admin screens (main-frame navigations) and the time taken."""

    def __init__(self, page):
        self.screens = []
        self.started = time.monotonic()
        page.on(
            "framenavigated",
            lambda frame: frame == page.main_frame and self.screens.append(frame.url),
        )

    @property
    def seconds(self):
        return time.monotonic() - self.started


def sign_in(page, base):
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "comms")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/admin/")


def open_more_actions(page, name):
    """The page header's "Actions" menu (Wagtail's ⋯ button), then the item called ``name``."""
    page.locator("header [data-controller='w-dropdown'] button, .w-dropdown__toggle").first.click()
    page.get_by_role("link", name=name).click()


def publish_in_welsh(page):
    """The editor's "Publish in Cymraeg"; it comes back with "Published '…' in Cymraeg"."""
    page.get_by_role("button", name="Publish in Cymraeg").click()
    page.wait_for_selector("text=/Published '.*' in Cymraeg/", timeout=30000)


def translate_po(path):
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = WELSH.get(entry.msgid, entry.msgstr or "")
        if not entry.msgstr and entry.msgid.startswith("Respond:"):
            entry.msgstr = "Ymateb: " + WELSH_TITLE
    po.save(str(path))
    return path


def test_comms_officer_translates_a_consultation_and_a_welsh_visitor_responds(
    live_server, browser, consultation, tmp_path
):
    base = live_server.url
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    journey = Journey(page)
    sign_in(page, base)

    # The consultation in the page explorer, then "Translate this page" with its subtree.
    page.goto(f"{base}/admin/pages/{consultation.pk}/edit/")
    open_more_actions(page, "Translate this page")
    page.get_by_label("Cymraeg").check()
    page.get_by_label("Include subtree").check()
    page.get_by_role("button", name="Submit").click()

    # wagtail-localize's editor for the Welsh consultation: translate the title, publish.
    page.wait_for_selector("text=Publish in Cymraeg")
    title = page.locator("xpath=//li[p[normalize-space()='Minor injuries in Northfield']]").first
    title.get_by_role("button", name="Translate").click()
    title.locator("textarea").fill(WELSH_TITLE)
    title.get_by_role("button", name="Save").click()
    page.wait_for_selector(f"text={WELSH_TITLE}")
    publish_in_welsh(page)

    page.wait_for_selector("text=Published")

    # The Welsh form, found from the consultation's "Translation status": its PO file downloaded
    # from the editor, translated offline, uploaded back, then published.
    page.goto(f"{base}/admin/pages/{consultation.pk}/edit/")
    open_more_actions(page, "Translation status")
    form_row = page.locator("tr", has_text="Respond: Minor injuries in Northfield")
    form_row.locator("td[data-locale=cy]").get_by_role("link", name="Open the translation").click()
    page.wait_for_selector("text=Publish in Cymraeg")
    panel = page.locator("#tab-content")
    with page.expect_download() as download:
        panel.get_by_role("link", name="Download PO file").click()
    po_path = tmp_path / "form-cy.po"
    download.value.save_as(po_path)
    translate_po(po_path)
    with page.expect_file_chooser() as chooser:
        panel.get_by_role("button", name="Upload PO file").click()
    chooser.value.set_files(str(po_path))
    page.wait_for_selector("text=Successfully imported translations from PO File.")
    assert WELSH["Do you support the proposal?"] in page.inner_text("#tab-content")
    publish_in_welsh(page)
    seconds, screens = journey.seconds, len(journey.screens)
    print(
        f"\nTranslate and publish in Welsh: {seconds:.1f} s, {screens} admin screens: {journey.screens}"
    )

    welsh = translated_instance(consultation, "cy")
    assert welsh.live and welsh.title == WELSH_TITLE
    welsh_form = translated_instance(consultation.get_children().get(), "cy").specific
    assert welsh_form.live
    assert welsh_form.form_fields.get(key="support").label == WELSH["Do you support the proposal?"]

    # A Welsh visitor follows "Respond online" from the Welsh consultation and responds.
    visitor = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    visitor.goto(f"{base}{welsh.url}")
    assert visitor.evaluate("document.documentElement.lang") == "cy"
    assert WELSH_TITLE in visitor.inner_text("h1")
    visitor.get_by_role("button", name="Ymateb ar-lein").click()
    visitor.wait_for_url("**/cy/**/step/1/")
    assert WELSH["Do you support the proposal?"] in visitor.inner_text("main")
    assert "Ar fws" in visitor.inner_text("main")
    visitor.check("#support")
    visitor.get_by_label("Ar fws").check()
    visitor.fill("#reasons", "Mae'n agosach at yr orsaf fysiau.")
    visitor.click("#continue-button")
    visitor.wait_for_url("**/step/2/")
    visitor.click("#continue-button")
    visitor.wait_for_url("**/check/")
    visitor.click("#send-button")
    visitor.wait_for_url("**/done/")
    assert visitor.locator("[data-testid=reference]").inner_text().strip().startswith("HYS-")

    stored = Response.objects.get()
    assert stored.locale.language_code == "cy"
    assert stored.answers["support"] == "yes"
    assert stored.answers["travel"] == "by_bus"
    assert screens <= 12 and seconds < 120
    context.close()
