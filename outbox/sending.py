"""Email that must go exactly once, sent in the background: queue it, and the worker sends it.

    from outbox import sending, tasks
    queued = sending.queue("involvement.invitation", [sending.Message(key=..., to=..., ...)])
    transaction.on_commit(lambda: tasks.enqueue(queued.ids))

Why it never sends twice: every email is a row, unique on (kind, key), so queueing the same key
again (a double click, a retried request, a second worker queueing the same batch) adds
nothing. Before an email goes, its row is claimed with one UPDATE (pending → sending, WHERE
status = 'pending'): whichever worker's UPDATE changes the row sends it, any other finds nothing
to do. This holds on SQLite and PostgreSQL alike (on PostgreSQL a second UPDATE waits for the
first and re-checks the WHERE clause). A failed send goes back to pending and is retried, up to
`OUTBOX_MAX_ATTEMPTS`. A worker that dies between claiming and finishing leaves the row
'sending'; `release_stale_claims` marks such rows failed instead of sending again, because the
server may already have accepted the email: we prefer one missed email to a duplicate, and the
staff screen shows it as failed.

The same machinery as outcome notifications (youwedid.notifications), for any app: rows are
stored ready to send (subject, body and headers rendered in the reader's language when queued).
"""

import contextlib
import logging
import smtplib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Count, F, Q
from django.utils import timezone

from outbox.models import OutgoingEmail

logger = logging.getLogger(__name__)
Status = OutgoingEmail.Status
KEY_CHUNK = 500  # under SQLite's limit on query variables
STALE_AFTER = timedelta(minutes=30)


def max_attempts() -> int:
    return getattr(settings, "OUTBOX_MAX_ATTEMPTS", 5)


@dataclass(frozen=True)
class Message:
    """One email to queue. ``key`` is unique within its kind: the same key is never sent twice."""

    key: str
    to: str
    subject: str
    body: str
    headers: dict = field(default_factory=dict)
    language: str = ""


@dataclass
class Queued:
    ids: list[int]  # rows this call added: hand them to the worker (tasks.enqueue)
    already: int  # messages whose key was queued before: not queued again


