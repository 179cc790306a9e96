from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from partners.origins import parse_origins, validate_origins


class Partner(models.Model):
    """A local organisation (Healthwatch, LINk, voluntary group, council, PPG) that embeds our pages."""

    name = models.CharField(_("organisation name"), max_length=150)
    slug = models.SlugField(
        _("slug"), max_length=80, unique=True, help_text=_("Used in the embed address, for example 'healthwatch-northfield'.")
    )
    logo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("logo"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    website = models.URLField(_("website"), blank=True)
    allowed_origins = models.TextField(
        _("websites allowed to embed our pages"),
        blank=True,
        validators=[validate_origins],
        help_text=_(
            "One web origin per line: https://www.example.org (add :port when it is not the usual one). "
            "Only pages on these origins can show our consultations in a frame."
        ),
    )
    contact_name = models.CharField(_("contact name"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    is_active = models.BooleanField(_("active"), default=True, help_text=_("Untick to stop this partner's embeds working at once."))

    panels = [
        MultiFieldPanel([FieldPanel("name"), FieldPanel("slug"), FieldPanel("logo"), FieldPanel("website")], heading=_("Organisation")),
        FieldPanel("allowed_origins"),
        MultiFieldPanel([FieldPanel("contact_name"), FieldPanel("contact_email")], heading=_("Contact")),
        FieldPanel("is_active"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return self.name

    @property
    def origins(self):
        return parse_origins(self.allowed_origins)


class WebhookSubscription(models.Model):
    """A URL that is told (signed POST) when consultations open or close and outcomes are published."""

    class Event(models.TextChoices):
        CONSULTATION_OPENED = "consultation.opened", _("Consultation opened")
        CONSULTATION_CLOSED = "consultation.closed", _("Consultation closed")
        OUTCOME_PUBLISHED = "outcome.published", _("Outcome published")

    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), null=True, blank=True, on_delete=models.CASCADE, related_name="webhooks"
    )
    name = models.CharField(_("name"), max_length=150, help_text=_("Who or what receives these, for staff."))
    url = models.URLField(_("URL"), max_length=500, help_text=_("We POST JSON here (https in production)."))
    secret = models.CharField(
        _("signing secret"), max_length=128, help_text=_("Shared with the receiver, who checks the X-HYS-Signature header with it.")
    )
    events = models.JSONField(_("events"), default=list, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")

    def __str__(self):
        return self.name


class WebhookDelivery(models.Model):
    """One event for one subscription, and every attempt made to deliver it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        RETRYING = "retrying", _("Retrying")
        FAILED = "failed", _("Failed")

    subscription = models.ForeignKey(WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(_("event"), max_length=40, choices=WebhookSubscription.Event.choices)
    object_key = models.CharField(_("object"), max_length=64, help_text=_("The page's translation key."))
    occurrence = models.CharField(
        _("occurrence"), max_length=64, help_text=_("Which time this happened (for example the opening date), so one event is sent once.")
    )
    payload = models.JSONField(_("payload"), default=dict)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0, validators=[MinValueValidator(0)])
    response_code = models.PositiveSmallIntegerField(_("response code"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [
            models.UniqueConstraint(fields=["subscription", "event", "object_key", "occurrence"], name="partners_delivery_once"),
        ]

    def __str__(self):
        return f"{self.event} → {self.subscription}"


class EventCursor(models.Model):
    """When `dispatch_consultation_events` last looked, so each run covers only the time since."""

    name = models.CharField(max_length=40, unique=True)
    checked_until = models.DateTimeField()

    def __str__(self):
        return f"{self.name}: {self.checked_until}"


class IntakeToken(models.Model):
    """A partner's key to the intake API (docs/api.md): it may send responses to the consultations
    listed, and nothing else. Only a hash of the key is stored; the key is shown once."""

    class Channel(models.TextChoices):
        PARTNER = "partner", _("Partner (intake API)")
        SMS = "sms", _("Text message")
        PHONE = "phone", _("Phone")
        PAPER = "paper", _("Paper")
        EVENT = "event", _("Event")

    partner = models.ForeignKey(Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="intake_tokens")
    name = models.CharField(_("name"), max_length=150, help_text=_("What uses this key, for staff: for example 'SMS survey provider'."))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("key starts with"), max_length=12, editable=False)
    consultations = models.ManyToManyField(
        "consultations.ConsultationPage",
        verbose_name=_("consultations"),
        blank=True,
        related_name="+",
        help_text=_("The only consultations this key may send responses to."),
    )
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.PARTNER, help_text=_("Recorded on every response sent with this key.")
    )
    hold_for_review = models.BooleanField(
        _("hold every response for review"), default=False, help_text=_("Tick for a new partner: staff approve each response before it counts.")
    )
    is_active = models.BooleanField(_("active"), default=True, help_text=_("Untick to stop this key working at once."))
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    panels = [
        FieldPanel("partner"),
        FieldPanel("name"),
        FieldPanel("consultations"),
        FieldPanel("channel"),
        FieldPanel("hold_for_review"),
        FieldPanel("is_active"),
    ]

    class Meta:
        ordering = ["partner__name", "name"]
        verbose_name = _("intake API key")
        verbose_name_plural = _("intake API keys")

    def __str__(self):
        return f"{self.partner}: {self.name} ({self.prefix}…)"
