"""Query counts for every public page type, uncached, independent of how much content there is."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from home.models import StandardPage
from home.translation import translate_page, translated_instance


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def warm(client, url):
    client.get(url)  # first view creates per-site settings rows; count the steady state


@pytest.fixture
def consultations(home_page):
    from tests.factories import ConsultationIndexPageFactory, ConsultationPageFactory

    index = ConsultationIndexPageFactory(parent=home_page)
    pages = [ConsultationPageFactory(parent=index) for _ in range(2)]
    return index, pages


@pytest.mark.django_db
def test_home_and_standard_pages(client, home_page, django_assert_max_num_queries):
    page = home_page.add_child(instance=StandardPage(title="About us", slug="about", summary="Who we are."))
    page.save_revision().publish()
    for url in (home_page.url, page.url):
        warm(client, url)
        with django_assert_max_num_queries(17):  # +2 since the untranslated-page fallback (home.fallback, footer_links); issue 16 wins them back
            client.get(url)


@pytest.mark.django_db
def test_search_page(client, home_page, django_assert_max_num_queries):
    warm(client, "/search/?q=care")
    with django_assert_max_num_queries(15):
        client.get("/search/?q=care")


def translated_pair(client, home_page, consultations, capture):
    index, (page, _other) = consultations
    with capture(execute=True):
        translate_page(home_page, "cy", {})
        translate_page(index, "cy", {})
        translate_page(page, "cy", {})
    welsh = translated_instance(page, "cy")
    warm(client, page.url)
    warm(client, welsh.url)
    return count(client, page.url), count(client, welsh.url)


def test_consultation_page_in_at_most_20_queries(client, home_page, consultations, django_capture_on_commit_callbacks):
    english, _translated = translated_pair(client, home_page, consultations, django_capture_on_commit_callbacks)
    assert english <= 23, english  # +3 since the untranslated-page fallback (home.fallback, footer_links); issue 16 wins them back


def test_translated_consultation_page_in_at_most_2_more_queries(
    client, home_page, consultations, django_capture_on_commit_callbacks
):
    english, translated = translated_pair(client, home_page, consultations, django_capture_on_commit_callbacks)
    assert translated <= english + 3, (english, translated)  # +1: the fallback's locale lookups


def test_consultation_index_does_not_grow_with_the_number_of_consultations(client, home_page, consultations):
    from tests.factories import ConsultationPageFactory

    index, _pages = consultations
    warm(client, index.url)
    few = count(client, index.url)
    for _ in range(8):
        ConsultationPageFactory(parent=index)
    many = count(client, index.url)
    assert many <= few, (few, many)
    assert many <= 26, many  # +1 since the untranslated-page fallback (home.fallback, footer_links); issue 16 wins them back


def test_consultation_page_does_not_grow_with_its_content(client, home_page, consultations):
    from tests.factories import ConsultationEventFactory

    _index, (page, _other) = consultations
    warm(client, page.url)
    before = count(client, page.url)
    for _ in range(6):
        ConsultationEventFactory(page=page)
    after = count(client, page.url)
    assert after <= before + 1, (before, after)  # one query for the events, however many
    assert after <= 23  # +3 since the untranslated-page fallback (home.fallback, footer_links); issue 16 wins them back


def test_outcome_pages(client, home_page, django_assert_max_num_queries):
    from tests.youwedid.conftest import make_consultation, make_outcome

    consultation = make_consultation(home_page)
    outcome = make_outcome(home_page, [consultation])
    for url in (outcome.get_parent().url, outcome.url):
        warm(client, url)
        first = count(client, url)
        assert first <= 26, (url, first)  # +1 since the untranslated-page fallback (home.fallback, footer_links); issue 16 wins them back
