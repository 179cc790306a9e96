"""Search matches word stems on the embedded default (SQLite), as PostgreSQL's english search
configuration does in CI: "minor injury" finds the Minor Injuries Unit."""

from django.db import connection

import pytest

from tests.factories import make_consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def injuries_unit(home_page):
    return make_consultation(
        home_page, title="The future of Eastbrook Minor Injuries Unit", slug="eastbrook-miu"
    )


def result_titles(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return [page.title for page in response.context["results"]]


def test_search_finds_minor_injuries_unit_from_minor_injury(client, injuries_unit):
    assert injuries_unit.title in result_titles(client, "minor injury")
    assert injuries_unit.title in result_titles(client, "Minor Injuries")
    assert injuries_unit.title in result_titles(client, "injury unit")


def test_search_still_needs_every_word(client, injuries_unit):
    assert result_titles(client, "minor maternity") == []


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 table exists on SQLite only")
def test_sqlite_full_text_table_uses_the_porter_stemmer():
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'wagtailsearch_indexentry_fts'")
        row = cursor.fetchone()
    assert row is not None and "porter" in row[0]
