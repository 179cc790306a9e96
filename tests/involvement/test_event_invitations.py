"""Inviting a segment of the register to an event (issue 17): preview, count, send once through
home.outbox (a real SMTP server on loopback, two workers, a failure, a dead worker, a restart),
each email in the member's language with List-Unsubscribe headers, the event's date, place and
access, a tracked link ("opened") and "I'll come" / "I can't come" links that change nothing on
GET. Staff see sent / opened / said yes / said no."""

import time
from datetime import timedelta
from unittest import mock

from django.core.mail import EmailMessage
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest

from consultations.choices import Visibility
from consultations.invitations import revoke
from consultations.models import ConsultationEvent, Invitation
from home.translation import translate_page, translated_instance
from involvement import events, invitations, segments, sending, tasks
from involvement.models import InvitationRound, Member, SegmentInvitation
from tests.involvement.conftest import links_in, make_member, open_consultation
from tests.involvement.test_staff import members, staff

pytestmark = pytest.mark.django_db
# Opened long enough ago that the sweep owes nobody a "now open" alert: only invitations go.
OPEN_A_WHILE = timedelta(days=10)


def with_events(page, starts_in=timedelta(days=5)):
    """Two events on the consultation: a drop-in with its access, and an online session."""
    starts = (timezone.now() + starts_in).replace(hour=14, minute=0, second=0, microsecond=0)
    page.events = [
        ConsultationEvent(
            kind="listening_event",
            title="Drop-in at Eastbrook Library",
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            venue="Eastbrook Library, Room 2",
            address="1 High Street\nEastbrook EB1 1AA",
            bsl_interpreter=True,
            hearing_loop=True,
            step_free=True,
            adjustments="Call 0300 123 4567 three days before.",
        ),
        ConsultationEvent(
            kind="online_session",
            title="Online questions and answers",
            starts_at=starts + timedelta(days=2),
            joining_link="https://meet.example.nhs.uk/eastbrook",
        ),
    ]
    page.save_revision().publish()
    return list(ConsultationEvent.objects.filter(page_id=page.pk).order_by("sort_order"))


def body_of(item):
    return item["message"].get_body(("plain",)).get_content()


def invite(client, event, capture, **segment):
    data = {"target": f"event-{event.pk}", "confirm": "yes", **segment}
    with capture(execute=True):
        return client.post(reverse("involvement_invite"), data, follow=True)


