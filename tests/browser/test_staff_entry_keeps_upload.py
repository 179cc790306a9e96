"""Staff entry in the real Wagtail admin: a member of staff typing in a returned paper form
attaches its photo, sends with a required answer missing, and the photo stays chosen ("You have
uploaded …"), so the corrected form saves with it without choosing the file again. Scanned by the
real clamd (the `clamd` fixture)."""

from django.contrib.auth import get_user_model

import pytest
from playwright.sync_api import expect

from feedback.demo_forms import UPLOAD_QUESTIONS
from feedback.models import Response, Upload
from tests.factories import add_form, make_consultation

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "pw-for-tests-only"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def test_staff_entry_keeps_the_photo_after_an_error_in_the_admin(
    live_server, browser, home_page, clamd, tmp_path
):
    add_form(
        make_consultation(home_page, title="Urgent care in Northfield"),
        UPLOAD_QUESTIONS,
        slug="submit",
    )
    get_user_model().objects.create_superuser("paper-clerk", "clerk@example.nhs.uk", PASSWORD)
    photo = tmp_path / "returned form.png"
    photo.write_bytes(PNG)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", "paper-clerk")
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/admin/")
        page.get_by_role("link", name="Enter a response").first.click()
        page.get_by_role("link", name="Urgent care in Northfield").click()
        page.select_option("#channel", "paper")
        page.set_input_files("#submission", str(photo))
        page.get_by_role("button", name="Save response").click()  # "Organisation name" left empty
        expect(page.get_by_role("alert")).to_contain_text("Enter an answer to: Organisation name")
        kept = page.locator("[data-testid=uploaded-submission]")
        expect(kept).to_contain_text("You have uploaded returned_form.png")
        assert page.input_value("#submission") == ""  # the browser forgot it; the server did not
        page.fill("#organisation", "Northfield Healthwatch")
        page.get_by_role("button", name="Save response").click()
        expect(page.get_by_role("heading", name="Response saved")).to_be_visible()
        reference = page.locator("p", has_text="Saved as").inner_text().split()[2]
    finally:
        context.close()
    response = Response.objects.get(reference=reference)
    assert (
        response.channel == "paper" and response.answers["organisation"] == "Northfield Healthwatch"
    )
    upload = Upload.objects.get()
    assert upload.response == response and upload.original_name == "returned_form.png"
    assert upload.scan_status == Upload.Scan.CLEAN
