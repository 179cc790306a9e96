from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, TranslatableMixin
from wagtail.query import PageQuerySet
from wagtail.search import index

from consultations.blocks import KeyDatesBlock, MaterialsBlock
from consultations.choices import EngagementStage, EventKind, InvolvementLevel, Visibility
from consultations.forms import ConsultationPageForm
from consultations.panels import InvitationsPanel
from home.blocks import BodyStreamBlock
from home.internals import remember_parent


class ConsultationPageQuerySet(PageQuerySet):
    def listed(self):
        """Without unlisted and invited consultations: what any public list may show."""
        # a cycle inside consultations: visibility imports these models
        from consultations.visibility import publicly_listed

        return publicly_listed(self)


class ConsultationIndexPage(RoutablePageMixin, Page):
    """Every consultation, grouped by status, filterable, with an Atom feed and a calendar."""

    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("One or two sentences: what people can do here.")
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["consultations.ConsultationPage"]

    class Meta:
        verbose_name = _("consultation index page")

    def get_context(self, request, *args, **kwargs):
        # circular: that module imports these models
        from consultations.listing import listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(self, request))
        return context

    @path("feed/", name="feed")
    def feed_route(self, request):
        # circular: that module imports these models
        from consultations.feeds import ConsultationAtomFeed

        return ConsultationAtomFeed(self)(request)

    @path("calendar/", name="calendar")
    def calendar_route(self, request):
        # circular: that module imports these models
        from consultations.ical import index_calendar_response

        return index_calendar_response(self, request)

    def consultations(self):
        return ConsultationPage.objects.child_of(self).live().public().listed()


