"""The questions of a consultation's response form, as plain data, in the source language.

Other apps (reporting, exports, partners, youwedid) read questions through `questions_for()`
and never through the form-field models. Every question and every choice has a stable key that
is identical in every language, so answers given in Welsh, Polish or Urdu aggregate as one.

Answers are stored in `Response.answers` (see docs/architecture.md, "Data contracts"):
  short_text, long_text, email, date (ISO), postcode (normalised "NF1 2AB") -> str
  number, rating -> int
  single_choice, dropdown, yes_no, agree_scale -> choice key (str)
  multiple_choice -> list of choice keys
  grid -> {statement_key: scale choice key}
  file_upload -> {"upload": Upload id (str), "name": the file's name, "size": bytes, "type": MIME type}
"""

import datetime
from dataclasses import dataclass, field, replace

from django.template.defaultfilters import filesizeformat
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from home.fallback import source_page
from home.internals import remember_parent

SHORT_TEXT = "short_text"
LONG_TEXT = "long_text"
SINGLE_CHOICE = "single_choice"
MULTIPLE_CHOICE = "multiple_choice"
DROPDOWN = "dropdown"
AGREE_SCALE = "agree_scale"
RATING = "rating"
YES_NO = "yes_no"
NUMBER = "number"
DATE = "date"
EMAIL = "email"
POSTCODE = "postcode"
GRID = "grid"
FILE_UPLOAD = "file_upload"
SECTION = "section"  # a section heading (and, when it says so, the start of a new step): not a question

QUESTION_TYPES = [
    (SHORT_TEXT, _("Short text")),
    (LONG_TEXT, _("Long text (with a character limit)")),
    (SINGLE_CHOICE, _("Single choice (radios)")),
    (MULTIPLE_CHOICE, _("Multiple choice (checkboxes)")),
    (DROPDOWN, _("Dropdown")),
    (AGREE_SCALE, _("Agree–disagree scale")),
    (RATING, _("Rating")),
    (YES_NO, _("Yes or no")),
    (NUMBER, _("Number")),
    (DATE, _("Date")),
    (EMAIL, _("Email address")),
    (POSTCODE, _("UK postcode")),
    (GRID, _("Grid (several statements on one scale)")),
    (FILE_UPLOAD, _("File upload (a document or photo)")),
    (SECTION, _("Section break")),
]
CHOICE_TYPES = {SINGLE_CHOICE, MULTIPLE_CHOICE, DROPDOWN, AGREE_SCALE, YES_NO}

AGREE_SCALE_CHOICES = [
    ("strongly_agree", _("Strongly agree")),
    ("agree", _("Agree")),
    ("neither", _("Neither agree nor disagree")),
    ("disagree", _("Disagree")),
    ("strongly_disagree", _("Strongly disagree")),
    ("dont_know", _("Don't know")),
]
YES_NO_CHOICES = [("yes", _("Yes")), ("no", _("No"))]
DEFAULT_LONG_TEXT_LIMIT = 2000
SHORT_TEXT_LIMIT = 255
DEFAULT_RATING_MAX = 5
DEFAULT_MAX_FILE_SIZE = 10  # megabytes

# Names the form itself uses: a question key may not take them.
PUBLICATION_CONSENT_KEY = "publication_consent"
RESERVED_KEYS = {
    PUBLICATION_CONSENT_KEY,
    "respondent_email",
    "respondent_name",
    "wants_outcome",
    "wants_receipt",
    "idempotency_key",
    "csrfmiddlewaretoken",
    "g-recaptcha-response",
    "action",
}
RESERVED_PREFIXES = ("about_", "hys_")

PUBLICATION_CONSENT_CHOICES = [
    ("full", _("Yes, publish my response in full, with my name if I gave it")),
    ("anonymous", _("Yes, publish my response, but without my name")),
    ("none", _("No, do not publish my response")),
]


@dataclass(frozen=True)
class Question:
    key: str
    label: str
    type: str
    choices: list = field(default_factory=list)  # [(choice_key, label)]
    statements: list = field(default_factory=list)  # [(statement_key, label)], grid only
    section: str = ""  # heading of the section the question sits in
    help_text: str = ""
    required: bool = False
    max_length: int | None = None  # text questions
    min_value: int | None = None  # number, rating
    max_value: int | None = None  # number, rating
    condition_key: str = ""  # shown only if the answer to this question...
    condition_value: str = ""  # ...is (or includes) this choice key
    step: int = 1  # 1-based step of the form the question is on
    file_types: tuple = ()  # file_upload: keys of feedback.uploads.FILE_TYPES accepted
    max_file_size: int | None = None  # file_upload: the largest file, in megabytes
    image_id: int | None = None  # a picture shown beside the question (Easy Read), with...
    image_alt: str = ""  # ...its description, in the question's language
    sign_video: int | None = None  # the source-language SignVideo id of the question (BSL)
    section_video: int | None = None  # ...and of the section break it sits under

    @property
    def choice_labels(self):
        return dict(self.choices)