def test_an_event_round_previews_counts_sends_once_and_counts_opened_yes_and_no(
    client, home_page, locales, terms, smtp_server, django_capture_on_commit_callbacks
):
    members(locales, terms)
    consultation = open_consultation(home_page)
    drop_in, _online = with_events(consultation)
    manager = staff("manager", "manage_register")
    client.force_login(manager)

    # The form offers the event; the preview counts the segment and shows the email.
    form = client.get(reverse("involvement_invite")).content.decode()
    assert f'value="event-{drop_in.pk}"' in form and "Drop-in at Eastbrook Library" in form
    preview = client.get(
        reverse("involvement_invite"), {"target": f"event-{drop_in.pk}", "language": "cy"}
    ).content.decode()
    assert "3 members will be invited." in preview
    assert "You are invited to an event: Drop-in at Eastbrook Library" in preview
    assert "British Sign Language interpreter" in preview and "Hearing loop" in preview
    assert smtp_server.messages == []  # previewing sends nothing

    sent = invite(client, drop_in, django_capture_on_commit_callbacks, language="cy")
    assert "Invitations queued: 3." in sent.content.decode()
    assert smtp_server.recipients() == ["cy0@example.org", "cy1@example.org", "cy2@example.org"]
    again = invite(client, drop_in, django_capture_on_commit_callbacks, language="cy")
    assert "invited to this event already" in again.content.decode()  # a second click
    assert len(smtp_server.messages) == 3 and SegmentInvitation.objects.count() == 3
    entries = ModelLogEntry.objects.filter(action="involvement.invite", user=manager)
    assert entries.count() == 2 and entries.first().data["event"] == drop_in.pk
    assert ModelLogEntry.objects.filter(
        action="involvement.invite_preview", user=manager, data__event=drop_in.pk
    ).exists()

    # The email: Welsh (the members' language), one-click unsubscribe, the event's details.
    message = smtp_server.messages[0]["message"]
    assert message["Subject"] == "Gwahoddiad i ddigwyddiad: Drop-in at Eastbrook Library"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = message["List-Unsubscribe"].strip()
    assert unsubscribe.startswith("<http") and "/cy/get-involved/unsubscribe/" in unsubscribe
    body = body_of(smtp_server.messages[0])
    for text in (
        "Eastbrook Library, Room 2, 1 High Street, Eastbrook EB1 1AA",
        "14:00 i 16:00",  # Welsh reads the 24-hour clock
        "Dehonglydd Iaith Arwyddion Prydain",
        "Dolen sain",
        "Call 0300 123 4567 three days before.",
    ):
        assert text in body, text
    links = [link for link in links_in(body) if "/get-involved/event/" in link]
    opened, yes, no = links
    assert yes.endswith("/reply/yes/") and no.endswith("/reply/no/")

    # Inviting the same people to the consultation itself is a round of its own.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("involvement_invite"),
            {"target": f"consultation-{consultation.pk}", "language": "cy", "confirm": "yes"},
        )
    assert len(smtp_server.messages) == 6

    # Ann opens the event link: counted once, and she lands on the event.
    visitor = Client()
    landed = visitor.get(opened.removeprefix("http://testserver"))
    assert landed.status_code == 302 and landed.url.endswith(f"#event-{drop_in.pk}")
    visitor.get(opened.removeprefix("http://testserver"))
    page = visitor.get(landed.url.split("#")[0]).content.decode()
    assert f'id="event-{drop_in.pk}"' in page

    # A mail scanner opening the reply links changes nothing; the button does.
    row = SegmentInvitation.objects.get(
        member__email=smtp_server.messages[0]["to"][0], event=drop_in
    )
    scanner = Client()
    confirm_page = scanner.get(yes.removeprefix("http://testserver"))
    assert confirm_page.status_code == 200
    scanner.get(no.removeprefix("http://testserver"))
    row.refresh_from_db()
    assert row.reply == "" and row.replied_at is None
    assert 'name="reply" value="yes"' in confirm_page.content.decode()
    thanks = visitor.post(yes.removeprefix("http://testserver"), {"reply": "yes"})
    assert thanks.status_code == 200 and 'data-testid="event-replied"' in thanks.content.decode()
    row.refresh_from_db()
    assert row.reply == "yes" and row.replied_at is not None

    # A second member says no from their link without opening the event first.
    other = smtp_server.messages[1]
    other_no = [link for link in links_in(body_of(other)) if link.endswith("/reply/no/")][0]
    Client().post(other_no.removeprefix("http://testserver"), {"reply": "no"})

    results = client.get(reverse("involvement_round", args=[row.round_id])).content.decode()
    for name, value in [("total", 3), ("sent", 3), ("opened", 2), ("yes", 1), ("no", 1)]:
        assert f'data-count="{name}">{value}<' in results, name
    assert invitations.round_results(row.round)["responded"] == 1  # for an event: said yes

    # Leaving erases the invitation and its reply; the links stop working.
    Member.objects.get(email=row.member.email).delete()
    assert Client().get(yes.removeprefix("http://testserver")).status_code == 404
    assert Client().get(opened.removeprefix("http://testserver")).status_code == 404


def test_an_event_of_an_invited_consultation_lets_the_invitee_in_until_revoked(
    home_page, locales, terms, smtp_server, django_capture_on_commit_callbacks
):
    make_member("ann@example.org", locales["en"])
    consultation = open_consultation(home_page, visibility=Visibility.INVITED)
    drop_in, _online = with_events(consultation)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_round, count = invitations.invite_segment(consultation, {}, None, event=drop_in)
        tasks.send_invitation_round.enqueue(invitation_round.pk)
    assert count == 1 and smtp_server.recipients() == ["ann@example.org"]
    message = smtp_server.messages[0]["message"]
    assert message["Subject"] == "You are invited to an event: Drop-in at Eastbrook Library"
    opened = next(link for link in links_in(body_of(smtp_server.messages[0])) if "/event/" in link)

    stranger = Client()
    assert stranger.get(consultation.url).status_code == 403  # by invitation only
    ann = Client()
    landed = ann.get(opened.removeprefix("http://testserver"))
    assert landed.status_code == 302
    assert ann.get(consultation.url).status_code == 200  # the event link let her in

    row = SegmentInvitation.objects.get()
    assert row.invitation.first_opened_at is not None
    revoke(row.invitation)
    assert Client().get(opened.removeprefix("http://testserver")).status_code == 404
    assert ann.get(consultation.url).status_code == 403


