"""Data protection: a response is linked to a member only when they tick the box as they send it;
retention and erasure cover the register, alerts and invitations; the privacy notice section says
the periods the code applies."""

from datetime import timedelta

from django.utils import timezone

import pytest

from feedback.models import Response
from involvement import privacy, sending
from involvement.models import Alert, InvitationRound, Member, ResponseLink, SegmentInvitation
from reporting.retention import apply_personal_data_retention, erase_person, find_person
from tests.factories import add_form
from tests.involvement.conftest import make_member, open_consultation

pytestmark = pytest.mark.django_db
QUESTION = [
    {
        "key": "why",
        "label": "What would help you get there?",
        "field_type": "long_text",
        "max_length": 500,
    }
]


def respond(client, form, data):
    client.post(f"{form.url}step/1/", {"action": "continue", "why": "A later bus."})
    check = client.get(f"{form.url}check/")
    key = check.content.decode().split('name="idempotency_key" value="', 1)[1].split('"', 1)[0]
    client.post(f"{form.url}check/", {"idempotency_key": key, **data})
    return check.content.decode()


@pytest.mark.parametrize("ticked", [True, False])
def test_a_response_is_linked_to_the_member_only_when_they_tick_the_box(
    client, home_page, locales, settings, ticked
):
    settings.RECAPTCHA_ENABLED = False
    member = make_member("ann@example.org", locales["en"])
    consultation = open_consultation(home_page)
    form = add_form(consultation, QUESTION)
    client.get(
        f"/get-involved/visit/{sending.visit_token(member, consultation)}/"
    )  # the alert's link
    check_page = respond(client, form, {"involvement_link": "yes"} if ticked else {})
    assert "Link this response to my register membership" in check_page
    response = Response.objects.get()
    assert ResponseLink.objects.filter(response=response, member=member).exists() is ticked
    assert not hasattr(response, "member")  # the Response itself records nobody


def test_a_visitor_who_came_from_no_email_is_not_offered_the_box(
    client, home_page, locales, settings
):
    settings.RECAPTCHA_ENABLED = False
    make_member("ann@example.org", locales["en"])
    form = add_form(open_consultation(home_page), QUESTION)
    check_page = respond(client, form, {"involvement_link": "yes"})  # a forged tick changes nothing
    assert "Link this response" not in check_page
    assert not ResponseLink.objects.exists()


def test_erasure_by_email_removes_the_member_their_alerts_invitations_and_links(home_page, locales):
    member = make_member("Bea@Example.org".lower(), locales["en"])
    consultation = open_consultation(home_page)
    Alert.objects.create(member=member, consultation=consultation, kind="opened", status="sent")
    SegmentInvitation.objects.create(
        round=InvitationRound.objects.create(consultation=consultation),
        member=member,
        consultation=consultation,
    )
    ResponseLink.objects.create(
        member=member,
        response=Response.objects.create(consultation=consultation, locale=locales["en"]),
    )
    assert find_person("BEA@example.org") == {
        "register_alerts": 1,
        "register_invitations": 1,
        "register_members": 1,
    }
    counts = erase_person("BEA@example.org", None)
    assert counts == {"register_alerts": 1, "register_invitations": 1, "register_members": 1}
    assert not Member.objects.exists() and not ResponseLink.objects.exists()


def test_retention_removes_unconfirmed_sign_ups_and_old_email_records_only(home_page, locales):
    old = make_member("old@example.org", locales["en"], confirmed=False)
    fresh = make_member("fresh@example.org", locales["en"], confirmed=False)
    kept = make_member("kept@example.org", locales["en"])
    Member.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    consultation = open_consultation(home_page)
    sent = Alert.objects.create(
        member=kept, consultation=consultation, kind="opened", status="sent"
    )
    waiting = Alert.objects.create(member=kept, consultation=consultation, kind="closing")
    Alert.objects.filter(pk__in=[sent.pk, waiting.pk]).update(
        created_at=timezone.now() - timedelta(days=400)
    )
    counts = apply_personal_data_retention()
    assert counts["register_unconfirmed"] == 1 and counts["register_alerts"] == 1
    assert set(Member.objects.values_list("email", flat=True)) == {
        "fresh@example.org",
        "kept@example.org",
    }
    assert list(Alert.objects.values_list("pk", flat=True)) == [
        waiting.pk
    ]  # never one still to send
    assert fresh.pk


def test_the_privacy_notice_section_states_the_periods_the_code_applies(settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = {"register_unconfirmed": 14}
    heading, paragraphs = privacy.section()
    assert heading == "The involvement register and alerts"
    assert (
        "after 14 days" in paragraphs[1]
        and "after 1095 days" in paragraphs[1]
        and "after 365 days" in paragraphs[1]
    )


def test_a_membership_lasts_three_years_from_its_last_email_after_the_email_record_is_gone(
    home_page, locales, smtp_server
):
    """Email records go after a year, so the three years run from `Member.last_emailed_at`,
    which sending an alert or invitation sets. (Reading the records instead removed a member
    emailed two years ago.)"""
    now = timezone.now()
    emailed = make_member("emailed@example.org", locales["en"])
    silent = make_member("silent@example.org", locales["en"])
    consultation = open_consultation(home_page)
    old_alert = Alert.objects.create(
        member=emailed, consultation=consultation, kind="opened", status="sent"
    )
    Alert.objects.filter(pk=old_alert.pk).update(
        created_at=now - timedelta(days=730), sent_at=now - timedelta(days=730)
    )
    Member.objects.filter(pk=emailed.pk).update(
        updated_at=now - timedelta(days=4 * 365), last_emailed_at=now - timedelta(days=730)
    )
    Member.objects.filter(pk=silent.pk).update(updated_at=now - timedelta(days=4 * 365))
    counts = apply_personal_data_retention()
    assert counts["register_alerts"] == 1 and counts["register_members"] == 1
    assert list(Member.objects.values_list("email", flat=True)) == ["emailed@example.org"]

    # Sending an alert is what sets it.
    fresh = Alert.objects.create(member=emailed, consultation=consultation, kind="closing")
    assert sending.deliver_alert(fresh.pk) == "sent"
    emailed.refresh_from_db()
    assert emailed.last_emailed_at > now - timedelta(minutes=1)
