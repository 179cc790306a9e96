"""A new intake API key in the real Wagtail admin: made through the add form, shown once on its
own page with a warning, copied with the keyboard alone (Tab to "Copy the key", Enter), and on
no page after it."""

from django.contrib.auth import get_user_model

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from partners import intake
from partners.models import IntakeToken, Partner

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "pw-for-tests-only"


def test_a_new_key_is_shown_once_and_copied_by_keyboard(live_server, browser, home_page):
    Partner.objects.create(name="Healthwatch Northfield", slug="hw")
    get_user_model().objects.create_superuser("keys-admin", "keys@example.nhs.uk", PASSWORD)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", "keys-admin")
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/admin/")
        page.goto(f"{live_server.url}/admin/snippets/partners/intaketoken/add/")
        page.get_by_role("button", name="Choose partner").click()  # Wagtail's snippet chooser
        page.locator(".modal").get_by_role("link", name="Healthwatch Northfield").click()
        expect(page.locator(".chooser__title")).to_contain_text("Healthwatch Northfield")
        page.fill("#id_name", "SMS survey provider")
        page.get_by_role("button", name="Save").first.click()
        expect(page.locator("#intake-key-value")).to_be_visible()
        key = page.input_value("#intake-key-value")
        assert key.startswith(intake.TOKEN_PREFIX) and len(key) > 30
        assert IntakeToken.objects.get().token_hash == intake.hash_token(key)
        expect(page.get_by_text("It will not be shown again")).to_be_visible()
        copy = page.get_by_role("button", name="Copy the key")
        for _ in range(60):  # keyboard only: Tab until the button has focus, then Enter
            page.keyboard.press("Tab")
            if copy.evaluate("b => b === document.activeElement"):
                break
        else:
            raise AssertionError("could not reach the copy button with the Tab key")
        page.keyboard.press("Enter")
        expect(page.locator("#intake-key-copied")).to_contain_text("Copied to the clipboard")
        assert page.evaluate("() => navigator.clipboard.readText()") == key
        page.get_by_role("link", name="I have copied it: back to intake API keys").click()
        page.wait_for_url("**/intaketoken/")
        assert key not in page.content()
        # The browser's history does not bring it back either: the page was never stored
        # (no-store), so going back would have to send the form again, which it will not do.
        with pytest.raises(PlaywrightError, match="ERR_CACHE_MISS"):
            page.go_back()
    finally:
        context.close()
