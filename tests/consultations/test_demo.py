"""The demo: an index under the home page, six consultations across every status, every format."""

import io

from django.core.management import call_command

import pytest

from consultations import status
from consultations.choices import MaterialFormat

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    from consultations import demo as consultations_demo
    from home import demo as home_demo

    context = {"stdout": io.StringIO()}
    home_demo.load(context)
    consultations_demo.load(context)
    return context


def test_demo_builds_consultations_in_every_status(demo):
    consultations = demo["consultations"]
    assert len(consultations) >= 6
    statuses = {slug: status.get_status(page) for slug, page in consultations.items()}
    assert statuses["eastbrook-minor-injuries-unit"] == status.OPEN
    assert statuses["young-peoples-mental-health"] == status.OPEN
    assert statuses["northfield-maternity-services"] == status.UPCOMING
    assert statuses["gp-out-of-hours-phone-line"] == status.CLOSED
    for slug in ("community-transport-to-hospital", "stroke-rehabilitation-services"):
        assert statuses[slug] in (status.CLOSED, status.OUTCOME)
        assert status.days_until(consultations[slug].closes_at) < -12 * 7
    index = demo["consultation_index"]
    assert index.get_parent().pk == demo["home"].pk and index.show_in_menus
    assert len({t.pk for page in consultations.values() for t in page.topics.all()}) >= 4
    assert len({a.pk for page in consultations.values() for a in page.areas.all()}) >= 3


def test_demo_has_materials_in_every_format_with_real_files(demo, client):
    from consultations.models import ConsultationPage

    page = ConsultationPage.objects.get(
        pk=demo["consultations"]["eastbrook-minor-injuries-unit"].pk
    )
    formats = {version["format"] for block in page.materials for version in block.value["versions"]}
    assert formats == set(MaterialFormat.values)
    documents = [
        v["document"] for block in page.materials for v in block.value["versions"] if v["document"]
    ]
    extensions = {doc.file_extension for doc in documents}
    assert {"pdf", "wav", "brf", "docx"} <= extensions
    html = client.get(page.url).content.decode()
    assert "4 pages" in html  # the consultation document PDF, counted from the real file
    assert 'hreflang="cy"' in html
    assert "<audio" in html
    assert page.events.count() >= 2


def test_demo_has_a_braille_request_staff_can_see(demo, admin_client):
    from django.urls import reverse

    request = demo["format_request"]
    assert request.format == "braille"
    assert request.reference in admin_client.get(reverse("format_requests:index")).content.decode()


def test_demo_runs_twice_without_duplicates(demo):
    from wagtail.documents import get_document_model

    from consultations import demo as consultations_demo
    from consultations.models import ConsultationPage, FormatRequest, Topic

    counts = (
        ConsultationPage.objects.count(),
        Topic.objects.count(),
        get_document_model().objects.count(),
        FormatRequest.objects.count(),
    )
    consultations_demo.load(demo)
    assert counts == (
        ConsultationPage.objects.count(),
        Topic.objects.count(),
        get_document_model().objects.count(),
        FormatRequest.objects.count(),
    )


def test_load_demo_command_includes_consultations():
    call_command("load_demo", stdout=io.StringIO())
    from consultations.models import ConsultationPage

    assert ConsultationPage.objects.live().count() >= 6
