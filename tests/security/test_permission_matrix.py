"""Every admin view that shows responses, feedback, reports or exports × role × language.

Roles: moderator, analyst (feedback.permissions.ensure_staff_groups), editor, partner (staff from
a partner organisation with admin access only), none (admin access, nothing else). The consultation
is asked for by its English id and by its Welsh translation's id: a translated page must never be
a way round the permission on its source. A 200 for a role without the permission, or a 5xx for
anyone, fails. Built from the URLs the apps register (feedback, reporting wagtail_hooks).
"""

from django.contrib.auth.models import Group, Permission

import pytest

from feedback.permissions import VIEW_RESPONSES, ensure_staff_groups, grant_on_page
from home.translation import translate_page, translated_instance
from tests.feedback.staff_helpers import make_consultation, make_index, make_response, make_staff

pytestmark = pytest.mark.django_db

SECRET = "Only analysts may read this answer"
ROLES = ["moderator", "analyst", "editor", "partner", "none"]
CAN_SEE_RESPONSES = {"moderator", "analyst"}
CAN_MODERATE = {"moderator"}
DENIED = {302, 403, 404}


def consultation_views(pk):
    base = f"/admin/reporting/{pk}/"
    return {
        "moderation: a consultation's responses": (f"/admin/feedback/moderation/responses/{pk}/", CAN_SEE_RESPONSES),
        "reporting: dashboard": (base, CAN_SEE_RESPONSES),
        "reporting: responses": (base + "responses/", CAN_SEE_RESPONSES),
        "reporting: themes": (base + "themes/", CAN_SEE_RESPONSES),
        "reporting: export CSV": (base + "export.csv", CAN_SEE_RESPONSES),
        "reporting: export Excel": (base + "export.xlsx", CAN_SEE_RESPONSES),
        "reporting: publishing log": (base + "publishing/", CAN_SEE_RESPONSES),
        "reporting: engagement report": (base + "report/", CAN_SEE_RESPONSES),
    }


SITE_VIEWS = {
    "moderation queue": ("/admin/feedback/moderation/", CAN_MODERATE),
    "general feedback": ("/admin/feedback/general/", CAN_SEE_RESPONSES),
    "page usefulness": ("/admin/feedback/page-usefulness/", CAN_SEE_RESPONSES),
}


@pytest.fixture
def world(home_page, django_capture_on_commit_callbacks):
    index = make_index(home_page)
    consultation = make_consultation(index, "Stroke services")
    other = make_consultation(index, "Maternity care")
    with django_capture_on_commit_callbacks(execute=True):
        translate_page(home_page, "cy", {})
        translate_page(index, "cy", {})
        translate_page(consultation, "cy", {})
    welsh = translated_instance(consultation, "cy")
    response = make_response(consultation, views=SECRET)
    make_response(other, views="Maternity answer")
    groups = ensure_staff_groups()
    users = {}
    for role in ROLES:
        user = make_staff(role)
        if role == "moderator":
            user.groups.add(groups["Moderators"])
        elif role == "analyst":
            user.groups.add(groups["Analysts"])
        elif role == "editor":
            user.groups.add(groups["Editors"])
        elif role == "partner":
            partner_group, _ = Group.objects.get_or_create(name="Partner staff")
            partner_group.permissions.add(Permission.objects.get(codename="access_admin"))
            user.groups.add(partner_group)
        users[role] = user
    return {"consultation": consultation, "welsh": welsh, "other": other, "response": response, "users": users}


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, world, role):
    """One role per test (the world is built once), every view × language inside; all cells reported."""
    client.force_login(world["users"][role])
    wrong = []
    for language, page in (("en", world["consultation"]), ("cy", world["welsh"])):
        views = {**consultation_views(page.pk), **(SITE_VIEWS if language == "en" else {})}
        views["response detail"] = (f"/admin/reporting/{page.pk}/responses/{world['response'].reference}/", CAN_SEE_RESPONSES)
        for name, (url, allowed) in views.items():
            response = client.get(url)
            status = response.status_code
            body = b"" if getattr(response, "streaming", False) else response.content
            if status >= 500:
                wrong.append(f"{language} {name}: {status}")
            elif role in allowed:
                # The source id must work; a translation's id may be refused (404) but never leak.
                if language == "en" and status != 200:
                    wrong.append(f"{language} {name}: {status}, expected 200")
            elif status not in DENIED or SECRET.encode() in body:
                wrong.append(f"{language} {name}: {status}, expected refusal")
    assert wrong == [], f"{role}: " + "; ".join(wrong)


def test_permission_on_one_consultation_does_not_open_another_or_its_translation(client, world):
    user = make_staff("scoped")
    grant_on_page(user.groups.get(name="scoped-group"), world["other"], VIEW_RESPONSES)
    client.force_login(user)
    for pk in (world["consultation"].pk, world["welsh"].pk):
        for url, _allowed in consultation_views(pk).values():
            response = client.get(url)
            assert response.status_code in DENIED, (url, response.status_code)
    assert client.get(f"/admin/reporting/{world['other'].pk}/").status_code == 200


def test_signed_out_visitors_are_sent_to_sign_in(client, world):
    for url, _allowed in [*consultation_views(world["consultation"].pk).values(), *SITE_VIEWS.values()]:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url
