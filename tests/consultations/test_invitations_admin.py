"""Staff make, download and revoke invitation links (the views; the browser test clicks them)."""

import csv
import io

from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from wagtail.models import GroupPagePermission

import pytest

from consultations import invitations
from consultations.choices import Visibility
from consultations.models import Invitation
from feedback.models import Response
from tests.feedback.staff_helpers import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited(make_consultation):
    return make_consultation(title="Panel North", slug="panel-north", visibility=Visibility.INVITED)


def admin_url(page):
    return reverse("consultations_invitations", args=[page.pk])


def test_making_links_downloads_them_once_as_csv(admin_client, invited):
    response = admin_client.post(
        admin_url(invited), {"count": "3", "label": "Patient panel, North"}
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Invitation", "Label", "Link"]
    assert len(rows) == 4
    links = [row[2] for row in rows[1:]]
    assert all("/invitation/" in link for link in links)
    assert {row[1] for row in rows[1:]} == {"Patient panel, North"}
    stored = Invitation.objects.filter(consultation=invited)
    assert stored.count() == 3
    assert not any(
        link.rstrip("/").rsplit("/", 1)[-1] in stored.values_list("token", flat=True)
        for link in links
    )
    page = admin_client.get(admin_url(invited)).content.decode()
    assert "3 links: 0 opened, 0 with a response, 0 revoked." in page
    assert links[0] not in page


def test_bad_counts_are_refused_with_a_message(admin_client, invited):
    for count in ["0", "-1", "abc", str(invitations.MAX_PER_BATCH + 1)]:
        response = admin_client.post(admin_url(invited), {"count": count})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")
        assert "error-message" in response.content.decode() or "error" in response.content.decode()
    assert not Invitation.objects.exists()


def test_the_list_shows_opened_and_responded_and_revoke_works(admin_client, invited):
    (opened, raw), (unused, _raw) = invitations.create_invitations(invited, 2, label="Panel")
    Client().get(f"/invitation/{raw}/")
    Response.objects.create(consultation=invited, locale=invited.locale, invitation=opened)

    page = admin_client.get(admin_url(invited)).content.decode()
    assert "2 links: 1 opened, 1 with a response, 0 revoked." in page

    revoked = admin_client.post(
        reverse("consultations_invitation_revoke", args=[invited.pk, unused.pk]), follow=True
    )
    unused.refresh_from_db()
    assert unused.revoked_at is not None
    assert f"Invitation {unused.pk} no longer works." in revoked.content.decode()
    assert "2 links: 1 opened, 1 with a response, 1 revoked." in revoked.content.decode()


def test_staff_who_may_not_edit_the_consultation_are_refused(invited):
    user = make_staff("viewer")
    visitor = Client()
    visitor.force_login(user)

    # Wagtail answers a refused admin view by sending the user back to the dashboard.
    refused = visitor.get(admin_url(invited))
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    assert visitor.post(admin_url(invited), {"count": "2"}).status_code == 302
    assert not Invitation.objects.exists()


def test_staff_who_may_edit_it_can_read_the_invited_page_without_a_link(invited):
    user = make_staff("editor")
    group = Group.objects.get(name="editor-group")
    GroupPagePermission.objects.create(
        group=group, page=invited, permission=Permission.objects.get(codename="change_page")
    )
    visitor = Client()
    visitor.force_login(user)

    assert visitor.get(invited.url).status_code == 200
    assert visitor.get(admin_url(invited)).status_code == 200
    stranger = Client()
    stranger.force_login(make_staff("other"))
    assert stranger.get(invited.url).status_code == 403
