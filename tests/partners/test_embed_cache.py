"""partners.embed.embed_target: with the cache on, a response through an embed costs only its own
writes, and nothing an editor or partner manager changes is ever served stale."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from feedback.models import Response
from partners import embed
from tests.partners.test_embed import OURS, embed_url, frame_ancestors, token_in

pytestmark = pytest.mark.django_db


def post_response(client, partner, consultation, answers):
    token = token_in(client.get(embed_url(partner, consultation)).content.decode())
    with CaptureQueriesContext(connection) as queries:
        response = client.post(embed_url(partner, consultation), {**answers, "embed_token": token}, HTTP_ORIGIN=OURS)
    assert response.status_code == 200, response.content[:500]
    assert "Response sent" in response.content.decode()
    return [query["sql"] for query in queries.captured_queries]


def test_a_response_through_a_cached_embed_costs_only_its_own_writes(fragments, client, partner, consultation, form_page, good_answers):
    first = post_response(client, partner, consultation, good_answers)
    second = post_response(client, partner, consultation, {**good_answers, "reasons": "Buses stop at the new centre."})
    assert Response.objects.count() == 2
    # Nothing is read: no page, partner, form row, setting or earlier response.
    assert [sql for sql in first + second if sql.lstrip().upper().startswith("SELECT")] == []
    assert sum("INSERT INTO" in sql and "feedback_response" in sql for sql in first) == 1
    assert len(first) == len(second) <= 4


def test_without_the_cache_the_same_post_reads_the_pages(client, partner, consultation, form_page, good_answers, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    queries = post_response(client, partner, consultation, good_answers)
    assert sum(sql.lstrip().upper().startswith("SELECT") for sql in queries) >= 5


def test_unticking_a_partner_stops_its_cached_embed_at_once(fragments, client, partner, consultation, form_page):
    assert client.get(embed_url(partner, consultation)).status_code == 200
    partner.is_active = False
    partner.save()
    assert client.get(embed_url(partner, consultation)).status_code == 404


def test_a_new_allowed_origin_frames_the_cached_embed_at_once(fragments, client, partner, consultation, form_page):
    assert frame_ancestors(client.get(embed_url(partner, consultation))) == "'self' https://healthwatch-northfield.example"
    partner.allowed_origins = "https://healthwatch-northfield.example\nhttps://ppg.example"
    partner.save()
    assert frame_ancestors(client.get(embed_url(partner, consultation))) == "'self' https://healthwatch-northfield.example https://ppg.example"


def test_a_published_question_change_shows_in_the_cached_embed_at_once(fragments, client, partner, consultation, form_page):
    assert "How far do you agree with the proposal?" in client.get(embed_url(partner, consultation)).content.decode()
    field = form_page.form_fields.get(key="support")
    field.label = "Do you support moving the unit?"
    field.save()
    form_page.save_revision().publish()
    html = client.get(embed_url(partner, consultation)).content.decode()
    assert "Do you support moving the unit?" in html
    assert "How far do you agree with the proposal?" not in html


def test_an_about_you_section_edit_shows_in_the_cached_embed_at_once(fragments, client, partner, consultation, form_page):
    assert "About you (optional)" in client.get(embed_url(partner, consultation)).content.decode()
    section = form_page.about_you
    section.heading = "A little about you"
    section.save()
    html = client.get(embed_url(partner, consultation)).content.decode()
    assert "A little about you" in html


def test_each_language_is_cached_on_its_own(fragments, client, partner, consultation, form_page, locales):
    welsh = consultation.copy_for_translation(locales["cy"], copy_parents=True)
    welsh.title = "Gofal brys yn Northfield"
    welsh.save_revision().publish()
    english = client.get(embed_url(partner, consultation, lang="en")).content.decode()
    cymraeg = client.get(embed_url(partner, consultation, lang="cy")).content.decode()
    assert '<html lang="en"' in english and consultation.title in english
    assert '<html lang="cy"' in cymraeg and "Gofal brys yn Northfield" in cymraeg
    assert '<html lang="en"' in client.get(embed_url(partner, consultation, lang="en")).content.decode()


def _fields(instance):
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields}


def test_the_target_is_kept_built_in_the_process_until_something_is_published(
    fragments, client, partner, consultation, form_page, good_answers
):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    kept = embed.embed_target(request, "consultation", consultation.pk, partner.slug, "en")
    assert embed.embed_target(RequestFactory().get("/"), "consultation", consultation.pk, partner.slug, "en") is kept
    before = [_fields(x) for x in (kept.page, kept.source, kept.form_page, kept.partner)]
    post_response(client, partner, consultation, good_answers)  # a request reads it, never changes it
    assert [_fields(x) for x in (kept.page, kept.source, kept.form_page, kept.partner)] == before
    consultation.title = "Urgent care in Northfield: new dates"
    consultation.save_revision().publish()
    after = embed.embed_target(RequestFactory().get("/"), "consultation", consultation.pk, partner.slug, "en")
    assert after is not kept
    assert after.page.title == "Urgent care in Northfield: new dates"
    assert "Urgent care in Northfield: new dates" in client.get(embed_url(partner, consultation)).content.decode()
