"""Done when (issue 17): a person joins the register, confirms from the emailed link, gets an alert
when a matching consultation opens (a comms officer publishes it in the real Wagtail admin),
responds, linking the response with their consent, and leaves, in English and in Welsh. Emails
go through a real SMTP server on loopback; each register page is checked with axe."""

import re
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

import pytest

from consultations.models import ConsultationIndexPage, ConsultationPage, Topic
from feedback.models import Response
from home.translation import translate_page, translated_instance
from involvement.models import Alert, Member, ResponseLink
from tests.browser.conftest import axe_violations
from tests.browser.display import display_context
from tests.browser.test_site_wide_accessibility import check_page, check_zoom_spacing_and_keyboard
from tests.factories import add_form
from tests.youwedid.conftest import smtp_server  # noqa: F401 — the loopback SMTP fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "pw-for-tests-only"  # noqa: S105

WORDS = {
    "en": {
        "prefix": "",
        "check": "Check your email",
        "confirm": "Confirm",
        "choices": "Your involvement choices",
        "subject": "Now open: ",
        "link": "Link this response to my register membership",
        "leave": "Leave the register and delete my details",
        "leave_button": "Leave and delete my details",
        "left": "You have left the register",
        "join": "Join the register",
    },
    "cy": {
        "prefix": "/cy",
        "check": "Edrychwch ar eich e-bost",
        "confirm": "Cadarnhau",
        "choices": "Eich dewisiadau cyfranogiad",
        "subject": "Ar agor nawr: ",
        "link": "Cysylltu'r ymateb hwn â'm haelodaeth o'r gofrestr",
        "leave": "Gadael y gofrestr a dileu fy manylion",
        "leave_button": "Gadael a dileu fy manylion",
        "left": "Rydych chi wedi gadael y gofrestr",
        "join": "Ymuno â'r gofrestr",
    },
}


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.RECAPTCHA_ENABLED = False
    settings.FEEDBACK_RATE_LIMIT = "1000/h"
    settings.FEEDBACK_GENERAL_RATE = "1000/h"


def draft_consultation(home, topic):
    """An open consultation not yet published (its response form is ready under it)."""
    index = ConsultationIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=ConsultationIndexPage(title="Consultations", slug="consultations")
        )
        index.save_revision().publish()
    now = timezone.now()
    page = ConsultationPage(
        title="Bus routes to Eastbrook hospital",
        slug="bus-routes",
        summary="New bus routes to the hospital.",
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=30),
        live=False,
    )
    page.topics = [topic]
    index.add_child(instance=page)
    page.save_revision()
    add_form(
        page,
        [
            {
                "key": "why",
                "label": "What would help you get there?",
                "field_type": "long_text",
                "max_length": 500,
            }
        ],
    )
    return ConsultationPage.objects.get(pk=page.pk)


def link_in(message, part):
    body = message.get_body(("plain",)).get_content()
    return next(link for link in re.findall(r"https?://\S+", body) if part in link)


def local(live_server, link):
    return live_server.url + re.sub(r"^https?://[^/]+", "", link)


