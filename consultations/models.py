from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index


class ConsultationIndexPage(Page):
    introduction = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["consultations.ConsultationPage"]

    class Meta:
        verbose_name = _("consultation index page")


class ConsultationPage(Page):
    summary = models.TextField(help_text=_("Two or three sentences in plain words: what is proposed and why."))
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading=_("Dates")),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary")]

    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types = ["feedback.ResponseFormPage"]

    class Meta:
        verbose_name = _("consultation")
