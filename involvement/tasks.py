"""Background work for the register: every email goes from the worker, each row exactly once.

The tasks are safe to run any number of times, by any number of workers: rows are created under
unique constraints and each is claimed by one UPDATE before its email goes (home.outbox). A row
whose send failed stays pending: it is retried later (deferred when the backend can, else by the
sweep, `send_involvement_emails`, run from cron)."""

from django.utils import timezone

from django_tasks import task, task_backends

from consultations.models import ConsultationPage
from home import outbox
from involvement import emails, sending
from involvement.models import Alert, InvitationRound, Member, SegmentInvitation


def _retry_later(retry_task, model, row_id):
    backend = task_backends[retry_task.backend]
    if not backend.supports_defer:
        return
    attempts = model.objects.filter(pk=row_id).values_list("attempts", flat=True).first() or 0
    retry_task.using(run_after=timezone.now() + outbox.retry_delay(attempts)).enqueue(row_id)


@task()
def send_alert(alert_id):
    status = sending.deliver_alert(alert_id)
    if status == Alert.Status.PENDING:
        _retry_later(send_alert, Alert, alert_id)
    return status


@task()
def send_invitation(row_id):
    status = sending.deliver_invitation(row_id)
    if status == SegmentInvitation.Status.PENDING:
        _retry_later(send_invitation, SegmentInvitation, row_id)
    return status


@task()
def alert_consultation(consultation_id):
    """Create and send the alerts a consultation is due now (published while open, or swept)."""
    consultation = ConsultationPage.objects.filter(pk=consultation_id).first()
    if consultation is None:
        return 0
    sent = 0
    for alert_id in sending.queue_alerts(consultation):
        if send_alert.call(alert_id) == Alert.Status.SENT:
            sent += 1
    return sent


@task()
def send_invitation_round(round_id):
    """Send every pending invitation of a round (one task for the whole round keeps queueing a
    segment of thousands fast; each row is still claimed on its own)."""
    if not InvitationRound.objects.filter(pk=round_id).exists():
        return 0
    sent = 0
    for row_id in sending.pending_ids(SegmentInvitation, round_id=round_id):
        if send_invitation.call(row_id) == SegmentInvitation.Status.SENT:
            sent += 1
    return sent


@task()
def send_member_email(member_id, which):
    """The confirmation email ("confirm") or the person's own link ("manage")."""
    member = Member.objects.filter(pk=member_id).select_related("locale").first()
    if member is None:
        return False
    message = (
        emails.confirmation_email(member)
        if which == "confirm"
        else emails.manage_link_email(member)
    )
    message.send()
    return True


@task()
def sweep():
    """Cron: release rows a dead worker left, queue alerts whose time has come, send what is due."""
    sending.release_stale_claims()
    for consultation in sending.consultations_due():
        sending.queue_alerts(consultation)
    count = 0
    for alert_id in sending.pending_ids(Alert):
        send_alert.call(alert_id)
        count += 1
    for row_id in sending.pending_ids(SegmentInvitation):
        send_invitation.call(row_id)
        count += 1
    return count