class ConsultationPage(RoutablePageMixin, Page):
    objects = PageManager.from_queryset(ConsultationPageQuerySet)()

    summary = models.TextField(
        _("summary"),
        help_text=_("Two or three sentences in plain words: what is proposed and why."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional. A photograph that helps people recognise the service."),
    )
    hero_image_alt = models.CharField(
        _("image description (alt text)"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the image shows, for people who cannot see it. Required unless the image is decorative."
        ),
    )
    hero_image_decorative = models.BooleanField(
        _("the image is decorative"),
        default=False,
        help_text=_(
            "Tick only if the image adds nothing a person would miss; screen readers will skip it."
        ),
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    opens_at = models.DateTimeField(
        _("opens"), help_text=_("UK time. People can respond from this moment.")
    )
    closes_at = models.DateTimeField(
        _("closes"),
        help_text=_(
            "UK time. Responses are refused from this moment. Most consultations close at 11:59pm."
        ),
    )

    topics = ParentalManyToManyField(
        "consultations.Topic", blank=True, related_name="consultations", verbose_name=_("topics")
    )
    areas = ParentalManyToManyField(
        "consultations.Area", blank=True, related_name="consultations", verbose_name=_("areas")
    )
    engagement_stage = models.CharField(
        _("engagement-cycle stage"),
        max_length=20,
        choices=EngagementStage.choices,
        blank=True,
        help_text=_(
            "Where this sits in the commissioning cycle. The public see it in plain words."
        ),
    )
    involvement_level = models.CharField(
        _("level of involvement"),
        max_length=20,
        choices=InvolvementLevel.choices,
        blank=True,
        help_text=_(
            "How much say people have. Shown to the public as, for example, 'We want your views before we decide'."
        ),
    )

    response_email = models.EmailField(
        _("respond by email"), blank=True, help_text=_("An address people can send their views to.")
    )
    response_postal_address = models.TextField(
        _("respond by post"),
        blank=True,
        max_length=500,
        help_text=_("Include the postcode. Say if it is a Freepost address."),
    )
    response_phone = models.CharField(_("respond by phone"), max_length=40, blank=True)
    response_text_relay = models.CharField(
        _("text relay"),
        max_length=60,
        blank=True,
        help_text=_("For example: 18001 then the phone number."),
    )
    response_other = models.TextField(
        _("other ways to respond"),
        blank=True,
        max_length=1000,
        help_text=_(
            "For example: we can visit your group, or you can ask for a paper questionnaire."
        ),
    )

    materials = StreamField(MaterialsBlock(), blank=True, verbose_name=_("materials"))
    key_dates = StreamField(KeyDatesBlock(), blank=True, verbose_name=_("key dates"))
    who_decides = models.TextField(
        _("who decides"),
        blank=True,
        max_length=1000,
        help_text=_(
            "Who makes the final decision, when, and how they will use what people tell us."
        ),
    )
    contact_name = models.CharField(_("contact name or team"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)

    visibility = models.CharField(
        _("who can see this consultation"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text=_(
            "Public: listed on the site, in feeds, search, the partner API and alerts. "
            "Unlisted: anyone with the address can read and respond, but it is listed nowhere. "
            "Invited: only people who open an invitation link (and signed-in staff) can read and "
            "respond; make the links under 'Invitation links' once the page is saved."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("hero_image"),
                FieldPanel("hero_image_alt"),
                FieldPanel("hero_image_decorative"),
            ],
            heading=_("Image"),
        ),
        FieldPanel("body"),
    ]
    dates_panels = [
        HelpPanel(
            content=_(
                "<p>The status (coming soon, open, closed, outcome published) follows from these dates and from "
                "whether a 'You said, we did' page links here. Nothing needs to be changed when a consultation "
                "opens or closes. To publish the page itself later, use Publishing schedule in the page "
                "settings.</p>"
            )
        ),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading=_("Dates")),
        FieldPanel("key_dates"),
        FieldPanel("who_decides"),
        MultiFieldPanel(
            [FieldPanel("engagement_stage"), FieldPanel("involvement_level")],
            heading=_("Type of engagement"),
        ),
        MultiFieldPanel([FieldPanel("topics"), FieldPanel("areas")], heading=_("Topics and areas")),
    ]
    respond_panels = [
        HelpPanel(
            content=_(
                "<p>An open consultation needs at least one way to respond. For the online form, add a "
                "'response form' page under this consultation and publish it.</p>"
            )
        ),
        MultiFieldPanel(
            [
                FieldPanel("response_email"),
                FieldPanel("response_postal_address"),
                FieldRowPanel([FieldPanel("response_phone"), FieldPanel("response_text_relay")]),
                FieldPanel("response_other"),
            ],
            heading=_("Ways to respond"),
        ),
        InlinePanel("events", heading=_("Events"), label=_("Event")),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
            ],
            heading=_("Contact for questions"),
        ),
    ]
    materials_panels = [
        HelpPanel(
            content=_(
                "<p>Add each material once, then every version of it: Easy Read, large print, audio, BSL video, "
                "other languages. Every material gets a 'Request another format' link.</p>"
            )
        ),
        FieldPanel("materials"),
    ]
    visibility_panels = [
        MultiFieldPanel(
            [
                HelpPanel(
                    content=_(
                        "<p>Every language of this consultation follows the choice made here "
                        "when the page is published. An unlisted or invited consultation is left "
                        "out of the consultation list, the home page, search, the sitemap, feeds, "
                        "the calendar, the partner API, embeds and alerts.</p>"
                    )
                ),
                FieldPanel("visibility", widget=forms.RadioSelect),
            ],
            heading=_("Who can see this consultation"),
        ),
        InvitationsPanel(heading=_("Invitation links")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(dates_panels, heading=_("Dates and decision")),
            ObjectList(respond_panels, heading=_("Taking part")),
            ObjectList(materials_panels, heading=_("Materials")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(visibility_panels + Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("materials"),
        index.SearchField("who_decides"),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.RelatedFields("areas", [index.SearchField("name")]),
        index.RelatedFields("events", [index.SearchField("title"), index.SearchField("venue")]),
        index.FilterField("opens_at"),
        index.FilterField("closes_at"),
    ]

    base_form_class = ConsultationPageForm
    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types = ["feedback.ResponseFormPage", "consultations.MaterialPage"]

    class Meta:
        verbose_name = _("consultation")

    def clean(self):
        super().clean()
        errors = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = _("The closing date must be after the opening date.")
        if (
            self.hero_image_id
            and not self.hero_image_decorative
            and not self.hero_image_alt.strip()
        ):
            errors["hero_image_alt"] = _(
                "Describe the image for people who cannot see it, or tick 'the image is decorative'."
            )
        if errors:
            raise ValidationError(errors)

    # --- What the page shows -------------------------------------------------------------------
    def get_context(self, request, *args, **kwargs):
        # circular: that module imports these models
        from consultations.display import consultation_context

        context = super().get_context(request, *args, **kwargs)
        context.update(consultation_context(self, request))
        return context

    @path("calendar/", name="calendar")
    def calendar_route(self, request):
        # circular: that module imports these models
        from consultations.ical import consultation_calendar_response

        return consultation_calendar_response(self, request)

    @path("request-another-format/", name="format_request")
    def format_request_route(self, request):
        # circular: that module imports these models
        from consultations.format_requests import (
            format_request_view,  # the view imports these models
        )

        return format_request_view(request, consultation=self)

    @re_path(r"^request-another-format/sent/$", name="format_request_sent")
    def format_request_sent_route(self, request):
        # circular: that module imports these models
        from consultations.format_requests import (
            format_request_sent_view,  # the view imports these models
        )

        return format_request_sent_view(request, consultation=self)

    def format_request_url(self, request=None, material_id=None):
        url = self.get_url(request)
        if url is None:
            return ""
        url += self.reverse_subpage("format_request")
        return f"{url}?material={material_id}" if material_id else url

    def response_form_pages(self) -> dict:
        """The live online response forms under this consultation, by purpose ("standard",
        "easy_read"), in one query."""
        if not self.pk:
            return {}
        # Through the schema: the form page belongs to feedback, an app above this one.
        form_page_model = apps.get_model("feedback", "ResponseFormPage")
        forms = {}
        for form in form_page_model.objects.child_of(self).live().order_by("path"):
            remember_parent(form, self)  # what links to the form asks for its consultation
            forms.setdefault(form.purpose, form)
        return forms

    def response_form_page(self, purpose="standard"):
        """The live online response form under this consultation, if any (the standard one, or
        the Easy Read version with `purpose="easy_read"`)."""
        return self.response_form_pages().get(purpose)

    def easy_read_form_page(self):
        """The live Easy Read version of the response form, if any."""
        return self.response_form_page(purpose="easy_read")

    def ways_to_respond(self, has_events=None, has_online_form=None):
        """The ways to respond this consultation offers, as short keys (for checks and templates)."""
        ways = []
        if (
            has_online_form
            if has_online_form is not None
            else self.response_form_page() is not None
        ):
            ways.append("online")
        for key, value in [
            ("email", self.response_email),
            ("post", self.response_postal_address),
            ("phone", self.response_phone),
            ("text_relay", self.response_text_relay),
            ("other", self.response_other),
        ]:
            if value and value.strip():
                ways.append(key)
        if has_events if has_events is not None else (self.pk and self.events.exists()):
            ways.append("events")
        return ways


class ConsultationEvent(TranslatableMixin, Orderable):
    """A listening event, public meeting, focus group or online session, with its access details."""

    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(
        _("kind of event"),
        max_length=20,
        choices=EventKind.choices,
        default=EventKind.LISTENING_EVENT,
    )
    title = models.CharField(_("title"), max_length=150)
    starts_at = models.DateTimeField(_("starts"), help_text=_("UK time."))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True, help_text=_("UK time."))
    venue = models.CharField(
        _("venue"),
        max_length=150,
        blank=True,
        help_text=_("For example: Eastbrook Library, Room 2."),
    )
    address = models.TextField(
        _("address"), blank=True, max_length=400, help_text=_("Include the postcode.")
    )
    joining_link = models.URLField(
        _("joining link"), blank=True, help_text=_("For an online session.")
    )
    joining_details = models.CharField(
        _("how to join"),
        max_length=250,
        blank=True,
        help_text=_("For example: by phone on 0300 123 4567, code 1234."),
    )
    booking = models.CharField(
        _("booking"),
        max_length=250,
        blank=True,
        help_text=_("Leave blank if people can just turn up."),
    )
    step_free = models.BooleanField(_("step-free access"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    bsl_interpreter = models.BooleanField(_("BSL interpreter"), default=False)
    quiet_space = models.BooleanField(_("quiet space"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    adjustments = models.TextField(
        _("how to ask for an adjustment"),
        blank=True,
        max_length=600,
        help_text=_(
            "Who to contact, and by when, to ask for a change that helps someone take part."
        ),
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("title")]),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldRowPanel([FieldPanel("venue"), FieldPanel("address")], heading=_("Place")),
        FieldRowPanel(
            [FieldPanel("joining_link"), FieldPanel("joining_details")], heading=_("Online")
        ),
        FieldPanel("booking"),
        FieldRowPanel(
            [
                FieldPanel("step_free"),
                FieldPanel("hearing_loop"),
                FieldPanel("bsl_interpreter"),
                FieldPanel("quiet_space"),
                FieldPanel("accessible_toilet"),
            ],
            heading=_("Access"),
        ),
        FieldPanel("adjustments"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("event")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("An event must end after it starts.")
        if not (self.venue or self.address or self.joining_link or self.joining_details):
            errors["address"] = _("Say where the event is, or how to join it online.")
        if errors:
            raise ValidationError(errors)

    @property
    def access_features(self):
        labels = [
            (self.step_free, _("Step-free access")),
            (self.hearing_loop, _("Hearing loop")),
            (self.bsl_interpreter, _("British Sign Language interpreter")),
            (self.quiet_space, _("Quiet space")),
            (self.accessible_toilet, _("Accessible toilet")),
        ]
        return [label for present, label in labels if present]

    @property
    def is_online(self):
        return bool(self.joining_link or self.joining_details) and not (self.venue or self.address)


class MaterialPage(Page):
    """The accessible web page (HTML) version of a consultation's material."""

    summary = models.TextField(
        _("summary"), blank=True, help_text=_("What this document is, in a sentence or two.")
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["consultations.ConsultationPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("material page (accessible web version)")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        consultation = self.get_parent().specific
        context["consultation"] = consultation
        context["format_request_url"] = consultation.format_request_url(request)
        return context
