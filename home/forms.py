"""The document form every editor uses (settings.WAGTAILDOCS_DOCUMENT_FORM_BASE): a document needs
a title people understand and the language it is written in."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wagtail.documents.forms import BaseDocumentForm

from home.accessibility import document_title_problem


class AccessibleDocumentForm(BaseDocumentForm):
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("Choose the document's language")), *settings.LANGUAGES],
        help_text=_("The language the document is written or spoken in. Screen readers use it to pronounce the text."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        record = getattr(self.instance, "language_record", None) if self.instance.pk else None
        if record is not None:
            self.fields["language"].initial = record.language
        if self.is_bound and not hasattr(self.data, "getlist") and set(self.data) <= {"title", "collection"}:
            # The multiple uploader's first step validates a plain dict of title (the file name) and
            # collection; its next step (this form, with a prefix, as posted) asks for both.
            self.fields["language"].required = False
            self._upload_step = True

    def clean_title(self):
        title = self.cleaned_data.get("title", "")
        problem = document_title_problem(title)
        if problem and not getattr(self, "_upload_step", False):
            raise forms.ValidationError(problem)
        return title

    def save(self, commit=True):
        document = super().save(commit=commit)
        language = self.cleaned_data.get("language") or settings.LANGUAGE_CODE
        if commit:
            save_document_language(document, language)
        else:
            document._hys_language = language
        return document


def save_document_language(document, language):
    from home.models import DocumentLanguage

    DocumentLanguage.objects.update_or_create(document=document, defaults={"language": language})
