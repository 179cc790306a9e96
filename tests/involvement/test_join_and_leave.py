"""Joining the register (double opt-in by emailed link), changing, pausing and leaving it: what a
person sees and what is stored, through the real views."""

from django.core import mail
from django.urls import reverse

import pytest

from consultations.models import Area
from feedback.models import Response
from involvement import register, segments
from involvement.models import Alert, InvitationRound, Member, ResponseLink, SegmentInvitation
from tests.involvement.conftest import links_in, make_member, open_consultation

pytestmark = pytest.mark.django_db


def join(client, data, capture, path=None):
    with capture(execute=True):
        return client.post(path or reverse("involvement:join"), data)


def test_only_the_email_is_needed_and_nothing_counts_until_the_link_is_followed(
    client, home_page, terms, django_capture_on_commit_callbacks
):
    response = join(client, {"email": "Ann@Example.org"}, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response.url == reverse("involvement:check_email")
    member = Member.objects.get()
    assert member.email == "ann@example.org" and not member.confirmed and member.status == "pending"
    assert member.consents == {} and member.about_you == {} and not member.topics.exists()

    (email,) = mail.outbox
    assert email.to == ["ann@example.org"] and email.subject == "Confirm your email address"
    confirm_link = next(link for link in links_in(email.body) if "/confirm/" in link)
    path = confirm_link.removeprefix("http://testserver")
    page = client.get(path)
    assert b"Confirm your email address" in page.content
    member.refresh_from_db()
    assert not member.confirmed  # opening the link (a mail scanner may) confirms nothing
    response = client.post(path)
    assert response.status_code == 302 and "/manage/" in response.url
    member.refresh_from_db()
    assert member.confirmed and member.status == "active"


def test_each_part_is_kept_only_with_its_own_consent(
    client, home_page, terms, django_capture_on_commit_callbacks
):
    data = {
        "email": "bea@example.org",
        "topics": [terms["transport"].pk],
        "areas": [terms["eastbrook"].pk],
        "ways": ["online", "post"],
        "access_needs": ["bsl", "interpreter"],
        "interpreter_language": "Polish",
        "about_age_band": "25_34",
        "about_postcode_district": "nf1 2ab",
    }
    page = join(client, data, django_capture_on_commit_callbacks)
    assert page.status_code == 200
    text = page.content.decode()
    assert "There is a problem" in text
    for message in [
        "To keep your topics and areas, tick the box to agree, or clear them",
        "To keep how you like to take part, tick the box to agree, or clear it",
        "To keep your access needs, tick the box to agree, or clear them",
        "To keep your answers about you, tick the box to agree, or clear them",
    ]:
        assert message in text
    assert 'href="#id_consent_interests"' in text
    assert not Member.objects.exists() and mail.outbox == []

    # Two of the four parts agreed to; the answers of the other two taken back.
    data.update(consent_interests="on", consent_access="on")
    for name in ("ways", "about_age_band", "about_postcode_district"):
        del data[name]
    join(client, data, django_capture_on_commit_callbacks)
    member = Member.objects.get()
    assert list(member.topics.all()) == [terms["transport"]] and list(member.areas.all()) == [
        terms["eastbrook"]
    ]
    assert member.needs_bsl and member.needs_interpreter and member.interpreter_language == "Polish"
    assert not member.way_online and not member.way_post and member.about_you == {}
    assert set(member.consents) == {"interests", "access"}


def test_about_you_uses_the_response_forms_categories(
    client, home_page, django_capture_on_commit_callbacks
):
    page = client.get(reverse("involvement:join"))
    text = page.content.decode()
    assert "What is your ethnic group?" in text and "Asian or Asian British: Bangladeshi" in text
    join(
        client,
        {
            "email": "cal@example.org",
            "about_ethnicity": "white_roma",
            "about_postcode_district": "nf1 2ab",
            "consent_about_you": "on",
        },
        django_capture_on_commit_callbacks,
    )
    assert Member.objects.get().about_you == {
        "about_ethnicity": "white_roma",
        "about_postcode_district": "NF1",
    }
    bad = client.post(
        reverse("involvement:join"),
        {"email": "dee@example.org", "about_ethnicity": "martian", "consent_about_you": "on"},
    )
    assert "Select one of the answers" in bad.content.decode()
    bad = client.post(reverse("involvement:join"), {"email": "not an address"})
    assert (
        "Enter an email address in the correct format, like name@example.com"
        in bad.content.decode()
    )


def test_joining_again_with_a_confirmed_address_changes_nothing_and_sends_their_own_link(
    client, home_page, locales, terms, django_capture_on_commit_callbacks
):
    member = make_member("eve@example.org", locales["cy"], topics=[terms["transport"]])
    join(
        client,
        {
            "email": "EVE@example.org",
            "topics": [terms["mental-health"].pk],
            "consent_interests": "on",
        },
        django_capture_on_commit_callbacks,
    )
    member.refresh_from_db()
    assert list(member.topics.all()) == [terms["transport"]] and member.locale == locales["cy"]
    (email,) = mail.outbox
    assert email.subject == "Eich dolen i reoli sut rydym yn eich cynnwys"  # in her language
    assert register.manage_url(member) in email.body


def test_a_member_changes_interests_pauses_and_resumes_from_the_link(
    client, home_page, locales, terms
):
    member = make_member("fay@example.org", locales["en"], topics=[terms["transport"]])
    path = reverse("involvement:manage", args=[register.token_for(member)])
    page = client.get(path)
    assert page.status_code == 200 and "fay@example.org" in page.content.decode()
    saved = client.post(
        path,
        {
            "action": "save",
            "areas": [terms["westmere"].pk],
            "consent_interests": "on",
            "ways": ["phone"],
            "consent_ways": "on",
        },
    )
    assert "Your choices are saved." in saved.content.decode()
    member.refresh_from_db()
    assert (
        list(member.topics.all()) == []
        and list(member.areas.all()) == [terms["westmere"]]
        and member.way_phone
    )
    paused = client.post(path, {"action": "pause"})
    assert "Emails are paused" in paused.content.decode()
    assert Member.objects.get(pk=member.pk).status == "paused"
    client.post(path, {"action": "resume"})
    assert Member.objects.get(pk=member.pk).status == "active"
    assert client.get(reverse("involvement:manage", args=["forged"])).status_code == 404


def test_leaving_erases_the_member_and_everything_about_them(client, home_page, locales, terms):
    member = make_member(
        "gil@example.org",
        locales["en"],
        topics=[terms["transport"]],
        areas=[terms["eastbrook"]],
        about_you={"about_sex": "male"},
    )
    consultation = open_consultation(home_page)
    Alert.objects.create(member=member, consultation=consultation, kind="opened", status="sent")
    invitation_round = InvitationRound.objects.create(consultation=consultation)
    SegmentInvitation.objects.create(
        round=invitation_round, member=member, consultation=consultation
    )
    response = Response.objects.create(consultation=consultation, locale=locales["en"])
    ResponseLink.objects.create(member=member, response=response)
    token = register.token_for(member)

    page = client.get(reverse("involvement:leave", args=[token]))
    assert "This cannot be undone." in page.content.decode()
    done = client.post(reverse("involvement:leave", args=[token]))
    assert "You have left the register" in done.content.decode()
    assert "We have deleted your email address" in done.content.decode()
    assert not Member.objects.filter(email="gil@example.org").exists()
    assert (
        not Alert.objects.exists()
        and not SegmentInvitation.objects.exists()
        and not ResponseLink.objects.exists()
    )
    assert not Member.topics.through.objects.exists() and not Member.areas.through.objects.exists()
    assert Response.objects.filter(pk=response.pk).exists()  # the response stays, unlinked
    assert Area.objects.filter(pk=terms["eastbrook"].pk).exists()
    assert (
        client.get(reverse("involvement:manage", args=[token])).status_code == 404
    )  # the old link is dead


def test_every_page_is_in_every_language(client, home_page):
    for code, heading in [("cy", "Cymryd rhan"), ("pl", "Zaangażuj się"), ("ur", "شامل ہوں")]:
        page = client.get(f"/{code}/get-involved/")
        assert page.status_code == 200
        assert f'lang="{code}"' in page.content.decode() and heading in page.content.decode()


def test_an_alert_only_sign_up_confirms_gets_no_register_invitations_and_one_click_removes_it(
    client, home_page, terms, django_capture_on_commit_callbacks
):
    data = {"email": "al@example.org", "topics": [terms["transport"].pk], "consent_interests": "on"}
    response = join(client, data, django_capture_on_commit_callbacks, reverse("involvement:alerts"))
    assert response.status_code == 302
    member = Member.objects.get()
    assert member.kind == "alerts" and list(member.topics.all()) == [terms["transport"]]
    (email,) = mail.outbox
    confirm = next(link for link in links_in(email.body) if "/confirm/" in link)
    client.post(confirm.removeprefix("http://testserver"))
    member.refresh_from_db()
    assert member.confirmed and member.status == "active"

    # Staff segments are the register only: an alert-only sign-up is never invited.
    assert not segments.members_in(segments.SegmentForm({}).segment()).filter(pk=member.pk)

    # The one-click unsubscribe a mail client posts (no CSRF token) deletes the sign-up.
    path = reverse("involvement:unsubscribe", args=[register.token_for(member)])
    page = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert (
        page.status_code == 200 and "We have deleted your alert sign-up." in page.content.decode()
    )
    assert not Member.objects.exists()
