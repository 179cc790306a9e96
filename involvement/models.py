"""The involvement register: members, the emails they get (alerts, invitations) and the
responses they chose to link. Logic lives in plain modules (register.py, alerts.py, segments.py,
invitations.py); these models only describe what is stored."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from home.outbox import Outbox


class Member(models.Model):
    """One person who asked to hear from us: a register member, or an alert-only sign-up.

    Nothing but the email address is required. Each other part (interests, ways of taking part,
    access needs, About you) is kept only with its own consent, recorded in `consents`
    ({part: ISO time given}). Leaving deletes the row and everything hanging off it."""

    class Kind(models.TextChoices):
        REGISTER = "register", _("Register member")
        ALERTS = "alerts", _("Alerts only")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")

    email = models.EmailField(_("email address"), unique=True)
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.REGISTER, db_index=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale", on_delete=models.PROTECT, related_name="+", verbose_name=_("language")
    )
    topics = models.ManyToManyField(
        "consultations.Topic", blank=True, related_name="+", verbose_name=_("topics")
    )
    areas = models.ManyToManyField(
        "consultations.Area", blank=True, related_name="+", verbose_name=_("areas")
    )
    interpreter_language = models.CharField(_("interpreter language"), max_length=100, blank=True)
    about_you = models.JSONField(_("About you answers"), default=dict, blank=True)
    consents = models.JSONField(_("consents"), default=dict, blank=True)
    secret = models.CharField(
        max_length=32, help_text=_("Part of every emailed link; a new one ends the old links.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # When an alert or invitation last went to them: the email records themselves are kept a
    # year, a membership three years after its last change or email (involvement.retention).
    last_emailed_at = models.DateTimeField(_("last emailed"), null=True, blank=True)

    # One field per answer in involvement.choices (WAYS, ACCESS_NEEDS), so segments filter on them.
    way_online = models.BooleanField(_("Online"), default=False)
    way_events = models.BooleanField(_("At events and meetings"), default=False)
    way_post = models.BooleanField(_("On paper, by post"), default=False)
    way_phone = models.BooleanField(_("By phone"), default=False)
    needs_large_print = models.BooleanField(_("Large print"), default=False)
    needs_easy_read = models.BooleanField(_("Easy Read"), default=False)
    needs_bsl = models.BooleanField(_("British Sign Language (BSL)"), default=False)
    needs_interpreter = models.BooleanField(_("An interpreter"), default=False)

    class Meta:
        verbose_name = _("register member")
        verbose_name_plural = _("register members")
        permissions = [
            ("view_register", _("Can see the involvement register")),
            (
                "manage_register",
                _("Manages the involvement register (sees small counts, invites segments)"),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.pk}"

    @property
    def confirmed(self):
        return self.confirmed_at is not None


class Alert(Outbox):
    """One alert email to one member about one consultation: opened, or closing in a week."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("Consultation opened")
        CLOSING = "closing", _("Closing in a week")

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="alerts")
    consultation = models.ForeignKey(
        "consultations.ConsultationPage", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "consultation", "kind"], name="involvement_one_alert_each"
            )
        ]
        verbose_name = _("alert email")


class InvitationRound(models.Model):
    """Staff invited a segment of the register to a consultation, or to one of its events: who,
    when and the segment. `event` (the source-language event) is empty for a consultation."""

    consultation = models.ForeignKey(
        "consultations.ConsultationPage", on_delete=models.CASCADE, related_name="+"
    )
    event = models.ForeignKey(
        "consultations.ConsultationEvent",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("event"),
    )
    segment = models.JSONField(_("segment"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("invitation round")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.consultation_id} @ {self.created_at:%Y-%m-%d %H:%M}"


class SegmentInvitation(Outbox):
    """One invitation email to one member for one consultation, or for one of its events: never
    a second for the same pair (consultation and member, or event and member).

    `invitation` is the consultations.Invitation link the email carried (made when the email is
    sent; its raw token is never stored). It says whether the link was opened, and responses
    record it; the response is linked to the member only with their consent (ResponseLink).
    For an event, `reply` is the member's answer from the email's "I'll come" / "I can't come"
    links (involvement.events), the latest one counting."""

    class Reply(models.TextChoices):
        YES = "yes", _("Coming")
        NO = "no", _("Not coming")

    round = models.ForeignKey(InvitationRound, on_delete=models.CASCADE, related_name="invitations")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="invitations")
    consultation = models.ForeignKey(
        "consultations.ConsultationPage", on_delete=models.CASCADE, related_name="+"
    )
    event = models.ForeignKey(
        "consultations.ConsultationEvent",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    invitation = models.ForeignKey(
        "consultations.Invitation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="register_invitations",
    )
    reply = models.CharField(_("reply"), max_length=3, choices=Reply.choices, blank=True)
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "member"],
                condition=models.Q(event__isnull=True),
                name="involvement_one_invitation_each",
            ),
            models.UniqueConstraint(
                fields=["event", "member"],
                condition=models.Q(event__isnull=False),
                name="involvement_one_event_invitation_each",
            ),
        ]
        verbose_name = _("invitation email")


class ResponseLink(models.Model):
    """A response its author chose, when sending it, to link to their register membership."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="response_links")
    response = models.OneToOneField(
        "feedback.Response", on_delete=models.CASCADE, related_name="involvement_link"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("linked response")

    def __str__(self):
        return f"{self.member_id} → {self.response_id}"
