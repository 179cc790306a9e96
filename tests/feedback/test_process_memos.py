"""Built forms and BSL videos kept per process (home.process_memo) under their content key: kept
while nothing changes, never served after a change, and a step's videos cost no query once warm."""

from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.documents.models import Document

import pytest

from feedback import rendering, services
from feedback.models import ResponseFormField, ResponseFormPage, SignVideo
from home.models import DocumentLanguage

pytestmark = pytest.mark.django_db

VTT = b"WEBVTT\n\n00:00.000 --> 00:02.000\nHow far do you agree?\n"


def fresh(page):
    """The form page as a request loads it: nothing cached on the object."""
    return ResponseFormPage.objects.get(pk=page.pk)


def step_url(page, number=1):
    return f"{page.url}step/{number}/"


def document(name, content):
    doc = Document(title=name)
    doc.file.save(name, ContentFile(content), save=False)
    doc.save()
    DocumentLanguage.objects.update_or_create(document=doc, defaults={"language": "en"})
    return doc


@pytest.fixture
def sign_video(locales):
    return SignVideo.objects.create(
        title="Question 1 in BSL",
        video=document("q1.webm", b"\x1aE\xdf\xa3 not really a video"),
        captions=document("q1.vtt", VTT),
        transcript="How far do you agree with the proposal?",
        locale=locales["en"],
    )


def test_the_built_definition_and_its_form_class_are_kept_until_the_form_changes(form_page):
    first = services.form_definition(fresh(form_page))
    again = services.form_definition(fresh(form_page))
    assert again is first  # kept built: not unpickled, not rebuilt
    assert again.form_class is first.form_class  # the form class is made once per definition
    field = ResponseFormField.objects.get(page=form_page, key="support")
    field.label = "Do you support moving the unit?"
    field.save()
    fresh(form_page).save_revision().publish()
    after = services.form_definition(fresh(form_page))
    assert after is not first
    labels = [question.label for question in after.answer_questions]
    assert "Do you support moving the unit?" in labels
    assert "How far do you agree with the proposal?" not in labels
    assert "support" in after.form_class.base_fields


def test_a_published_question_change_shows_on_the_web_form_at_once(client, form_page):
    assert "How far do you agree with the proposal?" in client.get(step_url(form_page)).content.decode()
    assert len(services.DEFINITIONS) >= 1
    page = fresh(form_page)
    fields = list(page.form_fields.all())
    for field in fields:
        if field.key == "support":
            field.label = "Do you support moving the unit?"
    page.form_fields = fields  # as the editor's form sets them
    page.save_revision().publish()
    html = client.get(step_url(form_page)).content.decode()
    assert "Do you support moving the unit?" in html
    assert "How far do you agree with the proposal?" not in html


def test_a_changed_choice_is_validated_at_once_in_the_same_process(form_page, good_answers):
    services.submit_response(fresh(form_page), good_answers, idempotency_key="before")
    kept = services.form_definition(fresh(form_page))
    ResponseFormField.objects.filter(page=form_page, key="travel").update(choices="bus|By bus\ncar|By car")
    with pytest.raises(services.SubmissionInvalid) as error:  # "walk" is no longer a choice
        services.submit_response(fresh(form_page), good_answers, idempotency_key="after")
    assert "travel" in error.value.errors
    assert services.form_definition(fresh(form_page)) is not kept


def test_a_step_with_bsl_videos_costs_no_extra_query_once_warm(
    fragments, client, form_page, sign_video, django_assert_num_queries
):
    client.get(step_url(form_page))
    client.get(step_url(form_page))
    with CaptureQueriesContext(connection) as without_videos:
        assert client.get(step_url(form_page)).status_code == 200
    # counted now: the next request empties the connection's query log
    baseline = len(without_videos)
    section = ResponseFormField.objects.filter(page=form_page, field_type="section").first()
    ResponseFormField.objects.filter(page=form_page, key="support").update(sign_video=sign_video)
    if section is not None:
        ResponseFormField.objects.filter(pk=section.pk).update(sign_video=sign_video)
    html = client.get(step_url(form_page)).content.decode()  # warms the videos
    assert "How far do you agree with the proposal?" in html and "Read the transcript" in html
    with django_assert_num_queries(baseline):
        html = client.get(step_url(form_page)).content.decode()
    assert f'src="{sign_video.video.url}"' in html
    assert "Read the transcript" in html


def test_an_edited_bsl_video_shows_at_once(fragments, client, form_page, sign_video):
    ResponseFormField.objects.filter(page=form_page, key="support").update(sign_video=sign_video)
    assert "How far do you agree with the proposal?" in client.get(step_url(form_page)).content.decode()
    assert len(rendering.SIGN_VIDEOS) == 1
    sign_video.transcript = "Signed: do you agree with moving the unit?"
    sign_video.save()
    html = client.get(step_url(form_page)).content.decode()
    assert "Signed: do you agree with moving the unit?" in html


def test_kept_videos_match_what_the_database_gives(fragments, sign_video):
    kept = rendering.kept_sign_videos([sign_video.pk, None], "en")
    assert kept == rendering.sign_videos([sign_video.pk], "en")
    assert rendering.kept_sign_videos([sign_video.pk], "en") is kept
    assert rendering.kept_sign_videos([None], "en") == {}
