import pytest

from feedback.models import Response
from feedback.permissions import VIEW_RESPONSES, grant_on_page
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
    a = make_consultation(index, "Stroke services")
    b = make_consultation(index, "Maternity care")
    make_response(a, views="Answer for A")
    make_response(b, views="Answer for B")
    return index, a, b


def url(consultation):
    return f"/admin/feedback/moderation/responses/{consultation.pk}/"


def test_staff_without_view_responses_get_403(client, tree):
    _, a, _ = tree
    client.force_login(make_staff("nobody"))
    assert client.get(url(a)).status_code == 403


def test_permission_on_a_shows_a_but_not_b(client, tree):
    _, a, b = tree
    user = make_staff("analyst-a")
    grant_on_page(staff_group(user), a, VIEW_RESPONSES)
    client.force_login(user)
    response = client.get(url(a))
    assert response.status_code == 200
    assert "Answer for A" in response.content.decode()
    assert client.get(url(b)).status_code == 403


def test_superuser_sees_every_consultation(client, tree):
    _, a, b = tree
    client.force_login(make_staff("root", superuser=True))
    assert "Answer for A" in client.get(url(a)).content.decode()
    assert "Answer for B" in client.get(url(b)).content.decode()


def test_status_filter(client, tree):
    _, a, _ = tree
    make_response(a, Response.Status.REJECTED, "Low score", views="Rejected one")
    client.force_login(make_staff("root", superuser=True))
    html = client.get(url(a) + "?status=rejected").content.decode()
    assert "Rejected one" in html and "Answer for A" not in html


def test_anonymous_people_are_sent_to_the_login_page(client, tree):
    _, a, _ = tree
    response = client.get(url(a))
    assert response.status_code == 302 and "/admin/login/" in response.url
