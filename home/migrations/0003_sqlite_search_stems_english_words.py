"""SQLite only: Wagtail's full-text table stems English words, as PostgreSQL's "english" search
configuration does, so "minor injury" finds "Minor Injuries Unit" on the embedded default too.

Wagtail's migration creates the FTS5 table with FTS5's default tokenizer (unicode61), which
matches whole words only. This recreates it with ``tokenize='porter unicode61'`` (the same
columns; Wagtail's triggers address it by name and keep filling it) and copies the index back in
from ``wagtailsearch_indexentry``. Other databases, and SQLite builds without FTS5, are untouched.
"""

from django.db import migrations

FTS_TABLE = "wagtailsearch_indexentry_fts"
ENTRY_TABLE = "wagtailsearch_indexentry"


def _rebuild(schema_editor, tokenize):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [FTS_TABLE]
        )
        if cursor.fetchone() is None:  # no FTS5: Wagtail searches with LIKE instead
            return
        cursor.execute(f"DROP TABLE {FTS_TABLE}")
        cursor.execute(
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(autocomplete, body, title{tokenize})"
        )
        cursor.execute(
            # Both names are this module's constants (Wagtail's table names), never input.
            f"INSERT INTO {FTS_TABLE}(rowid, title, body, autocomplete) "  # nosec B608
            f"SELECT id, title, body, autocomplete FROM {ENTRY_TABLE}"
        )


def stem_english_words(apps, schema_editor):
    _rebuild(schema_editor, ", tokenize='porter unicode61'")


def match_whole_words(apps, schema_editor):
    _rebuild(schema_editor, "")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_accessibilitystatementpage_alter_homepage_body_and_more"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(stem_english_words, match_whole_words)]
