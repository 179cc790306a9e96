"""Invited consultations through the real admin, then as visitors (issue 17).

A comms officer makes a consultation invited on its Settings tab and publishes it, makes three
invitation links and downloads them as CSV, and revokes one. A visitor without a link gets the
"by invitation" page (403) in every language; a visitor with a link reads the consultation in
English and Welsh and responds in Welsh; the response records the invitation; the revoked link
no longer works; the officer sees opened / responded per link. The by-invitation page and the
invited consultation pass axe in every language, in large print and at 320 px.
"""

import csv

from django.conf import settings
from django.contrib.auth import get_user_model

import pytest

from consultations import invitations
from consultations.choices import Visibility
from consultations.models import ConsultationPage, Invitation
from feedback.models import Response
from home.display import DISPLAY_COOKIE, LARGE_PRINT
from home.translation import translate_page, translated_instance
from tests.browser.test_respond_in_every_language import QUESTIONS, interface_problems
from tests.browser.test_site_wide_accessibility import check_page
from tests.factories import add_form, make_consultation
from tests.i18n.samples import TRANSLATIONS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "pw-for-tests-only"  # noqa: S105
LANGUAGES = [code for code, _ in settings.LANGUAGES]
BY_INVITATION = {
    "en": "This consultation is by invitation",
    "cy": "Mae'r ymgynghoriad hwn drwy wahoddiad",
    "pl": "Ta konsultacja jest na zaproszenie",
    "ur": "یہ مشاورت صرف دعوت پر ہے",
}


@pytest.fixture(autouse=True)
def _no_recaptcha(settings):
    settings.RECAPTCHA_ENABLED = False
    settings.FEEDBACK_RATE_LIMIT = "1000/h"


@pytest.fixture
def translated(home_page, locales):
    """A consultation with a form, in every language: {code: ConsultationPage}."""
    consultation = make_consultation(home_page)
    form = add_form(consultation, QUESTIONS)
    index = consultation.get_parent().specific
    pages = {"en": consultation}
    for code, strings in TRANSLATIONS.items():
        for source in (home_page, index, consultation, form):
            translate_page(source, code, strings)
        pages[code] = translated_instance(consultation, code)
    return pages


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


def make_invited(pages):
    source = pages["en"]
    source.visibility = Visibility.INVITED
    source.save_revision().publish()
    return {code: ConsultationPage.objects.get(pk=page.pk) for code, page in pages.items()}


