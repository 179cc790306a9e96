
from django.core.management import call_command
from django.urls import reverse

from wagtail.models import ModelLogEntry, PageLogEntry

import pytest

from feedback.models import Response
from reporting import analysis
from tests.factories import add_form, make_consultation

from .conftest import make_response

pytestmark = pytest.mark.django_db


@pytest.fixture
def old_and_recent(home_page, consultation):
    old = make_consultation(home_page, title="Old stroke services", slug="old-stroke", opens=-6 * 365 - 60, closes=-6 * 365)
    add_form(old)
    recent = make_consultation(home_page, title="Recent change", slug="recent-change", opens=-4 * 365 - 60, closes=-4 * 365)
    add_form(recent)
    answers = {"support": "agree", "travel": ["bus"], "rating": 4, "reasons": "My neighbour Jo Bloggs", "postcode": "NF1 2AB", "about_age_band": "35_44", "publication_consent": "full"}
    olds = [make_response(old, dict(answers), email=f"p{i}@example.org", name="Pat") for i in range(6)]
    recents = [make_response(recent, dict(answers), email="r@example.org", name="Ria") for _ in range(2)]
    return old, recent, olds, recents


def test_retention_anonymises_exactly_the_responses_older_than_five_years(old_and_recent, capsys):
    old, recent, olds, recents = old_and_recent
    call_command("apply_retention")
    for response in olds:
        response.refresh_from_db()
        assert response.anonymised_at is not None
        assert response.email == "" and response.name == ""
        assert "reasons" not in response.answers and "postcode" not in response.answers
        assert response.answers["support"] == "agree" and response.answers["travel"] == ["bus"]
    for response in recents:
        response.refresh_from_db()
        assert response.anonymised_at is None and response.email == "r@example.org"
        assert response.answers["reasons"] == "My neighbour Jo Bloggs"
    assert PageLogEntry.objects.filter(page=old, action="reporting.retention", data__count=6).exists()


def test_dashboard_figures_for_closed_questions_are_unchanged_after_retention(old_and_recent):
    from feedback.questions import questions_for

    old = old_and_recent[0]
    questions = [q for q in questions_for(old) if q.type in analysis.CLOSED_TYPES]

    def figures():
        results = analysis.question_results(analysis.responses_for(old), questions)
        return {r.key: ([(c.key, c.count, c.display) for c in r.breakdown.cells] if r.breakdown else [(label, [(c.key, c.count) for c in b.cells]) for label, b in r.rows], r.answered) for r in results}

    before = figures()
    call_command("apply_retention")
    assert figures() == before
    assert before["support"][1] == 6


def test_dry_run_changes_nothing_and_running_twice_is_safe(old_and_recent, capsys):
    olds = old_and_recent[2]
    call_command("apply_retention", "--dry-run")
    assert "6" in capsys.readouterr().out
    assert not Response.objects.filter(anonymised_at__isnull=False).exists()
    call_command("apply_retention")
    stamp = Response.objects.get(pk=olds[0].pk).anonymised_at
    call_command("apply_retention")
    assert Response.objects.get(pk=olds[0].pk).anonymised_at == stamp
    assert PageLogEntry.objects.filter(action="reporting.retention").count() == 1


def test_staff_find_a_person_by_email_and_erase_their_data(client, consultation, moderator, respond):
    mine = respond({"support": "agree", "reasons": "I live at 4 Mill Lane"}, email="sam@example.org", name="Sam")
    other = respond({"support": "agree", "reasons": "Other"}, email="kim@example.org")
    client.force_login(moderator)
    page = client.get(reverse("reporting:erasure"), {"q": "SAM@example.org"})
    assert mine.reference in page.content.decode() and other.reference not in page.content.decode()
    done = client.post(reverse("reporting:erasure"), {"response": mine.pk, "confirm": "yes"})
    assert done.status_code == 302
    mine.refresh_from_db()
    assert mine.email == "" and mine.name == "" and "reasons" not in mine.answers and mine.answers["support"] == "agree"
    assert mine.anonymised_at is not None
    entry = ModelLogEntry.objects.get(action="reporting.erase")
    assert entry.user == moderator and entry.object_id == str(mine.pk)
    assert "sam@" not in str(entry.data)
    other.refresh_from_db()
    assert other.email == "kim@example.org"


def test_erasure_needs_moderation_permission(client, consultation, analyst, respond):
    mine = respond({"reasons": "text"}, email="sam@example.org")
    client.force_login(analyst)
    assert client.post(reverse("reporting:erasure"), {"response": mine.pk, "confirm": "yes"}).status_code == 403
    mine.refresh_from_db()
    assert mine.email == "sam@example.org"
