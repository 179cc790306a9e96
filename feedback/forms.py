"""Django forms built from a response form's questions (Wagtail's FormBuilder, extended).

Field names are the stable question keys; a grid posts `<key>__<statement key>`, a date
`<key>-day`, `<key>-month`, `<key>-year`. Every value is validated here, on the server.
"""

import copy
import datetime
import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from feedback import questions as q
from feedback import uploads

# UK postcodes (including GIR 0AA and the British Forces / overseas territories shapes in use).
POSTCODE_RE = re.compile(r"^(GIR ?0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY]) ?[0-9][ABD-HJLNP-UW-Z]{2})$")
DISTRICT_RE = re.compile(r"^(GIR|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY]))$")
MAX_EMAIL = 254


def clean_text(value):
    """NFC-normalise, unify newlines, drop control characters other than tab and newline."""
    if value is None:
        return ""
    value = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in value:
        raise ValidationError(_("Remove the unusual characters from your answer"), code="null")
    return "".join(ch for ch in value if ch in "\n\t" or unicodedata.category(ch) not in {"Cc", "Cs", "Co"}).strip()


def normalise_postcode(value):
    """'nf12ab' -> 'NF1 2AB'; None when it is not a UK postcode."""
    compact = re.sub(r"\s+", "", str(value or "")).upper()
    if not POSTCODE_RE.match(compact) or len(compact) < 5:
        return None
    return f"{compact[:-3]} {compact[-3:]}"


def postcode_district(postcode):
    """The outward code ('NF1') of a normalised postcode or of a district on its own."""
    value = str(postcode or "").strip().upper()
    if not value:
        return ""
    if " " in value:
        return value.split(" ", 1)[0][:8]
    compact = value.replace(" ", "")
    if DISTRICT_RE.match(compact):
        return compact[:8]
    full = normalise_postcode(compact)
    return full.split(" ", 1)[0] if full else ""


class TextField(forms.CharField):
    def to_python(self, value):
        if value in self.empty_values:
            return ""
        if isinstance(value, list | tuple | dict):
            raise ValidationError(_("Enter your answer as text"), code="invalid")
        return clean_text(value)


class SharedChoicesMixin:
    """Each bound form deep-copies its fields; ChoiceField also deep-copies every (key, label) pair,
    which was a large part of validating a response. The pairs are immutable strings, so a
    shallow copy of the list is enough (the list itself is still per form)."""

    def __deepcopy__(self, memo):
        result = forms.Field.__deepcopy__(self, memo)
        result._choices = copy.copy(self._choices)
        return result


