"""Issue 17: staff invite a segment of the register to an event in the REAL Wagtail admin
(choose the event and a segment, preview, see the count, send), the emails arrive on a real SMTP
server on loopback in each member's language, each member opens their link and says "I'll come"
by keyboard, staff see the counts change, and a second send finds nobody new. The reply pages
(the confirm page and the thanks page) pass axe in en, cy, pl and ur, normal and large print,
at 1280 and 320 px."""

import re

from django.contrib.auth import get_user_model

import pytest

from involvement.models import SegmentInvitation
from tests.browser.display import display_context
from tests.browser.test_site_wide_accessibility import check_page, check_zoom_spacing_and_keyboard
from tests.involvement.conftest import make_member, open_consultation, terms  # noqa: F401
from tests.involvement.test_event_invitations import with_events
from tests.youwedid.conftest import smtp_server  # noqa: F401 — the loopback SMTP fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "pw-for-tests-only"  # noqa: S105
LANGUAGES = ["en", "cy", "pl", "ur"]
BUTTON = {"en": "I'll come", "cy": "Bydda i'n dod", "pl": "Przyjdę", "ur": "میں آؤں گا"}
THANKS = {
    "en": "Thank you: we have noted that you will come",
    "cy": "Diolch: rydym wedi nodi y byddwch chi'n dod",
    "pl": "Dziękujemy: zapisaliśmy, że przyjdziesz",
    "ur": "شکریہ: ہم نے نوٹ کر لیا ہے کہ آپ آئیں گے",
}


def links_in(message):
    body = message.get_body(("plain",)).get_content()
    return re.findall(r"https?://\S+", body)


def local(live_server, link):
    return live_server.url + re.sub(r"^https?://[^/]+", "", link)


def wait_for(predicate, page, timeout_ms=15000):
    for _ in range(timeout_ms // 100):
        if predicate():
            return True
        page.wait_for_timeout(100)
    return predicate()


def count(admin, name):
    return admin.locator(f'[data-count="{name}"]').inner_text().strip()


def check_reply_page(page, axe, where, code):
    problems = []
    if page.evaluate("() => document.documentElement.lang") != code:
        problems.append(f"{where}: wrong lang")
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        problems += [f"{where} {width}px: {p}" for p in check_page(page, axe)]
    page.set_viewport_size({"width": 1280, "height": 900})
    if code in {"en", "ur"}:
        problems += [f"{where}: {p}" for p in check_zoom_spacing_and_keyboard(page)]
        page.reload()
    return problems


def test_staff_invite_a_segment_to_an_event_and_members_reply_by_keyboard(
    live_server,
    home_page,
    locales,
    browser,
    axe,
    terms,  # noqa: F811 — the register fixture imported above
    smtp_server,  # noqa: F811 — the loopback SMTP fixture imported above
):
    # Set-up: an open consultation with two events, and register members (one outside the segment).
    consultation = open_consultation(home_page, title="Minor injuries in Eastbrook")
    drop_in, _online = with_events(consultation)
    for code in LANGUAGES:
        make_member(f"{code}@example.org", locales[code], topics=[terms["transport"]])
    make_member("other@example.org", locales["en"], topics=[terms["mental-health"]])
    get_user_model().objects.create_superuser("engagement-lead", "lead@example.nhs.uk", PASSWORD)

    staff = browser.new_context(viewport={"width": 1280, "height": 900})
    admin = staff.new_page()
    admin.goto(f"{live_server.url}/admin/login/")
    admin.fill("input[name=username]", "engagement-lead")
    admin.fill("input[name=password]", PASSWORD)
    admin.click("button[type=submit]")
    admin.wait_for_url("**/admin/")
    admin.get_by_role("link", name="Involvement register").first.click()
    admin.get_by_role("link", name="Invite a segment to a consultation or an event").click()
    label = admin.locator(f"#id_target option[value=event-{drop_in.pk}]").inner_text()
    assert label.startswith("Drop-in at Eastbrook Library, ")
    admin.select_option("#id_target", label=label)
    admin.select_option("#id_topic", label="Transport")
    admin.get_by_role("button", name="Preview").click()
    assert (
        admin.get_by_test_id("invite-count").inner_text().startswith("4 members will be invited.")
    )
    assert "Hearing loop" in admin.get_by_test_id("preview-body").inner_text()
    # A second tab with the same preview: the double click that must find nobody new.
    second = staff.new_page()
    second.goto(admin.url)
    assert smtp_server.messages == []  # previewing sends nothing
    admin.get_by_test_id("send-invitations").click()
    admin.get_by_test_id("round-results").wait_for()
    assert wait_for(lambda: len(smtp_server.messages) == 4, admin)
    assert smtp_server.recipients() == [f"{code}@example.org" for code in sorted(LANGUAGES)]
    admin.reload()
    assert count(admin, "sent") == "4" and count(admin, "yes") == "0"

    second.get_by_test_id("send-invitations").click()
    second.get_by_text("Nobody new to invite").wait_for()
    assert SegmentInvitation.objects.count() == 4 and len(smtp_server.messages) == 4
    second.close()

    problems = []
    emails = {item["to"][0]: item["message"] for item in smtp_server.messages}
    for code in LANGUAGES:
        message = emails[f"{code}@example.org"]
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        opened, yes, _no = [link for link in links_in(message) if "/get-involved/event/" in link]
        for mode in ("normal", "large print"):
            person = display_context(browser, live_server, mode)
            page = person.new_page()
            if mode == "normal":
                # The tracked link: the event on the consultation page.
                page.goto(local(live_server, opened))
                assert page.url.endswith(f"#event-{drop_in.pk}")
                page.locator(f"#event-{drop_in.pk}").wait_for()
            page.goto(local(live_server, yes))
            problems += check_reply_page(page, axe, f"confirm [{code}, {mode}]", code)
            # By keyboard: Tab to the button and press Enter.
            button = page.get_by_role("button", name=BUTTON[code], exact=True)
            for _ in range(60):
                page.keyboard.press("Tab")
                if button.evaluate("el => el === document.activeElement"):
                    break
            assert button.evaluate("el => el === document.activeElement"), code
            page.keyboard.press("Enter")
            page.get_by_role("heading", name=THANKS[code]).wait_for()
            problems += check_reply_page(page, axe, f"thanks [{code}, {mode}]", code)
            person.close()
        if code == "en":
            admin.reload()
            assert count(admin, "opened") == "1" and count(admin, "yes") == "1"

    admin.reload()
    assert [count(admin, name) for name in ("sent", "opened", "yes", "no")] == ["4", "4", "4", "0"]
    assert set(SegmentInvitation.objects.values_list("reply", flat=True)) == {"yes"}
    staff.close()
    assert problems == []
