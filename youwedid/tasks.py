"""Background work for outcomes: queue the emails for an outcome, send each one."""

from datetime import timedelta

from django.utils import timezone

from django_tasks import task, task_backends

from youwedid import notifications


def _retry_later(notification_id, attempts):
    """Schedule another attempt when the backend can defer; otherwise the next sweep retries."""
    backend = task_backends[send_outcome_notification.backend]
    if not backend.supports_defer:
        return
    delay = timedelta(minutes=min(2 ** attempts, 120))
    send_outcome_notification.using(run_after=timezone.now() + delay).enqueue(notification_id)


@task()
def send_outcome_notification(notification_id):
    from youwedid.models import OutcomeNotification

    status = notifications.deliver(notification_id)
    if status == OutcomeNotification.Status.PENDING:
        attempts = OutcomeNotification.objects.filter(pk=notification_id).values_list("attempts", flat=True).first() or 0
        _retry_later(notification_id, attempts)
    return status


@task()
def notify_outcome(outcome_id):
    """Queue (idempotently) and send the emails for an outcome. Safe to run any number of times."""
    from youwedid.models import YouSaidWeDidPage

    outcome = YouSaidWeDidPage.objects.filter(pk=outcome_id).first()
    if outcome is None or not outcome.live:
        return 0
    ids = notifications.queue_notifications(outcome)
    for notification_id in ids:
        send_outcome_notification.enqueue(notification_id)
    return len(ids)


@task()
def retry_pending_notifications():
    """The sweep: release rows a dead worker left behind, then send every pending row again."""
    from youwedid.models import OutcomeNotification

    notifications.release_stale_claims()
    ids = list(OutcomeNotification.objects.filter(status=OutcomeNotification.Status.PENDING).values_list("pk", flat=True))
    for notification_id in ids:
        send_outcome_notification.enqueue(notification_id)
    return len(ids)
