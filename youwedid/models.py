from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.outbox import Outbox
from youwedid import blocks as outcome_blocks
from youwedid.listing import outcome_listing
from youwedid.panels import NotificationCountsPanel
from youwedid.presentation import outcome_page_context
from youwedid.validation import consultation_errors

SHORT_RICH_TEXT = ["bold", "italic", "link", "ul", "ol"]


class YouSaidWeDidIndexPage(Page):
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["youwedid.YouSaidWeDidPage"]

    class Meta:
        verbose_name = _("'You said, we did' index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(outcome_listing(self, request.GET))
        return context


class OutcomePageForm(WagtailAdminPageForm):
    """Checks the chosen consultations here: the model's clean() cannot see them before saving."""

    def clean(self):
        cleaned_data = super().clean()
        if "consultations" in cleaned_data:
            for message in consultation_errors(self.instance, cleaned_data["consultations"]):
                self.add_error("consultations", message)
        return cleaned_data


class YouSaidWeDidPage(Page):
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("Two or three sentences in plain words: what we asked, and the main things that changed."),
    )
    consultations = ParentalManyToManyField(
        "consultations.ConsultationPage",
        blank=True,
        related_name="outcomes",
        verbose_name=_("consultations"),
        help_text=_("The consultations this outcome reports on (their English versions). Each can have only one published outcome."),
    )

    # The engagement in figures: computed from the responses; an editor may override each line.
    people_override = models.CharField(
        _("how many people (override)"),
        max_length=120,
        blank=True,
        help_text=_("Leave blank to show the number of accepted responses, e.g. to add people met at events."),
    )
    dates_override = models.CharField(_("dates (override)"), max_length=120, blank=True)
    channels_override = models.CharField(_("how people took part (override)"), max_length=255, blank=True)
    who_took_part = models.TextField(
        _("who took part"),
        blank=True,
        help_text=_("In words: the groups and communities we heard from, and any we heard less from."),
    )

    # The decision.
    decision_maker = models.CharField(_("who decided"), max_length=255, blank=True, help_text=_("For example, the board of the integrated care board."))
    decision_date = models.DateField(_("date of the decision"), null=True, blank=True)
    decision_papers_url = models.URLField(_("link to the decision papers"), blank=True)
    decision = RichTextField(_("the decision"), features=SHORT_RICH_TEXT, blank=True)

    documents = StreamField(outcome_blocks.DocumentsBlock(), blank=True, verbose_name=_("documents"))
    what_happens_next = RichTextField(_("what happens next"), features=SHORT_RICH_TEXT, blank=True)
    stay_involved = RichTextField(_("how to stay involved"), features=SHORT_RICH_TEXT, blank=True)

    base_form_class = OutcomePageForm
    content_panels = Page.content_panels + [
        NotificationCountsPanel(heading=_("Emails to people who took part")),
        FieldPanel("summary"),
        FieldPanel("consultations"),
        MultiFieldPanel(
            [
                FieldPanel("people_override"),
                FieldPanel("dates_override"),
                FieldPanel("channels_override"),
                FieldPanel("who_took_part"),
            ],
            heading=_("The engagement in figures"),
            help_text=_("Figures come from the accepted responses. Fill a line only to replace what is computed."),
        ),
        InlinePanel("items", label=_("You said, we did"), min_num=1, heading=_("You said, we did")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("decision_maker"), FieldPanel("decision_date")]),
                FieldPanel("decision_papers_url"),
                FieldPanel("decision"),
            ],
            heading=_("The decision"),
        ),
        FieldPanel("documents"),
        FieldPanel("what_happens_next"),
        FieldPanel("stay_involved"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("decision")]
    override_translatable_fields = [
        SynchronizedField("decision_date"),
        SynchronizedField("decision_papers_url"),
    ]

    parent_page_types = ["youwedid.YouSaidWeDidIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("'You said, we did' page")

    def clean(self):
        super().clean()
        errors = consultation_errors(self, list(self.consultations.all()))
        if errors:
            raise ValidationError({"consultations": errors})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(outcome_page_context(self))
        return context


class OutcomeItem(TranslatableMixin, Orderable):
    """One "You said" → "We did" pair, with its status and dated progress updates."""

    class Status(models.TextChoices):
        CHANGED = "changed", _("Changed")
        WILL_CHANGE = "will_change", _("Will change")
        COULD_NOT_CHANGE = "could_not_change", _("Could not change")

    page = ParentalKey(YouSaidWeDidPage, on_delete=models.CASCADE, related_name="items")
    you_said = models.TextField(_("you said"), help_text=_("What people told us, in their words as far as possible."))
    we_did = models.TextField(_("we did"), help_text=_("What we did, will do, or could not do about it."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.CHANGED)
    target_date = models.DateField(_("target date"), null=True, blank=True, help_text=_("Required when the status is 'will change'."))
    reason = models.TextField(_("why we could not change this"), blank=True, help_text=_("Required when the status is 'could not change'."))
    progress_updates = StreamField(
        outcome_blocks.ProgressUpdatesBlock(), blank=True, verbose_name=_("progress updates"),
        help_text=_("Dated updates, so people can follow a promise until it is kept."),
    )

    panels = [
        FieldPanel("you_said"),
        FieldPanel("we_did"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("target_date")]),
        FieldPanel("reason"),
        FieldPanel("progress_updates"),
    ]
    override_translatable_fields = [SynchronizedField("status"), SynchronizedField("target_date")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("'you said, we did' item")

    def __str__(self):
        return self.you_said[:60]

    def clean(self):
        super().clean()
        errors = {}
        if self.status == self.Status.WILL_CHANGE and not self.target_date:
            errors["target_date"] = _("Enter the date by which this will change.")
        if self.status == self.Status.COULD_NOT_CHANGE and not (self.reason or "").strip():
            errors["reason"] = _("Explain why this could not change.")
        if errors:
            raise ValidationError(errors)

    @property
    def tag_class(self):
        return {
            self.Status.CHANGED: "nhsuk-tag--green",
            self.Status.WILL_CHANGE: "nhsuk-tag--blue",
            self.Status.COULD_NOT_CHANGE: "nhsuk-tag--grey",
        }.get(self.status, "")


class OutcomeNotification(Outbox):
    """One email telling one respondent about one outcome; unique, so it can never be sent twice.

    `outcome_key` is the outcome's translation_key: publishing a translation, or the same outcome
    again, finds the same rows. The row is claimed (pending → sending) by a single UPDATE before
    the email goes (home.outbox), so a second worker or a repeated task finds nothing to do.
    """

    outcome_key = models.UUIDField(_("outcome"), db_index=True)
    outcome = models.ForeignKey(
        YouSaidWeDidPage, null=True, blank=True, on_delete=models.SET_NULL, related_name="notifications",
        help_text=_("The source-language outcome page."),
    )
    response = models.ForeignKey("feedback.Response", on_delete=models.CASCADE, related_name="outcome_notifications")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["outcome_key", "response"], name="youwedid_one_email_per_outcome_and_response")]
        verbose_name = _("outcome email")

    def __str__(self):
        return f"{self.outcome_key} → {self.response_id}: {self.status}"
