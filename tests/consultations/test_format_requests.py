"""'Request another format': the form (valid and invalid), what is stored, emails, and the admin."""

import datetime
import re

from django.core import mail
from django.urls import reverse
from django.utils import timezone

import pytest

from consultations.format_requests import add_working_days, create_format_request
from consultations.models import ConsultationPage, FormatRequest
from home.models import OrganisationSettings
from security.public_forms import HONEYPOT_FIELD
from tests.factories import material, version

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(open_consultation, pdf_document):
    open_consultation.materials = [
        material("Consultation document", [version(document=pdf_document)]),
        material("Impact assessment", [version(document=pdf_document)]),
    ]
    open_consultation.save_revision().publish()
    return ConsultationPage.objects.get(pk=open_consultation.pk)


def form_url(page):
    return page.url + "request-another-format/"


def test_working_days_skip_weekends():
    friday = datetime.date(2026, 11, 20)
    assert add_working_days(friday, 1) == datetime.date(2026, 11, 23)
    assert add_working_days(friday, 10) == datetime.date(2026, 12, 4)
    assert add_working_days(datetime.date(2026, 11, 21), 1) == datetime.date(
        2026, 11, 23
    )  # from a Saturday


def test_the_link_on_a_material_preselects_it(client, consultation):
    block = list(consultation.materials)[1]
    response = client.get(form_url(consultation), {"material": block.id})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<option value="{block.id}" selected>Impact assessment</option>' in html
    assert "We will reply within 10 working days." in html
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    for label in [
        "Large print",
        "Braille",
        "Audio",
        "Easy Read",
        "Another language",
        "Paper copy by post",
    ]:
        assert label in html


def test_empty_form_shows_the_nhs_error_summary_linked_to_each_field(client, consultation):
    response = client.post(form_url(consultation), {})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Request another format" in html
    summary = re.search(
        r'<div class="nhsuk-error-summary".*?</div>\s*</div>\s*</div>', html, re.S
    ).group(0)
    assert "There is a problem" in summary
    assert 'role="alert"' in summary
    assert '<a href="#id_format_0">Select the format you need</a>' in summary
    assert '<a href="#id_name">Enter your name</a>' in summary
    assert (
        '<a href="#id_email">Enter an email address, phone number or postal address so we can reply</a>'
        in summary
    )
    # Each field shows its own message, and the input is tied to it.
    assert 'id="id_name-error"' in html and 'aria-describedby=" id_name-error"' in html
    assert "nhsuk-form-group--error" in html
    assert FormatRequest.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"format": "language", "name": "Ann", "email": "ann@example.com"},
            "language",
            "Enter the language you need",
        ),
        (
            {"format": "paper", "name": "Ann", "email": "ann@example.com"},
            "postal_address",
            "Enter the address to post the paper copy to",
        ),
        (
            {"format": "braille", "name": "Ann", "email": "not-an-email"},
            "email",
            "Enter an email address in the correct format",
        ),
        (
            {"format": "no-such-format", "name": "Ann", "email": "ann@example.com"},
            "format",
            "Select a valid choice",
        ),
        (
            {"format": "audio", "name": "Ann", "email": "ann@example.com", "details": "x" * 2001},
            "details",
            "2,000 characters or fewer",
        ),
    ],
)
def test_invalid_answers_are_explained(client, consultation, data, field, message):
    html = client.post(form_url(consultation), data).content.decode()
    assert message in html
    assert f'id="id_{field}-error"' in html or (
        field == "format" and 'id="id_format-error"' in html
    )
    assert FormatRequest.objects.count() == 0


