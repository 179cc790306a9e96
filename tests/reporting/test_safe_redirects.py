"""Admin redirects to a browser-supplied address stay on this site (issue 15)."""

from django.urls import reverse

import pytest

pytestmark = pytest.mark.django_db

OFF_SITE = [
    "//evil.example",
    "//evil.example/admin/",
    "https://evil.example/",
    "/\\evil.example",
    "http:evil.example",
]


@pytest.mark.parametrize("target", OFF_SITE)
def test_bulk_coding_never_sends_staff_off_site(client, consultation, analyst, respond, target):
    picked = respond({"reasons": "The bus does not run on Sundays."})
    client.force_login(analyst)
    result = client.post(
        reverse("reporting:bulk_code", args=[consultation.pk]),
        {
            "question": "reasons",
            "response": [picked.pk],
            "new_theme": "Transport",
            "action": "apply",
            "next": target,
        },
    )
    assert result.status_code == 302
    assert result["Location"] == reverse("reporting:responses", args=[consultation.pk])


def test_bulk_coding_returns_to_a_page_of_ours(client, consultation, analyst, respond):
    picked = respond({"reasons": "The bus does not run on Sundays."})
    client.force_login(analyst)
    back = reverse("reporting:responses", args=[consultation.pk]) + "?question=reasons"
    result = client.post(
        reverse("reporting:bulk_code", args=[consultation.pk]),
        {
            "question": "reasons",
            "response": [picked.pk],
            "new_theme": "Transport",
            "action": "apply",
            "next": back,
        },
    )
    assert result["Location"] == back
