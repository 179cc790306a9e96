from django.urls import reverse

import pytest

from reporting import analysis, coding
from reporting.models import ResponseTheme, Theme

pytestmark = pytest.mark.django_db


def test_bulk_coding_applies_a_new_theme_to_the_selected_answers(client, consultation, analyst, respond):
    picked = [respond({"reasons": f"The bus does not run on Sundays ({i})."}) for i in range(3)]
    left = respond({"reasons": "Car parking is full."})
    client.force_login(analyst)
    result = client.post(
        reverse("reporting:bulk_code", args=[consultation.pk]),
        {"question": "reasons", "response": [r.pk for r in picked], "new_theme": "Public transport", "action": "apply"},
    )
    assert result.status_code == 302
    theme = Theme.objects.get(consultation=consultation, name="Public transport")
    assert set(ResponseTheme.objects.filter(theme=theme).values_list("response_id", flat=True)) == {r.pk for r in picked}
    assert not ResponseTheme.objects.filter(response=left).exists()
    # Filtering the browser by theme shows exactly those.
    page = client.get(reverse("reporting:responses", args=[consultation.pk]), {"theme": theme.pk, "question": "reasons"})
    html = page.content.decode()
    assert all(r.reference in html for r in picked) and left.reference not in html


def test_one_by_one_coding_and_reading_the_next_response(client, consultation, analyst, respond):
    older = respond({"reasons": "Older answer"}, days_ago=2)
    newer = respond({"reasons": "Newer answer"}, days_ago=1)
    client.force_login(analyst)
    url = reverse("reporting:response", args=[consultation.pk, newer.reference])
    client.post(url, {"action": "code", "question": "reasons", "new_theme": "Opening hours"})
    assert ResponseTheme.objects.filter(response=newer, theme__name="Opening hours").exists()
    html = client.get(url).content.decode()
    assert "Newer answer" in html and reverse("reporting:response", args=[consultation.pk, older.reference]) in html


def test_theme_counts_and_example_quotes(client, consultation, analyst, respond):
    theme = coding.create_theme(consultation, "Parking")
    responses = [respond({"reasons": f"No spaces at the car park, visit {i}."}) for i in range(6)]
    assert coding.apply_theme(theme, responses, "reasons") == 6
    assert coding.apply_theme(theme, responses, "reasons") == 0  # idempotent
    summary = coding.theme_summary(consultation)
    assert summary[0]["count"] == 6 and len(summary[0]["quotes"]) == 3
    client.force_login(analyst)
    html = client.get(reverse("reporting:themes", args=[consultation.pk])).content.decode()
    assert "Parking" in html and "No spaces at the car park" in html
    counts = analysis.theme_counts(analysis.responses_for(consultation))
    assert counts["reasons"][0]["count"] == 6


def test_responses_filtered_by_answer_channel_and_language(client, consultation, analyst, respond):
    a = respond({"support": "agree"}, channel="paper", locale="cy")
    b = respond({"support": "disagree"}, channel="online", locale="en")
    client.force_login(analyst)
    url = reverse("reporting:responses", args=[consultation.pk])
    html = client.get(url, {"question": "support", "answer": "agree"}).content.decode()
    assert a.reference in html and b.reference not in html
    html = client.get(url, {"channel": "online"}).content.decode()
    assert b.reference in html and a.reference not in html
    html = client.get(url, {"language": "cy"}).content.decode()
    assert a.reference in html and b.reference not in html
