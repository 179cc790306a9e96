"""Telling the people who took part: one email per opted-in respondent per outcome, never two.

Rows are created in bulk under a unique constraint (outcome, response), so publishing again, or
publishing a translation, adds nothing twice. Each row is claimed by one UPDATE
(pending → sending, WHERE status = 'pending') before its email goes: whichever worker's UPDATE
changes the row sends it; any other finds nothing to do. This works the same on SQLite and
PostgreSQL (a second UPDATE on PostgreSQL waits for the first and re-checks the WHERE clause).
A worker that dies between claiming and sending leaves the row 'sending'; `release_stale_claims`
marks such rows failed rather than sending again (we prefer a missed email to a duplicate).
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db.models import Count, F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail.models import Locale

from home.public_urls import public_url

logger = logging.getLogger(__name__)
UNSUBSCRIBE_SALT = "youwedid.unsubscribe"


def max_attempts():
    return getattr(settings, "OUTCOME_NOTIFICATION_MAX_ATTEMPTS", 5)


def source_outcome(outcome):
    """The source-language version of an outcome page (notifications and links hang off it)."""
    if outcome.locale_id == Locale.get_default().pk:
        return outcome
    return outcome.get_translation_or_none(Locale.get_default()) or outcome


def linked_consultation_keys(outcome):
    return set(source_outcome(outcome).consultations.values_list("translation_key", flat=True))


def opted_in_responses(outcome):
    """Accepted responses to the outcome's consultations whose authors asked to hear the outcome."""
    from feedback.models import Response

    return (
        Response.objects.filter(
            consultation__translation_key__in=linked_consultation_keys(outcome),
            status=Response.Status.ACCEPTED,
            wants_outcome=True,
        )
        .exclude(email="")
    )


def queue_notifications(outcome):
    """Create the pending rows for this outcome (idempotent); return the ids still to send."""
    from youwedid.models import OutcomeNotification

    source = source_outcome(outcome)
    response_ids = list(opted_in_responses(source).values_list("pk", flat=True))
    OutcomeNotification.objects.bulk_create(
        [OutcomeNotification(outcome_key=source.translation_key, outcome=source, response_id=pk) for pk in response_ids],
        ignore_conflicts=True,
        batch_size=500,
    )
    return list(
        OutcomeNotification.objects.filter(outcome_key=source.translation_key, status=OutcomeNotification.Status.PENDING)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def claim(notification_id):
    """Take the row for this worker. True for exactly one caller, however many race."""
    from youwedid.models import OutcomeNotification

    claimed = OutcomeNotification.objects.filter(
        pk=notification_id, status=OutcomeNotification.Status.PENDING, attempts__lt=max_attempts()
    ).update(status=OutcomeNotification.Status.SENDING, attempts=F("attempts") + 1, claimed_at=timezone.now())
    return claimed == 1


def unsubscribe_token(response):
    return signing.dumps(response.pk, salt=UNSUBSCRIBE_SALT)


def response_for_token(token):
    """The response an unsubscribe token names, or None when the token is not ours."""
    from feedback.models import Response

    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return Response.objects.filter(pk=pk).first()


def outcome_in_language(source, locale):
    translated = source.get_translation_or_none(locale) if source.locale_id != locale.pk else source
    if translated is not None and translated.live:
        return translated
    return source


def build_email(notification):
    """The email, in the language the person responded in, with the outcome's link in that language."""
    response = notification.response
    source = notification.outcome
    locale = response.locale
    with translation.override(locale.language_code):
        page = outcome_in_language(source, locale)
        page_url = public_url(page)
        unsubscribe_url = public_url(reverse("youwedid:unsubscribe", args=[unsubscribe_token(response)]))
        subject = _("You said, we did: %(title)s") % {"title": page.title}
        body = render_to_string(
            "youwedid/email/outcome_published.txt",
            {"outcome": page, "outcome_url": page_url, "unsubscribe_url": unsubscribe_url, "response": response},
        )
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[response.email],
        headers={"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )


def deliver(notification_id):
    """Send one notification if this caller wins its claim. Returns the row's new status, or None."""
    from youwedid.models import OutcomeNotification

    if not claim(notification_id):
        return None
    rows = OutcomeNotification.objects.filter(pk=notification_id)
    notification = rows.select_related("response__locale", "outcome").get()
    response = notification.response
    if notification.outcome is None or not response.wants_outcome or not response.email:
        rows.update(status=OutcomeNotification.Status.CANCELLED, claimed_at=None)
        return OutcomeNotification.Status.CANCELLED
    try:
        build_email(notification).send()
    except (smtplib.SMTPException, OSError) as error:
        status = OutcomeNotification.Status.FAILED if notification.attempts >= max_attempts() else OutcomeNotification.Status.PENDING
        rows.update(status=status, last_error=f"{type(error).__name__}: {error}"[:255], claimed_at=None)
        logger.warning("Outcome email %s failed (attempt %s): %s", notification_id, notification.attempts, error)
        return status
    rows.update(status=OutcomeNotification.Status.SENT, sent_at=timezone.now(), last_error="", claimed_at=None)
    return OutcomeNotification.Status.SENT


def release_stale_claims(older_than=timedelta(minutes=30), now=None):
    """Rows left 'sending' by a worker that died: count them failed, never send them again."""
    from youwedid.models import OutcomeNotification

    cutoff = (now or timezone.now()) - older_than
    return OutcomeNotification.objects.filter(status=OutcomeNotification.Status.SENDING, claimed_at__lt=cutoff).update(
        status=OutcomeNotification.Status.FAILED, last_error="Interrupted while sending; not retried to avoid a duplicate."
    )


def notification_counts(outcome):
    """Sent, pending (including being sent) and failed emails for an outcome, for the editor."""
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


def unsubscribe(response):
    """Stop outcome emails for this response: clear the opt-in and cancel anything not yet sent."""
    from youwedid.models import OutcomeNotification

    type(response).objects.filter(pk=response.pk).update(wants_outcome=False)
    OutcomeNotification.objects.filter(response=response, status=OutcomeNotification.Status.PENDING).update(
        status=OutcomeNotification.Status.CANCELLED
    )
