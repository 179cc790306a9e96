"""Staff and the register: a permission of its own, every view audit-logged, small counts
suppressed outside the register's managers, and inviting a segment: preview, count, send once,
then sent / opened / responded."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from wagtail.models import ModelLogEntry

import pytest

from consultations.choices import Visibility
from feedback.models import Response
from involvement.models import SegmentInvitation
from tests.involvement.conftest import links_in, make_member, open_consultation

pytestmark = pytest.mark.django_db


def staff(username, *codenames):
    user = get_user_model().objects.create_user(username, f"{username}@example.nhs.uk", "pw")
    group = Group.objects.create(name=f"group-{username}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        group.permissions.add(
            Permission.objects.get(content_type__app_label="involvement", codename=codename)
        )
    user.groups.add(group)
    return user


def members(locales, terms, n_welsh=3, n_english=8):
    for n in range(n_english):
        make_member(
            f"en{n}@example.org",
            locales["en"],
            topics=[terms["transport"]],
            needs_bsl=(n == 0),
            about_you={"about_age_band": "25_34"},
        )
    for n in range(n_welsh):
        make_member(
            f"cy{n}@example.org",
            locales["cy"],
            topics=[terms["transport"]],
            about_you={"about_age_band": "65_74"},
        )


def test_the_register_needs_its_own_permission(client, home_page, locales, terms):
    client.force_login(staff("editor"))
    for name in ("involvement_register", "involvement_invite"):
        refused = client.get(reverse(name))  # Wagtail turns PermissionDenied into a redirect home
        assert refused.status_code == 302 and refused.url == reverse("wagtailadmin_home")


def test_small_counts_are_suppressed_for_viewers_and_true_for_managers_and_every_view_is_logged(
    client, home_page, locales, terms
):
    members(locales, terms)
    viewer = staff("viewer", "view_register")
    client.force_login(viewer)
    page = client.get(reverse("involvement_register"), {"language": ""})
    text = page.content.decode()
    assert page.status_code == 200
    assert "fewer than 5" in text  # three Welsh members
    assert "cy0@example.org" not in text  # viewers never see who
    welsh = client.get(reverse("involvement_register"), {"language": "cy"})
    assert 'data-testid="segment-total">fewer than 5<' in welsh.content.decode()
    # The make-up against the census figures (reporting.population): small groups hidden here.
    assert (
        'data-row="about_age_band:65_74"><td>What is your age?</td><td>65 to 74</td>'
        "<td>fewer than 5<" in text
    )
    entries = ModelLogEntry.objects.filter(action="involvement.view_register", user=viewer)
    assert entries.count() == 2 and entries.first().data["segment"]["language"] in {"", "cy"}

    manager = staff("manager", "manage_register")
    client.force_login(manager)
    welsh = client.get(reverse("involvement_register"), {"language": "cy"}).content.decode()
    assert 'data-testid="segment-total">3<' in welsh and "cy0@example.org" in welsh
    everyone = client.get(reverse("involvement_register")).content.decode()
    assert (
        'data-row="about_age_band:65_74"><td>What is your age?</td><td>65 to 74</td><td>3<'
        in everyone
    )
    bsl = client.get(reverse("involvement_register"), {"access_need": "bsl"}).content.decode()
    assert 'data-testid="segment-total">1<' in bsl
    older = client.get(
        reverse("involvement_register"), {"demographic": "about_age_band:65_74"}
    ).content.decode()
    assert 'data-testid="segment-total">3<' in older
    assert (
        ModelLogEntry.objects.filter(action="involvement.view_register", user=manager).count() == 4
    )


def test_inviting_a_segment_previews_sends_once_and_counts_opened_and_responded(
    client, home_page, locales, terms, smtp_server, django_capture_on_commit_callbacks
):
    members(locales, terms)
    consultation = open_consultation(home_page, visibility=Visibility.INVITED)
    assert smtp_server.messages == []  # an invited consultation alerts nobody
    manager = staff("manager", "manage_register")
    client.force_login(manager)

    preview = client.get(
        reverse("involvement_invite"), {"consultation": consultation.pk, "language": "cy"}
    )
    text = preview.content.decode()
    assert "3 members will be invited." in text and "You are invited to take part" in text
    assert smtp_server.messages == []  # previewing sends nothing

    data = {"consultation": consultation.pk, "language": "cy", "confirm": "yes"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("involvement_invite"), data)
    assert response.status_code == 302
    assert smtp_server.recipients() == ["cy0@example.org", "cy1@example.org", "cy2@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(reverse("involvement_invite"), data, follow=True)  # a second click
    assert "Nobody new to invite" in again.content.decode()
    assert len(smtp_server.messages) == 3 and SegmentInvitation.objects.count() == 3
    assert ModelLogEntry.objects.filter(action="involvement.invite", user=manager).count() == 2

    # One invitee opens their link (a consultations.Invitation) and responds.
    body = smtp_server.messages[0]["message"].get_body(("plain",)).get_content()
    link = next(link for link in links_in(body) if "/invitation/" in link)
    visitor = Client()
    visitor.get(link.removeprefix("http://testserver"))
    row = SegmentInvitation.objects.get(member__email=smtp_server.messages[0]["to"][0])
    Response.objects.create(
        consultation=consultation, locale=locales["cy"], invitation=row.invitation
    )

    results = client.get(reverse("involvement_round", args=[row.round_id])).content.decode()
    for name, value in [("total", 3), ("sent", 3), ("opened", 1), ("responded", 1)]:
        assert f'data-count="{name}">{value}<' in results
