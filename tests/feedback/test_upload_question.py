"""The file-upload question: checked on its content, scanned by a real clamd, kept privately,
held for review when clamd is away, erased with the response."""

import io
import os
import re
import zipfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

import pytest

from feedback import services, uploads
from feedback.demo_forms import UPLOAD_QUESTIONS
from feedback.models import Draft, Response, Upload
from feedback.moderation import held_responses_for
from tests.factories import add_form

from .helpers import idempotency_key, step_url

pytestmark = pytest.mark.django_db

# The EICAR anti-virus test file, built here so no scanner flags this source file.
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    b"\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
)


@pytest.fixture
def upload_form(consultation):
    return add_form(consultation, UPLOAD_QUESTIONS, slug="submit")


def send_step(client, page, name, content, **extra):
    data = {"action": "continue", "organisation": "Northfield Healthwatch", **extra}
    if name is not None:
        data["submission"] = SimpleUploadedFile(
            name, content, content_type="application/octet-stream"
        )
    return client.post(step_url(page, 1), data)


def finish(client, page):
    assert client.post(step_url(page, 2), {"action": "continue"}).status_code == 302
    check = client.get(f"{page.url}check/")
    assert check.status_code == 200, check.content.decode()[:2000]
    sent = client.post(
        f"{page.url}check/", {"idempotency_key": idempotency_key(check.content.decode())}
    )
    assert sent.status_code == 302, sent.content.decode()[:2000]
    return Response.objects.get()


def test_a_clean_pdf_is_scanned_and_stored_privately_with_the_response(
    client, upload_form, clamd, settings
):
    step = send_step(client, upload_form, "Our submission.pdf", PDF)
    assert step.status_code == 302, step.content.decode()[:3000]
    response = finish(client, upload_form)
    assert response.status == Response.Status.ACCEPTED
    upload = Upload.objects.get()
    assert upload.response == response and upload.scan_status == Upload.Scan.CLEAN
    assert response.answers["submission"] == {
        "upload": str(upload.pk),
        "name": "Our_submission.pdf",
        "size": len(PDF),
        "type": "application/pdf",
    }
    on_disk = upload.file.path
    assert on_disk.startswith(str(settings.PRIVATE_MEDIA_ROOT)) and not on_disk.startswith(
        str(settings.MEDIA_ROOT)
    )
    assert Path(on_disk).read_bytes() == PDF
    assert "Our" not in on_disk  # stored under a random name, never the visitor's
    with pytest.raises(ValueError):
        upload.file.url  # noqa: B018 (no public address exists)


def test_the_eicar_test_file_is_refused_with_a_clear_error_and_nothing_is_kept(
    client, upload_form, clamd
):
    page = send_step(client, upload_form, "form.txt", EICAR)
    assert page.status_code == 200
    html = page.content.decode()
    assert "The selected file contains a virus" in html and 'href="#submission"' in html
    assert not Upload.objects.exists()


def test_the_eicar_string_inside_a_document_is_refused_too(client, upload_form, clamd):
    page = send_step(client, upload_form, "report.pdf", PDF + EICAR + b"\n%%EOF\n")
    assert "The selected file contains a virus" in page.content.decode()
    assert not Upload.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("photo.pdf", PNG),  # the name says PDF, the content is an image
        (
            "program.pdf",
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 40,
        ),
        ("submission.docx", b"PK\x03\x04" + b"\x00" * 60),  # a zip that is not a Word document
        ("notes.exe", b"Plain words in a text file."),  # text, but not a name the question takes
    ],
)
def test_a_file_whose_content_is_not_an_accepted_type_is_refused(
    client, upload_form, clamd, name, content
):
    html = send_step(client, upload_form, name, content).content.decode()
    assert "The selected file must be a PDF, Word document" in html
    assert not Upload.objects.exists()


def test_a_real_word_document_and_a_photo_are_accepted(client, upload_form, clamd):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    assert send_step(client, upload_form, "letter.docx", buffer.getvalue()).status_code == 302
    assert send_step(client, upload_form, "form.png", PNG).status_code == 302
    assert Upload.objects.get(original_name="form.png").content_type == "image/png"


def test_only_the_types_an_editor_ticked_are_taken(client, consultation, clamd):
    questions = [dict(spec) for spec in UPLOAD_QUESTIONS]
    questions[2]["file_types"] = "jpeg,png"
    page = add_form(consultation, questions, slug="photos")
    html = send_step(client, page, "submission.pdf", PDF).content.decode()
    assert "The selected file must be a JPEG photo or PNG image, up to 5.0\xa0MB" in html
    assert send_step(client, page, "form.png", PNG).status_code == 302


def test_a_file_over_the_questions_limit_is_refused(client, upload_form, clamd):
    html = send_step(
        client, upload_form, "big.pdf", PDF + b"0" * (5 * 1024 * 1024)
    ).content.decode()
    assert "The file must be smaller than 5.0\xa0MB" in html
    assert not Upload.objects.exists()


def test_without_clamd_the_file_is_quarantined_and_the_response_held_for_review(
    client, upload_form, no_clamd, superuser
):
    assert send_step(client, upload_form, "submission.pdf", PDF).status_code == 302
    response = finish(client, upload_form)
    upload = Upload.objects.get()
    assert upload.scan_status == Upload.Scan.UNSCANNED and upload.response == response
    assert response.status == Response.Status.HELD and "not scanned" in response.status_reason
    assert list(held_responses_for(superuser)) == [response]
    client.force_login(superuser)
    queue = client.get("/admin/feedback/moderation/").content.decode()
    assert response.reference in queue and "upload not scanned" in queue
    assert f'href="/admin/feedback/uploads/{upload.pk}/"' in queue and "submission.pdf" in queue
    refused = client.get(reverse("feedback_upload_download", args=[upload.pk]))
    assert refused.status_code == 409 and "not been scanned" in refused.content.decode()


