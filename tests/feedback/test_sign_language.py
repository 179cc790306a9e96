"""Responding in British Sign Language (issue 18): the "Respond in BSL" page (a video answer or a
video relay request) goes through the one submission path, is held awaiting transcription,
counts only once staff have transcribed it, and its video follows the retention rules."""

import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from wagtail.documents.models import Document
from wagtail.models import ModelLogEntry

import pytest

from feedback import services, sign_language, uploads
from feedback.models import Response, ResponseFormField, SignLanguageRequest, SignVideo, Upload
from feedback.moderation import approve_responses
from feedback.questions import form_questions
from feedback.rendering import sign_videos
from home.models import DocumentLanguage
from home.translation import translate_snippet
from reporting import analysis, retention

pytestmark = pytest.mark.django_db

WEBM = (
    Path(__file__).resolve().parents[2] / "feedback" / "demo_media" / "bsl-demo.webm"
).read_bytes()
# The EICAR anti-virus test file, built here so no scanner flags this source file.
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
TRANSCRIBED = {
    "support": "agree",
    "use_service": "yes",
    "reasons": "Signed: closer to the bus.",
    "publication_consent": "anonymous",
}


def bsl_url(page):
    return f"{page.url}bsl/"


def send_video(client, page, content=WEBM, name="my answer.webm", email="sam@example.org"):
    client.get(bsl_url(page))  # the page gives the session its idempotency token
    return client.post(
        bsl_url(page),
        {
            "kind": "video",
            "video": SimpleUploadedFile(name, content, content_type="video/webm"),
            "video_email": email,
        },
    )


def send_relay(client, page, **fields):
    client.get(bsl_url(page))
    data = {
        "kind": "relay",
        "relay_name": "Sam Patel",
        "relay_phone": "0300 123 4567",
        "relay_times": "Weekday mornings",
        "relay_service": "SignVideo",
        **fields,
    }
    return client.post(bsl_url(page), data)


@pytest.fixture
def staff(db):
    user = get_user_model().objects.create_user("transcriber", "t@example.org", "pw-for-tests-only")
    group = Group.objects.create(name="BSL team")
    group.permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "add_response", "change_response"])
    )
    user.groups.add(group)
    return user


