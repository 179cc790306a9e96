"""The forms of "Share your views" and "Is this page useful?"."""

import re

from django import forms
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from feedback.models import GeneralFeedback
from security.public_forms import clean_text

MAX_PATH_LENGTH = 500
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class CleanTextMixin:
    text_fields = ()

    def _clean_text_fields(self):
        for name in self.text_fields:
            if name in self.cleaned_data:
                self.cleaned_data[name] = clean_text(self.cleaned_data[name])


class ShareYourViewsForm(CleanTextMixin, forms.Form):
    text_fields = (
        "service_name",
        "what_happened",
        "what_was_good",
        "what_could_be_better",
        "name",
        "phone",
    )

    about = forms.ChoiceField(
        label=_("What is your feedback about?"),
        choices=GeneralFeedback.About.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select what your feedback is about"),
            "invalid_choice": _("Select what your feedback is about"),
        },
    )
    service_name = forms.CharField(
        label=_("Which service? (optional)"),
        help_text=_("For example, the name of a GP surgery, hospital ward or clinic."),
        max_length=200,
        required=False,
        error_messages={"max_length": _("The name of the service must be 200 characters or fewer")},
    )
    what_happened = forms.CharField(
        label=_("What happened?"),
        help_text=_(
            "Tell us about your experience in your own words. Do not include medical details."
        ),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Tell us what happened"),
            "max_length": _("What happened must be 5,000 characters or fewer"),
        },
    )
    what_was_good = forms.CharField(
        label=_("What was good? (optional)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("What was good must be 5,000 characters or fewer")},
    )
    what_could_be_better = forms.CharField(
        label=_("What could be better? (optional)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("What could be better must be 5,000 characters or fewer")},
    )
    rating = forms.TypedChoiceField(
        label=_("Overall, how would you rate it? (optional)"),
        choices=[
            ("5", _("5 – Very good")),
            ("4", _("4 – Good")),
            ("3", _("3 – Neither good nor poor")),
            ("2", _("2 – Poor")),
            ("1", _("1 – Very poor")),
        ],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Select a rating from 1 to 5")},
    )
    name = forms.CharField(
        label=_("Your name (optional)"),
        max_length=150,
        required=False,
        error_messages={"max_length": _("Your name must be 150 characters or fewer")},
    )
    email = forms.EmailField(
        label=_("Email address (optional)"),
        required=False,
        max_length=254,
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
            "max_length": _("Email address must be 254 characters or fewer"),
        },
    )
    phone = forms.CharField(
        label=_("Phone number (optional)"),
        max_length=40,
        required=False,
        error_messages={"max_length": _("Phone number must be 40 characters or fewer")},
    )

    def clean_phone(self):
        phone = clean_text(self.cleaned_data.get("phone", ""))
        if phone and not re.fullmatch(r"\+?[0-9 ()-]{6,40}", phone):
            raise forms.ValidationError(
                _("Enter a phone number, like 01632 960 001 or +44 7700 900 982")
            )
        return phone

    def clean(self):
        cleaned = super().clean()
        self._clean_text_fields()
        if "what_happened" in cleaned and not cleaned["what_happened"]:
            self.add_error("what_happened", _("Tell us what happened"))
        return cleaned


class PageUsefulnessForm(forms.Form):
    useful = forms.ChoiceField(choices=[("yes", "yes"), ("no", "no")])
    path = forms.CharField(max_length=MAX_PATH_LENGTH)
    page = forms.IntegerField(required=False, min_value=1)

    def clean_path(self):
        return local_path(self.cleaned_data["path"])


class PageCommentForm(forms.Form):
    comment = forms.CharField(
        label=_("How could we improve this page? (optional)"),
        help_text=_(
            "Do not include personal or medical information. We cannot reply to comments left here."
        ),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Your comment must be 1,000 characters or fewer")},
    )
    token = forms.CharField(widget=forms.HiddenInput)

    def clean_comment(self):
        return clean_text(self.cleaned_data.get("comment", ""))


def local_path(value):
    """The path if it is a path on this site ("/…", no scheme, host or control characters);
    else ValidationError."""
    value = (value or "").strip()
    if (
        not value.startswith("/")
        or value.startswith("//")
        or "\\" in value
        or _CONTROL.search(value)
        or len(value) > MAX_PATH_LENGTH
        or not url_has_allowed_host_and_scheme(value, allowed_hosts=set())
    ):
        raise forms.ValidationError(_("Not a page on this website"))
    return value.split("#", 1)[0]