def test_the_event_invitation_is_in_the_members_language_when_the_event_is_translated(
    home_page, locales, terms, smtp_server, django_capture_on_commit_callbacks
):
    make_member("cai@example.org", locales["cy"])
    make_member("pia@example.org", locales["pl"])
    consultation = open_consultation(home_page)
    drop_in, _online = with_events(consultation)
    for source in (home_page, consultation.get_parent(), consultation):
        translate_page(
            source.specific, "cy", {"Drop-in at Eastbrook Library": "Galw heibio yn Llyfrgell"}
        )
    welsh = translated_instance(consultation, "cy")
    welsh_event = welsh.events.get(translation_key=drop_in.translation_key)
    assert welsh_event.title == "Galw heibio yn Llyfrgell"

    with django_capture_on_commit_callbacks(execute=True):
        invitation_round, _count = invitations.invite_segment(consultation, {}, None, event=drop_in)
        tasks.send_invitation_round.enqueue(invitation_round.pk)
    by_person = {item["to"][0]: item for item in smtp_server.messages}
    assert (
        by_person["cai@example.org"]["message"]["Subject"]
        == "Gwahoddiad i ddigwyddiad: Galw heibio yn Llyfrgell"
    )
    # No Polish translation of the page: the Polish email's words are Polish, the event English.
    polish = by_person["pia@example.org"]["message"]
    assert polish["Subject"] == "Zaproszenie na wydarzenie: Drop-in at Eastbrook Library"
    assert "Kiedy" in body_of(by_person["pia@example.org"])

    welsh_link = next(
        link for link in links_in(body_of(by_person["cai@example.org"])) if "/event/" in link
    )
    assert "/cy/get-involved/event/" in welsh_link
    landed = Client().get(welsh_link.removeprefix("http://testserver"))
    assert landed.url == f"{welsh.url}#event-{welsh_event.pk}"


