from django.urls import reverse

from wagtail.models import ModelLogEntry

import pytest

from reporting import publication
from reporting.models import PublicationDecision

pytestmark = pytest.mark.django_db


def test_only_consenting_approved_responses_are_published_with_redactions(consultation, moderator, respond):
    full = respond({"reasons": "Dr Smith at the unit was rude to my mum.", "publication_consent": "full"}, name="Alex Jones")
    anonymous = respond({"reasons": "Parking is hard.", "publication_consent": "anonymous"}, name="Hidden Name")
    refused = respond({"reasons": "Private.", "publication_consent": "none"})
    not_asked = respond({"reasons": "Not asked."})
    publication.approve(full, moderator)
    publication.approve(anonymous, moderator)
    for response in (refused, not_asked):
        with pytest.raises(publication.PublicationError):
            publication.approve(response, moderator)
    publication.redact_text(full, "reasons", "Dr Smith", "third_party", moderator, "Names staff")
    items = publication.published_responses_for(consultation)
    assert [item["name"] for item in items] == ["Alex Jones", ""]
    assert items[0]["answers"][0][1] == "[redacted] at the unit was rude to my mum."
    assert "Hidden Name" not in str(items)
    actions = list(ModelLogEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["reporting.publication_approve", "reporting.publication_approve", "reporting.redact"]


def test_withdrawn_response_disappears_from_the_public_page(client, consultation, moderator, respond):
    response = respond({"reasons": "Please extend the opening hours.", "publication_consent": "anonymous"})
    publication.approve(response, moderator)
    url = reverse("reporting_published_responses", args=[consultation.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Please extend the opening hours." in page.content.decode()
    publication.withdraw(response, moderator)
    assert "Please extend the opening hours." not in client.get(url).content.decode()
    assert PublicationDecision.objects.get(response=response).status == "withdrawn"


def test_moderator_approves_and_redacts_in_the_admin_and_the_log_exports(client, consultation, moderator, respond):
    response = respond({"reasons": "Call me on 07700 900123 please.", "publication_consent": "anonymous"})
    client.force_login(moderator)
    url = reverse("reporting:response", args=[consultation.pk, response.reference])
    assert client.post(url, {"action": "approve"}).status_code == 302
    client.post(url, {"action": "redact", "question": "reasons", "passage": "07700 900123", "reason": "personal", "note": "phone"})
    assert "Call me on [redacted] please." in client.get(url).content.decode()
    log = client.get(reverse("reporting:moderation", args=[consultation.pk]), {"format": "csv"})
    text = log.content.decode()
    assert log["Content-Type"].startswith("text/csv")
    assert "reporting.publication_approve" in text and "reporting.redact" in text and "personal" in text
    assert response.reference in text and "moderator" in text
    assert "07700" not in text  # the log never copies the redacted words


def test_analyst_without_moderation_permission_cannot_approve(client, consultation, analyst, respond):
    response = respond({"reasons": "Text", "publication_consent": "full"})
    client.force_login(analyst)
    url = reverse("reporting:response", args=[consultation.pk, response.reference])
    assert client.post(url, {"action": "approve"}).status_code == 403
    assert not PublicationDecision.objects.exists()


def test_include_renders_published_responses(consultation, moderator, respond):
    from django.template.loader import render_to_string

    response = respond({"reasons": "More buses, please.", "publication_consent": "anonymous"})
    publication.approve(response, moderator)
    html = render_to_string("reporting/includes/published_responses.html", {"published": publication.published_responses_for(consultation)})
    assert "More buses, please." in html and "nhsuk-card" in html
