from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentPageCount(models.Model):
    """The number of pages of a PDF document, read once per file (keyed by its hash)."""

    document = models.OneToOneField(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="page_count_record",
    )
    file_hash = models.CharField(max_length=40, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("PDF page count")

    def __str__(self):
        return f"{self.document_id}: {self.page_count}"
