"""Links that leave the site (emails, embed codes, feeds, the API, webhooks, calendars, the
sitemap, hreflang) use PUBLIC_BASE_URL: never the Site record's http://localhost/ (port 80) nor the
Host the request happened to arrive on."""

import re

from django.core import mail
from django.test import RequestFactory

import pytest

from consultations.models import FormatRequest
from home.public_urls import public_url
from tests.factories import add_form, make_consultation, make_partner
from tests.youwedid.conftest import make_outcome, make_response

pytestmark = pytest.mark.django_db

PUBLIC = "https://haveyoursay.example.nhs.uk"
# The Host header the request arrives with: an internal name behind a proxy, an admin host.
INTERNAL_HOST = "app-internal:8080"
ABSOLUTE = re.compile(r"https?://[^\s\"'<>\\]+")
NOT_OURS = ("http://www.w3.org/", "http://www.sitemaps.org/", "https://www.youtube")


@pytest.fixture(autouse=True)
def public_address(settings):
    settings.PUBLIC_BASE_URL = PUBLIC
    settings.ALLOWED_HOSTS = ["*"]


@pytest.fixture
def published(home_page):
    consultation = make_consultation(home_page)
    form = add_form(consultation)
    closed = make_consultation(
        home_page, title="Minor injuries in Eastbrook", opens=-200, closes=-100
    )
    outcome = make_outcome(home_page, [closed])
    return {"consultation": consultation, "form": form, "closed": closed, "outcome": outcome}


def links_in(text):
    return [url for url in ABSOLUTE.findall(text) if not url.startswith(NOT_OURS)]


def assert_public(text, where):
    links = links_in(text)
    assert links, f"{where}: no absolute link found"
    wrong = [url for url in links if not url.startswith(PUBLIC + "/") and url != PUBLIC]
    assert not wrong, f"{where}: {wrong[:3]}"


def get(client, path):
    response = client.get(path, HTTP_HOST=INTERNAL_HOST)
    assert response.status_code == 200, path
    # Not a link: the origins an embed may talk to include the one it was really served from.
    return re.sub(r'<meta name="hys-embed-parent-origins"[^>]*>', "", response.content.decode())


def test_public_url_joins_the_setting_and_the_page_path(published):
    consultation = published["consultation"]
    assert public_url(consultation) == PUBLIC + consultation.url
    assert public_url("/feeds/en/outcomes.atom") == PUBLIC + "/feeds/en/outcomes.atom"
    assert public_url("https://www.youtube.com/watch?v=x") == "https://www.youtube.com/watch?v=x"
    assert consultation.full_url.startswith("http://localhost/")  # what Wagtail alone would give


def test_feeds_api_sitemap_and_pages_link_to_the_public_address(client, published):
    consultation = published["consultation"]
    paths = [
        consultation.get_parent().url + "feed/",
        "/feeds/en/consultations.atom",
        "/feeds/en/outcomes.atom",
        "/api/v1/consultations/",
        f"/api/v1/consultations/{consultation.pk}/",
        "/api/v1/outcomes/",
        "/sitemap.xml",
        consultation.url + "calendar/",
        f"/embed/consultation/{consultation.pk}/?lang=en",
        f"/embed/outcome/{published['outcome'].pk}/?lang=en",
    ]
    for path in paths:
        assert_public(get(client, path), path)
    html = get(client, consultation.url)
    oembed = re.search(
        r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)"', html
    ).group(1)
    assert oembed.startswith(PUBLIC + "/oembed/?url=" + "https%3A%2F%2Fhaveyoursay.example.nhs.uk")


def test_embed_code_given_to_partners_uses_the_public_address(published):
    from partners.snippets import embed_snippet

    request = RequestFactory().get("/admin/", HTTP_HOST=INTERNAL_HOST)
    snippet = embed_snippet(request, published["consultation"], make_partner(), "en")
    assert_public(snippet, "embed snippet")


def test_emails_link_to_the_public_address(rf, published, home_page):
    from consultations.format_requests import _email_context
    from feedback.views import send_draft_link
    from partners.webhooks import page_payload
    from youwedid.models import OutcomeNotification
    from youwedid.notifications import build_email

    consultation, form = published["consultation"], published["form"]
    request = rf.get("/", HTTP_HOST=INTERNAL_HOST)
    link = form.url + form.reverse_subpage("resume", args=["a-token"])
    send_draft_link(request, form, link, "sam@example.org", consultation.closes_at)
    assert mail.outbox, "the draft link email was not sent"
    assert_public(mail.outbox[-1].body, "draft link email")

    response = make_response(
        published["closed"], consultation.locale, email="sam@example.org", wants_outcome=True
    )
    message = build_email(OutcomeNotification(outcome=published["outcome"], response=response))
    assert_public(message.body, "outcome email")

    format_request = FormatRequest.objects.create(
        consultation=consultation, format="large_print", name="Sam"
    )
    assert _email_context(format_request)["consultation_url"] == PUBLIC + consultation.url

    payload = page_payload(consultation, "consultation")
    assert payload["url"] == PUBLIC + consultation.url
    assert payload["api_url"].startswith(PUBLIC + "/api/v1/")
