"""The consultation page: tree rules, validation, what a person sees, and materials' details."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone

from wagtail.models import Locale

import pytest

from consultations.models import ConsultationIndexPage, ConsultationPage, MaterialPage
from tests.factories import ConsultationEventFactory, MaterialPageFactory, material, version

pytestmark = pytest.mark.django_db


def get(client, page, **params):
    response = client.get(page.url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_page_tree_rules():
    from feedback.models import ResponseFormPage
    from home.models import HomePage

    assert ConsultationIndexPage.allowed_parent_page_models() == [HomePage]
    assert ConsultationIndexPage.allowed_subpage_models() == [ConsultationPage]
    assert ConsultationPage.allowed_parent_page_models() == [ConsultationIndexPage]
    assert set(ConsultationPage.allowed_subpage_models()) == {ResponseFormPage, MaterialPage}
    assert MaterialPage.allowed_subpage_models() == []


def test_closing_must_be_after_opening(open_consultation):
    open_consultation.closes_at = open_consultation.opens_at
    with pytest.raises(ValidationError) as error:
        open_consultation.full_clean()
    assert "closes_at" in error.value.message_dict


def test_hero_image_needs_alt_text_unless_decorative(open_consultation):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    image = get_image_model().objects.create(title="Hospital", file=get_test_image_file())
    open_consultation.hero_image = image
    with pytest.raises(ValidationError) as error:
        open_consultation.full_clean()
    assert "hero_image_alt" in error.value.message_dict
    open_consultation.hero_image_decorative = True
    open_consultation.full_clean()
    open_consultation.hero_image_decorative = False
    open_consultation.hero_image_alt = "The front of Eastbrook Community Hospital"
    open_consultation.full_clean()
    open_consultation.save_revision().publish()
    from django.test import Client

    html = Client().get(open_consultation.url).content.decode()
    assert 'alt="The front of Eastbrook Community Hospital"' in html


def test_open_page_shows_status_days_left_dates_and_ways_to_respond(client, make_consultation):
    now = timezone.now()
    page = make_consultation(
        title="Minor injuries",
        opens_at=now - datetime.timedelta(days=3),
        closes_at=timezone.localtime(now).replace(hour=23, minute=59) + datetime.timedelta(days=5),
        response_email="views@example.nhs.uk",
        response_postal_address="Freepost HYS\nNorthfield NF1 2AB",
        response_phone="0300 123 4567",
        response_text_relay="18001 0300 123 4567",
        involvement_level="consult",
        engagement_stage="improve_services",
        who_decides="The board, in public.",
    )
    html = get(client, page)
    assert 'nhsuk-tag--green hys-status-tag">Open<' in html
    assert "Closes in 5 days" in html
    assert "11:59pm on " in html
    assert 'href="mailto:views@example.nhs.uk"' in html
    assert "Freepost HYS<br>Northfield NF1 2AB" in html
    assert "text relay" in html and "18001 0300 123 4567" in html
    assert "We want your views before we decide" in html  # involvement, in plain words
    assert "Making a service better" in html  # engagement-cycle stage, in plain words
    assert "The board, in public." in html
    assert "Respond online" not in html  # no online form yet


def test_respond_online_button_links_to_the_child_form_only_while_open(client, open_consultation):
    from tests.factories import add_form

    form_page = add_form(open_consultation)
    html = get(client, open_consultation)
    assert re.search(
        rf'<a class="nhsuk-button"[^>]*href="{re.escape(form_page.url)}">Respond online</a>', html
    )
    open_consultation.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    open_consultation.opens_at = open_consultation.closes_at - datetime.timedelta(days=30)
    open_consultation.save_revision().publish()
    html = get(client, ConsultationPage.objects.get(pk=open_consultation.pk))
    assert "Respond online" not in html
    assert "This consultation closed at" in html


def test_upcoming_page_says_when_it_opens(client, make_consultation):
    page = make_consultation(
        opens_at=timezone.now() + datetime.timedelta(days=10),
        closes_at=timezone.now() + datetime.timedelta(days=40),
    )
    html = get(client, page)
    assert ">Coming soon<" in html
    assert "Opens in 10 days" in html
    assert "You can respond from" in html


def test_live_outcome_shows_a_prominent_you_said_we_did_panel_first(
    client, home_page, make_consultation
):
    from youwedid.models import YouSaidWeDidIndexPage, YouSaidWeDidPage

    page = make_consultation(
        opens_at=timezone.now() - datetime.timedelta(days=90),
        closes_at=timezone.now() - datetime.timedelta(days=30),
    )
    assert "hys-outcome-panel" not in get(client, page)
    outcomes = home_page.add_child(
        instance=YouSaidWeDidIndexPage(title="You said, we did", slug="you-said-we-did")
    )
    outcome = YouSaidWeDidPage(
        title="What we changed", slug="what-we-changed", summary="We listened."
    )
    outcome.consultations = [page]
    outcomes.add_child(instance=outcome)
    outcome.save_revision().publish()
    html = get(client, page)
    main = html[html.index('id="maincontent"') :]
    assert main.index("hys-outcome-panel") < main.index("<h1>")
    assert f'href="{outcome.url}"' in main
    assert ">Outcome published<" in html


def test_events_show_when_where_and_access_details(client, open_consultation):
    ConsultationEventFactory(
        page=open_consultation,
        title="Drop-in at the library",
        kind="listening_event",
        bsl_interpreter=True,
        quiet_space=True,
        adjustments="Call us three days before.",
    )
    ConsultationEventFactory(
        page=open_consultation,
        title="Online session",
        kind="online_session",
        venue="",
        address="",
        joining_link="https://meet.example.nhs.uk/session",
    )
    html = get(client, open_consultation)
    assert "Drop-in at the library" in html and "Eastbrook Library" in html
    for feature in [
        "Step-free access",
        "Hearing loop",
        "British Sign Language interpreter",
        "Quiet space",
    ]:
        assert feature in html
    assert "Call us three days before." in html
    assert 'href="https://meet.example.nhs.uk/session"' in html
    assert "Online session" in html
    assert "come to one of our 2 events" in html


def test_event_needs_a_place_or_a_way_to_join(open_consultation):
    event = ConsultationEventFactory.build(page=open_consultation, venue="", address="")
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "address" in error.value.message_dict


def test_materials_show_type_size_pages_language_and_a_request_link(
    client, open_consultation, pdf_document, audio_document
):
    web = MaterialPageFactory(parent=open_consultation, title="Consultation document (web page)")
    welsh = version("standard", "cy", document=pdf_document, title="Dogfen ymgynghori")
    open_consultation.materials = [
        material(
            "Consultation document",
            [
                version("standard", document=pdf_document),
                version("accessible_html", page=web),
                version("audio", document=audio_document, title="Audio version"),
                version("bsl_video", video_url="https://video.example.nhs.uk/bsl", title="In BSL"),
                welsh,
            ],
        ),
        material(
            "Summary", [version("easy_read", document=pdf_document, title="Summary: Easy Read")]
        ),
    ]
    open_consultation.save_revision().publish()
    html = get(client, ConsultationPage.objects.get(pk=open_consultation.pk))
    # GOV.UK-style attachment metadata: type (with its name), size, pages.
    assert '<abbr title="Portable Document Format">PDF</abbr>' in html
    assert re.search(
        r"\d+ KB</span>,\s*<span class=\"hys-attachment__attribute\">3 pages</span>", html
    )
    assert (
        "Easy Read" in html
        and "Accessible web page" in html
        and "British Sign Language (BSL) video" in html
    )
    assert f'href="{web.url}"' in html
    # Another language: hreflang and lang on the link, text in that language.
    assert re.search(
        r'<a href="[^"]+consultation[^"]*\.pdf" hreflang="cy" lang="cy" dir="ltr">Dogfen ymgynghori</a>',
        html,
    )
    # Audio plays in the page.
    assert re.search(rf'<audio [^>]*controls[^>]*src="{re.escape(audio_document.url)}"', html)
    # Every material has its own "Request another format" link, naming it for screen readers.
    blocks = list(ConsultationPage.objects.get(pk=open_consultation.pk).materials)
    for block in blocks:
        assert f"request-another-format/?material={block.id}" in html
    assert html.count("Request another format<span") == 2


def test_pdf_page_count_is_read_when_saved_not_when_viewed(
    client, open_consultation, pdf_document, monkeypatch
):
    from consultations.models import DocumentPageCount

    assert DocumentPageCount.objects.get(document=pdf_document).page_count == 3
    open_consultation.materials = [material("Document", [version(document=pdf_document)])]
    open_consultation.save_revision().publish()

    def fail(*args, **kwargs):
        raise AssertionError("a page view must not parse PDFs")

    monkeypatch.setattr("consultations.documents.read_page_count", fail)
    assert "3 pages" in get(client, ConsultationPage.objects.get(pk=open_consultation.pk))


def test_a_missing_page_count_is_read_once_and_kept(
    client, open_consultation, pdf_document, monkeypatch
):
    from consultations import documents
    from consultations.models import DocumentPageCount

    DocumentPageCount.objects.all().delete()
    open_consultation.materials = [material("Document", [version(document=pdf_document)])]
    open_consultation.save_revision().publish()
    reads = []
    original = documents.read_page_count
    monkeypatch.setattr(
        documents, "read_page_count", lambda doc: reads.append(doc.pk) or original(doc)
    )
    page = ConsultationPage.objects.get(pk=open_consultation.pk)
    assert "3 pages" in get(client, page)
    assert "3 pages" in get(client, page)
    assert reads == [pdf_document.pk]


def _materials(n_materials, n_versions, docs, web):
    formats = ["standard", "easy_read", "large_print", "braille", "other"]
    return [
        material(
            f"Material {m}",
            [
                version(formats[v % len(formats)], document=docs[(m * n_versions + v) % len(docs)])
                for v in range(n_versions)
            ]
            + [version("accessible_html", page=web)],
        )
        for m in range(n_materials)
    ]


def test_query_count_does_not_grow_with_materials_and_versions(
    client, open_consultation, django_assert_max_num_queries
):
    from consultations.files import create_document, make_pdf

    docs = [
        create_document(f"Doc {i}", f"doc-{i}.pdf", make_pdf(f"Doc {i}", [["x"]] * (i % 3 + 1)))
        for i in range(24)
    ]
    web = MaterialPageFactory(parent=open_consultation)
    ConsultationEventFactory(page=open_consultation)
    url = open_consultation.url

    def render_with(n_materials, n_versions):
        open_consultation.materials = _materials(n_materials, n_versions, docs, web)
        open_consultation.save_revision().publish()
        client.get(url)  # warm caches that are per-process, not per-page (site root paths)

    render_with(1, 1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        response = client.get(url)
    assert response.status_code == 200
    budget = len(small)
    assert budget < 40

    with django_assert_max_num_queries(budget):
        assert client.get(url).content.decode().count("hys-attachment__title") == 2

    render_with(12, 6)
    with django_assert_max_num_queries(budget):
        html = client.get(url).content.decode()
    assert html.count("hys-attachment__title") == 12 * 7
    assert html.count("Request another format<span") == 12


def test_search_finds_consultations_by_summary_and_material_title(
    client, open_consultation, pdf_document
):
    open_consultation.materials = [
        material("Travel impact assessment", [version(document=pdf_document)])
    ]
    open_consultation.save_revision().publish()
    web = MaterialPageFactory(parent=open_consultation, title="Accessible hydrotherapy paper")
    from wagtail.models import Page

    by_material = Page.objects.live().search("Travel impact assessment")
    assert open_consultation.pk in [p.pk for p in by_material]
    assert web.pk in [p.pk for p in Page.objects.live().search("hydrotherapy")]
    html = client.get("/search/", {"q": "impact assessment"}).content.decode()
    assert open_consultation.title in html


def test_preview_renders_a_draft(open_consultation):
    draft = ConsultationPage.objects.get(pk=open_consultation.pk)
    draft.title = "A new title in draft"
    response = draft.make_preview_request()
    assert response.status_code == 200
    assert b"A new title in draft" in response.content


def test_scheduled_publishing_makes_it_live_at_the_go_live_time(index_page):
    from django.core.management import call_command

    from tests.factories import ConsultationPageFactory

    page = ConsultationPageFactory(parent=index_page, publish=False, title="Scheduled one")
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    assert not page.live
    assert page.status_string == "scheduled"
    # An hour passes (moved back rather than waiting): the scheduled revision is now due.
    revision.refresh_from_db()
    due = timezone.now() - datetime.timedelta(seconds=1)
    revision.approved_go_live_at = due
    revision.content["go_live_at"] = due.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live


def test_large_print_works_without_javascript_on_a_consultation(client, open_consultation):
    from django.conf import settings

    client.cookies["hys_display"] = "large"
    html = get(client, open_consultation)
    assert re.search(r'<html [^>]*class="hys-large-print"', html)
    css = (settings.BASE_DIR / "static" / "dist" / "css" / "main.css").read_text()
    rule = re.search(r"html\.hys-large-print\{font-size:150%", css)
    assert rule, "large print makes body text 24px (150% of 16px)"
    client.cookies["hys_display"] = ""
    assert 'class="hys-large-print"' not in get(client, open_consultation)


def test_printing_gives_a_large_print_copy_with_materials_and_their_addresses(
    client, open_consultation, pdf_document
):
    from django.conf import settings

    open_consultation.materials = [
        material("Consultation document", [version(document=pdf_document)])
    ]
    open_consultation.save_revision().publish()
    html = get(client, ConsultationPage.objects.get(pk=open_consultation.pk))
    assert re.search(
        r'class="hys-print-only hys-print-url[^"]*" data-url="http://testserver/documents/\d+/consultation\.pdf"',
        html,
    )
    print_css = (settings.BASE_DIR / "static" / "dist" / "css" / "print.css").read_text()
    assert "html{font-size:150%}" in print_css
    assert ".hys-print-only{display:block" in print_css
    assert (
        "audio" in print_css
    )  # players are hidden in print; the file's address is printed instead


def test_welsh_version_of_a_material_keeps_the_page_language(
    client, open_consultation, pdf_document, locales
):
    """On an English page an English version has no hreflang; a Welsh one does."""
    open_consultation.materials = [
        material(
            "Doc", [version(document=pdf_document), version(language="cy", document=pdf_document)]
        )
    ]
    open_consultation.save_revision().publish()
    html = get(client, ConsultationPage.objects.get(pk=open_consultation.pk))
    assert html.count('hreflang="cy"') == 1
    assert ">Cymraeg</a>" in html  # no Welsh title given: the language's own name
    assert Locale.get_default().language_code == "en"