def make_key(text, taken=()):
    """A stable, ASCII key from a label: 'How often do you visit?' -> 'how_often_do_you_visit'."""
    base = slugify(str(text)).replace("-", "_")[:50].strip("_") or "q"
    if base[0].isdigit():
        base = "q_" + base
    if base in RESERVED_KEYS or base.startswith(RESERVED_PREFIXES):
        base = "q_" + base
    key, n = base, 2
    while key in taken:
        key = f"{base}_{n}"
        n += 1
    return key


def parse_lines(text):
    """Split 'key|label' (or just 'label') lines into [(key_or_None, label)]. Commas split when one line."""
    text = (text or "").replace("\r", "")
    lines = [line.strip() for line in text.split("\n")] if "\n" in text else [part.strip() for part in text.split(",")]
    out = []
    for line in lines:
        if not line:
            continue
        if "|" in line:
            key, label = line.split("|", 1)
            out.append((key.strip() or None, label.strip()))
        else:
            out.append((None, line))
    return out


def keyed_choices(text, source_text=None):
    """[(stable_key, label)] from a choices text field.

    Keys come from the *source-language* field when given (by position), so a translator who
    changes or drops the `key|` part can never change what an answer is stored as.
    """
    own = parse_lines(text)
    if source_text is not None:
        source = keyed_choices(source_text)
        out = []
        for index, (source_key, source_label) in enumerate(source):
            label = own[index][1] if index < len(own) else source_label
            out.append((source_key, label))
        return out
    out, taken = [], set()
    for key, label in own:
        key = slugify(key).replace("-", "_") if key else make_key(label, taken)
        key = key or make_key(label, taken)
        while key in taken:
            key = make_key(key, taken)
        taken.add(key)
        out.append((key, label))
    return out


def choices_for_type(field_type, choices_text, source_text=None):
    if field_type == AGREE_SCALE:
        return [(key, str(label)) for key, label in AGREE_SCALE_CHOICES]
    if field_type == YES_NO:
        return [(key, str(label)) for key, label in YES_NO_CHOICES]
    if field_type == GRID and not (choices_text or "").strip():
        return [(key, str(label)) for key, label in AGREE_SCALE_CHOICES]
    if field_type in CHOICE_TYPES or field_type == GRID:
        return keyed_choices(choices_text, source_text)
    return []


def question_from_field(form_field, source_field=None, section="", step=1, section_video=None):
    """A Question from a ResponseFormField; labels from `form_field`, keys from `source_field`."""
    source = source_field or form_field
    field_type = source.field_type
    statements = []
    if field_type == GRID:
        statements = keyed_choices(form_field.statements, source.statements)
    max_length = None
    if field_type == LONG_TEXT:
        max_length = source.max_length or DEFAULT_LONG_TEXT_LIMIT
    elif field_type == SHORT_TEXT:
        max_length = min(source.max_length or SHORT_TEXT_LIMIT, SHORT_TEXT_LIMIT)
    min_value, max_value = source.min_value, source.max_value
    if field_type == RATING:
        min_value = 1
        max_value = max_value or DEFAULT_RATING_MAX
    file_types, max_file_size = (), None
    if field_type == FILE_UPLOAD:
        file_types = tuple(t for t in (getattr(source, "file_types", "") or "").split(",") if t)
        max_file_size = getattr(source, "max_file_size", None) or DEFAULT_MAX_FILE_SIZE
    return Question(
        key=source.key,
        label=form_field.label,
        type=field_type,
        choices=choices_for_type(field_type, form_field.choices, source.choices),
        statements=statements,
        section=section,
        help_text=form_field.help_text,
        required=bool(source.required),
        max_length=max_length,
        min_value=min_value,
        max_value=max_value,
        condition_key=source.condition_key,
        condition_value=source.condition_value,
        step=step,
        file_types=file_types,
        max_file_size=max_file_size,
        image_id=getattr(source, "image_id", None),
        image_alt=getattr(form_field, "image_alt", "") or "",
        sign_video=getattr(source, "sign_video_id", None),
        section_video=section_video,
    )


def form_page_for(consultation, purpose="standard"):
    """The live ResponseFormPage under this consultation's source-language page, or None: the
    standard form (`easy_read_form_for` gives the Easy Read version).

    The page comes with its "About you" snippet and knows its parent (`get_parent()` and
    `feedback.services.consultation_for()` need no further query)."""
    # circular: that module imports feedback.questions
    from feedback.models import ResponseFormPage

    # circular: that module imports feedback.questions
    from feedback.services import default_locale

    default = default_locale(consultation)
    source = source_page(consultation, default) if default is not None else consultation
    pages = ResponseFormPage.objects.child_of(source).filter(purpose=purpose).select_related("about_you")
    page = pages.live().first() or pages.first()
    if page is not None:
        remember_parent(page, source)
    return page


