"""Telling the people who took part: one email per opted-in respondent per outcome, never two.

Publishing an outcome emails nobody. A member of staff who may publish the page reviews the send
(`send_plan`: how many, in which languages; `preview_email`) and confirms it (`confirm_send`),
now or at a time they choose; only then are the rows created. Unpublishing the outcome before a
row is sent cancels it (`cancel_unsent`). Both are recorded in the page's history (log entries).

Rows are created in bulk under a unique constraint (outcome, response), so publishing again, or
publishing a translation, adds nothing twice. Each row is claimed by one UPDATE
(pending → sending, WHERE status = 'pending') before its email goes: whichever worker's UPDATE
changes the row sends it; any other finds nothing to do. This works the same on SQLite and
PostgreSQL (a second UPDATE on PostgreSQL waits for the first and re-checks the WHERE clause).
A worker that dies between claiming and sending leaves the row 'sending'; `release_stale_claims`
marks such rows failed rather than sending again (we prefer a missed email to a duplicate).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from wagtail.log_actions import log
from wagtail.models import Locale

from feedback.models import Response
from home import outbox
from home.fallback import source_page
from home.public_urls import public_url

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.db.models import Q, QuerySet

    from youwedid.models import OutcomeNotification, YouSaidWeDidPage

logger = logging.getLogger(__name__)
UNSUBSCRIBE_SALT = "youwedid.unsubscribe"
SEND_CONFIRMED = "youwedid.emails_confirmed"
SEND_CANCELLED = "youwedid.emails_cancelled"
PREVIEW_UNSUBSCRIBE_URL = "https://example.invalid/outcome-emails/unsubscribe/…"


def max_attempts() -> int:
    return getattr(settings, "OUTCOME_NOTIFICATION_MAX_ATTEMPTS", 5)


def source_outcome(outcome: YouSaidWeDidPage) -> YouSaidWeDidPage:
    """The source-language version of an outcome page (notifications and links hang off it)."""
    return source_page(outcome)


def linked_consultation_keys(outcome: YouSaidWeDidPage) -> set:
    return set(source_outcome(outcome).consultations.values_list("translation_key", flat=True))


def opted_in_responses(outcome: YouSaidWeDidPage) -> QuerySet:
    """Accepted responses to the outcome's consultations whose authors asked to hear the outcome."""
    return (
        Response.objects.filter(
            consultation__translation_key__in=linked_consultation_keys(outcome),
            status=Response.Status.ACCEPTED,
            wants_outcome=True,
        )
        .exclude(email="")
    )