def _chunks(items: list, size: int = KEY_CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def existing_keys(kind: str, keys: list[str]) -> set[str]:
    """Which of these keys were queued before (in any status)."""
    found: set[str] = set()
    for chunk in _chunks(keys):
        found.update(
            OutgoingEmail.objects.filter(kind=kind, key__in=chunk).values_list("key", flat=True)
        )
    return found


def queue(kind: str, messages: Iterable[Message], *, send_after: datetime | None = None) -> Queued:
    """Store the emails not queued before (by key); returns the new rows' ids. Idempotent."""
    by_key: dict[str, Message] = {}
    for message in messages:
        by_key.setdefault(message.key, message)
    keys = list(by_key)
    existing = existing_keys(kind, keys)
    new_keys = [key for key in keys if key not in existing]
    OutgoingEmail.objects.bulk_create(
        [
            OutgoingEmail(
                kind=kind,
                key=key,
                to=by_key[key].to,
                subject=by_key[key].subject[:255],
                body=by_key[key].body,
                headers=by_key[key].headers,
                language=by_key[key].language,
                send_after=send_after,
            )
            for key in new_keys
        ],
        ignore_conflicts=True,  # a racing caller queued some of them first: theirs stand
        batch_size=KEY_CHUNK,
    )
    ids: list[int] = []
    for chunk in _chunks(new_keys):
        ids.extend(
            OutgoingEmail.objects.filter(kind=kind, key__in=chunk, status=Status.PENDING)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    return Queued(ids=sorted(ids), already=len(existing))


def due(now: datetime | None = None) -> Q:
    """Rows whose time has come (no time set: as soon as possible)."""
    return Q(send_after__isnull=True) | Q(send_after__lte=now or timezone.now())


def claim(email_id: int, now: datetime | None = None) -> bool:
    """Take the row for this worker: True for exactly one caller, however many race."""
    claimed = OutgoingEmail.objects.filter(
        due(now), pk=email_id, status=Status.PENDING, attempts__lt=max_attempts()
    ).update(status=Status.SENDING, attempts=F("attempts") + 1, claimed_at=timezone.now())
    return claimed == 1


def build(email: OutgoingEmail, connection=None) -> EmailMessage:
    return EmailMessage(
        subject=email.subject,
        body=email.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        headers=dict(email.headers or {}),
        connection=connection,
    )


def deliver(email_id: int, *, connection=None, now: datetime | None = None) -> str | None:
    """Send one email if this caller wins its claim. Returns its new status, or None."""
    if not claim(email_id, now):
        return None
    rows = OutgoingEmail.objects.filter(pk=email_id)
    email = rows.get()
    try:
        build(email, connection).send()
    except (smtplib.SMTPException, OSError) as error:
        status = Status.FAILED if email.attempts >= max_attempts() else Status.PENDING
        rows.update(
            status=status, last_error=f"{type(error).__name__}: {error}"[:255], claimed_at=None
        )
        logger.warning("Email %s failed (attempt %s): %s", email_id, email.attempts, error)
        return status
    rows.update(status=Status.SENT, sent_at=timezone.now(), last_error="", claimed_at=None)
    return Status.SENT


def deliver_many(ids: Iterable[int], now: datetime | None = None) -> Counter:
    """Send each of ``ids`` this worker can claim, over one SMTP connection. Counts by status."""
    results: Counter = Counter()
    connection = get_connection()
    try:
        for email_id in ids:
            results[deliver(email_id, connection=connection, now=now) or "not_claimed"] += 1
    finally:
        with contextlib.suppress(smtplib.SMTPException, OSError):  # server gone after the last
            connection.close()
    return results


def release_stale_claims(older_than: timedelta = STALE_AFTER, now: datetime | None = None) -> int:
    """Rows left 'sending' by a worker that died: count them failed, never send them again."""
    cutoff = (now or timezone.now()) - older_than
    return OutgoingEmail.objects.filter(status=Status.SENDING, claimed_at__lt=cutoff).update(
        status=Status.FAILED,
        claimed_at=None,
        last_error="Interrupted while sending; not retried in case it was sent.",
    )


def pending_due_ids(now: datetime | None = None) -> list[int]:
    return list(
        OutgoingEmail.objects.filter(due(now), status=Status.PENDING, attempts__lt=max_attempts())
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def cancel(kind: str, keys: Iterable[str] | None = None) -> int:
    """Cancel the emails of a kind (or only these keys) not yet sent. Sent ones are unchanged."""
    rows = OutgoingEmail.objects.filter(kind=kind, status=Status.PENDING)
    if keys is None:
        return rows.update(status=Status.CANCELLED)
    cancelled = 0
    for chunk in _chunks(list(keys)):
        cancelled += rows.filter(key__in=chunk).update(status=Status.CANCELLED)
    return cancelled


def counts(kind: str, key_prefix: str = "") -> dict[str, int]:
    """How many of a kind (keys starting with ``key_prefix``) are in each status."""
    rows = OutgoingEmail.objects.filter(kind=kind)
    if key_prefix:
        rows = rows.filter(key__startswith=key_prefix)
    found = dict(rows.order_by().values_list("status").annotate(n=Count("pk")))
    result = {status: found.get(status, 0) for status in Status.values}
    result["total"] = sum(found.values())
    return result


def status_by_key(kind: str, keys: Iterable[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for chunk in _chunks(list(keys)):
        out.update(
            OutgoingEmail.objects.filter(kind=kind, key__in=chunk).values_list("key", "status")
        )
    return out


FINISHED = [Status.SENT, Status.FAILED, Status.CANCELLED]


def finished_before(cutoff: datetime):
    """Emails finished (sent, failed or cancelled) and queued before ``cutoff`` that still hold
    an address: what retention removes."""
    return OutgoingEmail.objects.filter(status__in=FINISHED, created_at__lt=cutoff).exclude(to="")


def forget(rows) -> int:
    """Retention and erasure: cancel the rows not yet sent and blank every row's address and
    text. The rows stay, so their keys are still never sent again."""
    rows.filter(status=Status.PENDING).update(status=Status.CANCELLED)
    return rows.update(to="", subject="", body="", headers={})


def status_by_id(ids: Iterable[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    for chunk in _chunks(list(ids)):
        out.update(OutgoingEmail.objects.filter(pk__in=chunk).values_list("pk", "status"))
    return out


def highest_attempts(ids: Iterable[int]) -> int:
    attempts = [0]
    for chunk in _chunks(list(ids)):
        attempts.extend(
            OutgoingEmail.objects.filter(pk__in=chunk).values_list("attempts", flat=True)
        )
    return max(attempts)
