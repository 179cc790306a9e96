"""Background work for the outbox: send queued emails in batches, retry, sweep."""

from datetime import datetime, timedelta

from django.utils import timezone

from django_tasks import task, task_backends

from outbox import sending

BATCH = 100  # emails per task: one SMTP connection each, and few task rows for a big send


@task()
def send_emails(ids: list[int]) -> dict:
    results = sending.deliver_many(ids)
    retry = [
        email_id
        for email_id, status in sending.status_by_id(ids).items()
        if status == sending.Status.PENDING
    ]
    if retry:
        _retry_later(retry)
    return dict(results)


def _retry_later(ids: list[int]) -> None:
    """Try again later when the backend can defer; otherwise the next sweep retries."""
    backend = task_backends[send_emails.backend]
    if not backend.supports_defer:
        return
    attempts = sending.highest_attempts(ids)
    delay = timedelta(minutes=min(2**attempts, 120))
    send_emails.using(run_after=timezone.now() + delay).enqueue(ids)


def enqueue(ids: list[int], send_after: datetime | None = None) -> None:
    """Hand queued rows to the worker, in batches: at once, or at ``send_after`` when the backend
    can defer (otherwise the sweep sends them once their time has come). Call it on commit."""
    runner = send_emails
    if send_after is not None and send_after > timezone.now():
        if not task_backends[send_emails.backend].supports_defer:
            return
        runner = send_emails.using(run_after=send_after)
    for start in range(0, len(ids), BATCH):
        runner.enqueue(list(ids[start : start + BATCH]))


@task()
def send_due_emails() -> int:
    """The sweep (cron): release rows a dead worker left, then send every pending row that is due."""
    sending.release_stale_claims()
    ids = sending.pending_due_ids()
    enqueue(ids)
    return len(ids)
