from django.contrib.auth.models import AnonymousUser, Permission

import pytest

from feedback.models import Response
from feedback.permissions import (
    MODERATE_RESPONSES,
    VIEW_RESPONSES,
    consultations_user_can_moderate_responses,
    consultations_user_can_view_responses,
    ensure_staff_groups,
    grant_on_page,
    responses_visible_to,
    user_can_view_responses,
)
from tests.feedback.staff_helpers import (
    make_consultation,
    make_index,
    make_response,
    make_staff,
    staff_group,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home_page):
    index = make_index(home_page)
    return (
        index,
        make_consultation(index, "Stroke services"),
        make_consultation(index, "Maternity care"),
    )


def test_staff_without_the_permission_see_no_consultation(tree):
    _, a, _ = tree
    user = make_staff("nobody")
    assert list(consultations_user_can_view_responses(user)) == []
    assert not user_can_view_responses(user, a)
    assert not user_can_view_responses(AnonymousUser(), a)


def test_permission_on_one_consultation_covers_that_one_only(tree):
    _, a, b = tree
    user = make_staff("analyst-a")
    grant_on_page(staff_group(user), a, VIEW_RESPONSES)
    make_response(a)
    make_response(b)
    assert set(consultations_user_can_view_responses(user)) == {a.id}
    assert user_can_view_responses(user, a)
    assert not user_can_view_responses(user, b)
    assert {r.consultation_id for r in responses_visible_to(user)} == {a.id}
    # Seeing is not moderating.
    assert list(consultations_user_can_moderate_responses(user)) == []


def test_permission_on_the_index_covers_every_consultation_below_it(tree):
    index, a, b = tree
    user = make_staff("analyst-all")
    grant_on_page(staff_group(user), index, VIEW_RESPONSES, MODERATE_RESPONSES)
    assert set(consultations_user_can_view_responses(user)) == {a.id, b.id}
    assert set(consultations_user_can_moderate_responses(user)) == {a.id, b.id}


def test_superuser_and_global_permission_see_every_consultation(tree):
    _, a, b = tree
    assert set(consultations_user_can_view_responses(make_staff("root", superuser=True))) == {
        a.id,
        b.id,
    }
    user = make_staff("global")
    staff_group(user).permissions.add(Permission.objects.get(codename=VIEW_RESPONSES))
    assert set(consultations_user_can_view_responses(user)) == {a.id, b.id}


def test_lookup_takes_a_bounded_number_of_queries(tree, django_assert_max_num_queries):
    _, a, _ = tree
    user = make_staff("counted")
    grant_on_page(staff_group(user), a, VIEW_RESPONSES)
    with django_assert_max_num_queries(6):
        assert len(list(responses_visible_to(user).filter(status=Response.Status.ACCEPTED))) == 0


def test_staff_groups_are_created_once_with_sensible_permissions(tree):
    index, a, b = tree
    groups = ensure_staff_groups()
    ensure_staff_groups()
    assert sorted(groups) == ["Analysts", "Editors", "Moderators"]
    moderator = make_staff("mod", admin_access=False)
    moderator.groups.add(groups["Moderators"])
    analyst = make_staff("ana", admin_access=False)
    analyst.groups.add(groups["Analysts"])
    editor = make_staff("ed", admin_access=False)
    editor.groups.add(groups["Editors"])
    assert set(consultations_user_can_moderate_responses(moderator)) == {a.id, b.id}
    assert set(consultations_user_can_view_responses(analyst)) == {a.id, b.id}
    assert list(consultations_user_can_moderate_responses(analyst)) == []
    assert list(consultations_user_can_view_responses(editor)) == []
    # Wagtail's migrations already made "Moderators" and "Editors": they are topped up, not duplicated.
    assert (
        groups["Moderators"]
        .page_permissions.filter(permission__content_type__app_label="feedback")
        .count()
        == 2
    )
