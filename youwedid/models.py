from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class YouSaidWeDidIndexPage(Page):
    introduction = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["youwedid.YouSaidWeDidPage"]

    class Meta:
        verbose_name = _("'You said, we did' index page")


class YouSaidWeDidPage(Page):
    summary = models.TextField(blank=True)
    consultations = ParentalManyToManyField("consultations.ConsultationPage", blank=True, related_name="outcomes")

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("consultations")]
    parent_page_types = ["youwedid.YouSaidWeDidIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("'You said, we did' page")
