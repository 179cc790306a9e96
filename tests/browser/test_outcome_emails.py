"""A comms officer publishes a "You said, we did" page in the real Wagtail admin, sees that nobody
was emailed, reviews who will be (how many, which languages), previews the email, confirms, and
the emails arrive once each at a real SMTP server on loopback."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import PageLogEntry

import pytest

from home.public_urls import public_url
from tests.browser.conftest import axe_violations
from tests.youwedid.conftest import make_consultation, make_outcome, make_response, smtp_server  # noqa: F401
from youwedid import notifications
from youwedid.models import OutcomeNotification
from youwedid.tasks import notify_outcome, retry_pending_notifications

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "pw-for-tests-only"  # noqa: S105


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


def test_publish_then_review_preview_and_confirm_emails_each_person_once(
    live_server,
    home_page,
    locales,
    page,
    smtp_server,  # noqa: F811 — the loopback SMTP fixture imported above
):
    staff = get_user_model().objects.create_superuser(
        "comms-officer", "comms@example.nhs.uk", PASSWORD
    )
    consultation = make_consultation(home_page)
    make_response(consultation, locales["en"], email="ann@example.org", wants_outcome=True)
    make_response(consultation, locales["en"], email="bob@example.org", wants_outcome=True)
    make_response(consultation, locales["cy"], email="cai@example.org", wants_outcome=True)
    make_response(consultation, locales["en"], email="quiet@example.org", wants_outcome=False)
    outcome = make_outcome(home_page, [consultation], publish=False)

    sign_in(page, live_server, staff.username)
    page.goto(f"{live_server.url}/admin/pages/{outcome.pk}/edit/")
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target=toggle]").last.click()
    page.locator("button[name=action-publish]").click()

    # Published, and nobody emailed: the editor is told, with the way to the send screen.
    message = page.locator(".messages")
    message.get_by_text(
        "Nobody has been emailed yet. People who asked to hear this outcome: 3."
    ).wait_for()
    outcome.refresh_from_db()
    assert outcome.live
    assert smtp_server.messages == []
    assert not OutcomeNotification.objects.exists()

    message.get_by_role("link", name="Review and send the emails").click()
    page.wait_for_url(f"**/admin/outcomes/{outcome.pk}/emails/")
    assert "3 people responded" in page.get_by_test_id("recipient-total").inner_text()
    english = page.locator("[data-testid=recipient-languages] tr[data-language=en]")
    welsh = page.locator("[data-testid=recipient-languages] tr[data-language=cy]")
    assert english.locator("[data-count=language]").inner_text() == "2"
    assert welsh.locator("[data-count=language]").inner_text() == "1"
    assert (
        "not yet in their language" in welsh.inner_text()
    )  # no Welsh outcome: English with a note

    # The preview, as the English and the Welsh respondents will get it.
    assert (
        page.get_by_test_id("preview-subject").inner_text() == f"You said, we did: {outcome.title}"
    )
    assert public_url(outcome) in page.get_by_test_id("preview-body").inner_text()
    page.get_by_role("link", name="Cymraeg").click()
    welsh_preview = page.get_by_test_id("preview-body").inner_text()
    assert welsh_preview.startswith("Nid ydym wedi cyhoeddi'r canlyniad hwn yn eich iaith eto")
    assert "Thank you for taking part." in welsh_preview
    assert smtp_server.messages == []  # previewing sends nothing

    page.get_by_label("Now").check()
    page.get_by_test_id("confirm-send").click()
    page.locator(".messages").get_by_text(
        "Emails confirmed: 3. They are being sent now."
    ).wait_for()

    assert smtp_server.recipients() == ["ann@example.org", "bob@example.org", "cai@example.org"]
    welsh_email = next(
        item["message"] for item in smtp_server.messages if item["to"] == ["cai@example.org"]
    )
    assert welsh_email.get_body(("plain",)).get_content().startswith("Nid ydym wedi cyhoeddi")
    assert page.locator("[data-count=sent]").inner_text() == "3"
    assert page.get_by_test_id("confirm-send").count() == 0  # nobody is left to email
    entry = PageLogEntry.objects.get(page=outcome, action="youwedid.emails_confirmed")
    assert entry.user == staff and entry.data["recipients"] == 3

    # Running the send again, or the sweep, sends nothing more.
    page.reload()
    assert "Nobody is waiting" in page.get_by_test_id("recipient-total").inner_text()
    notify_outcome.enqueue(outcome.pk)
    retry_pending_notifications.enqueue()
    assert len(smtp_server.messages) == 3
    assert OutcomeNotification.objects.filter(status="sent").count() == 3

    # The page's history shows who confirmed the send.
    page.goto(f"{live_server.url}/admin/pages/{outcome.pk}/history/")
    assert "Emails confirmed (3) and sent at once" in page.content()

    # And the public sees the outcome.
    page.goto(live_server.url + outcome.url)
    assert page.locator("h1").inner_text() == outcome.title


def test_a_scheduled_send_is_cancelled_by_unpublishing_before_its_time(
    live_server,
    home_page,
    locales,
    page,
    axe,
    smtp_server,  # noqa: F811 — the loopback SMTP fixture imported above
):
    staff = get_user_model().objects.create_superuser("comms-lead", "lead@example.nhs.uk", PASSWORD)
    consultation = make_consultation(home_page)
    make_response(consultation, locales["en"], email="ann@example.org", wants_outcome=True)
    make_response(consultation, locales["pl"], email="ola@example.org", wants_outcome=True)
    outcome = make_outcome(home_page, [consultation])

    sign_in(page, live_server, staff.username)
    page.goto(f"{live_server.url}/admin/pages/{outcome.pk}/edit/")
    assert (
        "2 people are waiting to hear this outcome."
        in page.get_by_test_id("waiting-count").inner_text()
    )
    page.get_by_test_id("waiting-count").get_by_role(
        "link", name="Review and send the emails"
    ).click()
    page.wait_for_url(f"**/admin/outcomes/{outcome.pk}/emails/")
    assert axe_violations(axe, page) == []

    when = timezone.localtime() + timedelta(days=1)
    page.get_by_label("At a time I choose").check()
    page.get_by_label("Send at").fill(when.strftime("%Y-%m-%d %H:%M"))
    page.keyboard.press("Escape")  # close the date picker
    page.get_by_test_id("confirm-send").click()
    page.locator(".messages").get_by_text("Emails confirmed: 2. They will be sent at").wait_for()
    assert page.get_by_test_id("scheduled-for").is_visible()
    assert smtp_server.messages == []
    assert (
        OutcomeNotification.objects.filter(status="pending", send_after__isnull=False).count() == 2
    )

    # Unpublished from the page's own menu, before the time comes.
    page.goto(f"{live_server.url}/admin/pages/{outcome.pk}/edit/")
    page.get_by_role("button", name="Actions", exact=True).click()
    assert page.get_by_role(
        "link", name="Email people who took part"
    ).is_visible()  # the send, from the menu
    page.get_by_role("link", name="Unpublish").click()
    page.get_by_role("button", name="Yes, unpublish it").click()
    page.locator(".messages").get_by_text("unpublished").first.wait_for()
    outcome.refresh_from_db()
    assert not outcome.live
    assert not OutcomeNotification.objects.exists()

    # A worker after the chosen time finds nothing to send. (The clock is passed in, not patched:
    # a patched clock would also reach the live server and end the editor's session.)
    later = when + timedelta(minutes=5)
    for pk in OutcomeNotification.objects.filter(notifications.due(later)).values_list(
        "pk", flat=True
    ):
        notifications.deliver(pk, now=later)
    retry_pending_notifications.enqueue()
    assert smtp_server.messages == []
    page.goto(f"{live_server.url}/admin/pages/{outcome.pk}/history/")
    assert "Unpublished before sending: emails cancelled (2)" in page.content()

    # A visitor no longer finds the outcome.
    assert page.goto(live_server.url + outcome.url).status == 404
