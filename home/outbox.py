"""Emails sent exactly once from the background worker: the machinery any app's email rows share.

A row per email (an `Outbox` subclass, unique on whatever makes it "the same email") is claimed by
one UPDATE (pending → sending, WHERE status = 'pending') before its email goes: whichever
worker's UPDATE changes the row sends it; any other finds nothing to do. This works the same on
SQLite and PostgreSQL (a second UPDATE on PostgreSQL waits for the first and re-checks the WHERE
clause). A failed send goes back to pending until `max_attempts`; a worker that dies between
claiming and sending leaves the row 'sending', and `release_stale_claims` marks it failed rather
than sending again (we prefer a missed email to a duplicate).

Used by outcome emails (youwedid.notifications) and the involvement register's alerts and
invitations (involvement.sending).
"""

import logging
import smtplib
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


class Outbox(models.Model):
    """The state of one email: pending → sending → sent (or failed / cancelled)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    send_after = models.DateTimeField(
        _("send after"),
        null=True,
        blank=True,
        help_text=_("Set when staff scheduled the send for later."),
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        abstract = True


FINISHED = [Outbox.Status.SENT, Outbox.Status.FAILED, Outbox.Status.CANCELLED]


def default_max_attempts():
    return getattr(settings, "OUTCOME_NOTIFICATION_MAX_ATTEMPTS", 5)


def due(now=None):
    """Rows whose send time has come (no time set means as soon as possible)."""
    return Q(send_after__isnull=True) | Q(send_after__lte=now or timezone.now())


def claim(model, pk, now=None, max_attempts=None):
    """Take the row for this worker. True for exactly one caller, however many race.

    A row scheduled for later cannot be claimed before its time."""
    limit = default_max_attempts() if max_attempts is None else max_attempts
    claimed = model.objects.filter(
        due(now), pk=pk, status=Outbox.Status.PENDING, attempts__lt=limit
    ).update(status=Outbox.Status.SENDING, attempts=F("attempts") + 1, claimed_at=timezone.now())
    return claimed == 1


def send_claimed(row, message, max_attempts=None):
    """Send the email of a row this worker claimed, and record what happened. Returns the status."""
    limit = default_max_attempts() if max_attempts is None else max_attempts
    rows = type(row).objects.filter(pk=row.pk)
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        status = Outbox.Status.FAILED if row.attempts >= limit else Outbox.Status.PENDING
        rows.update(
            status=status, last_error=f"{type(error).__name__}: {error}"[:255], claimed_at=None
        )
        logger.warning(
            "%s %s failed (attempt %s): %s", type(row).__name__, row.pk, row.attempts, error
        )
        return status
    rows.update(status=Outbox.Status.SENT, sent_at=timezone.now(), last_error="", claimed_at=None)
    return Outbox.Status.SENT


def cancel_claimed(row):
    type(row).objects.filter(pk=row.pk).update(status=Outbox.Status.CANCELLED, claimed_at=None)
    return Outbox.Status.CANCELLED


def deliver(
    model, pk, build: Callable, *, wanted: Callable = lambda row: True, queryset=None, now=None
):
    """Claim row `pk` and, when this caller wins, send `build(row)` unless `wanted(row)` says the
    person no longer wants it (then the row is cancelled). Returns the new status, or None when
    another worker has the row (or it is not due)."""
    if not claim(model, pk, now):
        return None
    row = (queryset if queryset is not None else model.objects).get(pk=pk)
    if not wanted(row):
        return cancel_claimed(row)
    return send_claimed(row, build(row))


def release_stale_claims(model, older_than=timedelta(minutes=30), now=None):
    """Rows left 'sending' by a worker that died: count them failed, never send them again."""
    cutoff = (now or timezone.now()) - older_than
    return model.objects.filter(status=Outbox.Status.SENDING, claimed_at__lt=cutoff).update(
        status=Outbox.Status.FAILED,
        last_error="Interrupted while sending; not retried to avoid a duplicate.",
    )


def retry_delay(attempts):
    return timedelta(minutes=min(2**attempts, 120))