def test_scan_uploads_scans_quarantined_files_once_clamd_is_back(
    client, upload_form, no_clamd, settings, clamd_socket, superuser
):
    send_step(client, upload_form, "submission.pdf", PDF)
    response = finish(client, upload_form)
    settings.CLAMD_SOCKET = clamd_socket
    call_command("scan_uploads", stdout=io.StringIO())
    upload = Upload.objects.get()
    assert upload.scan_status == Upload.Scan.CLEAN and upload.scanned_at is not None
    client.force_login(superuser)
    download = client.get(reverse("feedback_upload_download", args=[upload.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    response.refresh_from_db()
    assert response.status == Response.Status.HELD  # a person still decides


def test_a_quarantined_file_found_infected_later_loses_its_file(
    client, upload_form, no_clamd, settings, clamd_socket
):
    send_step(client, upload_form, "form.txt", EICAR)
    response = finish(client, upload_form)
    path = Upload.objects.get().file.path
    settings.CLAMD_SOCKET = clamd_socket
    call_command("scan_uploads", stdout=io.StringIO())
    upload = Upload.objects.get()
    assert upload.scan_status == Upload.Scan.INFECTED and not upload.file

    assert not os.path.exists(path)
    response.refresh_from_db()
    assert response.status == Response.Status.HELD and "virus" in response.status_reason


def test_an_upload_id_posted_by_the_browser_is_never_taken(client, upload_form, clamd):
    other = uploads.store_upload(
        upload_form,
        services.answer_questions(upload_form)[1],
        SimpleUploadedFile("theirs.pdf", PDF),
    )
    page = client.post(
        step_url(upload_form, 1),
        {"action": "continue", "organisation": "Us", "submission": str(other.pk)},
    )
    assert page.status_code == 302
    response = finish(client, upload_form)
    assert "submission" not in response.answers
    other.refresh_from_db()
    assert other.response is None


def test_a_draft_keeps_the_file_and_shows_it_on_return(client, upload_form, clamd, mailoutbox):
    client.post(
        step_url(upload_form, 1),
        {"action": "save", "organisation": "Us", "submission": SimpleUploadedFile("plan.pdf", PDF)},
    )
    saved = client.post(f"{upload_form.url}save/", {"email": "kim@example.org"})
    link = re.search(r'/resume/[^/"]+/', saved.content.decode()).group(0)
    client.cookies.clear()
    resumed = client.get(f"{upload_form.url.rstrip('/')}{link}", follow=True)
    html = resumed.content.decode()
    assert (
        "You have uploaded <bdi>plan.pdf</bdi>" in html and 'enctype="multipart/form-data"' in html
    )
    assert (
        client.post(
            step_url(upload_form, 1), {"action": "continue", "organisation": "Us"}
        ).status_code
        == 302
    )
    response = finish(client, upload_form)
    assert response.answers["submission"]["name"] == "plan.pdf"
    assert Upload.objects.get().response == response and not Draft.objects.exists()


def test_submit_response_refuses_an_unknown_upload_id(upload_form):
    with pytest.raises(services.SubmissionInvalid) as error:
        services.submit_response(
            upload_form,
            {"organisation": "Us", "submission": "8b0f8f5e-0000-4000-8000-000000000000"},
        )
    assert "Choose the file again" in error.value.errors["submission"][0]


def test_staff_entering_a_paper_form_attach_its_photo(client, upload_form, clamd, superuser):
    client.force_login(superuser)
    url = f"/admin/feedback/enter/{upload_form.pk}/"
    form = client.get(url).content.decode()
    assert 'enctype="multipart/form-data"' in form and 'type="file"' in form
    refused = client.post(
        url,
        {
            "channel": "paper",
            "organisation": "Us",
            "submission": SimpleUploadedFile("photo.png", PDF),
        },
    )
    assert refused.status_code == 200 and "The selected file must be a" in refused.content.decode()
    assert not Response.objects.exists()
    sent = client.post(
        url,
        {
            "channel": "paper",
            "organisation": "Us",
            "submission": SimpleUploadedFile("photo.png", PNG),
        },
    )
    assert sent.status_code == 302
    response = Response.objects.get()
    assert response.channel == "paper" and response.entered_by == superuser
    assert Upload.objects.get(original_name="photo.png").response == response


def test_the_partner_embed_takes_a_file_and_never_an_id_sent_by_the_browser(
    client, upload_form, consultation, partner, clamd
):
    url = f"/embed/{partner.slug}/consultation/{consultation.pk}/?lang=en"
    html = client.get(url).content.decode()
    assert 'enctype="multipart/form-data"' in html and 'type="file"' in html
    token = re.search(r'name="embed_token" value="([^"]+)"', html).group(1)
    theirs = uploads.store_upload(
        upload_form,
        services.answer_questions(upload_form)[1],
        SimpleUploadedFile("theirs.pdf", PDF),
    )
    bad = client.post(
        url,
        {
            "embed_token": token,
            "organisation": "Us",
            "submission": SimpleUploadedFile("a.txt", EICAR),
        },
        HTTP_ORIGIN="http://testserver",
    )
    assert bad.status_code == 400 and "The selected file contains a virus" in bad.content.decode()
    sent = client.post(
        url,
        {"embed_token": token, "organisation": "Us", "submission": str(theirs.pk)},
        HTTP_ORIGIN="http://testserver",
    )
    assert sent.status_code == 200
    response = Response.objects.get()
    assert "submission" not in response.answers and response.channel == "embed"
    theirs.refresh_from_db()
    assert theirs.response is None
