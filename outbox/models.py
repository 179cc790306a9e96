from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    """One email that must go exactly once: unique on (kind, key), claimed before it is sent.

    `kind` names what the email is ("involvement.invitation"); `key` is the caller's idempotency
    key within that kind (for example "<send id>:<member id>"), so queueing the same email again,
    from a double click, a retried task or a second worker, adds nothing. The message is stored
    ready to send (rendered in the reader's language when it was queued).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    kind = models.CharField(_("kind"), max_length=60)
    key = models.CharField(_("key"), max_length=200)
    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)
    send_after = models.DateTimeField(_("send after"), null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "key"], name="outbox_one_email_per_kind_and_key"
            )
        ]
        indexes = [models.Index(fields=["status", "send_after"])]
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")

    def __str__(self):
        return f"{self.kind} {self.key}: {self.status}"