def easy_read_form_for(consultation):
    """The Easy Read version of this consultation's form (source language), or None."""
    return form_page_for(consultation, purpose="easy_read")


def easy_read_only_questions(consultation, taken=()):
    """The questions asked only in the Easy Read version (keys not in `taken`), source language."""
    form_page = easy_read_form_for(consultation)
    if form_page is None:
        return []
    section = str(_("Asked only in the Easy Read version"))
    return [replace(x, section=section) for x in form_questions(form_page) if x.key not in set(taken)]


def form_questions(form_page, *, fields=None, source_fields=None):
    """The questions of one form page (in its own language), with keys from its source page.

    Returns [(section_field_or_None, Question)] pairs' questions only; section breaks are
    turned into `section` and `step` attributes. `fields` / `source_fields` (objects with the
    form-field columns as attributes) skip the queries when the caller already has the rows.
    """
    fields = list(form_page.form_fields.all()) if fields is None else list(fields)
    if source_fields is None:
        source_fields = fields
        source = source_page(form_page)
        if source.pk != form_page.pk:
            by_key = {f.translation_key: f for f in source.form_fields.all()}
            source_fields = [by_key.get(f.translation_key, f) for f in fields]
    questions, section, step, seen_question, section_video = [], "", 1, False, None
    for form_field, source in zip(fields, source_fields, strict=False):
        if source.field_type == SECTION:
            if source.new_step and seen_question:
                step += 1
                seen_question = False
            section = form_field.label
            section_video = getattr(source, "sign_video_id", None)
            continue
        questions.append(
            question_from_field(form_field, source, section=section, step=step, section_video=section_video)
        )
        seen_question = True
    return questions


def about_you_questions(snippet=None):
    """The optional "About you" questions this snippet asks (all of them when None)."""
    # circular: feedback.about_you imports feedback.questions
    from feedback.about_you import about_you_questions as build

    return build(snippet)


def standard_questions():
    """The questions every form ends with: publication consent (optional)."""
    return [
        Question(
            key=PUBLICATION_CONSENT_KEY,
            label=str(_("Can we publish your response?")),
            type=SINGLE_CHOICE,
            choices=[(key, str(label)) for key, label in PUBLICATION_CONSENT_CHOICES],
            section=str(_("Before you send")),
            required=False,
        )
    ]


def questions_for(consultation, *, include_about_you=True, include_standard=True, include_easy_read=True):
    """Source-language questions of this consultation's response form, in form order.

    The consultation may be given in any language. The questions asked only in its Easy Read
    version follow the form's own (their section says so; mapped ones are the standard ones). Then come the "About you" questions the form
    asks (keys `about_*`) and the standard publication-consent question (key
    `publication_consent`, choices `full` / `anonymous` / `none`). Section breaks are not
    questions: each question carries the heading of its `section` and its `step`.
    Returns [] when the consultation has no response form.
    """
    form_page = form_page_for(consultation)
    if form_page is None:
        return []
    questions = form_questions(form_page)
    last_step = max((q.step for q in questions), default=0)
    if include_easy_read:
        extra = easy_read_only_questions(consultation, taken={x.key for x in questions})
        questions += [_with_step(x, last_step + 1) for x in extra]
        last_step += 1 if extra else 0
    if include_about_you and form_page.about_you_id:
        questions += [_with_step(q, last_step + 1) for q in about_you_questions(form_page.about_you)]
        last_step += 1
    if include_standard:
        questions += [_with_step(q, last_step + 1) for q in standard_questions()]
    return questions


def _with_step(question, step):
    return replace(question, step=step)


def answer_text(question, value):
    """A stored answer as words in the question's language: choice keys become their labels."""
    if value in (None, "", [], {}):
        return ""
    labels = dict(question.choices)
    if question.type == MULTIPLE_CHOICE and isinstance(value, list):
        return ", ".join(str(labels.get(v, v)) for v in value)
    if question.type == GRID and isinstance(value, dict):
        statements = dict(question.statements)
        return "; ".join(f"{statements.get(k, k)}: {labels.get(v, v)}" for k, v in value.items())
    if question.type == FILE_UPLOAD and isinstance(value, dict):
        return f"{value.get('name', '')} ({filesizeformat(value.get('size') or 0)})"
    if question.type == DATE:
        try:
            return date_format(datetime.date.fromisoformat(str(value)), "j F Y")
        except ValueError:
            return str(value)
    if labels:
        return str(labels.get(value, value))
    return str(value)
