"""Retention and erasure reach every kind of personal data the site holds (issue 15)."""

import datetime

from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest

from consultations.models import FormatRequest
from feedback.models import Draft, GeneralFeedback, PageUsefulness
from partners.models import WebhookDelivery, WebhookSubscription
from reporting import retention
from youwedid.models import OutcomeNotification

from .conftest import make_response

pytestmark = pytest.mark.django_db

SAM = "sam@example.org"
KIM = "kim@example.org"
EVERY_KIND = {
    "format_requests",
    "general_feedback",
    "page_comments",
    "drafts",
    "sessions",
    "outcome_notifications",
    "webhook_deliveries",
}


def ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def seed_person(consultation, form_page, email, *, days_ago, outcome_key):
    """One row of every kind for this person, `days_ago` days old."""
    when = ago(days_ago)
    response = make_response(
        consultation,
        {"support": "agree", "reasons": f"I am {email}"},
        email=email,
        name="Person",
        wants_outcome=True,
    )
    FormatRequest.objects.create(
        consultation=consultation,
        format="braille",
        name="Person",
        email=email,
        phone="01234 567890",
        postal_address="4 Mill Lane",
        details="Please post it",
        created_at=when,
    )
    GeneralFeedback.objects.create(
        what_happened=f"Write to {email}", email=email, name="Person", phone="0123", created_at=when
    )
    PageUsefulness.objects.create(
        path="/", useful=False, comment=f"Reply to {email}", created_at=when
    )
    Draft.objects.create(
        token_hash=f"hash-{email}-{days_ago}",
        form_page=form_page,
        consultation=consultation,
        locale=consultation.locale,
        data={"respondent_email": email},
        email=email,
        created_at=when,
        updated_at=when,
        expires_at=timezone.now() + datetime.timedelta(days=60),
    )
    store = SessionStore()
    store["hys_form"] = {"data": {"respondent_email": [email]}}
    store.create()
    Session.objects.filter(session_key=store.session_key).update(expire_date=when)
    notification = OutcomeNotification.objects.create(
        outcome_key=outcome_key, response=response, status="sent", sent_at=when
    )
    OutcomeNotification.objects.filter(pk=notification.pk).update(created_at=when)
    subscription, _created = WebhookSubscription.objects.get_or_create(
        name="Receiver", url="https://hooks.example/in", secret="s" * 32
    )
    WebhookDelivery.objects.create(
        subscription=subscription,
        event="consultation.opened",
        object_key=f"{email}-{days_ago}",
        occurrence="1",
        payload={"data": {"contact": email}},
        status="delivered",
        created_at=when,
    )
    return response


@pytest.fixture
def form_page(consultation):
    from feedback.models import ResponseFormPage

    return ResponseFormPage.objects.child_of(consultation).get()


@pytest.fixture
def people(consultation, form_page):
    import uuid

    old = seed_person(consultation, form_page, SAM, days_ago=6 * 365, outcome_key=uuid.uuid4())
    fresh = seed_person(consultation, form_page, KIM, days_ago=0, outcome_key=uuid.uuid4())
    return old, fresh


def test_every_kind_of_personal_data_is_registered():
    assert set(retention.KINDS) >= EVERY_KIND
    for kind in retention.KINDS.values():
        assert retention.retention_days(kind) > 0


def test_each_kind_has_a_period_from_settings_shorter_for_drafts_and_sessions(settings):
    days = {name: retention.retention_days(kind) for name, kind in retention.KINDS.items()}
    five_years = 5 * 365
    assert days["format_requests"] >= five_years and days["general_feedback"] >= five_years
    assert days["outcome_notifications"] >= five_years
    assert days["drafts"] < 365 and days["sessions"] < 365
    settings.PERSONAL_DATA_RETENTION_DAYS = {**settings.PERSONAL_DATA_RETENTION_DAYS, "drafts": 7}
    assert retention.retention_days(retention.KINDS["drafts"]) == 7


def test_retention_removes_old_rows_of_every_kind_and_keeps_recent_ones(people, capsys):
    call_command("apply_retention")
    output = capsys.readouterr().out
    assert "format requests" in output and "webhook deliveries" in output
    # Sam's rows are six years old: gone (or blanked); Kim's are new: untouched.
    sam_request = FormatRequest.objects.get(created_at__lt=ago(365))
    assert (
        sam_request.name
        == sam_request.email
        == sam_request.phone
        == sam_request.postal_address
        == ""
    )
    assert FormatRequest.objects.filter(email=KIM, postal_address="4 Mill Lane").exists()
    assert list(GeneralFeedback.objects.values_list("email", flat=True)) == [KIM]
    assert PageUsefulness.objects.get(created_at__lt=ago(365)).comment == ""
    assert PageUsefulness.objects.filter(comment__contains=KIM).exists()
    assert list(Draft.objects.values_list("email", flat=True)) == [KIM]
    assert Session.objects.count() == 1  # Kim's session expired just now: kept one more day
    assert list(OutcomeNotification.objects.values_list("response__email", flat=True)) == [KIM]
    assert (
        WebhookDelivery.objects.count() == 1
        and WebhookDelivery.objects.get().payload["data"]["contact"] == KIM
    )


