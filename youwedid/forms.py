"""The confirm screen for an outcome's emails: send now, or at a time staff choose."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.widgets import AdminDateTimeInput


class ConfirmSendForm(forms.Form):
    NOW = "now"
    LATER = "later"

    when = forms.ChoiceField(
        label=_("When should the emails go?"),
        choices=[(NOW, _("Now")), (LATER, _("At a time I choose"))],
        initial=NOW,
        widget=forms.RadioSelect,
    )
    send_at = forms.DateTimeField(
        label=_("Send at"),
        required=False,
        widget=AdminDateTimeInput,
        help_text=_(
            "Only when you choose a time. Unpublishing the outcome before then cancels the emails."
        ),
    )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("when") == self.LATER:
            send_at = cleaned_data.get("send_at")
            if send_at is None:
                self.add_error("send_at", _("Enter the date and time to send the emails."))
            elif send_at <= timezone.now():
                self.add_error("send_at", _("Choose a time in the future, or send now."))
        return cleaned_data

    @property
    def send_after(self):
        """None for 'now', else the chosen time (after is_valid())."""
        if self.cleaned_data.get("when") == self.LATER:
            return self.cleaned_data["send_at"]
        return None
