from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BodyStreamBlock


class HomePage(Page):
    introduction = models.TextField(
        blank=True, help_text=_("One or two sentences: what this site is for and who can take part.")
    )
    body = RichTextField(blank=True, features=["h2", "h3", "bold", "italic", "link", "ul", "ol"])

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from home.sections import home_page_sections

        context = super().get_context(request, *args, **kwargs)
        context.update(home_page_sections(self, request))
        return context


class StandardPage(Page):
    """Plain pages: the privacy notice, about us, how we use your views."""

    summary = models.TextField(blank=True)
    body = StreamField(BodyStreamBlock(), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="site")
class OrganisationSettings(BaseSiteSetting):
    """Who runs this site: shown in the header, footer, emails and the accessibility statement."""

    name = models.CharField(max_length=150, default="Have Your Say")
    short_name = models.CharField(max_length=60, blank=True, help_text=_("Shown in the header beside the logo."))
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    phone = models.CharField(max_length=40, blank=True)
    text_relay = models.CharField(max_length=60, blank=True, help_text=_("For example: 18001 then our number"))
    email = models.EmailField(blank=True)
    postal_address = models.TextField(blank=True)
    phase_banner = models.CharField(
        max_length=200, blank=True, default="This is a new service. Your feedback will help us improve it."
    )
    format_request_response_days = models.PositiveSmallIntegerField(
        default=10, help_text=_("Working days we promise to reply to a request for another format.")
    )

    panels = [
        MultiFieldPanel([FieldPanel("name"), FieldPanel("short_name"), FieldPanel("logo")], heading=_("Organisation")),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("text_relay"), FieldPanel("email"), FieldPanel("postal_address")],
            heading=_("Contact details"),
        ),
        FieldPanel("phase_banner"),
        FieldPanel("format_request_response_days"),
    ]

    class Meta:
        verbose_name = _("organisation")
