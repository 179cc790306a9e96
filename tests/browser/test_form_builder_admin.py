"""Building a response form in the real Wagtail admin, as a comms officer does (issue 14, part 2),
then checking the public form as a visitor."""

from django.contrib.auth import get_user_model

from wagtail.documents import get_document_model
from wagtail.models import Collection

import pytest
from playwright.sync_api import expect

from feedback import questions as q
from feedback.models import ResponseFormField, ResponseFormPage
from home.models import DocumentLanguage
from tests.factories import add_form, make_consultation, material, version

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-for-tests-only"

QUESTIONS = [
    {"field_type": q.SECTION, "label": "Your experience", "new_step": True},
    {
        "key": "use_service",
        "label": "Have you used the unit?",
        "field_type": q.YES_NO,
        "required": True,
    },
    {"key": "visits", "label": "How many times?", "field_type": q.NUMBER},
    {
        "key": "travel",
        "label": "How do you travel there?",
        "field_type": q.SINGLE_CHOICE,
        "choices": "car|By car\nbus|By bus",
    },
    {"field_type": q.SECTION, "label": "Anything else", "new_step": True},
    {"key": "comments", "label": "Anything else to tell us?", "field_type": q.LONG_TEXT},
]


@pytest.fixture
def page(browser, settings):
    """The harness's page, without the page editor's background session traffic: pings slowed
    down, and no "release" beacon when leaving the editor (it would race the save that leaves it
    on the live server's in-memory SQLite, which locks whole tables, and its flush afterwards)."""
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 600_000
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/admin/editing-sessions/release/**", lambda route: route.abort())
    browser_page = context.new_page()
    yield browser_page
    browser_page.goto("about:blank")
    browser_page.wait_for_timeout(1000)
    context.close()


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("comms-officer", "comms@example.org", PASSWORD)


@pytest.fixture
def form_page(home_page, settings):
    settings.RECAPTCHA_ENABLED = False
    settings.FEEDBACK_RATE_LIMIT = "10000/h"
    consultation = make_consultation(home_page, title="Urgent care in Northfield")
    return add_form(consultation, QUESTIONS)


def sign_in(page, live_server, user):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


def open_editor(page, live_server, form_page):
    page.goto(f"{live_server.url}/admin/pages/{form_page.pk}/edit/")
    page.wait_for_load_state("networkidle")


def child(form_page, key):
    """The editor's index of the question with this key (its place in the form)."""
    return [f.key for f in form_page.form_fields.all()].index(key)


def setting(page, index, name):
    return page.locator(f"#id_form_fields-{index}-{name}")


def publish(page):
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_load_state("networkidle")


def save_draft(page):
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_load_state("networkidle")


def test_question_editor_shows_only_the_settings_of_the_chosen_type(
    live_server, editor, form_page, page
):
    sign_in(page, live_server, editor)
    open_editor(page, live_server, form_page)
    # An existing yes/no question: no choices to type, no character limit, no numbers, no step.
    yes_no = child(form_page, "use_service")
    expect(setting(page, yes_no, "required")).to_be_visible()
    expect(setting(page, yes_no, "condition_key")).to_be_visible()
    for hidden in ("choices", "statements", "max_length", "min_value", "max_value", "new_step"):
        expect(setting(page, yes_no, hidden)).to_be_hidden()

    page.get_by_role("button", name="Add question").click()
    new = len(QUESTIONS)
    setting(page, new, "label").fill("Which days suit you?")
    expect(setting(page, new, "choices")).to_be_hidden()  # no type chosen yet

    setting(page, new, "field_type").select_option(q.MULTIPLE_CHOICE)
    expect(setting(page, new, "choices")).to_be_visible()
    for hidden in ("statements", "max_length", "min_value", "max_value", "new_step"):
        expect(setting(page, new, hidden)).to_be_hidden()

    setting(page, new, "field_type").select_option(q.LONG_TEXT)
    expect(setting(page, new, "max_length")).to_be_visible()
    expect(setting(page, new, "choices")).to_be_hidden()

    setting(page, new, "field_type").select_option(q.GRID)
    expect(setting(page, new, "choices")).to_be_visible()
    expect(setting(page, new, "statements")).to_be_visible()

    setting(page, new, "field_type").select_option(q.RATING)
    expect(setting(page, new, "max_value")).to_be_visible()
    expect(setting(page, new, "min_value")).to_be_hidden()

    setting(page, new, "field_type").select_option(q.SECTION)
    expect(setting(page, new, "new_step")).to_be_visible()
    for hidden in ("required", "help_text", "condition_key", "key", "choices"):
        expect(setting(page, new, hidden)).to_be_hidden()

    setting(page, new, "field_type").select_option(q.MULTIPLE_CHOICE)
    setting(page, new, "choices").fill("mon|Monday\ntue|Tuesday")
    save_draft(page)
    assert page.locator(".messages .success").count() == 1
    saved = ResponseFormPage.objects.get(pk=form_page.pk).get_latest_revision_as_object()
    assert [f.label for f in saved.form_fields.all()][-1] == "Which days suit you?"


def test_conditional_question_is_built_from_lists_and_the_public_form_follows_it(
    live_server, editor, form_page, page, browser
):
    sign_in(page, live_server, editor)
    open_editor(page, live_server, form_page)
    visits = child(form_page, "visits")
    question_list = setting(page, visits, "condition_key")
    # The list offers the form's choice questions by their wording, never the number question itself.
    offered = question_list.locator("option").all_inner_texts()
    assert "Have you used the unit?" in offered and "How many times?" not in offered
    question_list.select_option(label="Have you used the unit?")
    answers = setting(page, visits, "condition_value")
    # Only the chosen question's answers are offered.
    expect(answers.locator("option:not([hidden])")).to_have_text(["Choose an answer", "Yes", "No"])
    answers.select_option(label="Yes")
    publish(page)
    assert page.locator(".messages .success").count() == 1
    stored = ResponseFormField.objects.get(page=form_page, key="visits")
    assert (stored.condition_key, stored.condition_value) == ("use_service", "yes")

    visitor = browser.new_context(viewport={"width": 1280, "height": 900})
    public = visitor.new_page()
    try:
        public.goto(live_server.url + form_page.url)
        how_many = public.get_by_label("How many times? (optional)")
        expect(how_many).to_be_hidden()
        public.get_by_label("Yes").check()
        expect(how_many).to_be_visible()
        public.get_by_label("No").check()
        expect(how_many).to_be_hidden()
        public.click("#continue-button")
        expect(public.locator("h1")).to_have_text("Anything else")
        public.click("#continue-button")  # step 3: before you send
        public.click("#continue-button")
        summary = public.locator("main").inner_text()
        assert "Have you used the unit?" in summary and "How many times?" not in summary
    finally:
        visitor.close()


def test_an_invalid_condition_is_refused_with_a_clear_message(live_server, editor, form_page, page):
    sign_in(page, live_server, editor)
    open_editor(page, live_server, form_page)
    use_service, travel = child(form_page, "use_service"), child(form_page, "travel")
    # The first question made to depend on a later one.
    setting(page, use_service, "condition_key").select_option(label="How do you travel there?")
    setting(page, use_service, "condition_value").select_option(label="By bus")
    save_draft(page)
    assert page.locator(".messages .error, .messages [class*=error]").count() >= 1
    field_error = page.locator(
        f"[data-field-wrapper]:has(#id_form_fields-{use_service}-condition_key) .error-message"
    )
    assert "“How do you travel there?” comes after this question" in field_error.inner_text()
    assert ResponseFormField.objects.get(page=form_page, key="use_service").condition_key == ""
    assert ResponseFormPage.objects.get(pk=form_page.pk).revisions.count() == 1  # nothing saved

    # A condition on an answer that the editor removes in the same save.
    open_editor(page, live_server, form_page)
    comments = child(form_page, "comments")
    setting(page, comments, "condition_key").select_option(label="How do you travel there?")
    setting(page, comments, "condition_value").select_option(label="By bus")
    setting(page, travel, "choices").fill("car|By car\ntrain|By train")
    save_draft(page)
    field_error = page.locator(
        f"[data-field-wrapper]:has(#id_form_fields-{comments}-condition_value) .error-message"
    )
    assert "“How do you travel there?” has no answer “bus” any more" in field_error.inner_text()
    assert ResponseFormPage.objects.get(pk=form_page.pk).revisions.count() == 1


def test_preview_shows_each_step_as_the_public_sees_it_without_saving(
    live_server, editor, form_page, page
):
    revisions = form_page.revisions.count()
    sign_in(page, live_server, editor)
    open_editor(page, live_server, form_page)
    setting(page, child(form_page, "use_service"), "label").fill(
        "Have you been to the unit this year?"
    )
    page.locator("[data-side-panel-toggle='preview']").click()
    mode = page.get_by_label("Preview mode")
    assert mode.locator("option").all_inner_texts() == [
        "Step 1 of 3: Your experience",
        "Step 2 of 3: Anything else",
        "Step 3 of 3: Before you send",
    ]
    frame = page.frame_locator("iframe[data-w-preview-target='iframe']").first
    expect(frame.locator("h1")).to_have_text("Your experience")
    assert (
        frame.get_by_text("Have you been to the unit this year?").count() == 1
    )  # the unsaved change
    assert (
        "Nothing you enter here is saved"
        in frame.get_by_test_id("form-preview-notice").inner_text()
    )
    frame.get_by_label("Yes").check()
    frame.locator("#continue-button").click()
    expect(frame.locator("h1")).to_have_text("Anything else")
    frame.locator("#continue-button").click()
    expect(frame.locator("h1")).to_have_text("Before you send")
    assert frame.get_by_test_id("form-preview-end").count() == 1
    frame.get_by_role("link", name="Back", exact=True).click()
    expect(frame.locator("h1")).to_have_text("Anything else")
    # Previewing saved nothing: no revision, and the public form is unchanged.
    assert form_page.revisions.count() == revisions
    assert (
        ResponseFormField.objects.get(page=form_page, key="use_service").label
        == "Have you used the unit?"
    )


def test_questions_are_copied_from_another_consultation(
    live_server, editor, form_page, home_page, page
):
    target = make_consultation(home_page, title="Pharmacy opening hours", slug="pharmacy-hours")
    sign_in(page, live_server, editor)
    page.goto(f"{live_server.url}/admin/pages/{target.pk}/edit/")
    page.locator("button[aria-label='Actions']").first.click()
    page.get_by_role("link", name="Copy questions from another consultation").click()
    page.get_by_label("Copy the questions of").select_option(label="Urgent care in Northfield")
    page.get_by_role("button", name="Copy the questions").click()
    page.wait_for_load_state("networkidle")
    assert (
        "Copied 6 questions from “Urgent care in Northfield”"
        in page.locator(".messages").inner_text()
    )
    new_form = ResponseFormPage.objects.child_of(target).get()
    assert not new_form.live  # a draft until the editor publishes it
    assert setting(page, child(form_page, "visits"), "label").input_value() == "How many times?"
    publish(page)

    copied = {f.key: f for f in ResponseFormPage.objects.get(pk=new_form.pk).form_fields.all()}
    source = {f.key: f for f in form_page.form_fields.all()}
    assert set(copied) == set(source)  # same keys: the two consultations' answers compare
    assert {f.translation_key for f in copied.values()}.isdisjoint(
        {f.translation_key for f in source.values()}
    )

    page.goto(live_server.url + ResponseFormPage.objects.get(pk=new_form.pk).url)
    assert "Pharmacy opening hours" in page.locator("main").inner_text()
    assert (
        page.get_by_label("Yes").count() == 1
        and page.get_by_text("Have you used the unit?").count() == 1
    )


PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def test_uploading_a_document_defaults_to_the_site_language_and_asks_again_for_the_file(
    live_server, editor, home_page, page, tmp_path
):
    if (
        not Collection.objects.exists()
    ):  # an earlier live-server test flushed the one migrations made
        Collection.add_root(name="Root")
    consultation = make_consultation(
        home_page, title="Pharmacy opening hours", slug="pharmacy-hours"
    )
    consultation.materials = [material("Our proposals", [version()])]
    consultation.save_revision().publish()
    upload = tmp_path / "proposal_summary.pdf"
    upload.write_bytes(PDF)

    sign_in(page, live_server, editor)
    page.goto(f"{live_server.url}/admin/pages/{consultation.pk}/edit/")
    page.get_by_role("tab", name="Materials").click()
    page.get_by_role("button", name="Choose a document").click()
    page.get_by_role("tab", name="Upload").click()
    language = page.locator("#id_document-chooser-upload-language")
    expect(language).to_have_value("en")  # the site's default language, already chosen
    page.set_input_files("#id_document-chooser-upload-file", str(upload))
    # The title made from the file name is refused (people hear it as the link text).
    page.locator("#id_document-chooser-upload-title").fill("proposal_summary")
    page.locator(".modal-content form[enctype] button[type=submit]").click()
    file_error = page.locator(
        ".modal-content [data-field-wrapper]:has(#id_document-chooser-upload-file) .error-message"
    )
    expect(file_error).to_contain_text("Choose the file again")
    assert get_document_model().objects.count() == 0

    page.locator("#id_document-chooser-upload-title").fill("Our proposals (summary)")
    page.set_input_files("#id_document-chooser-upload-file", str(upload))
    page.locator(".modal-content form[enctype] button[type=submit]").click()
    expect(page.locator(".modal-content")).to_have_count(0)
    document = get_document_model().objects.get()
    assert document.title == "Our proposals (summary)"
    assert DocumentLanguage.objects.get(document=document).language == "en"


def test_documents_added_with_the_multiple_uploader_get_a_language_then_the_one_the_editor_picks(
    page, live_server, editor, tmp_path
):
    """Wagtail's "Add documents" screen saves each file itself (`save(commit=False)`, then
    `save()`): the file is recorded in the site's default language at once, and in the language
    the editor then picks on the same screen."""
    if not Collection.objects.exists():  # an earlier live-server test flushed the one migrations made
        Collection.add_root(name="Root")
    upload = tmp_path / "ymgynghoriad.pdf"
    upload.write_bytes(PDF)

    sign_in(page, live_server, editor)
    page.goto(f"{live_server.url}/admin/documents/multiple/add/")
    page.set_input_files("input[type=file][multiple]", str(upload))
    edit_form = page.locator("form.document-edit-form, .upload-success form").first
    expect(edit_form).to_be_visible(timeout=30_000)
    document = get_document_model().objects.get()
    assert DocumentLanguage.objects.get(document=document).language == "en"

    prefix = f"doc-{document.pk}-"
    page.locator(f"#id_{prefix}title").fill("Ein cynigion (crynodeb)")
    page.locator(f"#id_{prefix}language").select_option("cy")
    with page.expect_response(lambda r: f"/multiple/{document.pk}/" in r.url and r.request.method == "POST") as update:
        edit_form.locator("button[type=submit], input[type=submit]").first.click()
    assert update.value.ok and update.value.json()["success"]
    assert DocumentLanguage.objects.get(document=document).language == "cy"
    assert get_document_model().objects.get().title == "Ein cynigion (crynodeb)"