def test_a_video_answer_is_kept_privately_and_held_awaiting_transcription_with_a_receipt(
    client, form_page, clamd, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = send_video(client, form_page)
    assert sent.status_code == 302 and sent["Location"].endswith("/bsl/sent/"), (
        sent.content.decode()[:2000]
    )
    response = Response.objects.get()
    assert response.channel == Response.Channel.BSL
    assert (response.status, response.status_reason) == (
        Response.Status.HELD,
        services.AWAITING_TRANSCRIPTION,
    )
    assert response.answers == {} and response.email == "sam@example.org"
    assert response.sign_language.kind == SignLanguageRequest.Kind.VIDEO
    video = Upload.objects.get(response=response)
    assert (video.question_key, video.content_type, video.scan_status) == (
        uploads.BSL_VIDEO_KEY,
        "video/webm",
        Upload.Scan.CLEAN,
    )
    assert Path(video.file.path).read_bytes() == WEBM and "answer" not in Path(video.file.name).name
    page = client.get(sent["Location"]).content.decode()
    assert response.reference in page and "We will watch your video" in page
    assert len(mail.outbox) == 1 and response.reference in mail.outbox[0].body
    assert "BSL video" in mail.outbox[0].body


def test_sending_the_same_video_page_twice_stores_one_response(client, form_page, clamd):
    key = "0123456789abcdef"
    for _ in range(2):  # a double click: the same page's token twice
        again = client.post(
            bsl_url(form_page),
            {
                "kind": "video",
                "idempotency_key": key,
                "video": SimpleUploadedFile("a.webm", WEBM),
                "video_email": "",
            },
        )
    assert again.status_code == 302
    assert Response.objects.count() == 1 and Upload.objects.count() == 1


def test_a_video_carrying_the_eicar_test_virus_is_refused_and_nothing_is_kept(
    client, form_page, clamd
):
    page = send_video(client, form_page, content=WEBM[:64] + EICAR)
    assert page.status_code == 200
    assert "contains a virus" in page.content.decode()
    assert Response.objects.count() == 0 and Upload.objects.count() == 0


def test_a_file_that_is_not_a_video_is_refused_with_a_clear_error(client, form_page, clamd):
    page = send_video(client, form_page, content=b"%PDF-1.4 not a video", name="answer.webm")
    body = page.content.decode()
    assert page.status_code == 200 and "The selected file must be a MP4 video" in body
    assert 'href="#video"' in body  # the error summary links to the file input
    assert Response.objects.count() == 0


def test_a_video_too_big_for_the_setting_is_refused(client, form_page, clamd, settings):
    settings.BSL_VIDEO_MAX_MEGABYTES = 0
    page = send_video(client, form_page)
    assert page.status_code == 200 and "must be smaller than" in page.content.decode()
    assert Response.objects.count() == 0


def test_without_clamd_the_video_is_kept_unscanned_and_cannot_be_watched(
    client, form_page, no_clamd, staff
):
    send_video(client, form_page, email="")
    response = Response.objects.get()
    assert response.status == Response.Status.HELD
    video = Upload.objects.get(response=response)
    assert video.scan_status == Upload.Scan.UNSCANNED
    client.force_login(staff)
    assert client.get(reverse("feedback_upload_watch", args=[video.pk])).status_code == 409


def test_a_video_relay_request_keeps_the_contact_details_and_is_held(client, form_page):
    sent = send_relay(client, form_page)
    assert sent.status_code == 302, sent.content.decode()[:2000]
    response = Response.objects.get()
    assert (response.channel, response.status, response.name) == ("bsl", "held", "Sam Patel")
    request = response.sign_language
    assert (request.kind, request.phone, request.contact_times, request.relay_service) == (
        "relay",
        "0300 123 4567",
        "Weekday mornings",
        "SignVideo",
    )
    assert not response.uploads.exists() and len(mail.outbox) == 0  # no address, no receipt


def test_a_relay_request_needs_a_name_and_a_way_to_reach_the_person(client, form_page):
    page = send_relay(client, form_page, relay_name="", relay_phone="")
    body = page.content.decode()
    assert page.status_code == 200
    assert "Enter your name" in body and "Enter an email address or a phone number" in body
    assert Response.objects.count() == 0


def test_a_filled_honeypot_is_refused(client, form_page):
    page = send_relay(client, form_page, hys_website="https://spam.example")
    assert page.status_code == 400 and Response.objects.count() == 0


def test_a_closed_consultation_takes_no_bsl_response(client, form_page, consultation):
    consultation.closes_at = timezone.now() - datetime.timedelta(days=1)
    consultation.save_revision().publish()
    page = send_relay(client, form_page)
    assert page.status_code == 200 and Response.objects.count() == 0


def test_it_counts_only_after_staff_transcribe_it_and_the_log_says_who(
    client, form_page, consultation, clamd, staff
):
    send_video(client, form_page)
    response = Response.objects.get()
    assert analysis.status_totals(consultation)["accepted"] == 0
    assert (
        approve_responses(staff, [response.pk]) == []
    )  # moderation cannot count an empty response
    done = sign_language.transcribe(response, form_page, TRANSCRIBED, staff)
    done.refresh_from_db()
    assert done.status == Response.Status.ACCEPTED and done.answers == TRANSCRIBED
    assert done.entered_by == staff and done.sign_language.transcribed_by == staff
    assert analysis.status_totals(consultation)["accepted"] == 1
    entry = ModelLogEntry.objects.get(action=sign_language.TRANSCRIBE_ACTION)
    assert entry.user == staff and entry.object_id == str(response.pk)
    with pytest.raises(sign_language.AlreadyTranscribed):
        sign_language.transcribe(done, form_page, TRANSCRIBED, staff)


def test_the_moderation_queue_offers_transcribe_not_approve_and_says_why_approve_did_nothing(
    client, form_page, staff
):
    send_relay(client, form_page)
    response = Response.objects.get()
    client.force_login(staff)
    queue = client.get(reverse("feedback_moderation:queue")).content.decode()
    transcribe_url = reverse("feedback_bsl_transcribe", args=[response.reference])
    assert f'href="{transcribe_url}" data-action="transcribe"' in queue
    assert 'data-action="approve"' not in queue  # the row's own Approve button
    answer = client.post(
        reverse("feedback_moderation:decide") + "?action=approve",
        {"response": response.pk},
        follow=True,
    )
    shown = [str(m) for m in answer.context["messages"]]
    assert any("1 BSL response was not approved" in m for m in shown), shown
    assert not any("already been decided" in m for m in shown), shown
    response.refresh_from_db()
    assert response.status == Response.Status.HELD


def test_transcription_is_validated_like_the_web_form(client, form_page, staff):
    send_relay(client, form_page)
    response = Response.objects.get()
    with pytest.raises(services.SubmissionInvalid) as error:
        sign_language.transcribe(response, form_page, {"support": "not-a-choice"}, staff)
    assert "support" in error.value.errors
    response.refresh_from_db()
    assert response.status == "held" and response.sign_language.transcribed_at is None


def test_staff_list_watch_and_transcribe_in_the_admin(client, form_page, clamd, staff):
    send_video(client, form_page)
    response = Response.objects.get()
    video = Upload.objects.get()
    client.force_login(staff)
    listing = client.get(reverse("feedback_bsl_awaiting")).content.decode()
    assert response.reference in listing and "Video answer" in listing
    page = client.get(
        reverse("feedback_bsl_transcribe", args=[response.reference])
    ).content.decode()
    assert reverse("feedback_upload_watch", args=[video.pk]) in page and 'name="support"' in page
    played = client.get(reverse("feedback_upload_watch", args=[video.pk]))
    assert played.status_code == 200 and played["Content-Type"] == "video/webm"
    assert "attachment" not in played.get("Content-Disposition", "")
    assert b"".join(played.streaming_content) == WEBM
    bad = client.post(
        reverse("feedback_bsl_transcribe", args=[response.reference]), {"support": "nonsense"}
    )
    assert bad.status_code == 200 and "There is a problem" in bad.content.decode()
    saved = client.post(reverse("feedback_bsl_transcribe", args=[response.reference]), TRANSCRIBED)
    assert saved.status_code == 302
    response.refresh_from_db()
    assert (
        response.status == "accepted"
        and response.answers["reasons"] == "Signed: closer to the bus."
    )
    listing = client.get(reverse("feedback_bsl_awaiting")).content.decode()
    assert reverse("feedback_bsl_transcribe", args=[response.reference]) not in listing


def test_staff_can_jump_about_in_a_video_answer_as_browsers_ask_for_parts(
    client, form_page, clamd, staff
):
    send_video(client, form_page)
    video = Upload.objects.get()
    client.force_login(staff)
    url = reverse("feedback_upload_watch", args=[video.pk])
    whole = client.get(url)
    assert whole.status_code == 200 and whole["Accept-Ranges"] == "bytes"
    assert b"".join(whole.streaming_content) == WEBM
    first_bytes = client.get(url, HTTP_RANGE="bytes=0-1")  # what Safari asks before it plays
    assert first_bytes.status_code == 206
    assert first_bytes["Content-Range"] == f"bytes 0-1/{len(WEBM)}"
    assert first_bytes["Content-Length"] == "2"
    assert b"".join(first_bytes.streaming_content) == WEBM[:2]
    later = client.get(url, HTTP_RANGE=f"bytes={len(WEBM) - 100}-")  # a jump near the end
    assert later.status_code == 206 and b"".join(later.streaming_content) == WEBM[-100:]
    past_the_end = client.get(url, HTTP_RANGE=f"bytes={len(WEBM)}-")
    assert past_the_end.status_code == 416
    assert past_the_end["Content-Range"] == f"bytes */{len(WEBM)}"
    client.logout()
    assert client.get(url, HTTP_RANGE="bytes=0-1").status_code != 206  # still staff only


def test_only_staff_with_permission_see_bsl_responses(client, form_page, clamd):
    send_video(client, form_page)
    response = Response.objects.get()
    video = Upload.objects.get()
    nobody = get_user_model().objects.create_user("nobody", "n@example.org", "pw-for-tests-only")
    nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(nobody)
    for url in (
        reverse("feedback_bsl_awaiting"),
        reverse("feedback_bsl_transcribe", args=[response.reference]),
    ):
        refused = client.get(url, follow=True)
        assert (
            refused.redirect_chain or refused.status_code == 403
        )  # Wagtail sends them to the dashboard
        assert response.reference not in refused.content.decode()
    assert client.get(reverse("feedback_upload_watch", args=[video.pk])).status_code == 404


def test_retention_deletes_the_video_after_the_set_days_but_keeps_the_transcription(
    client, form_page, clamd, staff, django_capture_on_commit_callbacks
):
    send_video(client, form_page)
    response = sign_language.transcribe(Response.objects.get(), form_page, TRANSCRIBED, staff)
    video = Upload.objects.get()
    path = Path(video.file.path)
    kind = retention.KINDS["bsl_videos"]
    assert retention.retention_days(kind) == 90
    assert retention.apply_personal_data_retention()["bsl_videos"] == 0  # transcribed today: kept
    SignLanguageRequest.objects.filter(response=response).update(
        transcribed_at=timezone.now() - datetime.timedelta(days=91)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert retention.apply_personal_data_retention()["bsl_videos"] == 1
    assert not Upload.objects.exists()
    response.refresh_from_db()
    assert response.answers == TRANSCRIBED and response.status == "accepted"
    assert not path.exists()  # the file goes with its row, once committed


def test_an_untranscribed_video_is_never_removed_by_retention(client, form_page, clamd):
    send_video(client, form_page)
    Upload.objects.update(created_at=timezone.now() - datetime.timedelta(days=400))
    assert retention.apply_personal_data_retention()["bsl_videos"] == 0
    assert Upload.objects.count() == 1


def test_erasure_removes_the_video_and_every_contact_detail(client, form_page, clamd, staff):
    send_video(client, form_page, email="sam@example.org")
    send_relay(client, form_page, relay_email="sam@example.org")
    assert retention.find_person("sam@example.org") == {"responses": 2, "bsl_videos": 1}
    counts = retention.erase_person("sam@example.org", staff)
    assert counts == {"responses": 2, "bsl_videos": 1}
    assert not Upload.objects.exists()
    for response in Response.objects.all():
        assert (response.email, response.name) == ("", "")
    relay = SignLanguageRequest.objects.get(kind="relay")
    assert (relay.phone, relay.contact_times, relay.relay_service) == ("", "", "")


# --- The BSL video snippet on questions and sections ----------------------------------------------
def document(name, content, language="en"):
    doc = Document(title=name)
    doc.file.save(name, ContentFile(content), save=False)
    doc.save()
    DocumentLanguage.objects.create(document=doc, language=language)
    return doc


@pytest.fixture
def sign_video(db, locales):
    return SignVideo.objects.create(
        title="Question 1 in BSL",
        video=document("q1.webm", WEBM),
        captions=document("q1.vtt", b"WEBVTT\n\n00:00.000 --> 00:02.000\nHow far do you agree?\n"),
        transcript="How far do you agree with the proposal?",
        locale=locales["en"],
    )


def test_a_question_with_a_bsl_video_shows_it_captioned_with_its_transcript(
    client, form_page, sign_video
):
    ResponseFormField.objects.filter(page=form_page, key="support").update(sign_video=sign_video)
    html = client.get(f"{form_page.url}step/1/").content.decode()
    assert '<video class="hys-sign-video__player" controls' in html
    assert f'src="{sign_video.video.url}" type="video/webm"' in html
    assert (
        f'<track kind="captions" src="{sign_video.captions.url}" srclang="en" label="English" default>'
        in html
    )
    assert "Read the transcript" in html and "How far do you agree with the proposal?" in html
    assert "bsl/" in html  # the way to respond in BSL


def test_a_section_video_shows_at_the_top_of_its_step_and_translations_use_their_own(
    client, form_page, sign_video, locales
):
    section = ResponseFormField.objects.filter(page=form_page, field_type="section").first()
    assert section is not None
    ResponseFormField.objects.filter(pk=section.pk).update(sign_video=sign_video)
    translate_snippet(
        sign_video,
        locales["cy"],
        {
            "Question 1 in BSL": "Cwestiwn 1 yn BSL",
            "How far do you agree with the proposal?": "I ba raddau ydych chi'n cytuno?",
        },
    )
    welsh = sign_video.get_translation(locales["cy"])
    assert (
        welsh.transcript == "I ba raddau ydych chi'n cytuno?"
        and welsh.captions_id == sign_video.captions_id
    )
    question = next(x for x in form_questions(form_page) if x.section == section.label)
    assert sign_videos([sign_video.pk], "cy")[sign_video.pk]["transcript"] == welsh.transcript
    assert question.section_video == sign_video.pk
    html = client.get(f"{form_page.url}step/{question.step}/").content.decode()
    assert html.count('data-testid="sign-video"') == 1


def test_a_public_bsl_video_plays_in_parts_as_safari_and_seeking_need(client, sign_video):
    url = sign_video.video.url  # Wagtail's own document view
    first_bytes = client.get(url, HTTP_RANGE="bytes=0-1")
    assert first_bytes.status_code == 206
    assert first_bytes["Content-Range"] == f"bytes 0-1/{len(WEBM)}"
    assert first_bytes["Content-Length"] == "2"
    assert b"".join(first_bytes.streaming_content) == WEBM[:2]
    middle = client.get(url, HTTP_RANGE="bytes=1000-1999")
    assert b"".join(middle.streaming_content) == WEBM[1000:2000]
    end = client.get(url, HTTP_RANGE="bytes=-10")
    assert b"".join(end.streaming_content) == WEBM[-10:]
    whole = client.get(url)
    assert whole.status_code == 200 and whole["Accept-Ranges"] == "bytes"
    assert b"".join(whole.streaming_content) == WEBM
    # A part of a file that has changed since (If-Range no longer matches) is the whole new file.
    stale = client.get(url, HTTP_RANGE="bytes=0-1", HTTP_IF_RANGE='"an-older-version"')
    assert stale.status_code == 200 and b"".join(stale.streaming_content) == WEBM
    fresh = client.get(url, HTTP_RANGE="bytes=0-1", HTTP_IF_RANGE=whole["ETag"])
    assert fresh.status_code == 206


def test_a_bsl_video_file_needs_captions_and_the_right_type(sign_video):
    sign_video.captions = None
    with pytest.raises(ValidationError) as error:
        sign_video.clean()
    assert "captions" in error.value.message_dict
    link = SignVideo(title="Linked", video_url="https://video.example/q1.avi", transcript="t")
    with pytest.raises(ValidationError) as error:
        link.clean()
    assert "video_url" in error.value.message_dict
    SignVideo(title="Linked", video_url="https://video.example/q1.mp4", transcript="t").clean()
