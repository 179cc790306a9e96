from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel


class Partner(models.Model):
    """A local organisation (Healthwatch, LINk, voluntary group, council, PPG) that embeds our pages."""

    name = models.CharField(max_length=150)
    website = models.URLField(blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    panels = [FieldPanel("name"), FieldPanel("website"), FieldPanel("is_active")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
