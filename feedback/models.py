import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.forms.models import AbstractEmailForm
from wagtail.models import Locale


class ResponseFormPage(AbstractEmailForm):
    """The response form of one consultation; always a child of its ConsultationPage."""

    parent_page_types = ["consultations.ConsultationPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("response form")


def new_reference():
    # Unambiguous characters only: people read these out over the phone.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "HYS-" + "".join(secrets.choice(alphabet) for _ in range(8))


class Response(models.Model):
    class Status(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        HELD = "held", _("Held for review")
        REJECTED = "rejected", _("Rejected")

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online")
        EMBED = "embed", _("Partner website")
        PAPER = "paper", _("Paper")
        PHONE = "phone", _("Phone")
        EMAIL = "email", _("Email")
        EVENT = "event", _("Event")

    reference = models.CharField(max_length=16, unique=True, default=new_reference, editable=False)
    # Always the source-language consultation, so every language aggregates as one.
    consultation = models.ForeignKey("consultations.ConsultationPage", on_delete=models.PROTECT, related_name="responses")
    locale = models.ForeignKey(Locale, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    partner = models.ForeignKey("partners.Partner", null=True, blank=True, on_delete=models.SET_NULL, related_name="responses")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACCEPTED, db_index=True)
    status_reason = models.CharField(max_length=200, blank=True)
    # Answers keyed by stable question keys (and choice keys), identical in every language.
    answers = models.JSONField(default=dict)
    postcode_district = models.CharField(max_length=8, blank=True, db_index=True)
    submitted_at = models.DateTimeField(default=timezone.now, db_index=True)
    idempotency_key = models.CharField(max_length=64, unique=True, null=True, blank=True)
    # Personal data, kept apart so retention and erasure can remove it.
    email = models.EmailField(blank=True)
    name = models.CharField(max_length=150, blank=True)
    wants_outcome = models.BooleanField(default=False)
    wants_receipt = models.BooleanField(default=False)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["consultation", "status", "submitted_at"])]
        permissions = [("view_responses", "Can view responses")]

    def __str__(self):
        return self.reference


class FormatRequest(models.Model):
    """Someone asks for a material in a format or language we have not published."""

    class Format(models.TextChoices):
        LARGE_PRINT = "large_print", _("Large print")
        BRAILLE = "braille", _("Braille")
        AUDIO = "audio", _("Audio")
        EASY_READ = "easy_read", _("Easy Read")
        BSL = "bsl", _("British Sign Language video")
        LANGUAGE = "language", _("Another language")
        PAPER = "paper", _("Paper copy by post")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("In progress")
        SENT = "sent", _("Sent")
        CLOSED = "closed", _("Closed")

    reference = models.CharField(max_length=16, unique=True, default=new_reference, editable=False)
    consultation = models.ForeignKey(
        "consultations.ConsultationPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="format_requests"
    )
    material_title = models.CharField(max_length=255, blank=True)
    format = models.CharField(max_length=20, choices=Format.choices)
    language = models.CharField(max_length=100, blank=True, help_text=_("When the format is another language."))
    details = models.TextField(blank=True, max_length=2000)
    # Personal data, kept apart so retention and erasure can remove it.
    name = models.CharField(max_length=150)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    postal_address = models.TextField(blank=True, max_length=500)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NEW, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    reply_due = models.DateField(null=True, blank=True)
    staff_notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.reference}: {self.get_format_display()}"


class GeneralFeedback(models.Model):
    """'Share your views': about a service or this site, not tied to a consultation."""

    class About(models.TextChoices):
        SERVICE = "service", _("A health or care service")
        WEBSITE = "website", _("This website")
        OTHER = "other", _("Something else")

    reference = models.CharField(max_length=16, unique=True, default=new_reference, editable=False)
    about = models.CharField(max_length=10, choices=About.choices, default=About.SERVICE)
    service_name = models.CharField(max_length=200, blank=True)
    what_happened = models.TextField(max_length=5000)
    what_was_good = models.TextField(blank=True, max_length=5000)
    what_could_be_better = models.TextField(blank=True, max_length=5000)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    locale = models.ForeignKey(Locale, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=10, choices=Response.Status.choices, default=Response.Status.ACCEPTED)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Personal data (optional contact), kept apart.
    name = models.CharField(max_length=150, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = _("general feedback")

    def __str__(self):
        return self.reference


class PageUsefulness(models.Model):
    """The 'Is this page useful?' prompt on every page."""

    path = models.CharField(max_length=500, db_index=True)
    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    useful = models.BooleanField()
    comment = models.TextField(blank=True, max_length=1000)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = _("page usefulness answers")

    def __str__(self):
        return f"{self.path}: {'yes' if self.useful else 'no'}"
