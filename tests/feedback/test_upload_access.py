"""Who may have an uploaded file, and that it goes when the response's personal data goes."""

import csv
import io
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

import pytest

from feedback import services, uploads
from feedback.demo_forms import UPLOAD_QUESTIONS
from feedback.models import Upload
from feedback.permissions import VIEW_RESPONSES, grant_on_page
from feedback.questions import questions_for
from reporting import exports, retention
from tests.factories import add_form, make_consultation

from .staff_helpers import make_staff, staff_group

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def sent(consultation, clamd):
    """A response with a clean PDF, sent through submit_response as the form does."""
    page = add_form(consultation, UPLOAD_QUESTIONS, slug="submit")
    question = next(x for x in services.answer_questions(page) if x.type == "file_upload")
    upload = uploads.store_upload(page, question, SimpleUploadedFile("plan.pdf", PDF))
    response, _created = services.submit_response(
        page, {"organisation": "Us", "submission": str(upload.pk)}
    )
    upload.refresh_from_db()
    return response, upload


def test_staff_who_may_view_the_consultations_responses_download_it_as_an_attachment(
    client, sent, consultation
):
    response, upload = sent
    reader = make_staff("reader")
    grant_on_page(staff_group(reader), consultation, VIEW_RESPONSES)
    client.force_login(reader)
    download = client.get(reverse("feedback_upload_download", args=[upload.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith('attachment; filename="plan.pdf"')
    assert (
        "no-store" in download["Cache-Control"] and download["X-Content-Type-Options"] == "nosniff"
    )


def test_no_one_else_gets_it(client, sent, home_page):
    _response, upload = sent
    url = reverse("feedback_upload_download", args=[upload.pk])
    assert client.get(url).status_code == 302  # a visitor is sent to sign in
    other = make_staff("other-team")
    elsewhere = make_consultation(home_page, title="Dental services", slug="dental")
    grant_on_page(staff_group(other), elsewhere, VIEW_RESPONSES)
    client.force_login(other)
    assert client.get(url).status_code == 404


def test_an_unsent_responses_file_is_never_served(client, consultation, clamd):
    page = add_form(consultation, UPLOAD_QUESTIONS, slug="submit")
    question = next(x for x in services.answer_questions(page) if x.type == "file_upload")
    upload = uploads.store_upload(page, question, SimpleUploadedFile("draft.pdf", PDF))
    client.force_login(make_staff("boss", superuser=True))
    assert client.get(reverse("feedback_upload_download", args=[upload.pk])).status_code == 404


def test_the_export_gives_staff_a_link_never_the_file(sent, consultation, settings):
    response, upload = sent
    questions = questions_for(consultation)
    text = "".join(exports.csv_stream(consultation, questions))
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    column = rows[0].index("Your written submission")
    assert (
        rows[1][column] == f"{settings.WAGTAILADMIN_BASE_URL}/admin/feedback/uploads/{upload.pk}/"
    )


def test_erasing_the_response_deletes_the_file(sent):
    response, upload = sent
    path = Path(upload.file.path)
    assert path.exists()
    retention.erase(response, None)
    assert not Upload.objects.exists() and not path.exists()
    response.refresh_from_db()
    assert "submission" not in response.answers and response.answers.get("organisation") is None


def test_retention_deletes_the_file_with_the_personal_data(sent, consultation):
    response, upload = sent
    path = Path(upload.file.path)
    retention.apply_retention(years=0, now=consultation.closes_at + timezone.timedelta(days=1))
    assert not Upload.objects.exists() and not path.exists()


def test_files_of_responses_never_sent_go_after_the_drafts_period(consultation, clamd):
    page = add_form(consultation, UPLOAD_QUESTIONS, slug="submit")
    question = next(x for x in services.answer_questions(page) if x.type == "file_upload")
    upload = uploads.store_upload(page, question, SimpleUploadedFile("left.pdf", PDF))
    path = Path(upload.file.path)
    Upload.objects.filter(pk=upload.pk).update(
        created_at=timezone.now() - timezone.timedelta(days=31)
    )
    call_command("apply_retention", stdout=io.StringIO())
    assert not Upload.objects.exists() and not path.exists()


def test_a_rolled_back_delete_keeps_the_file(sent):
    _response, upload = sent
    path = Path(upload.file.path)
    with pytest.raises(RuntimeError), transaction.atomic():
        Upload.objects.all().delete()
        raise RuntimeError("undo")
    assert Upload.objects.exists() and path.exists()
