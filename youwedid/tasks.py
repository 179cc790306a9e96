"""Background work for outcomes: send each confirmed email, now or at the time staff chose."""

from datetime import datetime, timedelta

from django.utils import timezone

from django_tasks import task, task_backends

from youwedid import notifications
from youwedid.models import OutcomeNotification, YouSaidWeDidPage


def _retry_later(notification_id, attempts):
    """Schedule another attempt when the backend can defer; otherwise the next sweep retries."""
    backend = task_backends[send_outcome_notification.backend]
    if not backend.supports_defer:
        return
    delay = timedelta(minutes=min(2 ** attempts, 120))
    send_outcome_notification.using(run_after=timezone.now() + delay).enqueue(notification_id)


@task()
def send_outcome_notification(notification_id):
    status = notifications.deliver(notification_id)
    if status == OutcomeNotification.Status.PENDING:
        attempts = OutcomeNotification.objects.filter(pk=notification_id).values_list("attempts", flat=True).first() or 0
        _retry_later(notification_id, attempts)
    return status


def enqueue_confirmed(ids, send_after: datetime | None = None) -> None:
    """Hand confirmed rows to the worker: at once, or at `send_after` when the backend can defer.

    A backend that cannot defer (the immediate one in development) leaves scheduled rows to the
    sweep (`send_outcome_emails`, run from cron), which sends only rows whose time has come."""
    if send_after is not None and send_after > timezone.now():
        if not task_backends[send_outcome_notification.backend].supports_defer:
            return
        deferred = send_outcome_notification.using(run_after=send_after)
        for notification_id in ids:
            deferred.enqueue(notification_id)
        return
    for notification_id in ids:
        send_outcome_notification.enqueue(notification_id)


@task()
def notify_outcome(outcome_id):
    """Send the confirmed emails of an outcome that are due. Safe to run any number of times:
    it creates no rows (only a staff confirmation does) and each row is claimed once."""
    outcome = YouSaidWeDidPage.objects.filter(pk=outcome_id).first()
    if outcome is None or not outcome.live:
        return 0
    ids = list(
        OutcomeNotification.objects.filter(
            notifications.due(), outcome_key=notifications.source_outcome(outcome).translation_key, status=OutcomeNotification.Status.PENDING
        ).values_list("pk", flat=True)
    )
    for notification_id in ids:
        send_outcome_notification.enqueue(notification_id)
    return len(ids)


@task()
def retry_pending_notifications():
    """The sweep: release rows a dead worker left behind, then send every pending row that is due."""
    notifications.release_stale_claims()
    pending = OutcomeNotification.objects.filter(notifications.due(), status=OutcomeNotification.Status.PENDING)
    ids = list(pending.values_list("pk", flat=True))
    for notification_id in ids:
        send_outcome_notification.enqueue(notification_id)
    return len(ids)