def test_a_valid_request_is_stored_staff_are_emailed_and_the_person_gets_a_reference(
    client, consultation, settings, django_capture_on_commit_callbacks
):
    settings.STAFF_NOTIFICATION_EMAILS = ["engagement@example.nhs.uk"]
    site_settings = OrganisationSettings.for_site(consultation.get_site())
    site_settings.format_request_response_days = 5
    site_settings.save()
    block = list(consultation.materials)[0]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            form_url(consultation),
            {
                "material": block.id,
                "format": "braille",
                "details": "Grade 2, please.",
                "name": "Sam Taylor",
                "email": "sam@example.com",
                "postal_address": "12 Mill Road\nEastbrook EB3 6GH",
            },
        )
    assert response.status_code == 302
    assert response["Location"] == consultation.url + "request-another-format/sent/"
    request = FormatRequest.objects.get()
    assert request.consultation_id == consultation.pk
    assert request.material_title == "Consultation document"
    assert request.format == "braille"
    assert request.status == FormatRequest.Status.NEW
    assert request.reply_due == add_working_days(timezone.localtime(request.created_at).date(), 5)
    staff, receipt = sorted(mail.outbox, key=lambda m: m.to[0])
    assert staff.to == ["engagement@example.nhs.uk"]
    assert request.reference in staff.subject and "Braille" in staff.subject
    assert "Sam Taylor" in staff.body and "Consultation document" in staff.body
    assert f"/admin/format-requests/edit/{request.pk}/" in staff.body
    assert receipt.to == ["sam@example.com"]
    assert request.reference in receipt.body
    sent = client.get(response["Location"]).content.decode()
    assert request.reference in sent
    assert request.reply_due.strftime("%-d %B %Y") in sent


def test_no_email_is_sent_to_the_person_when_they_gave_none(
    client, consultation, settings, django_capture_on_commit_callbacks
):
    settings.STAFF_NOTIFICATION_EMAILS = ["engagement@example.nhs.uk"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            form_url(consultation),
            {"format": "large_print", "name": "Ann", "phone": "01234 567890"},
        )
    assert [m.to for m in mail.outbox] == [["engagement@example.nhs.uk"]]
    assert FormatRequest.objects.get().phone == "01234 567890"


def test_the_sent_page_needs_a_request_from_this_session(client, consultation):
    response = client.get(consultation.url + "request-another-format/sent/")
    assert response.status_code == 302
    assert response["Location"] == form_url(consultation)


def test_a_filled_honeypot_is_refused(client, consultation):
    response = client.post(
        form_url(consultation),
        {"format": "audio", "name": "Bot", "email": "b@example.com", HONEYPOT_FIELD: "spam"},
    )
    assert response.status_code == 400
    assert "looks automated" in response.content.decode()
    assert FormatRequest.objects.count() == 0


def test_too_many_requests_from_one_address_are_refused_plainly(client, consultation, settings):
    settings.FEEDBACK_RATE_LIMIT = "2/h"
    data = {"format": "audio", "name": "Ann", "email": "a@example.com"}
    assert client.post(form_url(consultation), data).status_code == 302
    assert client.post(form_url(consultation), data).status_code == 302
    response = client.post(form_url(consultation), data)
    assert response.status_code == 429
    assert FormatRequest.objects.count() == 2


def test_a_request_from_a_translated_page_is_kept_against_the_source(consultation, locales):
    from django.utils import translation

    # The service stores requests against the source-language consultation, like responses.
    with translation.override("cy"):
        request = create_format_request(
            consultation=consultation, format="audio", name="Ann", email="a@example.com"
        )
    assert request.consultation_id == consultation.pk


def test_staff_see_requests_with_their_status_in_the_admin(admin_client, consultation):
    request = create_format_request(
        consultation=consultation,
        material_title="Consultation document",
        format="braille",
        name="Sam",
        email="s@example.com",
    )
    listing = admin_client.get(reverse("format_requests:index")).content.decode()
    assert request.reference in listing
    assert "Braille" in listing and "New" in listing
    edit_url = reverse("format_requests:edit", args=[request.pk])
    page = admin_client.get(edit_url).content.decode()
    assert "Sam" in page
    response = admin_client.post(
        edit_url,
        {"status": "sent", "reply_due": request.reply_due.isoformat(), "staff_notes": "Posted."},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "sent" and request.staff_notes == "Posted."
    assert request.name == "Sam"  # what the person sent is read-only for staff
    admin_client.get(reverse("format_requests:index"))  # shows (and uses up) the "updated" message
    filtered = admin_client.get(
        reverse("format_requests:index"), {"status": "new"}
    ).content.decode()
    assert f'href="{edit_url}"' not in filtered
    assert (
        f'href="{edit_url}"'
        in admin_client.get(reverse("format_requests:index"), {"status": "sent"}).content.decode()
    )
