"""What analysts add to responses: themes and codes, publication decisions, redactions, the report.

Models are thin; what reporting *does* lives in analysis.py, suppression.py, exports.py,
publication.py, engagement_report.py and retention.py.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel

from .population_categories import LOCALITY_KEY, population_categories, population_questions


class Theme(models.Model):
    """A theme analysts code free-text answers with; each consultation has its own list."""

    consultation = models.ForeignKey(
        "consultations.ConsultationPage", verbose_name=_("consultation"), on_delete=models.CASCADE, related_name="themes"
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True, help_text=_("What answers this theme covers."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["consultation", "name"], name="reporting_theme_unique_name")]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name


class ResponseTheme(models.Model):
    """One code: this response's answer to this (free-text) question is about this theme."""

    response = models.ForeignKey("feedback.Response", on_delete=models.CASCADE, related_name="theme_codes")
    question_key = models.CharField(_("question key"), max_length=60)
    theme = models.ForeignKey(Theme, verbose_name=_("theme"), on_delete=models.CASCADE, related_name="codes")
    coded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    coded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question_key", "theme"], name="reporting_code_unique"),
        ]
        indexes = [models.Index(fields=["theme", "question_key"])]
        verbose_name = _("coded answer")
        verbose_name_plural = _("coded answers")

    def __str__(self):
        return f"{self.response_id} {self.question_key}: {self.theme_id}"


class PublicationDecision(models.Model):
    """Staff decide whether a response (that consented) may be published on the consultation."""

    class Status(models.TextChoices):
        APPROVED = "approved", _("Approved for publication")
        WITHDRAWN = "withdrawn", _("Not published")

    response = models.OneToOneField("feedback.Response", on_delete=models.CASCADE, related_name="publication")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.APPROVED)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("publication decision")

    def __str__(self):
        return f"{self.response_id}: {self.status}"


class Redaction(models.Model):
    """A passage of one answer hidden before publication, with the reason why.

    Offsets are character positions in the answer as stored; the original passage itself is not
    copied here, so retention and erasure never have to look for it twice.
    """

    class Reason(models.TextChoices):
        PERSONAL = "personal", _("Identifies a person")
        THIRD_PARTY = "third_party", _("About a third party")
        OFFENSIVE = "offensive", _("Offensive or abusive")
        DEFAMATORY = "defamatory", _("Possibly defamatory")
        OTHER = "other", _("Other")

    response = models.ForeignKey("feedback.Response", on_delete=models.CASCADE, related_name="redactions")
    question_key = models.CharField(_("question key"), max_length=60)
    start = models.PositiveIntegerField(_("first character"))
    end = models.PositiveIntegerField(_("last character (exclusive)"))
    replacement = models.CharField(_("shown instead"), max_length=60, default="[redacted]")
    reason = models.CharField(_("reason"), max_length=12, choices=Reason.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["question_key", "start"]
        verbose_name = _("redaction")

    def __str__(self):
        return f"{self.response_id} {self.question_key} {self.start}-{self.end}"


class EngagementReport(models.Model):
    """The analyst's words for a consultation's engagement report; the figures come from the data."""

    consultation = models.OneToOneField(
        "consultations.ConsultationPage", verbose_name=_("consultation"), on_delete=models.CASCADE, related_name="engagement_report"
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("A few sentences: what we asked, who answered, what we heard."))
    engagement = models.TextField(
        _("what engagement took place"), blank=True, help_text=_("Events, outreach, partners and formats, in your words.")
    )
    findings = models.TextField(_("findings"), blank=True, help_text=_("What people told us, theme by theme."))
    recommendations = models.TextField(_("recommendations"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True, help_text=_("What happens now, who decides, and when."))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("engagement report")

    def __str__(self):
        return f"Engagement report: {self.consultation_id}"


class PopulationArea(ClusterableModel):
    """The people who live in an area, by "About you" category: what reach is measured against.

    Shipped with demo figures (reporting/data/population_demo.json); staff replace them with the
    Census counts for their own area in the admin. The figures are read through
    reporting.population, never directly.
    """

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    source = models.TextField(
        _("source"),
        blank=True,
        help_text=_("Where the figures come from, and for which year and age group."),
    )
    is_default = models.BooleanField(
        _("default area"),
        default=False,
        help_text=_("Reach is measured against this area unless another is chosen."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("source"),
        FieldPanel("is_default"),
        InlinePanel("figures", heading=_("Figures"), label=_("figure")),
    ]

    class Meta:
        ordering = ["-is_default", "name"]
        verbose_name = _("population area")
        verbose_name_plural = _("population figures")

    def __str__(self):
        return self.name


class PopulationFigure(models.Model):
    """How many people in the area are in one category of one "About you" question."""

    area = ParentalKey(PopulationArea, on_delete=models.CASCADE, related_name="figures")
    question_key = models.CharField(_("question"), max_length=60, choices=population_questions)
    category_key = models.CharField(
        _("category"),
        max_length=60,
        help_text=_("An answer key (for example 25_34, white_irish) or a postcode district (NF1)."),
    )
    people = models.PositiveIntegerField(_("people"))

    panels = [FieldPanel("question_key"), FieldPanel("category_key"), FieldPanel("people")]

    class Meta:
        ordering = ["question_key", "category_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "question_key", "category_key"],
                name="reporting_population_unique_figure",
            ),
        ]
        verbose_name = _("population figure")
        verbose_name_plural = _("population figures")

    def __str__(self):
        return f"{self.question_key} {self.category_key}: {self.people}"

    def clean(self):
        super().clean()
        self.category_key = (self.category_key or "").strip()
        known = population_categories(self.question_key)
        if self.question_key == LOCALITY_KEY:
            self.category_key = self.category_key.upper()
        elif known is not None and self.category_key not in known:
            raise ValidationError(
                {
                    "category_key": _("Not a category of this question. Use one of: %(keys)s.")
                    % {"keys": ", ".join(known)}
                }
            )


class ReportCrossTab(models.Model):
    """A cross-tabulation an analyst chose to include in the engagement report (always suppressed).

    `query` is the cross-tab page's own query string (rows, columns, filters, percentages), so
    the report recomputes the table from the data each time it is made.
    """

    consultation = models.ForeignKey(
        "consultations.ConsultationPage", on_delete=models.CASCADE, related_name="report_crosstabs"
    )
    query = models.CharField(_("table"), max_length=500)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name = _("cross-tabulation in the report")

    def __str__(self):
        return f"{self.consultation_id}: {self.query}"
