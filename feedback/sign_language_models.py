"""British Sign Language: the video snippet shown with questions, and "Respond in BSL" requests.

Imported by feedback/models.py (so Django finds the models there); kept apart so the form
models stay short. What the site does with them is in `feedback.sign_language`.
"""

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField

VIDEO_EXTENSIONS = (".mp4", ".webm")
CAPTION_EXTENSIONS = (".vtt",)


def _extension(document) -> str:
    return os.path.splitext(getattr(document, "filename", "") or "")[1].lower()


@register_snippet
class SignVideo(TranslatableMixin, models.Model):
    """A BSL video of a question or a section, with captions and a transcript.

    Chosen on a question or section break (`ResponseFormField.sign_video`); a translation of the
    snippet carries that language's title, transcript and (when given) its own captions file.
    """

    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("What the video signs, for example 'Question 1 in BSL'."),
    )
    video = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("video file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("An MP4 or WebM file from the document library. Or give a link below."),
    )
    video_url = models.URLField(
        _("video link"),
        blank=True,
        help_text=_("The address of an MP4 or WebM file, when it is kept elsewhere."),
    )
    captions = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("captions (WebVTT)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A .vtt captions file; its document language is the language of the captions."),
    )
    transcript = models.TextField(
        _("transcript"), help_text=_("Everything the video says, in words.")
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("video"),
        FieldPanel("video_url"),
        FieldPanel("captions"),
        FieldPanel("transcript"),
    ]
    override_translatable_fields = [
        SynchronizedField("video", overridable=True),
        SynchronizedField("video_url", overridable=True),
        SynchronizedField("captions", overridable=True),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("BSL video")
        verbose_name_plural = _("BSL videos")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if bool(self.video_id) == bool(self.video_url):
            errors["video"] = _("Choose a video file or give a video link (one of them).")
        elif self.video_id and _extension(self.video) not in VIDEO_EXTENSIONS:
            errors["video"] = _("The video must be an MP4 or WebM file.")
        elif self.video_url and not self.video_url.lower().split("?")[0].endswith(VIDEO_EXTENSIONS):
            errors["video_url"] = _("The link must be to an MP4 or WebM file.")
        if self.captions_id and _extension(self.captions) not in CAPTION_EXTENSIONS:
            errors["captions"] = _("Captions must be a WebVTT (.vtt) file.")
        elif not self.captions_id and self.video_id:
            errors["captions"] = _("A video file needs its captions (a WebVTT file).")
        if errors:
            raise ValidationError(errors)


class SignLanguageRequest(models.Model):
    """What came with a "Respond in BSL" response: the video answer, or a request to be
    contacted by video relay. The response itself (channel `bsl`) is held until staff transcribe
    it; the video is an `Upload` of the response (question key `hys_bsl_video`)."""

    class Kind(models.TextChoices):
        VIDEO = "video", _("Video answer")
        RELAY = "relay", _("Contact by video relay")

    response = models.OneToOneField(
        "feedback.Response", on_delete=models.CASCADE, related_name="sign_language"
    )
    kind = models.CharField(max_length=5, choices=Kind.choices)
    # Personal data (relay requests), blanked by retention and erasure with the response's own.
    phone = models.CharField(max_length=40, blank=True)
    contact_times = models.CharField(max_length=300, blank=True)
    relay_service = models.CharField(max_length=100, blank=True)
    transcribed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    transcribed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("BSL response")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.response_id}"
