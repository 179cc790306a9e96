"""The editor's form for a consultation: rules that apply when it is published, not to drafts."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm

RESPONSE_FIELDS = [
    "response_email",
    "response_postal_address",
    "response_phone",
    "response_text_relay",
    "response_other",
]

NO_WAY_TO_RESPOND = _(
    "People need a way to respond before this consultation can be published: add an email address, a "
    "postal address, a phone number or an event, or publish its online response form first. (Drafts can "
    "be saved without one.)"
)


class ConsultationPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        if getattr(self, "is_deferred_validation", False):
            return cleaned_data  # saving a draft: finish it later
        closes_at = cleaned_data.get("closes_at")
        if closes_at is None or closes_at <= timezone.now():
            return (
                cleaned_data  # already closed: publishing a record of a past consultation is fine
            )
        if any((cleaned_data.get(name) or "").strip() for name in RESPONSE_FIELDS):
            return cleaned_data
        if self._has_events() or self._has_live_online_form():
            return cleaned_data
        self.add_error("response_email", NO_WAY_TO_RESPOND)
        return cleaned_data

    def _has_events(self):
        formset = self.formsets.get("events")
        if formset is None or not formset.is_valid():
            return False
        return any(
            form.cleaned_data and not form.cleaned_data.get("DELETE") for form in formset.forms
        )

    def _has_live_online_form(self):
        return self.instance.pk is not None and self.instance.response_form_page() is not None