def queue_notifications(
    outcome: YouSaidWeDidPage, send_after: datetime | None = None
) -> list[int]:
    """Create the pending rows for this outcome (idempotent); return the ids still to send.

    Only `confirm_send` calls this outside tests: publishing alone creates no rows."""
    # circular: youwedid.models imports this module (through presentation)
    from youwedid.models import OutcomeNotification

    source = source_outcome(outcome)
    response_ids = list(opted_in_responses(source).values_list("pk", flat=True))
    OutcomeNotification.objects.bulk_create(
        [
            OutcomeNotification(outcome_key=source.translation_key, outcome=source, response_id=pk, send_after=send_after)
            for pk in response_ids
        ],
        ignore_conflicts=True,
        batch_size=500,
    )
    return list(
        OutcomeNotification.objects.filter(outcome_key=source.translation_key, status=OutcomeNotification.Status.PENDING)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def due(now: datetime | None = None) -> Q:
    """Rows whose send time has come (no time set means as soon as possible)."""
    return outbox.due(now)


def claim(notification_id: int, now: datetime | None = None) -> bool:
    """Take the row for this worker (home.outbox.claim). True for exactly one caller, however many race.

    A row scheduled for later cannot be claimed before its time."""
    # circular: youwedid.models imports this module (through presentation)
    from youwedid.models import OutcomeNotification

    return outbox.claim(OutcomeNotification, notification_id, now, max_attempts())


def unsubscribe_token(response: Response) -> str:
    return signing.dumps(response.pk, salt=UNSUBSCRIBE_SALT)


def response_for_token(token: str) -> Response | None:
    """The response an unsubscribe token names, or None when the token is not ours."""
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return Response.objects.filter(pk=pk).first()


def outcome_in_language(source: YouSaidWeDidPage, locale: Locale) -> YouSaidWeDidPage:
    translated = source.get_translation_or_none(locale) if source.locale_id != locale.pk else source
    if translated is not None and translated.live:
        return translated
    return source


def fallback_note(locale: Locale, page: YouSaidWeDidPage) -> str:
    """One line in the reader's language when the outcome is not yet published in it."""
    if page.locale_id == locale.pk:
        return ""
    with translation.override(locale.language_code):
        source_name = get_language_info(page.locale.language_code)["name_translated"]
        return _("We have not published this outcome in your language yet, so this email and the page are in %(language)s.") % {
            "language": source_name
        }


def render_email(source: YouSaidWeDidPage, locale: Locale, unsubscribe_url: str) -> tuple[str, str]:
    """Subject and body for a reader of `locale`: in their language when the outcome is live in it,
    else in the source language, opened by a one-line note in theirs."""
    page = outcome_in_language(source, locale)
    note = fallback_note(locale, page)
    with translation.override(page.locale.language_code):
        subject = _("You said, we did: %(title)s") % {"title": page.title}
        body = render_to_string(
            "youwedid/email/outcome_published.txt",
            {"outcome": page, "outcome_url": public_url(page), "unsubscribe_url": unsubscribe_url, "note": note},
        )
    return subject, body


def unsubscribe_url_for(response: Response, page: YouSaidWeDidPage) -> str:
    with translation.override(response.locale.language_code):
        return public_url(reverse("youwedid:unsubscribe", args=[unsubscribe_token(response)]))


def build_email(notification: OutcomeNotification) -> EmailMessage:
    """The email for one row, in the language the person responded in (see `render_email`)."""
    response = notification.response
    source = notification.outcome
    unsubscribe_url = unsubscribe_url_for(response, source)
    subject, body = render_email(source, response.locale, unsubscribe_url)
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[response.email],
        headers={"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )


def deliver(notification_id: int, now: datetime | None = None) -> str | None:
    """Send one notification if this caller wins its claim. Returns the row's new status, or None."""
    # circular: youwedid.models imports this module (through presentation)
    from youwedid.models import OutcomeNotification

    if not claim(notification_id, now):
        return None
    rows = OutcomeNotification.objects.filter(pk=notification_id)
    notification = rows.select_related("response__locale", "outcome").get()
    response = notification.response
    outcome = notification.outcome
    if outcome is not None and not outcome.live:
        # Unpublished while this row was being picked up: drop it like `cancel_unsent` does, so a
        # confirmation after publishing again includes this person.
        rows.delete()
        return OutcomeNotification.Status.CANCELLED
    if outcome is None or not response.wants_outcome or not response.email:
        return outbox.cancel_claimed(notification)
    return outbox.send_claimed(notification, build_email(notification), max_attempts())


def release_stale_claims(
    older_than: timedelta = timedelta(minutes=30), now: datetime | None = None
) -> int:
    """Rows left 'sending' by a worker that died: count them failed, never send them again."""
    # circular: youwedid.models imports this module (through presentation)
    from youwedid.models import OutcomeNotification

    return outbox.release_stale_claims(OutcomeNotification, older_than, now)


def notification_counts(outcome: YouSaidWeDidPage) -> dict:
    """Sent, pending (including being sent) and failed emails for an outcome, for the editor."""
    # circular: youwedid.models imports this module (through presentation)
    from youwedid.models import OutcomeNotification

    source = source_outcome(outcome)
    counts = {"sent": 0, "pending": 0, "failed": 0, "cancelled": 0}
    rows = (
        OutcomeNotification.objects.filter(outcome_key=source.translation_key)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        key = "pending" if row["status"] == OutcomeNotification.Status.SENDING else row["status"]
        counts[key] = counts.get(key, 0) + row["n"]
    counts["total"] = sum(counts.values())
    return counts


def scheduled_for(outcome: YouSaidWeDidPage) -> datetime | None:
    """When the confirmed emails still waiting will go (None when none is waiting for a time)."""
    # circular: youwedid.models imports this module (through presentation)
    from youwedid.models import OutcomeNotification

    waiting = OutcomeNotification.objects.filter(
        outcome_key=source_outcome(outcome).translation_key,
        status=OutcomeNotification.Status.PENDING,
        send_after__gt=timezone.now(),
    )
    return waiting.order_by("send_after").values_list("send_after", flat=True).first()


@dataclass
class LanguageLine:
    """The people who responded in one language, and the language their email will be in."""

    locale: Locale
    count: int
    email_locale: Locale

    @property
    def name(self):
        return get_language_info(self.locale.language_code)["name_local"]

    @property
    def email_language_name(self):
        return get_language_info(self.email_locale.language_code)["name_local"]

    @property
    def translated(self):
        return self.locale.pk == self.email_locale.pk


@dataclass
class SendPlan:
    outcome: object
    languages: list = field(default_factory=list)

    @property
    def total(self):
        return sum(line.count for line in self.languages)


def not_yet_emailed(outcome: YouSaidWeDidPage) -> QuerySet:
    """Opted-in respondents with no email row for this outcome yet (the people a send would reach)."""
    # circular: youwedid.models imports this module (through presentation)
    from youwedid.models import OutcomeNotification

    source = source_outcome(outcome)
    already = OutcomeNotification.objects.filter(outcome_key=source.translation_key).values("response_id")
    return opted_in_responses(source).exclude(pk__in=already)


def send_plan(outcome: YouSaidWeDidPage) -> SendPlan:
    """Who a confirmed send would email now, per language, and in which language each is written."""
    source = source_outcome(outcome)
    rows = not_yet_emailed(source).values("locale").annotate(n=Count("pk")).order_by()
    counts = {row["locale"]: row["n"] for row in rows}
    plan = SendPlan(outcome=source)
    for locale in Locale.objects.filter(pk__in=counts).order_by("pk"):
        plan.languages.append(LanguageLine(locale, counts[locale.pk], outcome_in_language(source, locale).locale))
    return plan


def preview_email(outcome: YouSaidWeDidPage, locale: Locale) -> tuple[str, str]:
    """The email a reader of `locale` would get, with a stand-in unsubscribe link."""
    return render_email(source_outcome(outcome), locale, PREVIEW_UNSUBSCRIBE_URL)


def confirm_send(outcome: YouSaidWeDidPage, user: AbstractBaseUser | None, send_after: datetime | None = None) -> list[int]:
    """Staff confirmed: create the rows (now, or due at `send_after`), record who and when.

    Returns the ids of the rows waiting to be sent; the caller hands them to the task queue."""
    source = source_outcome(outcome)
    count = not_yet_emailed(source).count()
    ids = queue_notifications(source, send_after=send_after)
    log(
        instance=source,
        action=SEND_CONFIRMED,
        user=user,
        data={"recipients": count, "send_after": send_after.isoformat() if send_after else None},
    )
    return ids


def cancel_unsent(outcome: YouSaidWeDidPage, user: AbstractBaseUser | None = None) -> int:
    """The outcome was unpublished: drop every confirmed email not yet sent (a new confirmation
    is needed after publishing again). Returns how many were cancelled."""
    # circular: youwedid.models imports this module (through presentation)
    from youwedid.models import OutcomeNotification

    source = source_outcome(outcome)
    cancelled, _by_model = OutcomeNotification.objects.filter(
        outcome_key=source.translation_key, status=OutcomeNotification.Status.PENDING
    ).delete()
    if cancelled:
        log(instance=source, action=SEND_CANCELLED, user=user, data={"cancelled": cancelled})
    return cancelled


def unsubscribe(response: Response) -> None:
    """Stop outcome emails for this response: clear the opt-in and cancel anything not yet sent."""
    # circular: youwedid.models imports this module (through presentation)
    from youwedid.models import OutcomeNotification

    type(response).objects.filter(pk=response.pk).update(wants_outcome=False)
    OutcomeNotification.objects.filter(response=response, status=OutcomeNotification.Status.PENDING).update(
        status=OutcomeNotification.Status.CANCELLED
    )
