from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .accessibility import validate_accessible_rich_text
from .blocks import BodyStreamBlock


class HomePage(Page):
    introduction = models.TextField(
        blank=True, help_text=_("One or two sentences: what this site is for and who can take part.")
    )
    body = RichTextField(
        blank=True, features=["h2", "h3", "bold", "italic", "link", "ul", "ol"], validators=[validate_accessible_rich_text]
    )

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")


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


@register_setting(icon="doc-full")
class AccessibilityStatementSettings(BaseSiteSetting):
    """The accessibility statement, in the form the Public Sector Bodies (Websites and Mobile
    Applications) (No. 2) Accessibility Regulations 2018 require. Shown by an
    AccessibilityStatementPage; the contact details come from OrganisationSettings."""

    COMPLIANCE_CHOICES = [
        ("full", _("Fully compliant")),
        ("partial", _("Partially compliant")),
        ("not", _("Not compliant")),
    ]
    ENFORCEMENT_CHOICES = [
        ("ehrc", _("England, Scotland and Wales: Equality and Human Rights Commission (EHRC)")),
        ("ecni", _("Northern Ireland: Equality Commission for Northern Ireland (ECNI)")),
    ]

    website_scope = models.TextField(
        default="This statement applies to this website, where you can read and respond to our consultations.",
        help_text=_("Which website or part of it the statement covers."),
    )
    compliance_status = models.CharField(max_length=10, choices=COMPLIANCE_CHOICES, default="partial")
    standard = models.CharField(max_length=120, default="Web Content Accessibility Guidelines version 2.2 AA")
    known_issues = RichTextField(
        blank=True,
        features=["h3", "bold", "link", "ul", "ol"],
        help_text=_("Non-accessible content: each problem, the success criterion it fails and when it will be fixed."),
        validators=[validate_accessible_rich_text],
    )
    disproportionate_burden = RichTextField(blank=True, features=["bold", "link", "ul"], validators=[validate_accessible_rich_text])
    out_of_scope = RichTextField(
        blank=True,
        features=["bold", "link", "ul"],
        help_text=_("Content the regulations do not cover, for example PDFs published before 23 September 2018."),
        validators=[validate_accessible_rich_text],
    )
    alternative_formats = models.TextField(
        default="If you need information on this website in a different format, such as accessible PDF, large print, Easy Read, audio recording or Braille, contact us.",
        help_text=_("How to ask for content in another format."),
    )
    response_days = models.PositiveSmallIntegerField(default=10, help_text=_("Working days within which we reply."))
    enforcement_body = models.CharField(max_length=10, choices=ENFORCEMENT_CHOICES, default="ehrc")
    how_tested = models.TextField(
        default="We test every page type automatically with axe-core in a browser, in every language, in normal and large print, at desktop and mobile widths, and by hand with a keyboard and a screen reader.",
        help_text=_("Who tested the site, when, and how."),
    )
    improvement_plan = models.TextField(blank=True, help_text=_("What we are doing to improve accessibility."))
    prepared_on = models.DateField(null=True, blank=True, help_text=_("When this statement was first prepared."))
    reviewed_on = models.DateField(null=True, blank=True, help_text=_("When it was last reviewed."))
    last_tested_on = models.DateField(null=True, blank=True, help_text=_("When the website was last tested."))

    panels = [
        FieldPanel("website_scope"),
        MultiFieldPanel([FieldPanel("compliance_status"), FieldPanel("standard")], heading=_("Compliance status")),
        MultiFieldPanel(
            [FieldPanel("known_issues"), FieldPanel("disproportionate_burden"), FieldPanel("out_of_scope")],
            heading=_("Non-accessible content"),
        ),
        MultiFieldPanel([FieldPanel("alternative_formats"), FieldPanel("response_days")], heading=_("Other formats and reporting problems")),
        FieldPanel("enforcement_body"),
        MultiFieldPanel([FieldPanel("how_tested"), FieldPanel("improvement_plan")], heading=_("How we tested")),
        MultiFieldPanel(
            [FieldPanel("prepared_on"), FieldPanel("last_tested_on"), FieldPanel("reviewed_on")], heading=_("Dates")
        ),
    ]

    class Meta:
        verbose_name = _("accessibility statement")


class AccessibilityStatementPage(Page):
    """The accessibility statement: its text comes from AccessibilityStatementSettings, so the
    statement is kept in one place and reviewed there."""

    introduction = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("accessibility statement page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site = self.get_site()
        context["statement"] = AccessibilityStatementSettings.for_site(site) if site else AccessibilityStatementSettings()
        context["organisation"] = OrganisationSettings.for_site(site) if site else OrganisationSettings()
        return context


class DocumentLanguage(models.Model):
    """The language a document is written in (Wagtail's document model has no field for it).

    Set through the document form (home.forms.AccessibleDocumentForm, the
    WAGTAILDOCS_DOCUMENT_FORM_BASE), which requires it."""

    document = models.OneToOneField("wagtaildocs.Document", on_delete=models.CASCADE, related_name="language_record")
    language = models.CharField(max_length=12, choices=settings.LANGUAGES, default="en")

    class Meta:
        verbose_name = _("document language")

    def __str__(self):
        return f"{self.document_id}: {self.language}"