def test_staff_invite_through_the_admin_and_only_link_holders_get_in(
    live_server, browser, page, translated, tmp_path
):
    get_user_model().objects.create_superuser("comms-officer", "comms@example.nhs.uk", PASSWORD)
    consultation = translated["en"]
    sign_in(page, live_server, "comms-officer")

    # Settings tab: who can see this consultation → Invited, then publish.
    page.goto(f"{live_server.url}/admin/pages/{consultation.pk}/edit/")
    page.get_by_role("tab", name="Settings").click()
    page.get_by_text("Every language of this consultation follows the choice made here").wait_for()
    page.get_by_label("Invited: only people with an invitation link").check()
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target=toggle]").last.click()
    page.locator("button[name=action-publish]").click()
    page.locator(".messages").wait_for()
    for code, version in translated.items():
        version.refresh_from_db()
        assert version.visibility == Visibility.INVITED, code

    # The panel on the Settings tab leads to the links; make three and download them.
    page.goto(f"{live_server.url}/admin/pages/{consultation.pk}/edit/")
    page.get_by_role("tab", name="Settings").click()
    page.get_by_role("link", name="Make, download or revoke invitation links").click()
    page.wait_for_url(f"**/admin/consultations/{consultation.pk}/invitations/")
    page.get_by_label("How many links").fill("3")
    page.get_by_label("Who the links are for").fill("Patient panel, North")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Make the links and download them (CSV)").click()
    path = tmp_path / "links.csv"
    download_info.value.save_as(path)
    rows = list(csv.reader(path.open(encoding="utf-8")))
    assert rows[0] == ["Invitation", "Label", "Link"]
    assert [row[1] for row in rows[1:]] == ["Patient panel, North"] * 3
    links = {int(row[0]): row[2] for row in rows[1:]}
    assert all(link.startswith(settings.PUBLIC_BASE_URL) for link in links.values())
    first, second, third = sorted(links)

    page.reload()
    assert (
        page.get_by_test_id("invitation-summary").inner_text()
        == "3 links: 0 opened, 0 with a response, 0 revoked."
    )
    page.get_by_role("button", name=f"Revoke invitation {third}").click()
    page.get_by_text(f"Invitation {third} no longer works.").wait_for()

    def local(link):
        return live_server.url + link.removeprefix(settings.PUBLIC_BASE_URL.rstrip("/"))

    # A visitor without a link: the by-invitation page, nothing of the consultation.
    stranger = browser.new_context().new_page()
    response = stranger.goto(live_server.url + consultation.url)
    assert response.status == 403
    assert stranger.locator("h1").inner_text() == BY_INVITATION["en"]
    assert consultation.title not in stranger.content()

    # A visitor with a link: in, in English and in Welsh, and responds in Welsh.
    member = browser.new_context().new_page()
    member.goto(local(links[first]))
    assert member.locator("h1").inner_text() == consultation.title
    member.get_by_test_id("invited-notice").wait_for()
    welsh = translated["cy"]
    assert member.goto(live_server.url + welsh.url).status == 200
    assert member.locator("h1").inner_text() == TRANSLATIONS["cy"][consultation.title]
    member.locator(".hys-respond-online a").click()
    member.check("#support-2")
    member.check("#use_service")
    member.click("#continue-button")
    member.wait_for_url("**/step/2/")
    member.click("#continue-button")
    member.wait_for_url("**/check/")
    member.click("#send-button")
    member.wait_for_url("**/done/")

    stored = Response.objects.get()
    assert stored.invitation_id == first
    assert stored.locale.language_code == "cy"
    assert stored.consultation_id == consultation.pk

    # The revoked link no longer works, and says so.
    latecomer = browser.new_context().new_page()
    response = latecomer.goto(local(links[third]))
    assert response.status == 403
    assert latecomer.locator("h1").inner_text() == "This invitation link no longer works"
    assert latecomer.goto(live_server.url + consultation.url).status == 403

    # Back in the admin: opened and responded, per link.
    page.reload()
    assert (
        page.get_by_test_id("invitation-summary").inner_text()
        == "3 links: 1 opened, 1 with a response, 1 revoked."
    )
    row = page.locator(f"tr[data-invitation='{first}']")
    assert row.locator("[data-column=responded]").inner_text() == "1"
    assert (
        "Not yet"
        in page.locator(f"tr[data-invitation='{second}'] [data-column=opened]").inner_text()
    )
    assert Invitation.objects.get(pk=first).first_opened_at is not None


def test_the_invitation_pages_are_accessible_in_every_language_mode_and_width(
    live_server, browser, axe, translated
):
    pages = make_invited(translated)
    [(_invitation, raw)] = invitations.create_invitations(pages["en"], 1)
    problems = []
    for mode in ("normal", "large print"):
        stranger = browser.new_context(viewport={"width": 1280, "height": 900})
        member = browser.new_context(viewport={"width": 1280, "height": 900})
        if mode == "large print":
            host = live_server.url.split("//", 1)[1].split(":")[0]
            cookie = {"name": DISPLAY_COOKIE, "value": LARGE_PRINT, "domain": host, "path": "/"}
            stranger.add_cookies([cookie])
            member.add_cookies([cookie])
        member_page = member.new_page()
        member_page.goto(f"{live_server.url}/invitation/{raw}/")
        stranger_page = stranger.new_page()
        for code in LANGUAGES:
            url = live_server.url + pages[code].url
            assert stranger_page.goto(url).status == 403
            assert stranger_page.locator("h1").inner_text() == BY_INVITATION[code]
            assert member_page.goto(url).status == 200
            member_page.get_by_test_id("invited-notice").wait_for()
            for label, tab in (("by invitation", stranger_page), ("invited page", member_page)):
                where = f"{label} [{code}] ({mode})"
                problems += interface_problems(tab, axe, code, where)
                for width in (320, 1280):
                    tab.set_viewport_size({"width": width, "height": 900})
                    problems += [f"{where} {width}px: {p}" for p in check_page(tab, axe)]
                tab.set_viewport_size({"width": 1280, "height": 900})
        stranger.close()
        member.close()
    assert problems == []
