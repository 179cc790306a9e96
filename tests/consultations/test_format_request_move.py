"""FormatRequest moved from feedback to consultations (issue 16) without touching its table: rows
stored before the move, and the staff permissions on them, are still there after it."""

from django.contrib.auth.models import Group, User
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

import pytest

from consultations.models import FormatRequest

BEFORE_THE_MOVE = [
    ("consultations", "0002_documentpagecount_materialpage_consultationpage_body_and_more"),
    ("feedback", "0004_condition_fields_picked_from_lists"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_rows_and_permissions_from_before_the_move_survive_it():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    old = migrate(BEFORE_THE_MOVE)
    assert connection.introspection.table_names().count("feedback_formatrequest") == 1
    content_types = old.get_model("contenttypes", "ContentType")
    permissions = old.get_model("auth", "Permission")
    # As a database from before the move has them: the content type under feedback.
    content_types.objects.filter(model="formatrequest").delete()
    feedback_type = content_types.objects.create(app_label="feedback", model="formatrequest")
    change = permissions.objects.create(
        content_type=feedback_type,
        codename="change_formatrequest",
        name="Can change format request",
    )
    team = old.get_model("auth", "Group").objects.create(name="Alternative formats team")
    team.permissions.add(change)
    old.get_model("feedback", "FormatRequest").objects.create(
        reference="HYS-BEFORE23", format="braille", name="Sam Patel", email="sam@example.org"
    )

    migrate(latest)

    moved = FormatRequest.objects.get(reference="HYS-BEFORE23")
    assert (moved.name, moved.email, moved.format) == ("Sam Patel", "sam@example.org", "braille")
    assert FormatRequest._meta.db_table == "feedback_formatrequest"
    officer = User.objects.create_user("officer")
    officer.groups.add(Group.objects.get(name="Alternative formats team"))
    assert officer.has_perm("consultations.change_formatrequest")