def test_retention_never_removes_an_outcome_email_still_to_be_sent_or_a_webhook_still_to_be_tried(
    people,
):
    OutcomeNotification.objects.update(status="pending")
    WebhookDelivery.objects.update(status="retrying")
    call_command("apply_retention")
    assert OutcomeNotification.objects.count() == 2
    assert WebhookDelivery.objects.count() == 2


def test_expired_drafts_go_at_once(people):
    Draft.objects.filter(email=KIM).update(expires_at=ago(1))
    call_command("apply_retention")
    assert not Draft.objects.exists()


def test_dry_run_removes_nothing(people, capsys):
    before = {
        model: model.objects.count()
        for model in (GeneralFeedback, Draft, Session, OutcomeNotification, WebhookDelivery)
    }
    call_command("apply_retention", "--dry-run")
    assert "Would remove 1 general feedback" in capsys.readouterr().out
    assert {model: model.objects.count() for model in before} == before


def test_erasure_by_email_finds_the_person_everywhere_and_removes_only_them(people, superuser):
    sam, kim = people
    assert set(retention.find_person(SAM.upper())) == EVERY_KIND | {"responses"}
    counts = retention.erase_person(SAM.upper(), superuser)
    assert set(counts) == EVERY_KIND | {"responses"}
    assert retention.find_person(SAM) == {}
    sam.refresh_from_db()
    assert (
        sam.email == ""
        and sam.name == ""
        and "reasons" not in sam.answers
        and sam.answers["support"] == "agree"
    )
    assert (
        not FormatRequest.objects.filter(email=SAM).exists()
        and not GeneralFeedback.objects.filter(email=SAM).exists()
    )
    assert not PageUsefulness.objects.filter(comment__contains=SAM).exists()
    assert not Draft.objects.filter(email=SAM).exists() and Session.objects.count() == 1
    assert not OutcomeNotification.objects.filter(response=sam).exists()
    assert not WebhookDelivery.objects.filter(payload__icontains=SAM).exists()
    # Kim is untouched everywhere.
    assert set(retention.find_person(KIM)) == EVERY_KIND | {"responses"}
    entry = ModelLogEntry.objects.get(action="reporting.erase_person")
    assert entry.user == superuser and entry.data["counts"] == counts
    assert SAM not in str(entry.data)


def test_staff_erase_a_person_everywhere_and_are_told_what_went(client, people, superuser):
    client.force_login(superuser)
    page = client.get(reverse("reporting:erasure"), {"q": SAM})
    html = page.content.decode()
    assert (
        "Everything held for this address" in html
        and "Format requests: 1" in html
        and "Webhook delivery logs: 1" in html
    )
    unconfirmed = client.post(
        reverse("reporting:erasure"), {"action": "erase_person", "email": SAM}, follow=True
    )
    assert (
        "Tick the box" in unconfirmed.content.decode()
        and FormatRequest.objects.filter(email=SAM).exists()
    )
    done = client.post(
        reverse("reporting:erasure"),
        {"action": "erase_person", "email": SAM, "confirm": "yes"},
        follow=True,
    )
    html = done.content.decode()
    assert "Erased everything held for this address" in html
    assert "Responses: 1" in html and "Saved drafts: 1" in html and "Outcome emails: 1" in html
    assert retention.find_person(SAM) == {}


def test_erasing_everywhere_needs_moderation_of_every_consultation(
    client, people, moderator, home_page
):
    from tests.factories import make_consultation

    make_consultation(
        home_page, title="Somewhere else", slug="somewhere-else"
    )  # not the moderator's
    client.force_login(moderator)
    assert (
        "Everything held"
        not in client.get(reverse("reporting:erasure"), {"q": SAM}).content.decode()
    )
    refused = client.post(
        reverse("reporting:erasure"), {"action": "erase_person", "email": SAM, "confirm": "yes"}
    )
    assert refused.status_code == 403
    assert FormatRequest.objects.filter(email=SAM).exists()


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser(
        "dpo", "dpo@example.nhs.uk", "pw-for-tests-only"
    )
