"""The demo's response forms: a realistic two-step form touching every question type, the
standard "About you" section, and `add_form` to give a consultation such a form (feedback.demo).

Tests build forms with the factories in tests/factories/ (which reuse STANDARD_QUESTIONS)."""

from wagtail.models import Locale

from feedback import questions as q
from feedback.models import AboutYouSection, ResponseFormField, ResponseFormPage

# A realistic two-step form touching every question type.
STANDARD_QUESTIONS = [
    {"field_type": q.SECTION, "label": "Your views on the proposal", "new_step": True},
    {
        "key": "support",
        "label": "How far do you agree with the proposal?",
        "field_type": q.AGREE_SCALE,
        "required": True,
    },
    {
        "key": "use_service",
        "label": "Have you used the minor injuries unit in the last two years?",
        "field_type": q.YES_NO,
        "required": True,
    },
    {
        "key": "visits",
        "label": "How many times?",
        "field_type": q.NUMBER,
        "required": False,
        "min_value": 0,
        "max_value": 500,
        "condition_key": "use_service",
        "condition_value": "yes",
    },
    {
        "key": "travel",
        "label": "How would you travel to the new site?",
        "field_type": q.MULTIPLE_CHOICE,
        "required": False,
        "choices": (
            "car|By car\nbus|By bus\nwalk|On foot or by bike\ntaxi|By taxi or community transport"
        ),
    },
    {
        "key": "reasons",
        "label": "Tell us why you feel this way",
        "field_type": q.LONG_TEXT,
        "required": False,
        "max_length": 1500,
        "help_text": "Please do not include names or details of other people.",
    },
    {"field_type": q.SECTION, "label": "More about your experience", "new_step": True},
    {
        "key": "priorities",
        "label": "How important are these to you?",
        "field_type": q.GRID,
        "required": False,
        "statements": "parking|Free parking\nhours|Opening until 10pm\nxray|X-ray on site",
        "choices": "very|Very important\nquite|Quite important\nnot|Not important",
    },
    {
        "key": "rating",
        "label": "How would you rate the service today?",
        "field_type": q.RATING,
        "required": False,
        "max_value": 5,
    },
    {
        "key": "area",
        "label": "Which part of the area do you live in?",
        "field_type": q.DROPDOWN,
        "required": False,
        "choices": "north|North\nsouth|South\neast|East\nwest|West\nelsewhere|Somewhere else",
    },
    {
        "key": "last_visit",
        "label": "When did you last visit?",
        "field_type": q.DATE,
        "required": False,
    },
    {"key": "postcode", "label": "Your postcode", "field_type": q.POSTCODE, "required": False},
    {
        "key": "contact_email",
        "label": "Work email (organisations only)",
        "field_type": q.EMAIL,
        "required": False,
    },
    {
        "key": "organisation",
        "label": "Organisation name (if responding for one)",
        "field_type": q.SHORT_TEXT,
        "required": False,
    },
    {
        "key": "respondent_type",
        "label": "Are you responding as",
        "field_type": q.SINGLE_CHOICE,
        "required": False,
        "choices": (
            "individual|An individual\norganisation|On behalf of an organisation\n"
            "staff|A member of NHS staff"
        ),
    },
]


# A short form with a file-upload question: an organisation sends its written submission.
UPLOAD_QUESTIONS = [
    {"field_type": q.SECTION, "label": "Your submission", "new_step": True},
    {"key": "organisation", "label": "Organisation name", "field_type": q.SHORT_TEXT, "required": True},
    {
        "key": "submission",
        "label": "Your written submission",
        "field_type": q.FILE_UPLOAD,
        "required": False,
        "file_types": "pdf,docx,odt,txt,jpeg,png",
        "max_file_size": 5,
        "help_text": "A document, or a photo of a paper form.",
    },
]


# The Easy Read version of STANDARD_QUESTIONS (feedback.easy_read): four questions stand for
# standard ones (answers stored under their keys), one is asked only in Easy Read. `image` is the
# title of a demo picture (feedback.demo_easy_read makes them).
EASY_READ_QUESTIONS = [
    {
        "maps_to": "support",
        "label": "Is it a good idea to move the unit to the new health centre?",
        "field_type": q.SINGLE_CHOICE,
        "required": True,
        "choices": "agree|Yes, it is a good idea\nneither|I am not sure\ndisagree|No, it is not a good idea",
        "image": "Easy Read: a tick and a cross",
        "image_alt": "A green tick and a red cross.",
    },
    {
        "maps_to": "use_service",
        "label": "Have you been to the minor injuries unit?",
        "help_text": "Think about the last two years.",
        "field_type": q.YES_NO,
        "required": True,
        "image": "Easy Read: the minor injuries unit",
        "image_alt": "A health centre building with a red cross above the door.",
    },
    {
        "maps_to": "travel",
        "label": "How would you get to the new health centre?",
        "help_text": "You can choose more than one.",
        "field_type": q.MULTIPLE_CHOICE,
        "choices": "car|In a car\nbus|On a bus\nwalk|I would walk or ride a bike",
        "image": "Easy Read: a bus",
        "image_alt": "A green bus with four windows.",
    },
    {
        "maps_to": "reasons",
        "label": "Tell us why. You can write as much or as little as you like.",
        "field_type": q.LONG_TEXT,
        "max_length": 1500,
        "image": "Easy Read: a speech bubble",
        "image_alt": "A speech bubble with lines of writing in it.",
    },
    {
        "key": "easy_to_use",
        "label": "Was this form easy to use?",
        "field_type": q.YES_NO,
        "image": "Easy Read: a smiling face",
        "image_alt": "A yellow smiling face.",
    },
]


def about_you_section(name="Standard equality monitoring"):
    locale = Locale.get_default()
    section, _created = AboutYouSection.objects.get_or_create(
        name=name,
        locale=locale,
        defaults={
            "heading": "About you (optional)",
            "introduction": "These questions help us check we hear from every part of our "
            "community. "
            "Every question is optional. We report the answers only as totals.",
        },
    )
    return section


def add_form(
    consultation,
    questions=None,
    *,
    about_you=None,
    title=None,
    slug="respond",
    publish=True,
    purpose="standard",
):
    """Give a (source-language) consultation a response form (of this purpose); returns the
    ResponseFormPage."""
    existing = ResponseFormPage.objects.child_of(consultation).filter(purpose=purpose).first()
    if existing is not None:
        return existing
    page = ResponseFormPage(
        title=title or f"Respond: {consultation.title}",
        slug=slug,
        about_you=about_you,
        purpose=purpose,
    )
    for order, spec in enumerate(questions if questions is not None else STANDARD_QUESTIONS):
        spec = dict(spec)
        spec.setdefault("required", False)
        page.form_fields.add(
            ResponseFormField(sort_order=order, locale=consultation.locale, **spec)
        )
    consultation.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    else:
        page.save()
    return ResponseFormPage.objects.get(pk=page.pk)
