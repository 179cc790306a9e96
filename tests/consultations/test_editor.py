"""The editor's side: tabs and help text, and the rules checked when a consultation is published."""

import datetime

from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest

from consultations.models import ConsultationPage

pytestmark = pytest.mark.django_db


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def form_data(title="New consultation", events=(), **fields):
    now = timezone.now()
    data = {
        "title": title,
        "slug": title.lower().replace(" ", "-"),
        "summary": "What we propose and why.",
        "body": streamfield([]),
        "opens_at": local(now - datetime.timedelta(days=1)),
        "closes_at": local(now + datetime.timedelta(days=30)),
        "engagement_stage": "",
        "involvement_level": "",
        "key_dates": streamfield([]),
        "materials": streamfield([]),
        "who_decides": "",
        "response_email": "",
        "response_postal_address": "",
        "response_phone": "",
        "response_text_relay": "",
        "response_other": "",
        "contact_name": "",
        "contact_email": "",
        "contact_phone": "",
        "events": inline_formset(list(events)),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "visibility": "public",
    }
    data.update(fields)
    return nested_form_data(data)


def add_url(index_page):
    return reverse(
        "wagtailadmin_pages:add", args=("consultations", "consultationpage", index_page.pk)
    )


def test_editor_form_has_tabs_and_help_text(admin_client, index_page):
    html = admin_client.get(add_url(index_page)).content.decode()
    for tab in ["Content", "Dates and decision", "Taking part", "Materials", "Promote", "Settings"]:
        assert tab in html
    assert "An open consultation needs at least one way to respond" in html
    assert "Describe the image for people who cannot see it" not in html  # only when it applies
    assert "What the image shows, for people who cannot see it." in html


def test_publishing_an_open_consultation_without_a_way_to_respond_is_refused(
    admin_client, index_page
):
    response = admin_client.post(add_url(index_page), form_data(**{"action-publish": "publish"}))
    assert response.status_code == 200
    assert (
        "People need a way to respond before this consultation can be published"
        in response.content.decode()
    )
    assert not ConsultationPage.objects.exists()


def test_a_draft_can_be_saved_without_a_way_to_respond(admin_client, index_page):
    response = admin_client.post(add_url(index_page), form_data())
    assert response.status_code == 302
    page = ConsultationPage.objects.get()
    assert not page.live


def test_publishing_with_an_email_address_works(admin_client, index_page):
    response = admin_client.post(
        add_url(index_page),
        form_data(response_email="views@example.nhs.uk", **{"action-publish": "publish"}),
    )
    assert response.status_code == 302
    assert ConsultationPage.objects.get().live


def test_publishing_with_only_an_event_works(admin_client, index_page):
    now = timezone.now()
    event = {
        "kind": "listening_event",
        "title": "Drop-in",
        "starts_at": local(now + datetime.timedelta(days=2)),
        "ends_at": local(now + datetime.timedelta(days=2, hours=2)),
        "venue": "Library",
        "address": "",
        "joining_link": "",
        "joining_details": "",
        "booking": "",
        "adjustments": "",
    }
    response = admin_client.post(
        add_url(index_page), form_data(events=[event], **{"action-publish": "publish"})
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ConsultationPage.objects.get()
    assert page.live and page.events.count() == 1


def test_a_closed_consultation_can_be_published_as_a_record(admin_client, index_page):
    now = timezone.now()
    data = form_data(
        opens_at=local(now - datetime.timedelta(days=60)),
        closes_at=local(now - datetime.timedelta(days=30)),
        **{"action-publish": "publish"},
    )
    assert admin_client.post(add_url(index_page), data).status_code == 302


def test_closing_before_opening_is_explained(admin_client, index_page):
    now = timezone.now()
    data = form_data(
        response_email="views@example.nhs.uk",
        opens_at=local(now + datetime.timedelta(days=5)),
        closes_at=local(now + datetime.timedelta(days=1)),
        **{"action-publish": "publish"},
    )
    response = admin_client.post(add_url(index_page), data)
    assert response.status_code == 200
    assert "The closing date must be after the opening date." in response.content.decode()


def test_dates_typed_by_editors_are_uk_time(admin_client, index_page):
    data = form_data(
        response_email="views@example.nhs.uk",
        opens_at="2026-07-01 09:00",
        closes_at="2026-07-31 23:59",
        **{"action-publish": "publish"},
    )
    admin_client.post(add_url(index_page), data)
    page = ConsultationPage.objects.get()
    assert page.opens_at == datetime.datetime(2026, 7, 1, 8, 0, tzinfo=datetime.UTC)  # 9am BST


def test_material_version_needs_something_to_link_to():
    from wagtail.blocks import StructBlockValidationError

    from consultations.blocks import MaterialVersionBlock

    block = MaterialVersionBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"format": "audio", "language": "en"}))
    assert "document" in error.value.block_errors
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"format": "bsl_video", "language": "en", "video_url": ""}))
    assert "video_url" in error.value.block_errors
    value = block.clean(
        block.to_python(
            {"format": "bsl_video", "language": "en", "video_url": "https://example.org/v"}
        )
    )
    assert value["video_url"] == "https://example.org/v"


def test_topics_and_areas_are_editable_snippets(admin_client):
    from consultations.models import Topic

    url = reverse("wagtailsnippets_consultations_topic:add")
    response = admin_client.post(
        url, {"name": "Dental care", "slug": "dental-care", "description": ""}
    )
    assert response.status_code == 302
    assert Topic.objects.get(slug="dental-care").name == "Dental care"
    assert (
        "Dental care"
        in admin_client.get(reverse("wagtailsnippets_consultations_topic:list")).content.decode()
    )


def test_editing_a_consultation_with_materials_and_events_renders(
    admin_client, open_consultation, pdf_document
):
    from tests.factories import ConsultationEventFactory, material, version

    open_consultation.materials = [
        material("Consultation document", [version(document=pdf_document)])
    ]
    open_consultation.save_revision().publish()
    ConsultationEventFactory(page=open_consultation)
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[open_consultation.pk]))
    assert response.status_code == 200
    assert "Consultation document" in response.content.decode()


def test_material_block_preview_renders():
    from consultations.blocks import MaterialBlock

    block = MaterialBlock()
    html = block.render(block.get_preview_value())
    assert "Consultation document" in html
    assert "British Sign Language (BSL) video" in html
