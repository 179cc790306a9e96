from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Invitation(models.Model):
    """One invitation link to an invited consultation (a panel member, a group, a printed card).

    Only a hash of the token is kept: the link itself is shown once, when it is made
    (`consultations.invitations.create_invitations`). Responses record the invitation they came
    through (`feedback.Response.invitation`), never the person holding it.
    """

    # Always the source-language consultation: every translation shares its invitations.
    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    # The SHA-256 of the secret in the link (hex); the secret itself is never stored.
    token = models.CharField(max_length=64, unique=True, editable=False)
    label = models.CharField(
        _("label"),
        max_length=150,
        blank=True,
        help_text=_("Who the links are for, for example 'Patient panel, North'."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    first_opened_at = models.DateTimeField(_("first opened"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return self.label or f"#{self.pk}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