def wait_for(predicate, page, timeout_ms=10000):
    for _ in range(timeout_ms // 100):
        if predicate():
            return True
        page.wait_for_timeout(100)
    return predicate()


@pytest.mark.parametrize("code", ["en", "cy"])
def test_join_confirm_alert_respond_and_leave(
    live_server,
    home_page,
    locales,
    browser,
    axe,
    smtp_server,  # noqa: F811 — the loopback SMTP fixture imported above
    code,
):
    words = WORDS[code]
    topic = Topic.objects.create(name="Transport", slug="transport", locale=locales["en"])
    consultation = draft_consultation(home_page, topic)
    problems = []
    person = browser.new_context(viewport={"width": 1280, "height": 900})
    page = person.new_page()

    # Join: only the email and one topic, with its consent.
    page.goto(f"{live_server.url}{words['prefix']}/get-involved/")
    problems += [f"join: {v}" for v in axe_violations(axe, page)]
    page.click(
        "main form button[type=submit]"
    )  # nothing filled in: the error summary says what to do
    page.wait_for_selector(".nhsuk-error-summary")
    problems += [f"join, errors: {v}" for v in axe_violations(axe, page)]
    page.fill("#id_email", f"{code}-person@example.org")
    page.check("#id_topics_0")
    page.check("#id_consent_interests")
    page.click("main form button[type=submit]")
    page.get_by_role("heading", name=words["check"]).wait_for()
    problems += [f"check email: {v}" for v in axe_violations(axe, page)]

    # Confirm from the link in the email (read from the loopback SMTP server).
    assert wait_for(lambda: len(smtp_server.messages) == 1, page)
    page.goto(local(live_server, link_in(smtp_server.messages[0]["message"], "/confirm/")))
    problems += [f"confirm: {v}" for v in axe_violations(axe, page)]
    page.get_by_role("button", name=words["confirm"]).click()
    page.get_by_role("heading", name=words["choices"], exact=True).wait_for()
    problems += [f"manage: {v}" for v in axe_violations(axe, page)]
    member = Member.objects.get(email=f"{code}-person@example.org")
    assert (
        member.confirmed
        and member.locale.language_code == code
        and list(member.topics.all()) == [topic]
    )

    # A comms officer publishes the consultation in the real admin: the alert goes.
    get_user_model().objects.create_superuser("comms-officer", "comms@example.nhs.uk", PASSWORD)
    staff = browser.new_context(viewport={"width": 1280, "height": 900})
    admin = staff.new_page()
    admin.goto(f"{live_server.url}/admin/login/")
    admin.fill("input[name=username]", "comms-officer")
    admin.fill("input[name=password]", PASSWORD)
    admin.click("button[type=submit]")
    admin.wait_for_url("**/admin/")
    admin.goto(f"{live_server.url}/admin/pages/{consultation.pk}/edit/")
    admin.locator("footer .dropdown-toggle, [data-w-dropdown-target=toggle]").last.click()
    admin.locator("button[name=action-publish]").click()
    admin.locator(".messages").wait_for()
    staff.close()
    assert wait_for(lambda: len(smtp_server.messages) == 2, page)
    alert = smtp_server.messages[1]["message"]
    assert alert["Subject"] == words["subject"] + consultation.title
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Alert.objects.get(member=member).status == "sent"

    # The translators publish the Welsh consultation (data set-up), so the Welsh reader lands on it.
    target = consultation
    if code != "en":
        for source in (
            home_page,
            consultation.get_parent(),
            consultation,
            consultation.get_children().first(),
        ):
            translate_page(
                source.specific,
                code,
                {"What would help you get there?": "Beth fyddai'n eich helpu i gyrraedd yno?"},
            )
        target = translated_instance(consultation, code)
    assert len(smtp_server.messages) == 2  # publishing the translation alerts nobody again

    # They follow the alert, respond and agree to link the response to their membership.
    page.goto(local(live_server, link_in(alert, "/visit/")))
    page.wait_for_url(f"**{target.url}")
    page.goto(live_server.url + target.url + "respond/")
    while "/check/" not in page.url:
        if page.locator("textarea").count():
            page.locator("textarea").first.fill("A bus from the station every 20 minutes.")
        page.click("#continue-button")
        page.wait_for_load_state()
    page.get_by_label(words["link"]).check()
    page.click("#send-button")
    page.wait_for_url("**/done/")
    response = Response.objects.get()
    assert ResponseLink.objects.get(response=response).member == member

    # They leave from the link in the alert: everything about them goes, and the page says so.
    page.goto(local(live_server, link_in(alert, "/manage/")))
    page.get_by_role("link", name=words["leave"]).click()
    problems += [f"leave: {v}" for v in axe_violations(axe, page)]
    page.get_by_role("button", name=words["leave_button"]).click()
    page.get_by_role("heading", name=words["left"]).wait_for()
    problems += [f"left: {v}" for v in axe_violations(axe, page)]
    assert (
        not Member.objects.exists()
        and not Alert.objects.exists()
        and not ResponseLink.objects.exists()
    )
    assert Response.objects.filter(pk=response.pk).exists()
    person.close()
    assert problems == []


REGISTER_PAGES = [
    "/get-involved/",
    "/get-involved/alerts/",
    "/get-involved/check-your-email/",
    "/get-involved/confirm/not-a-token/",
]


def test_register_pages_are_accessible_in_every_language_and_in_large_print(
    live_server, home_page, browser, axe
):
    problems = []
    for mode in ("normal", "large print"):
        context = display_context(browser, live_server, mode)
        page = context.new_page()
        for code, _name in settings.LANGUAGES:
            for path in REGISTER_PAGES:
                where = f"{path} [{code}, {mode}]"
                page.set_viewport_size({"width": 1280, "height": 900})
                page.goto(live_server.url + ("" if code == "en" else f"/{code}") + path)
                if page.evaluate("() => document.documentElement.lang") != code:
                    problems.append(f"{where}: wrong lang")
                for width in (1280, 320):
                    page.set_viewport_size({"width": width, "height": 900})
                    problems += [f"{where} {width}px: {p}" for p in check_page(page, axe)]
                if code in {"en", "ur"}:
                    page.set_viewport_size({"width": 1280, "height": 900})
                    problems += [f"{where}: {p}" for p in check_zoom_spacing_and_keyboard(page)]
        context.close()
    assert problems == []
