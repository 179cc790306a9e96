"""Joining the register, the alert-only sign-up and changing a membership: nothing is required but
the email address, and each part is kept only when its own consent box is ticked."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from consultations.models import Area, Topic
from consultations.models.snippets import localized_terms
from feedback.about_you import ABOUT_YOU
from feedback.forms import PostcodeField
from feedback.questions import DROPDOWN, POSTCODE
from involvement.choices import (
    ACCESS_NEEDS,
    CONSENT_ABOUT_YOU,
    CONSENT_ACCESS,
    CONSENT_INTERESTS,
    CONSENT_WAYS,
    WAYS,
)
from security.public_forms import clean_text

EMAIL_ERRORS = {
    "required": _("Enter your email address"),
    "invalid": _("Enter an email address in the correct format, like name@example.com"),
    "max_length": _("Email address must be 254 characters or fewer"),
}


def term_choices(model):
    """(source-language pk, name in the reader's language) for every topic or area."""
    default = Locale.get_default()
    try:
        active = Locale.get_active()
    except Locale.DoesNotExist:
        active = default
    sources = list(model.objects.filter(locale=default).order_by("name"))
    return [
        (source.pk, term.name)
        for source, term in zip(sources, localized_terms(sources, active), strict=True)
    ]


def about_you_field(qtype, label, help_text, choices):
    if qtype == POSTCODE:
        return PostcodeField(label=label, help_text=help_text, required=False, district_only=True)
    widget = forms.Select if qtype == DROPDOWN else forms.RadioSelect
    blank = [("", _("Select an answer"))] if qtype == DROPDOWN else []
    return forms.ChoiceField(
        label=label,
        help_text=help_text,
        choices=blank + list(choices),
        required=False,
        widget=widget,
        error_messages={"invalid_choice": _("Select one of the answers")},
    )


class InterestsMixin(forms.Form):
    """Topics and areas, with their consent."""

    topics = forms.TypedMultipleChoiceField(
        label=_("Topics you are interested in"),
        help_text=_("Select all that apply. Leave them all empty to hear about every topic."),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Select topics from the list")},
    )
    areas = forms.TypedMultipleChoiceField(
        label=_("Areas you are interested in"),
        help_text=_("Select all that apply. Leave them all empty to hear about every area."),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Select areas from the list")},
    )
    consent_interests = forms.BooleanField(
        label=_("Keep my topics and areas, to choose what to send me"), required=False
    )
    # (consent field, fields it covers, message when an answer is given without it)
    consent_parts = [
        (
            "consent_interests",
            ["topics", "areas"],
            _("To keep your topics and areas, tick the box to agree, or clear them"),
        )
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].choices = term_choices(Topic)
        self.fields["areas"].choices = term_choices(Area)

    def clean(self):
        cleaned = super().clean()
        for consent, fields, message in self.consent_parts:
            given = any(cleaned.get(name) for name in fields)
            if given and not cleaned.get(consent):
                self.add_error(consent, message)
        return cleaned


class AlertSignupForm(InterestsMixin):
    email = forms.EmailField(label=_("Email address"), max_length=254, error_messages=EMAIL_ERRORS)
    field_order = ["email", "topics", "areas", "consent_interests"]


class MembershipForm(InterestsMixin):
    """Everything a member may tell us (the email address is asked only when joining)."""

    ways = forms.MultipleChoiceField(
        label=_("How would you like to take part?"),
        help_text=_("Select all that apply."),
        choices=[(key, label) for key, _field, label in WAYS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Select ways of taking part from the list")},
    )
    consent_ways = forms.BooleanField(label=_("Keep how I like to take part"), required=False)
    access_needs = forms.MultipleChoiceField(
        label=_("Do you need any of these to take part?"),
        help_text=_("Select all that apply."),
        choices=[(key, label) for key, _field, label in ACCESS_NEEDS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Select access needs from the list")},
    )
    interpreter_language = forms.CharField(
        label=_("Which language would you like an interpreter for? (optional)"),
        max_length=100,
        required=False,
        error_messages={"max_length": _("The language must be 100 characters or fewer")},
    )
    consent_access = forms.BooleanField(
        label=_("Keep my access needs, so we can meet them"), required=False
    )
    consent_about_you = forms.BooleanField(
        label=_("Keep my answers about me, to check we hear from everyone"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        about_keys = []
        for _flag, key, qtype, label, help_text, choices in ABOUT_YOU:
            self.fields[key] = about_you_field(qtype, label, help_text, choices)
            about_keys.append(key)
        self.about_you_keys = about_keys
        self.consent_parts = [
            *InterestsMixin.consent_parts,
            (
                "consent_ways",
                ["ways"],
                _("To keep how you like to take part, tick the box to agree, or clear it"),
            ),
            (
                "consent_access",
                ["access_needs", "interpreter_language"],
                _("To keep your access needs, tick the box to agree, or clear them"),
            ),
            (
                "consent_about_you",
                about_keys,
                _("To keep your answers about you, tick the box to agree, or clear them"),
            ),
        ]

    def clean_interpreter_language(self):
        return clean_text(self.cleaned_data.get("interpreter_language", ""))

    def about_you_fields(self):
        return [self[key] for key in self.about_you_keys]

    def consents_given(self):
        parts = {
            "consent_interests": CONSENT_INTERESTS,
            "consent_ways": CONSENT_WAYS,
            "consent_access": CONSENT_ACCESS,
            "consent_about_you": CONSENT_ABOUT_YOU,
        }
        return [part for field, part in parts.items() if self.cleaned_data.get(field)]


class JoinForm(MembershipForm):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("We will email you a link to confirm that it is yours."),
        max_length=254,
        error_messages=EMAIL_ERRORS,
    )
    field_order = ["email"]
