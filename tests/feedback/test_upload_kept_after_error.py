"""Staff entry and the partner embed keep a file already checked and scanned when the form comes
back with an error on another question: found on the server by the entry's binding (staff: the
session, the account, the form and the entry's key; embed: the signed token), never by an id the
browser sends."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from feedback import services, uploads
from feedback.demo_forms import UPLOAD_QUESTIONS
from feedback.models import Response, Upload
from tests.factories import add_form

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
KEPT = re.compile(r"You have uploaded <bdi>([^<]+)</bdi> \(([^)]+)\)")


@pytest.fixture
def upload_form(consultation):
    return add_form(consultation, UPLOAD_QUESTIONS, slug="submit")


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_superuser(
        "entry-staff", "entry@example.org", "pw-for-tests-only"
    )


def someone_elses_upload(form_page):
    question = services.answer_questions(form_page)[1]
    return uploads.store_upload(form_page, question, SimpleUploadedFile("theirs.pdf", PDF))


def entry_key(html):
    return re.search(r'name="idempotency_key" value="([^"]+)"', html).group(1)


# --- staff entry --------------------------------------------------------------------------------
def test_staff_entry_keeps_the_file_after_an_error_on_another_question(
    client, upload_form, clamd, staff_user
):
    client.force_login(staff_user)
    url = f"/admin/feedback/enter/{upload_form.pk}/"
    key = entry_key(client.get(url).content.decode())
    failed = client.post(
        url,
        {
            "channel": "paper",
            "organisation": "",
            "idempotency_key": key,
            "submission": SimpleUploadedFile("photo.png", PNG),
        },
    )
    html = failed.content.decode()
    assert failed.status_code == 200 and "Enter an answer to: Organisation name" in html
    assert KEPT.findall(html) == [("photo.png", f"{len(PNG)}\xa0bytes")]
    assert 'id="submission"' in html  # the box to choose another is still there
    sent = client.post(url, {"channel": "paper", "organisation": "Us", "idempotency_key": key})
    assert sent.status_code == 302, sent.content.decode()[:2000]
    response = Response.objects.get()
    upload = Upload.objects.get()
    assert upload.response == response and response.answers["submission"]["name"] == "photo.png"


def test_staff_entry_replaces_the_kept_file_when_another_is_chosen(
    client, upload_form, clamd, staff_user
):
    client.force_login(staff_user)
    url = f"/admin/feedback/enter/{upload_form.pk}/"
    key = entry_key(client.get(url).content.decode())
    client.post(
        url,
        {
            "channel": "paper",
            "idempotency_key": key,
            "submission": SimpleUploadedFile("first.png", PNG),
        },
    )
    second = client.post(
        url,
        {
            "channel": "paper",
            "idempotency_key": key,
            "submission": SimpleUploadedFile("second.pdf", PDF),
        },
    )
    assert [name for name, _size in KEPT.findall(second.content.decode())] == ["second.pdf"]
    assert list(Upload.objects.values_list("original_name", flat=True)) == [
        "second.pdf"
    ]  # the first is gone
    refused = client.post(
        url,
        {
            "channel": "paper",
            "idempotency_key": key,
            "submission": SimpleUploadedFile("bad.png", PDF),
        },
    )
    html = refused.content.decode()
    assert "The selected file must be a" in html
    assert [name for name, _size in KEPT.findall(html)] == [
        "second.pdf"
    ]  # a refused file keeps the earlier one


def test_staff_entry_ignores_a_forged_upload_id_and_another_entrys_key(
    client, upload_form, clamd, staff_user, django_user_model
):
    theirs = someone_elses_upload(upload_form)
    client.force_login(staff_user)
    url = f"/admin/feedback/enter/{upload_form.pk}/"
    key = entry_key(client.get(url).content.decode())
    forged = client.post(
        url,
        {
            "channel": "paper",
            "organisation": "",
            "idempotency_key": key,
            "submission": str(theirs.pk),
        },
    )
    assert forged.status_code == 200 and "theirs.pdf" not in forged.content.decode()
    # Another member of staff, in another session, sending this entry's key, gets none of its files.
    client.post(
        url,
        {
            "channel": "paper",
            "idempotency_key": key,
            "submission": SimpleUploadedFile("mine.png", PNG),
        },
    )
    other = client_class_for(client)
    other.force_login(
        django_user_model.objects.create_superuser(
            "other-staff", "o@example.org", "pw-for-tests-only"
        )
    )
    seen = other.post(url, {"channel": "paper", "organisation": "", "idempotency_key": key})
    assert "mine.png" not in seen.content.decode()
    sent = client.post(
        url,
        {
            "channel": "paper",
            "organisation": "Us",
            "idempotency_key": key,
            "submission": str(theirs.pk),
        },
    )
    assert sent.status_code == 302
    response = Response.objects.get()
    assert (
        response.answers["submission"]["name"] == "mine.png"
    )  # its own file, never the forged one
    theirs.refresh_from_db()
    assert theirs.response is None


def client_class_for(client):
    return type(client)()


# --- the partner embed --------------------------------------------------------------------------
def embed_token(html):
    return re.search(r'name="embed_token" value="([^"]+)"', html).group(1)


def test_the_embed_keeps_the_file_after_an_error_and_ignores_a_forged_id(
    client, upload_form, consultation, partner, clamd
):
    url = f"/embed/{partner.slug}/consultation/{consultation.pk}/?lang=en"
    token = embed_token(client.get(url).content.decode())
    theirs = someone_elses_upload(upload_form)
    failed = client.post(
        url,
        {
            "embed_token": token,
            "organisation": "",
            "submission": SimpleUploadedFile("letter.pdf", PDF),
        },
        HTTP_ORIGIN="http://testserver",
    )
    html = failed.content.decode()
    assert failed.status_code == 400 and "Enter an answer to: Organisation name" in html
    assert [name for name, _size in KEPT.findall(html)] == ["letter.pdf"]
    # A forged id in the file's field is neither shown nor used: the entry's own file stays.
    forged = client.post(
        url,
        {"embed_token": token, "organisation": "", "submission": str(theirs.pk)},
        HTTP_ORIGIN="http://testserver",
    )
    assert "theirs.pdf" not in forged.content.decode()
    assert [name for name, _size in KEPT.findall(forged.content.decode())] == ["letter.pdf"]
    # Another visitor's form (another token) does not see this one's file.
    other_token = embed_token(client.get(url).content.decode())
    other = client.post(
        url, {"embed_token": other_token, "organisation": ""}, HTTP_ORIGIN="http://testserver"
    )
    assert "letter.pdf" not in other.content.decode()
    sent = client.post(
        url, {"embed_token": token, "organisation": "Us"}, HTTP_ORIGIN="http://testserver"
    )
    assert sent.status_code == 200, sent.content.decode()[:2000]
    response = Response.objects.get()
    assert response.channel == "embed" and response.answers["submission"]["name"] == "letter.pdf"
    assert Upload.objects.get(original_name="letter.pdf").response == response
    theirs.refresh_from_db()
    assert theirs.response is None


def test_an_expired_embed_form_shows_no_posted_upload_id(
    client, upload_form, consultation, partner, clamd, settings, monkeypatch
):
    from partners import embed

    url = f"/embed/{partner.slug}/consultation/{consultation.pk}/?lang=en"
    token = embed_token(client.get(url).content.decode())
    theirs = someone_elses_upload(upload_form)
    monkeypatch.setattr(embed, "EMBED_TOKEN_MAX_AGE", -1)
    expired = client.post(
        url,
        {"embed_token": token, "organisation": "Us", "submission": str(theirs.pk)},
        HTTP_ORIGIN="http://testserver",
    )
    assert expired.status_code == 400 and "open for a long time" in expired.content.decode()
    assert "theirs.pdf" not in expired.content.decode()
