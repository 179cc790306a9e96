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
