"""Requests for a consultation's materials in a format or language we have not published."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.references import new_reference


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
        "consultations.ConsultationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="format_requests",
    )
    material_title = models.CharField(max_length=255, blank=True)
    format = models.CharField(max_length=20, choices=Format.choices)
    language = models.CharField(
        max_length=100, blank=True, help_text=_("When the format is another language.")
    )
    details = models.TextField(blank=True, max_length=2000)
    # Personal data, kept apart so retention and erasure can remove it.
    name = models.CharField(max_length=150)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    postal_address = models.TextField(blank=True, max_length=500)
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.NEW, db_index=True
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    reply_due = models.DateField(null=True, blank=True)
    staff_notes = models.TextField(blank=True)

    class Meta:
        # Made by feedback before the model moved here (issue 16); the table kept its name.
        db_table = "feedback_formatrequest"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.reference}: {self.get_format_display()}"
