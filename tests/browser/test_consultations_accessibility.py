"""Consultations in a real browser: the index, an open consultation and the 'request another format'
form pass axe-core (WCAG 2.2 AA), the form's errors use the NHS.UK error summary, and large print
works with JavaScript switched off."""

import datetime

from django.utils import timezone

import pytest

from consultations.files import create_document, make_pdf, make_wav
from tests.browser.conftest import axe_violations
from tests.factories import (
    AreaFactory,
    ConsultationEventFactory,
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    MaterialPageFactory,
    TopicFactory,
    material,
    version,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def consultation(home_page):
    index = ConsultationIndexPageFactory(parent=home_page)
    topic, area = TopicFactory(name="Urgent care"), AreaFactory(name="Eastbrook")
    page = ConsultationPageFactory(
        parent=index,
        title="The future of Eastbrook Minor Injuries Unit",
        slug="eastbrook-miu",
        topics=[topic],
        areas=[area],
        involvement_level="consult",
        engagement_stage="improve_services",
        response_phone="0300 123 4567",
        who_decides="The board, at a public meeting.",
    )
    ConsultationPageFactory(
        parent=index,
        title="Coming soon",
        opens_at=timezone.now() + datetime.timedelta(days=9),
        closes_at=timezone.now() + datetime.timedelta(days=40),
    )
    ConsultationEventFactory(
        page=page, title="Drop-in at the library", bsl_interpreter=True, adjustments="Call us."
    )
    pdf = create_document(
        "Consultation document", "consultation.pdf", make_pdf("Consultation", [["One"], ["Two"]])
    )
    audio = create_document("Audio", "audio.wav", make_wav(seconds=0.5))
    web = MaterialPageFactory(parent=page, title="Consultation document (web page)")
    page.materials = [
        material(
            "Consultation document",
            [
                version(document=pdf),
                version("accessible_html", page=web),
                version("audio", document=audio, title="Consultation document: audio"),
                version(
                    "bsl_video",
                    video_url="https://video.example.nhs.uk/bsl",
                    title="In British Sign Language",
                ),
                version("standard", "cy", document=pdf, title="Dogfen ymgynghori"),
            ],
            description="Everything we propose.",
        )
    ]
    page.save_revision().publish()
    from tests.factories import add_form

    add_form(page)
    page.refresh_from_db()
    return page


def test_index_page_passes_axe(live_server, consultation, page, axe):
    page.goto(live_server.url + "/consultations/")
    assert page.locator("h1").inner_text() == "Consultations"
    assert page.locator("#group-open").count() == 1
    assert axe_violations(axe, page) == []
    page.select_option("#filter-status", "upcoming")
    page.click("text=Apply filters")
    assert "status=upcoming" in page.url
    assert page.locator(".nhsuk-card__link").all_inner_texts() == ["Coming soon"]
    assert axe_violations(axe, page) == []


def test_open_consultation_passes_axe(live_server, consultation, page, axe):
    page.goto(live_server.url + consultation.url)
    assert page.locator("h1").inner_text() == consultation.title
    assert page.locator("a.nhsuk-button", has_text="Respond online").count() == 1
    assert page.locator("audio[controls]").count() == 1
    assert page.locator('a[hreflang="cy"][lang="cy"]').count() == 1
    assert axe_violations(axe, page) == []


def test_format_request_form_and_its_errors_pass_axe(live_server, consultation, page, axe):
    page.goto(live_server.url + consultation.url)
    page.click("text=Request another format")
    assert page.locator("h1").inner_text() == "Request another format"
    assert axe_violations(axe, page) == []
    page.click("button:has-text('Send request')")
    summary = page.locator(".nhsuk-error-summary")
    assert summary.is_visible()
    assert "There is a problem" in summary.inner_text()
    assert page.title().startswith("Error:")
    assert summary.locator("a").count() == 3
    assert axe_violations(axe, page) == []
    summary.locator("a", has_text="Enter your name").click()
    assert page.evaluate("document.activeElement.id") == "id_name"
    page.check("#id_format_1")  # Braille
    page.fill("#id_name", "Sam Taylor")
    page.fill("#id_email", "sam@example.com")
    page.click("button:has-text('Send request')")
    assert page.locator(".hys-reference").inner_text().startswith("HYS-")
    assert axe_violations(axe, page) == []


def test_large_print_works_with_javascript_off(live_server, consultation, browser):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + consultation.url)
        assert (
            page.evaluate("getComputedStyle(document.querySelector('.nhsuk-lede-text')).fontSize")
            != "24px"
        )
        page.click("text=Switch to large print")
        assert page.locator("html.hys-large-print").count() == 1
        assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "24px"
        sizes = page.evaluate(
            "[...document.querySelectorAll('main p, main li, main dd')].map(e => parseFloat(getComputedStyle(e).fontSize))"
        )
        assert min(sizes) >= 24  # every paragraph, list item and value: at least 24px
        # Remembered on the next page, and nothing is lost: materials and the request link remain.
        page.goto(live_server.url + "/consultations/")
        assert page.locator("html.hys-large-print").count() == 1
        page.goto(live_server.url + consultation.url)
        assert page.locator(".hys-material__request a").count() == 1
    finally:
        context.close()
