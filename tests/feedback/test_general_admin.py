from django.contrib.auth.models import Group, Permission

from wagtail.models import GroupPagePermission

import pytest

from feedback.general.demo import load_general_feedback_demo
from feedback.models import GeneralFeedback
from feedback.permissions import MODERATE_RESPONSES, VIEW_RESPONSES, user_can_view_responses
from tests.feedback.staff_helpers import make_consultation, make_index, make_staff, staff_group

pytestmark = pytest.mark.django_db

LIST = "/admin/feedback/general/"


@pytest.fixture
def demo(home_page):
    load_general_feedback_demo({"home": home_page})


def test_staff_with_view_permission_see_the_list_and_filters(client, demo):
    user = make_staff("reader")
    staff_group(user).permissions.add(Permission.objects.get(codename="view_generalfeedback"))
    client.force_login(user)
    html = client.get(LIST).content.decode()
    assert "HYS-DEMOGF01" in html and "Riverside Health Centre" in html
    filtered = client.get(LIST + "?about=website").content.decode()
    assert "HYS-DEMOGF02" in filtered and "HYS-DEMOGF01" not in filtered


def test_the_lists_are_read_only_even_for_superusers(client, demo):
    client.force_login(make_staff("root", superuser=True))
    feedback = GeneralFeedback.objects.get(reference="HYS-DEMOGF01")
    assert client.get(LIST + "new/").status_code in (302, 403)
    assert client.get(f"{LIST}edit/{feedback.pk}/").status_code in (302, 403)
    assert client.get(f"{LIST}delete/{feedback.pk}/").status_code in (302, 403)
    inspect = client.get(f"{LIST}inspect/{feedback.pk}/")
    assert inspect.status_code == 200 and "The receptionist listened" in inspect.content.decode()
    assert GeneralFeedback.objects.filter(pk=feedback.pk).exists()


def test_general_feedback_exports_as_csv(client, demo):
    client.force_login(make_staff("root", superuser=True))
    response = client.get(LIST + "?export=csv")
    assert response.status_code == 200
    body = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else response.content.decode()
    )
    assert "HYS-DEMOGF03" in body and "sam@example.com" in body


def test_page_usefulness_list_shows_answers(client, demo):
    client.force_login(make_staff("root", superuser=True))
    html = client.get("/admin/feedback/page-usefulness/").content.decode()
    assert "I could not see which consultations close soon." in html


def test_staff_without_permission_cannot_open_the_lists(client, demo):
    client.force_login(make_staff("plain"))
    response = client.get(LIST)
    assert response.status_code in (302, 403)
    assert "HYS-DEMOGF01" not in client.get(LIST, follow=True).content.decode()


def test_group_edit_page_grants_response_permissions_per_consultation(client, home_page):
    index = make_index(home_page)
    a = make_consultation(index, "Stroke services")
    b = make_consultation(index, "Maternity care")
    group = Group.objects.create(name="Stroke analysts")
    member = make_staff("member", admin_access=False)
    member.groups.add(group)
    client.force_login(make_staff("root", superuser=True))
    edit_url = f"/admin/groups/edit/{group.pk}/"
    page = client.get(edit_url).content.decode()
    assert "Responses (per consultation)" in page
    data = {
        "name": "Stroke analysts",
        "page_permissions-TOTAL_FORMS": "0",
        "page_permissions-INITIAL_FORMS": "0",
        "page_permissions-MIN_NUM_FORMS": "0",
        "page_permissions-MAX_NUM_FORMS": "1000",
        "response_permissions-TOTAL_FORMS": "1",
        "response_permissions-INITIAL_FORMS": "0",
        "response_permissions-MIN_NUM_FORMS": "0",
        "response_permissions-MAX_NUM_FORMS": "1000",
        "response_permissions-0-page": str(a.pk),
        "response_permissions-0-permissions": [VIEW_RESPONSES],
        "response_permissions-0-DELETE": "",
    }
    for prefix in ("document_permissions", "image_permissions", "collection_permissions"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    response = client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert user_can_view_responses(member, a) and not user_can_view_responses(member, b)
    # Saving the group again (Wagtail's page panel first, ours after) keeps the grant.
    data["response_permissions-INITIAL_FORMS"] = "1"
    data["response_permissions-0-permissions"] = [VIEW_RESPONSES, MODERATE_RESPONSES]
    assert client.post(edit_url, data).status_code == 302
    assert GroupPagePermission.objects.filter(group=group, page=a).count() == 2
    assert "Stroke services" in client.get(edit_url).content.decode()