class KeyChoiceField(SharedChoicesMixin, forms.ChoiceField):
    default_error_messages = {"invalid_choice": _("Select one of the options")}

    def to_python(self, value):
        if isinstance(value, list | tuple | dict):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class KeyMultipleChoiceField(SharedChoicesMixin, forms.MultipleChoiceField):
    default_error_messages = {"invalid_choice": _("Select only the options shown"), "invalid_list": _("Select only the options shown")}

    def to_python(self, value):
        if not value:
            return []
        if not isinstance(value, list | tuple):
            raise ValidationError(self.error_messages["invalid_list"], code="invalid_list")
        return [str(v) for v in value]

    def validate(self, value):
        super().validate(value)
        if len(set(value)) != len(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")


class BoundedIntegerField(forms.IntegerField):
    default_error_messages = {"invalid": _("Enter a whole number, like 3")}

    def to_python(self, value):
        if isinstance(value, str):
            value = clean_text(value).replace(",", "")
        if isinstance(value, bool):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class PostcodeField(forms.CharField):
    default_error_messages = {"invalid": _("Enter a real postcode, like NF1 2AB")}

    def __init__(self, *args, district_only=False, **kwargs):
        self.district_only = district_only
        kwargs.setdefault("max_length", 10 if not district_only else 8)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return ""
        if not isinstance(value, str):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        value = clean_text(value)
        if not value:
            return ""
        if self.district_only:
            district = postcode_district(value)
            if not district:
                raise ValidationError(_("Enter the first part of a postcode, like NF1"), code="invalid")
            return district
        postcode = normalise_postcode(value)
        if postcode is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return postcode


class StrictEmailField(forms.EmailField):
    default_error_messages = {"invalid": _("Enter an email address in the correct format, like name@example.com")}

    def to_python(self, value):
        if value in self.empty_values:
            return ""
        if not isinstance(value, str):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        value = unicodedata.normalize("NFC", value).strip()
        if "\x00" in value or any(unicodedata.category(ch) in {"Cc", "Cf", "Zs", "Cs"} for ch in value):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return value

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", MAX_EMAIL)
        super().__init__(*args, **kwargs)
        self.validators = [v for v in self.validators if not isinstance(v, EmailValidator)] + [
            EmailValidator(message=self.error_messages["invalid"])
        ]


class DatePartsWidget(forms.Widget):
    """NHS.UK date input: three boxes, posted as <name>-day, <name>-month, <name>-year."""

    parts = ("day", "month", "year")

    def value_from_datadict(self, data, files, name):
        if name in data and not any(f"{name}-{p}" in data for p in self.parts):
            return data.get(name)  # an ISO date posted directly (API, staff import)
        return [data.get(f"{name}-{p}", "") for p in self.parts]

    def value_omitted_from_data(self, data, files, name):
        return name not in data and not any(f"{name}-{p}" in data for p in self.parts)


class DatePartsField(forms.Field):
    widget = DatePartsWidget
    default_error_messages = {
        "invalid": _("Enter a real date, like 27 3 2025"),
        "incomplete": _("The date must include a day, a month and a year"),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return ""
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(clean_text(value)).isoformat()
            except ValueError as error:
                raise ValidationError(self.error_messages["invalid"], code="invalid") from error
        if not isinstance(value, list | tuple) or len(value) != 3:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        parts = [clean_text(v) if isinstance(v, str) else "" for v in value]
        if not any(parts):
            return ""
        if not all(parts):
            raise ValidationError(self.error_messages["incomplete"], code="incomplete")
        try:
            day, month, year = (int(p) for p in parts)
            if not 1000 <= year <= 9999:
                raise ValueError
            return datetime.date(year, month, day).isoformat()
        except (ValueError, OverflowError) as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error


class GridWidget(forms.Widget):
    def __init__(self, statements=(), attrs=None):
        self.statements = list(statements)
        super().__init__(attrs)

    def value_from_datadict(self, data, files, name):
        value = data.get(name) if hasattr(data, "get") else None
        if isinstance(value, dict):
            return value
        return {key: data.get(f"{name}__{key}", "") for key, _label in self.statements}

    def value_omitted_from_data(self, data, files, name):
        return False


class GridField(forms.Field):
    """Several statements, each answered on one scale: cleans to {statement_key: choice_key}."""

    default_error_messages = {
        "invalid_choice": _("Select one of the options for each statement"),
        "incomplete": _("Answer every statement"),
    }

    def __init__(self, *, statements, scale, **kwargs):
        self.statements = list(statements)
        self.scale = list(scale)
        kwargs.setdefault("widget", GridWidget(statements=self.statements))
        super().__init__(**kwargs)

    def to_python(self, value):
        if not value:
            return {}
        if not isinstance(value, dict):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        allowed = {k for k, _label in self.scale}
        statements = {k for k, _label in self.statements}
        out = {}
        for key, answer in value.items():
            if key not in statements:
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
            if answer in (None, "", []):
                continue
            if not isinstance(answer, str) or answer not in allowed:
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
            out[key] = answer
        return out

    def validate(self, value):
        if self.required and len(value) < len(self.statements):
            raise ValidationError(self.error_messages["incomplete"], code="incomplete")


class UploadField(forms.Field):
    """A file-upload question, as it reaches validation: the id of an Upload already checked and
    scanned when its step was sent (feedback.uploads.store_upload). Cleans to the stored answer."""

    default_error_messages = {"invalid": _("Choose the file again: the one you chose is no longer available")}

    def __init__(self, *, question, **kwargs):
        self.question = question
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return ""
        if not isinstance(value, str):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        upload = uploads.pending_upload(self.question, value)
        if upload is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return uploads.answer_for(upload)


class ResponseFormBuilder(FormBuilder):
    """Wagtail's FormBuilder, fed `feedback.questions.Question`s instead of field models."""

    def __init__(self, questions):
        super().__init__(questions)

    def get_field_options(self, field):
        return {
            "label": field.label,
            "help_text": field.help_text,
            "required": field.required,
            "error_messages": {"required": required_message(field)},
        }

    def get_create_field_function(self, type):
        return super().get_create_field_function(type)

    @property
    def formfields(self):
        fields = {}
        for question in self.fields:
            if question.type == q.SECTION:
                continue
            formfield = self.get_create_field_function(question.type)(question, self.get_field_options(question))
            formfield.question = question
            fields[question.key] = formfield
        return fields

    def create_short_text_field(self, question, options):
        return TextField(max_length=question.max_length or q.SHORT_TEXT_LIMIT, **options)

    def create_long_text_field(self, question, options):
        return TextField(max_length=question.max_length or q.DEFAULT_LONG_TEXT_LIMIT, widget=forms.Textarea, **options)

    def _choice(self, question, options):
        return KeyChoiceField(choices=question.choices, **options)

    create_single_choice_field = _choice
    create_dropdown_field = _choice
    create_agree_scale_field = _choice
    create_yes_no_field = _choice

    def create_multiple_choice_field(self, question, options):
        return KeyMultipleChoiceField(choices=question.choices, **options)

    def create_rating_field(self, question, options):
        low, high = question.min_value or 1, question.max_value or q.DEFAULT_RATING_MAX
        return BoundedIntegerField(min_value=low, max_value=high, **options)

    def create_number_field(self, question, options):
        return BoundedIntegerField(min_value=question.min_value, max_value=question.max_value, **options)

    def create_date_field(self, question, options):
        return DatePartsField(**options)

    def create_email_field(self, question, options):
        return StrictEmailField(**options)

    def create_postcode_field(self, question, options):
        return PostcodeField(district_only=question.key.startswith("about_"), **options)

    def create_grid_field(self, question, options):
        return GridField(statements=question.statements, scale=question.choices, **options)

    def create_file_upload_field(self, question, options):
        return UploadField(question=question, **options)

    def get_form_class(self):
        return type("ResponseForm", (ResponseForm,), self.formfields)


def required_message(question):
    if question.type in q.CHOICE_TYPES or question.type == q.GRID:
        return _("Select an answer to: %(label)s") % {"label": question.label}
    return _("Enter an answer to: %(label)s") % {"label": question.label}


class ResponseForm(BaseForm):
    """A bound step (or the whole form). `context_answers` holds answers from other steps, so a
    conditional question on this step can follow a question on an earlier one."""

    def __init__(self, *args, context_answers=None, **kwargs):
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        self.context_answers = context_answers or {}
        self.hidden_by_condition = set()
        for name, formfield in self.fields.items():
            question = getattr(formfield, "question", None)
            if question and question.condition_key and not self.condition_met(question):
                formfield.required = False
                self.hidden_by_condition.add(name)

    def raw_answer(self, key):
        if key in self.fields and self.is_bound:
            field = self.fields[key]
            return field.widget.value_from_datadict(self.data, self.files, self.add_prefix(key))
        return self.context_answers.get(key)

    def condition_met(self, question):
        if not self.is_bound and question.condition_key in self.fields:
            return False
        value = self.raw_answer(question.condition_key)
        if isinstance(value, list | tuple):
            return question.condition_value in value
        return value == question.condition_value

    def clean(self):
        cleaned = super().clean()
        for name in self.hidden_by_condition:
            cleaned.pop(name, None)
            self._errors.pop(name, None)
        return cleaned

    def answers(self):
        """cleaned_data in the stored shape: keys present only when answered."""
        out = {}
        for name, value in self.cleaned_data.items():
            if name not in self.fields or not hasattr(self.fields[name], "question"):
                continue
            if value in ("", None, [], {}):
                continue
            out[name] = value
        return out


class ConsentForm(forms.Form):
    """The last step: publication consent, outcome and receipt emails."""

    publication_consent = KeyChoiceField(
        label=_("Can we publish your response?"),
        choices=[(k, v) for k, v in q.PUBLICATION_CONSENT_CHOICES],
        required=False,
        widget=forms.RadioSelect,
        help_text=_("We never publish your name, email address or other contact details unless you choose to."),
    )
    wants_outcome = forms.BooleanField(label=_("Tell me the outcome of this consultation by email"), required=False)
    wants_receipt = forms.BooleanField(label=_("Email me a copy of my answers"), required=False)
    respondent_email = StrictEmailField(
        label=_("Email address"),
        required=False,
        help_text=_("Only if you want the outcome or a copy of your answers. We use it for nothing else."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "%s")
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        wants_email = cleaned.get("wants_outcome") or cleaned.get("wants_receipt")
        if wants_email and not cleaned.get("respondent_email") and "respondent_email" not in self.errors:
            self.add_error(
                "respondent_email",
                pgettext_lazy("consent", "Enter your email address so we can send what you asked for"),
            )
        return cleaned


def build_form_class(questions):
    return ResponseFormBuilder(questions).get_form_class()
