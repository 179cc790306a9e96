"""The send is a deliberate staff step: who may confirm it, scheduling, cancelling by unpublishing,
the record of who did it, and the language each person is written in."""

from datetime import timedelta
from unittest import mock

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone, translation

from wagtail.models import PageLogEntry

import pytest

from home.public_urls import public_url
from tests.youwedid.conftest import confirm_send, make_consultation, make_outcome, make_response
from youwedid import notifications
from youwedid.models import OutcomeNotification
from youwedid.tasks import retry_pending_notifications

WELSH_NOTE = "Nid ydym wedi cyhoeddi'r canlyniad hwn yn eich iaith eto, felly mae'r neges hon a'r dudalen yn Saesneg."


def send_url(outcome):
    return f"/admin/outcomes/{outcome.pk}/emails/"


def staff_in(group_name, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.nhs.uk", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def sweep_at(moment):
    """The cron sweep (`send_outcome_emails`) running at `moment`."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        return retry_pending_notifications.enqueue()


@pytest.fixture
def outcome_with_respondents(home_page, locales):
    consultation = make_consultation(home_page)
    make_response(consultation, locales["en"], email="ann@example.org", wants_outcome=True)
    make_response(consultation, locales["cy"], email="cai@example.org", wants_outcome=True)
    return make_outcome(home_page, [consultation])


@pytest.mark.django_db
def test_only_staff_who_may_publish_the_outcome_can_see_or_confirm_the_send(
    client, outcome_with_respondents, mailoutbox, django_capture_on_commit_callbacks
):
    outcome = outcome_with_respondents
    client.force_login(staff_in("Editors", "editor"))  # may edit, may not publish
    assert client.get(send_url(outcome)).status_code in (302, 403)
    refused = client.post(send_url(outcome), {"when": "now"})
    assert refused.status_code in (302, 403)
    assert not OutcomeNotification.objects.exists() and mailoutbox == []
    edit = client.get(f"/admin/pages/{outcome.pk}/edit/").content.decode()
    assert send_url(outcome) not in edit  # no button or link to a step they may not take

    client.force_login(staff_in("Moderators", "moderator"))  # may publish
    review = client.get(send_url(outcome))
    assert review.status_code == 200
    assert 'data-testid="confirm-send"' in review.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(send_url(outcome), {"when": "now"})
    assert sorted(message.to[0] for message in mailoutbox) == ["ann@example.org", "cai@example.org"]


@pytest.mark.django_db
def test_the_send_screen_counts_people_by_language_and_previews_each(
    admin_client, outcome_with_respondents
):
    outcome = outcome_with_respondents
    plan = notifications.send_plan(outcome)
    assert plan.total == 2
    assert [
        (line.locale.language_code, line.count, line.email_locale.language_code)
        for line in plan.languages
    ] == [
        ("en", 1, "en"),
        ("cy", 1, "en"),  # no Welsh outcome yet: English, with a note in Welsh
    ]
    html = admin_client.get(send_url(outcome) + "?language=cy").content.decode()
    assert WELSH_NOTE in html
    assert "You said, we did: What changed at Eastbrook" in html
    assert not OutcomeNotification.objects.exists()  # looking is not sending
    listing = admin_client.get(f"/admin/pages/{outcome.get_parent().pk}/").content.decode()
    assert send_url(outcome) in listing  # "Email people who took part" in the page's menu


@pytest.mark.django_db
def test_a_time_in_the_past_is_refused_with_a_clear_message(admin_client, outcome_with_respondents):
    past = (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")
    response = admin_client.post(
        send_url(outcome_with_respondents), {"when": "later", "send_at": past}
    )
    assert response.status_code == 200
    assert "Choose a time in the future, or send now." in response.content.decode()
    missing = admin_client.post(
        send_url(outcome_with_respondents), {"when": "later", "send_at": ""}
    )
    assert "Enter the date and time to send the emails." in missing.content.decode()
    assert not OutcomeNotification.objects.exists()


@pytest.mark.django_db
def test_a_scheduled_send_waits_for_its_time_then_goes_once(
    admin_client, admin_user, outcome_with_respondents, mailoutbox
):
    outcome = outcome_with_respondents
    when = timezone.localtime() + timedelta(days=2)
    admin_client.post(
        send_url(outcome), {"when": "later", "send_at": when.strftime("%Y-%m-%d %H:%M")}
    )
    assert (
        OutcomeNotification.objects.filter(status="pending", send_after__isnull=False).count() == 2
    )
    assert mailoutbox == []
    assert notifications.scheduled_for(outcome) is not None

    sweep_at(timezone.now())  # the sweep before the time sends nothing
    (row_id,) = OutcomeNotification.objects.filter(response__email="ann@example.org").values_list(
        "pk", flat=True
    )
    assert notifications.deliver(row_id) is None  # nor does a worker that picks a row up early
    assert mailoutbox == []

    sweep_at(when + timedelta(minutes=1))
    sweep_at(when + timedelta(minutes=2))
    assert sorted(message.to[0] for message in mailoutbox) == ["ann@example.org", "cai@example.org"]
    entry = PageLogEntry.objects.get(page=outcome, action=notifications.SEND_CONFIRMED)
    assert entry.user == admin_user and entry.data["recipients"] == 2 and entry.data["send_after"]


@pytest.mark.django_db
def test_unpublishing_before_a_scheduled_send_cancels_it(
    admin_client, admin_user, outcome_with_respondents, mailoutbox
):
    outcome = outcome_with_respondents
    when = timezone.localtime() + timedelta(hours=3)
    admin_client.post(
        send_url(outcome), {"when": "later", "send_at": when.strftime("%Y-%m-%d %H:%M")}
    )
    assert OutcomeNotification.objects.filter(status="pending").count() == 2

    unpublished = admin_client.post(f"/admin/pages/{outcome.pk}/unpublish/")
    assert unpublished.status_code == 302
    outcome.refresh_from_db()
    assert not outcome.live
    assert not OutcomeNotification.objects.exists()
    cancelled = PageLogEntry.objects.get(page=outcome, action=notifications.SEND_CANCELLED)
    assert cancelled.user == admin_user and cancelled.data["cancelled"] == 2

    sweep_at(when + timedelta(minutes=1))
    assert mailoutbox == []

    # Published again: nothing goes until someone confirms again.
    outcome.get_latest_revision().publish()
    sweep_at(when + timedelta(minutes=2))
    assert mailoutbox == []
    assert notifications.send_plan(outcome).total == 2


@pytest.mark.django_db
def test_unpublishing_a_translation_keeps_the_send(
    home_page, locales, outcome_with_respondents, mailoutbox
):
    outcome = outcome_with_respondents
    welsh = outcome.copy_for_translation(locales["cy"], copy_parents=True)
    welsh.save_revision().publish()
    confirm_send(outcome, send_after=timezone.now() + timedelta(hours=1))
    welsh.refresh_from_db()
    welsh.unpublish()
    assert OutcomeNotification.objects.filter(status="pending").count() == 2


@pytest.mark.django_db
def test_each_person_is_written_to_in_their_language_or_told_why_not(
    home_page, locales, mailoutbox
):
    consultation = make_consultation(home_page)
    for code in ("en", "cy", "pl", "ur"):
        make_response(consultation, locales[code], email=f"{code}@example.org", wants_outcome=True)
    outcome = make_outcome(home_page, [consultation])
    polish = outcome.copy_for_translation(locales["pl"], copy_parents=True)
    polish.title = "Co zmieniliśmy w Eastbrook"
    polish.save_revision().publish()

    confirm_send(outcome)
    bodies = {message.to[0]: message for message in mailoutbox}
    assert len(mailoutbox) == 4

    english = bodies["en@example.org"].body
    assert english.startswith("Thank you for taking part.")
    with translation.override("pl"):
        polish_subject = translation.gettext("You said, we did: %(title)s") % {
            "title": polish.title
        }
        polish_opening = translation.gettext(
            "Thank you for taking part. We have published what happened as a result:"
        )
    assert (
        polish_opening != "Thank you for taking part. We have published what happened as a result:"
    )
    assert bodies["pl@example.org"].subject == polish_subject
    assert bodies["pl@example.org"].body.startswith(polish_opening)  # translated: no note
    assert (
        "/pl/" in bodies["pl@example.org"].body and "Saesneg" not in bodies["pl@example.org"].body
    )

    welsh = bodies["cy@example.org"]
    first_line, rest = welsh.body.split("\n", 1)
    assert first_line == WELSH_NOTE
    assert rest.strip().startswith("Thank you for taking part.")  # the rest in the source language
    assert welsh.subject == "You said, we did: What changed at Eastbrook"
    assert public_url(outcome) in welsh.body

    urdu_first_line = bodies["ur@example.org"].body.split("\n", 1)[0]
    assert (
        urdu_first_line
        == "ہم نے یہ نتیجہ ابھی آپ کی زبان میں شائع نہیں کیا، اس لیے یہ ای میل اور صفحہ انگلش میں ہیں۔"
    )


@pytest.mark.django_db
def test_a_row_picked_up_after_unpublishing_is_dropped_not_sent(
    outcome_with_respondents, mailoutbox
):
    outcome = outcome_with_respondents
    ids = notifications.confirm_send(outcome, None)  # confirmed, not yet handed to a worker
    type(outcome).objects.filter(pk=outcome.pk).update(live=False)  # unpublished without the signal
    assert [notifications.deliver(pk) for pk in ids] == ["cancelled", "cancelled"]
    assert mailoutbox == [] and not OutcomeNotification.objects.exists()
