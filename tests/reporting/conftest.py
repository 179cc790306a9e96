import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from wagtail.models import Locale

import pytest

from feedback.models import Response
from feedback.permissions import MODERATE_RESPONSES, VIEW_RESPONSES, grant_on_page
from tests.factories import about_you_section, add_form, make_consultation


@pytest.fixture
def consultation(home_page):
    page = make_consultation(home_page, title="Urgent care in Northfield")
    add_form(page, about_you=about_you_section())
    return page


@pytest.fixture
def questions(consultation):
    from feedback.questions import questions_for

    return questions_for(consultation)


def make_response(consultation, answers=None, *, status=Response.Status.ACCEPTED, locale="en", days_ago=0, **fields):
    return Response.objects.create(
        consultation=consultation,
        locale=Locale.objects.get_or_create(language_code=locale)[0],
        status=status,
        answers=answers or {},
        submitted_at=timezone.now() - datetime.timedelta(days=days_ago),
        **fields,
    )


@pytest.fixture
def respond(consultation):
    def _respond(answers=None, **kwargs):
        return make_response(consultation, answers, **kwargs)

    return _respond


def _staff(username, *codenames, page=None):
    user = get_user_model().objects.create_user(username=username, password="pw-for-tests-only", is_staff=True)
    group = Group.objects.create(name=f"{username}-group")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    if page is not None and codenames:
        grant_on_page(group, page, *codenames)
    return user


@pytest.fixture
def analyst(consultation):
    return _staff("analyst", VIEW_RESPONSES, page=consultation)


@pytest.fixture
def moderator(consultation):
    return _staff("moderator", VIEW_RESPONSES, MODERATE_RESPONSES, page=consultation)


@pytest.fixture
def outsider(db):
    """Staff with admin access but no "view responses" anywhere."""
    return _staff("outsider")
