import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Locale, TranslatableMixin
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField

from feedback import questions as q
from feedback.form_editor import QuestionsPanel, ResponseFormPageForm, question_panels
from feedback.private_storage import upload_storage
from home.references import new_reference


@register_snippet
class AboutYouSection(TranslatableMixin, models.Model):
    """The optional equality-monitoring section, edited once and reused by many forms."""

    name = models.CharField(_("name"), max_length=100, help_text=_("For staff: which version of the section this is."))
    heading = models.CharField(_("heading"), max_length=120, default=_("About you (optional)"))
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("Why we ask, and that every question is optional."),
    )
    ask_age_band = models.BooleanField(_("ask age band"), default=True)
    ask_sex = models.BooleanField(_("ask sex"), default=True)
    ask_gender_identity = models.BooleanField(_("ask gender identity"), default=True)
    ask_ethnicity = models.BooleanField(_("ask ethnic group"), default=True)
    ask_disability = models.BooleanField(_("ask disability"), default=True)
    ask_sexual_orientation = models.BooleanField(_("ask sexual orientation"), default=True)
    ask_religion = models.BooleanField(_("ask religion"), default=True)
    ask_carer = models.BooleanField(_("ask whether a carer"), default=True)
    ask_postcode_district = models.BooleanField(_("ask postcode district"), default=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("heading"),
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldPanel("ask_age_band"),
                FieldPanel("ask_sex"),
                FieldPanel("ask_gender_identity"),
                FieldPanel("ask_ethnicity"),
                FieldPanel("ask_disability"),
                FieldPanel("ask_sexual_orientation"),
                FieldPanel("ask_religion"),
                FieldPanel("ask_carer"),
                FieldPanel("ask_postcode_district"),
            ],
            heading=_("Questions to ask"),
        ),
    ]
    override_translatable_fields = [SynchronizedField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("'About you' section")
        verbose_name_plural = _("'About you' sections")

    def __str__(self):
        return self.name


class ResponseFormField(TranslatableMixin, AbstractFormField):
    """One question (or section break) of a response form.

    `key` (and `clean_name`, kept equal to it) is synchronised across translations: answers in
    every language are stored under the same key. Choices are `key|label` lines (or plain labels,
    keyed from the label); a translation's choices take their keys from the source field by
    position, so a translator can never change what an answer is stored as.
    """

    page = ParentalKey("feedback.ResponseFormPage", on_delete=models.CASCADE, related_name="form_fields")
    key = models.SlugField(
        _("key"),
        max_length=60,
        blank=True,
        help_text=_("A short, stable name for reports and exports. Made from the label when left blank; never change it once responses arrive."),
    )
    field_type = models.CharField(_("question type"), max_length=16, choices=q.QUESTION_TYPES)
    choices = models.TextField(
        _("choices"),
        blank=True,
        help_text=_("One per line, as 'key|label' or just the label. For a grid, the scale (blank: agree–disagree)."),
    )
    statements = models.TextField(
        _("statements"),
        blank=True,
        help_text=_("Grid only: one statement per line, as 'key|statement' or just the statement."),
    )
    max_length = models.PositiveIntegerField(
        _("character limit"), null=True, blank=True, help_text=_("Long text: the visible character limit (default 2,000).")
    )
    min_value = models.IntegerField(_("lowest number"), null=True, blank=True)
    max_value = models.IntegerField(_("highest number"), null=True, blank=True, help_text=_("Rating: the top of the scale (default 5)."))
    new_step = models.BooleanField(
        _("start a new step"), default=True, help_text=_("Section breaks only: begin a new page of the form here.")
    )
    file_types = models.CharField(
        _("file types accepted"),
        max_length=100,
        blank=True,
        help_text=_("File upload only. None ticked: PDF, Word, OpenDocument, plain text, JPEG and PNG."),
    )
    max_file_size = models.PositiveSmallIntegerField(
        _("largest file (MB)"), null=True, blank=True, help_text=_("File upload only (default 10 MB).")
    )
    condition_key = models.CharField(
        _("show only if question"),
        max_length=60,
        blank=True,
        help_text=_("An earlier choice question. Questions you have just added appear here once you save."),
    )
    condition_value = models.CharField(
        _("has the answer"), max_length=60, blank=True, help_text=_("The answer that shows this question.")
    )
    # Easy Read forms only (feedback.easy_read): the standard question whose key and choice keys
    # this question's answers are stored under ("" = asked only in Easy Read, under its own key).
    maps_to = models.CharField(_("standard question"), max_length=60, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("picture"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    image_alt = models.CharField(
        _("picture description (alt text)"),
        max_length=250,
        blank=True,
        help_text=_("What the picture shows, for people who cannot see it. Needed when there is a picture."),
    )
    sign_video = models.ForeignKey(
        "feedback.SignVideo",
        verbose_name=_("BSL video"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A British Sign Language video of this question (or section), shown above it."),
    )

    panels = question_panels()
    override_translatable_fields = [
        SynchronizedField("key"),
        SynchronizedField("clean_name"),
        SynchronizedField("field_type"),
        SynchronizedField("required"),
        SynchronizedField("max_length"),
        SynchronizedField("min_value"),
        SynchronizedField("max_value"),
        SynchronizedField("new_step"),
        SynchronizedField("file_types"),
        SynchronizedField("max_file_size"),
        SynchronizedField("condition_key"),
        SynchronizedField("condition_value"),
        SynchronizedField("default_value"),
        SynchronizedField("maps_to"),
        SynchronizedField("image"),
        SynchronizedField("sign_video"),  # each language shows the snippet's own translation
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("question")

    def __str__(self):
        return self.label

    def get_field_clean_name(self):
        return self.key or q.make_key(self.label)

    def clean(self):
        super().clean()
        if self.key and (self.key in q.RESERVED_KEYS or self.key.startswith(q.RESERVED_PREFIXES)):
            raise ValidationError({"key": _("This key is used by the form itself; choose another.")})
        if self.image_id and not (self.image_alt or "").strip():
            raise ValidationError({"image_alt": _("Describe the picture for people who cannot see it.")})
        if self.max_file_size and self.max_file_size > settings.UPLOAD_MAX_MEGABYTES:
            raise ValidationError(
                {"max_file_size": _("The largest file this site takes is %(size)d MB.") % {"size": settings.UPLOAD_MAX_MEGABYTES}}
            )

    def save(self, *args, **kwargs):
        if self.maps_to:  # an Easy Read answer is stored under the standard question's key
            self.key = self.maps_to
        if not self.key:
            taken = set()
            if self.page_id:
                taken = set(ResponseFormField.objects.filter(page_id=self.page_id).exclude(pk=self.pk).values_list("key", flat=True))
                if self.page.purpose == ResponseFormPage.Purpose.EASY_READ:  # never a standard question's key
                    standard = ResponseFormPage.objects.sibling_of(self.page).filter(purpose=ResponseFormPage.Purpose.STANDARD)
                    taken |= set(ResponseFormField.objects.filter(page__in=standard).values_list("key", flat=True))
            self.key = q.make_key(self.label, taken)
        self.key = self.key.replace("-", "_")
        self.clean_name = self.key
        # Browsers send a textarea's line breaks as CRLF: stored as LF, or each choice carries a
        # stray "\r" into wagtail-localize's editor and translators' PO files.
        self.choices = (self.choices or "").replace("\r\n", "\n")
        self.statements = (self.statements or "").replace("\r\n", "\n")
        super().save(*args, **kwargs)


class ResponseFormPage(RoutablePageMixin, AbstractEmailForm):
    """A response form of one consultation; always a child of its ConsultationPage, at most one
    per purpose (the standard form, and an Easy Read version: feedback.easy_read)."""

    class Purpose(models.TextChoices):
        STANDARD = "standard", _("Standard form")
        EASY_READ = "easy_read", _("Easy Read version")

    purpose = models.CharField(
        _("purpose"),
        max_length=10,
        choices=Purpose.choices,
        default=Purpose.STANDARD,
        help_text=_("A consultation has one standard form and may have one Easy Read version of it."),
    )
    introduction = models.TextField(_("introduction"), blank=True, help_text=_("Shown above the first question."))
    about_you = models.ForeignKey(
        "feedback.AboutYouSection",
        verbose_name=_("'About you' section"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The optional equality-monitoring questions to ask after the consultation's own questions."),
    )
    privacy_notice = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("privacy notice"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmation_text = models.TextField(
        _("confirmation text"), blank=True, help_text=_("Shown with the reference after someone sends a response.")
    )

    content_panels = AbstractEmailForm.content_panels + [
        FieldPanel("purpose"),
        FieldPanel("introduction"),
        QuestionsPanel("form_fields", heading=_("Questions"), label=_("question")),
        FieldPanel("about_you"),
        FieldPanel("privacy_notice"),
        FieldPanel("confirmation_text"),
    ]

    base_form_class = ResponseFormPageForm
    parent_page_types = ["consultations.ConsultationPage"]
    subpage_types = []
    max_count_per_parent = len(Purpose)  # one per purpose: ResponseFormPageForm refuses a second

    class Meta:
        verbose_name = _("response form")

    def get_form_fields(self):
        return [f for f in self.form_fields.all() if f.field_type != q.SECTION]

    # Every route is never_cache: the pages carry a CSRF token and an idempotency token.
    @path("")
    def start(self, request):
        # circular: feedback.views imports these models
        from feedback import views

        return views.start(request, self)

    @path("step/<int:number>/")
    def step(self, request, number):
        # circular: feedback.views imports these models
        from feedback import views

        return views.step(request, self, number)

    @path("check/")
    def check_answers(self, request):
        # circular: feedback.views imports these models
        from feedback import views

        return views.check_answers(request, self)

    @path("save/")
    def save_draft(self, request):
        # circular: feedback.views imports these models
        from feedback import views

        return views.save_draft(request, self)

    @path("resume/<str:token>/")
    def resume(self, request, token):
        # circular: feedback.views imports these models
        from feedback import views

        return views.resume(request, self, token)

    @path("paper/")
    def paper_pdf(self, request):
        # a cycle inside feedback: feedback.views imports this module
        from feedback import views

        return views.paper_pdf(request, self)

    @path("paper/large-print/")
    def paper_large_print_pdf(self, request):
        # a cycle inside feedback: feedback.views imports this module
        from feedback import views

        return views.paper_pdf(request, self, large_print=True)

    @path("bsl/")
    def respond_in_bsl(self, request):
        # circular: feedback.sign_language imports these models
        from feedback import sign_language

        return sign_language.respond_in_bsl(request, self)

    @path("bsl/sent/")
    def bsl_sent(self, request):
        # circular: feedback.sign_language imports these models
        from feedback import sign_language

        return sign_language.sent(request, self)

    @path("done/")
    def done(self, request):
        # circular: feedback.views imports these models
        from feedback import views

        return views.done(request, self)

    @property
    def preview_modes(self):
        # circular: feedback.views imports these models
        from feedback import views

        return views.preview_modes(self)

    def serve_preview(self, request, mode_name):
        # circular: feedback.views imports these models
        from feedback import views

        return views.preview(request, self, mode_name)


class Response(models.Model):
    class Status(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        HELD = "held", _("Held for review")
        REJECTED = "rejected", _("Rejected")

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online")
        EMBED = "embed", _("Partner website")
        PAPER = "paper", _("Paper")
        PHONE = "phone", _("Phone")
        EMAIL = "email", _("Email")
        EVENT = "event", _("Event")
        PARTNER = "partner", _("Partner (intake API)")
        SMS = "sms", _("Text message")
        BSL = "bsl", _("British Sign Language")

    reference = models.CharField(max_length=16, unique=True, default=new_reference, editable=False)
    # Always the source-language consultation, so every language aggregates as one.
    consultation = models.ForeignKey("consultations.ConsultationPage", on_delete=models.PROTECT, related_name="responses")
    locale = models.ForeignKey(Locale, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    partner = models.ForeignKey("partners.Partner", null=True, blank=True, on_delete=models.SET_NULL, related_name="responses")
    # An invited consultation: the invitation link it came through (never the person holding it).
    invitation = models.ForeignKey(
        "consultations.Invitation", null=True, blank=True, on_delete=models.SET_NULL, related_name="responses"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACCEPTED, db_index=True)
    # The form it was given through (ResponseFormPage.purpose): reports count both, and split by it.
    form_version = models.CharField(max_length=10, choices=ResponseFormPage.Purpose.choices, default="standard")
    status_reason = models.CharField(max_length=200, blank=True)
    # Answers keyed by stable question keys (and choice keys), identical in every language.
    answers = models.JSONField(default=dict)
    postcode_district = models.CharField(max_length=8, blank=True, db_index=True)
    submitted_at = models.DateTimeField(default=timezone.now, db_index=True)
    idempotency_key = models.CharField(max_length=64, unique=True, null=True, blank=True)
    # Personal data, kept apart so retention and erasure can remove it.
    email = models.EmailField(blank=True)
    name = models.CharField(max_length=150, blank=True)
    wants_outcome = models.BooleanField(default=False)
    wants_receipt = models.BooleanField(default=False)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    # Staff-entered responses (paper, phone, email, event): who typed it in.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The receipt email: sent on commit by a task, retried and resent until it goes.
    receipt_sent_at = models.DateTimeField(null=True, blank=True)
    receipt_attempts = models.PositiveSmallIntegerField(default=0)
    receipt_last_error = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["consultation", "status", "submitted_at"])]
        permissions = [("view_responses", "Can view responses")]

    def __str__(self):
        return self.reference


class GeneralFeedback(models.Model):
    """'Share your views': about a service or this site, not tied to a consultation."""

    class About(models.TextChoices):
        SERVICE = "service", _("A health or care service")
        WEBSITE = "website", _("This website")
        OTHER = "other", _("Something else")

    reference = models.CharField(max_length=16, unique=True, default=new_reference, editable=False)
    about = models.CharField(max_length=10, choices=About.choices, default=About.SERVICE)
    service_name = models.CharField(max_length=200, blank=True)
    what_happened = models.TextField(max_length=5000)
    what_was_good = models.TextField(blank=True, max_length=5000)
    what_could_be_better = models.TextField(blank=True, max_length=5000)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    locale = models.ForeignKey(Locale, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=10, choices=Response.Status.choices, default=Response.Status.ACCEPTED)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Personal data (optional contact), kept apart.
    name = models.CharField(max_length=150, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = _("general feedback")

    def __str__(self):
        return self.reference


class PageUsefulness(models.Model):
    """The 'Is this page useful?' prompt on every page."""

    path = models.CharField(max_length=500, db_index=True)
    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    useful = models.BooleanField()
    comment = models.TextField(blank=True, max_length=1000)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = _("page usefulness answers")

    def __str__(self):
        return f"{self.path}: {'yes' if self.useful else 'no'}"


class Draft(models.Model):
    """A response saved part-way ("save and return"). The link's token is stored only as a hash."""

    token_hash = models.CharField(max_length=64, unique=True)
    form_page = models.ForeignKey("feedback.ResponseFormPage", on_delete=models.CASCADE, related_name="drafts")
    consultation = models.ForeignKey("consultations.ConsultationPage", on_delete=models.CASCADE, related_name="+")
    locale = models.ForeignKey(Locale, on_delete=models.CASCADE, related_name="+")
    data = models.JSONField(default=dict)
    step = models.PositiveSmallIntegerField(default=1)
    email = models.EmailField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self):
        return f"draft {self.pk} for {self.consultation_id}"


def upload_path(instance, filename):
    # Never the visitor's own file name on disk: only the upload's random id.
    return f"uploads/{instance.created_at:%Y/%m}/{instance.pk.hex}"


class Upload(models.Model):
    """A file given as the answer to a file-upload question, kept in the private storage.

    Made when the visitor sends the step (before the response exists); attached to the response
    by `submit_response`. `scan_status` says what ClamAV made of it (feedback.uploads).
    """

    class Scan(models.TextChoices):
        CLEAN = "clean", _("Scanned: no virus found")
        UNSCANNED = "unscanned", _("Not scanned yet (held for review)")
        INFECTED = "infected", _("A virus was found: file removed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    form_key = models.UUIDField(help_text=_("The response form's translation key."))
    question_key = models.CharField(max_length=60)
    # The one-page entry (staff entry, partner embed) it was chosen in, as the server names it
    # (feedback.uploads.entry_binding): a failed submit of that entry keeps the file. Never a
    # value the browser sends.
    entry = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    response = models.ForeignKey(Response, null=True, blank=True, on_delete=models.CASCADE, related_name="uploads")
    file = models.FileField(storage=upload_storage, upload_to=upload_path, max_length=200, blank=True)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    scan_status = models.CharField(max_length=10, choices=Scan.choices, db_index=True)
    scan_detail = models.CharField(max_length=200, blank=True)
    scanned_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("uploaded file")

    def __str__(self):
        return self.original_name


class PaperCopySize(models.Model):
    """How big a drawn paper questionnaire is, so a page can say so in its link without drawing it
    (feedback.paper). Keyed by a fingerprint of what the PDF is drawn from; one row per form page,
    size and language, replaced whenever the PDF is drawn again."""

    form_page = models.ForeignKey(ResponseFormPage, on_delete=models.CASCADE, related_name="+")
    large_print = models.BooleanField(default=False)
    language_code = models.CharField(max_length=20)
    fingerprint = models.CharField(max_length=64, unique=True)
    size = models.PositiveIntegerField()
    drawn_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["form_page", "large_print", "language_code"], name="one_paper_size_per_form_print_and_language")
        ]
        verbose_name = _("paper questionnaire size")

    def __str__(self):
        return f"{self.form_page_id} {'large print' if self.large_print else 'standard'} {self.language_code}: {self.size} bytes"


# British Sign Language (issue 18): the snippet shown with questions, and "Respond in BSL".
from feedback.sign_language_models import SignLanguageRequest, SignVideo  # noqa: E402, F401