def test_two_workers_a_failure_a_dead_worker_and_a_restart_send_each_event_invitation_once(
    home_page, locales, terms, smtp_server, django_capture_on_commit_callbacks
):
    for n in range(4):
        make_member(f"person{n}@example.org", locales["en"])
    consultation = open_consultation(home_page, opened_ago=OPEN_A_WHILE)
    drop_in, _online = with_events(consultation)
    with django_capture_on_commit_callbacks(execute=False):  # hold the tasks: we play the workers
        invitation_round, count = invitations.invite_segment(consultation, {}, None, event=drop_in)
    ids = sending.pending_ids(SegmentInvitation, round_id=invitation_round.pk)
    assert count == 4 and len(ids) == 4

    original_send = EmailMessage.send
    contested = []
    failed_once = []

    def send_while_b_tries(message, *args, **kwargs):
        row = SegmentInvitation.objects.get(member__email=message.to[0])
        contested.append(sending.deliver_invitation(row.pk))  # worker B, at the worst moment
        if message.to == ["person0@example.org"] and not failed_once:
            failed_once.append(True)
            raise OSError("connection reset")
        return original_send(message, *args, **kwargs)

    with mock.patch.object(EmailMessage, "send", send_while_b_tries):
        for row_id in ids:
            sending.deliver_invitation(row_id)  # worker A
    assert contested == [None, None, None, None]
    assert SegmentInvitation.objects.get(member__email="person0@example.org").status == "pending"

    SegmentInvitation.objects.filter(member__email="person3@example.org").update(
        status="sending", claimed_at=timezone.now() - timedelta(hours=1)
    )
    tasks.sweep.enqueue()
    tasks.sweep.enqueue()
    assert smtp_server.recipients() == [
        "person0@example.org",
        "person1@example.org",
        "person2@example.org",
        "person3@example.org",
    ]
    assert SegmentInvitation.objects.filter(status="sent").count() == 3
    assert SegmentInvitation.objects.get(member__email="person3@example.org").status == "failed"
    # Each sent email carried its own link (the retry made a new one; the failed one is unused).
    sent = SegmentInvitation.objects.filter(status="sent")
    assert len({row.invitation_id for row in sent}) == 3


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_sends_an_event_round_once_after_a_restart(
    home_page, locales, terms, smtp_server, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    make_member("ann@example.org", locales["en"])
    make_member("cai@example.org", locales["cy"])
    consultation = open_consultation(home_page, opened_ago=OPEN_A_WHILE)
    drop_in, _online = with_events(consultation)
    invitation_round, _count = invitations.invite_segment(consultation, {}, None, event=drop_in)
    tasks.send_invitation_round.enqueue(invitation_round.pk)
    assert smtp_server.messages == []

    def drain():
        call_command("db_worker", "--batch", "--interval", "0", verbosity=0)

    drain()
    drain()  # a second worker, or the same one restarted
    tasks.send_invitation_round.enqueue(invitation_round.pk)  # a second click's task
    drain()
    time.sleep(0.2)
    assert smtp_server.recipients() == ["ann@example.org", "cai@example.org"]
    assert SegmentInvitation.objects.filter(status="sent").count() == 2


def test_an_event_that_has_started_is_not_sent_and_takes_no_replies(
    client, home_page, locales, terms, smtp_server, django_capture_on_commit_callbacks
):
    make_member("ann@example.org", locales["en"])
    make_member("bob@example.org", locales["en"])
    consultation = open_consultation(home_page)
    drop_in, _online = with_events(consultation)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_round, _count = invitations.invite_segment(consultation, {}, None, event=drop_in)
        ann_row = SegmentInvitation.objects.get(member__email="ann@example.org")
        sending.deliver_invitation(ann_row.pk)
    assert smtp_server.recipients() == ["ann@example.org"]
    yes = next(link for link in links_in(body_of(smtp_server.messages[0])) if "/yes/" in link)

    ConsultationEvent.objects.filter(pk=drop_in.pk).update(
        starts_at=timezone.now() - timedelta(minutes=5)
    )
    tasks.send_invitation_round.enqueue(invitation_round.pk)
    assert smtp_server.recipients() == ["ann@example.org"]  # too late for Bob: not sent
    assert SegmentInvitation.objects.get(member__email="bob@example.org").status == "cancelled"

    page = client.get(yes.removeprefix("http://testserver"))
    assert "This event has already started" in page.content.decode()
    client.post(yes.removeprefix("http://testserver"), {"reply": "yes"})
    assert SegmentInvitation.objects.get(pk=ann_row.pk).reply == ""
    # Staff can no longer choose it.
    assert not events.upcoming_events().filter(pk=drop_in.pk).exists()


def test_bad_event_links_and_answers_are_a_clear_404_not_a_500(
    client, home_page, locales, terms, smtp_server, django_capture_on_commit_callbacks
):
    make_member("ann@example.org", locales["en"])
    consultation = open_consultation(home_page)
    drop_in, _online = with_events(consultation)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_round, _count = invitations.invite_segment(consultation, {}, None, event=drop_in)
        tasks.send_invitation_round.enqueue(invitation_round.pk)
    yes = next(link for link in links_in(body_of(smtp_server.messages[0])) if "/yes/" in link)
    token = yes.split("/event/")[1].split("/")[0]
    for path in (
        "/get-involved/event/not-a-token/",
        "/get-involved/event/not-a-token/reply/yes/",
        f"/get-involved/event/{token[:-3]}abc/reply/yes/",
    ):
        assert client.get(path).status_code == 404, path
        assert "This link does not work" in client.get(path).content.decode()
    assert client.post("/get-involved/event/not-a-token/reply/no/").status_code == 404
    # An unknown button value falls back to the link's own answer.
    client.post(f"/get-involved/event/{token}/reply/yes/", {"reply": "perhaps"})
    assert SegmentInvitation.objects.get().reply == "yes"


def test_an_event_round_reaches_only_people_not_yet_invited_to_that_event(
    home_page, locales, terms
):
    members(locales, terms)
    consultation = open_consultation(home_page)
    drop_in, online = with_events(consultation)
    welsh = segments.SegmentForm({"language": "cy"}).segment()
    assert invitations.preview(consultation, welsh, event=drop_in)["new"] == 3
    invitations.invite_segment(consultation, welsh, None, event=drop_in)
    everyone = segments.SegmentForm({}).segment()
    plan = invitations.preview(consultation, everyone, event=drop_in)
    assert plan == {"in_segment": 11, "already": 3, "new": 8}
    _round, count = invitations.invite_segment(consultation, everyone, None, event=drop_in)
    assert count == 8
    # The other event and the consultation itself are separate: nobody is invited there yet.
    assert invitations.preview(consultation, everyone, event=online)["new"] == 11
    assert invitations.preview(consultation, everyone)["new"] == 11
    # An event of another consultation is refused, not silently mixed in.
    other = open_consultation(home_page, slug="other", title="Other")
    with pytest.raises(ValueError):
        sending.queue_invitations(other, Member.objects.all(), event=drop_in)
    assert InvitationRound.objects.filter(event=drop_in).count() == 2
    assert Invitation.objects.count() == 0  # links are made when each email is sent
