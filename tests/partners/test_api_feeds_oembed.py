import json
import re
import xml.etree.ElementTree as ET

import pytest

from feedback.models import Response
from partners.models import WebhookDelivery, WebhookSubscription
from tests.factories import add_form, make_consultation
from tests.youwedid.conftest import make_outcome

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
LEAKS = ["leaky.person@example.org", "Leaky Person", "SECRET-ANSWER-TEXT", "NF1 2AB", "NF1"]


@pytest.fixture
def published(home_page):
    consultation = make_consultation(home_page)
    form = add_form(consultation)
    closed = make_consultation(home_page, title="Minor injuries in Eastbrook", opens=-200, closes=-100)
    outcome = make_outcome(home_page, [closed])
    response = Response.objects.create(
        consultation=consultation,
        locale=consultation.locale,
        channel="online",
        answers={"reasons": "SECRET-ANSWER-TEXT", "postcode": "NF1 2AB"},
        postcode_district="NF1",
        email="leaky.person@example.org",
        name="Leaky Person",
    )
    return {"consultation": consultation, "form": form, "closed": closed, "outcome": outcome, "response": response}


def test_api_lists_consultations_with_status_dates_links_and_cors(client, published):
    response = client.get("/api/v1/consultations/")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    data = response.json()
    by_title = {item["title"]: item for item in data["results"]}
    open_one = by_title["Urgent care in Northfield"]
    assert open_one["status"] == "open"
    assert open_one["response_url"].endswith(published["form"].url)
    assert open_one["opens_at"] and open_one["closes_at"]
    assert open_one["materials"] == []
    closed = by_title["Minor injuries in Eastbrook"]
    assert closed["status"] == "outcome"
    assert closed["response_url"] is None
    assert closed["outcome_url"].endswith(published["outcome"].url)
    detail = client.get(open_one["api_url"].replace("http://testserver", "")).json()
    assert detail["id"] == published["consultation"].pk and "translations" in detail
    assert client.get("/api/v1/consultations/?status=open").json()["count"] == 1


def test_api_is_read_only(client, published):
    assert client.post("/api/v1/consultations/", {}).status_code == 405
    preflight = client.options("/api/v1/consultations/")
    assert preflight.status_code == 204 and preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_api_query_count_does_not_grow_with_each_consultation(client, published, home_page, django_assert_max_num_queries):
    for n in range(5):
        make_consultation(home_page, title=f"Extra {n}")
    with django_assert_max_num_queries(120):
        assert client.get("/api/v1/consultations/").status_code == 200


def test_outcomes_api_and_feed(client, published):
    data = client.get("/api/v1/outcomes/").json()
    assert [item["title"] for item in data["results"]] == ["What changed at Eastbrook"]
    assert data["results"][0]["items"][0]["you_said"] == "Keep evening opening."
    feed = client.get("/feeds/en/outcomes.atom")
    assert feed["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(feed.content)
    assert [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")] == ["What changed at Eastbrook"]


def test_consultations_feed_per_language_reuses_the_consultations_feed(client, published):
    feed = client.get("/feeds/en/consultations.atom")
    assert feed.status_code == 200
    root = ET.fromstring(feed.content)
    titles = {e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")}
    assert "Urgent care in Northfield" in titles
    assert client.get("/feeds/xx/consultations.atom").status_code == 404


def test_no_api_response_or_feed_leaks_respondent_data(client, published):
    consultation = published["consultation"]
    urls = [
        "/api/v1/consultations/",
        f"/api/v1/consultations/{consultation.pk}/",
        f"/api/v1/consultations/{published['closed'].pk}/",
        "/api/v1/outcomes/",
        "/feeds/en/consultations.atom",
        "/feeds/en/outcomes.atom",
        f"/oembed/?url=http://testserver{consultation.url}&format=json",
    ]
    reference = published["response"].reference
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        for leak in [*LEAKS, reference]:
            assert leak not in text, (url, leak)
        assert EMAIL_RE.findall(text) == [], url
        if url.startswith("/api/"):
            for key in ("email", "name", "answers", "reference", "postcode", "postcode_district"):
                assert f'"{key}"' not in json.dumps(response.json()), (url, key)


def test_oembed_returns_the_generic_embed_for_a_consultation_address(client, published):
    consultation = published["consultation"]
    data = client.get(f"/oembed/?url=http://testserver{consultation.url}&format=json&maxwidth=500").json()
    assert data["type"] == "rich" and data["version"] == "1.0"
    assert data["width"] == 500
    assert f'src="http://testserver/embed/consultation/{consultation.pk}/?lang=en"' in data["html"]
    assert 'title="Consultation: Urgent care in Northfield' in data["html"]
    assert "embed-host.mjs" in data["html"]
    assert client.get("/oembed/?url=http://testserver/nowhere/&format=json").status_code == 404
    assert client.get(f"/oembed/?url=http://testserver{consultation.url}&format=xml").status_code == 501


def test_consultation_and_outcome_pages_carry_oembed_discovery(client, published):
    html = client.get(published["consultation"].url).content.decode()
    assert 'type="application/json+oembed"' in html
    assert "/oembed/?url=" in html
    html = client.get(published["outcome"].url).content.decode()
    assert 'type="application/json+oembed"' in html


def test_outcome_published_sends_a_webhook_once(home_page, django_capture_on_commit_callbacks, monkeypatch):
    sent = []
    monkeypatch.setattr("partners.webhooks.enqueue_delivery", lambda pk, run_after=None: sent.append(pk))
    WebhookSubscription.objects.create(name="r", url="http://127.0.0.1:9/", secret="x", events=["outcome.published"])
    closed = make_consultation(home_page, title="Closed", opens=-200, closes=-100)
    with django_capture_on_commit_callbacks(execute=True):
        outcome = make_outcome(home_page, [closed])
        outcome.save_revision().publish()  # republishing an edit is not a new event
    assert WebhookDelivery.objects.filter(event="outcome.published").count() == 1
    assert len(sent) == 1
