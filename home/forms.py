"""The document form every editor uses (settings.WAGTAILDOCS_DOCUMENT_FORM_BASE): a document needs
a title people understand and the language it is written in (the site's default language unless
the editor chooses another).

A browser never fills a file box in again when a form comes back with a problem, so when the rest
of the form fails, the file box says plainly that the file must be chosen again."""

from django import forms
from django.conf import settings
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _

from wagtail.documents.forms import BaseDocumentForm
from wagtail.models import Locale

from home.accessibility import document_title_problem
from home.models import DocumentLanguage


def error_summary_items(form: forms.Form, first_anchor: str = "") -> list[tuple[str, str]]:
    """(field id, message) for every error of a bound form, in the order of its fields, for the
    error summary (templates/includes/error_summary.html). A group of radios or boxes is linked
    by its first option's id; errors about the whole form link to `first_anchor` (or nothing)."""
    items = []
    for name, field in form.fields.items():
        anchor = form[name].auto_id
        if isinstance(field.widget, forms.RadioSelect):  # CheckboxSelectMultiple is one too
            anchor = f"{anchor}_0"
        items.extend((anchor, message) for message in form.errors.get(name, []))
    items.extend((first_anchor, message) for message in form.non_field_errors())
    return items


class AccessibleDocumentForm(BaseDocumentForm):
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("Choose the document's language")), *settings.LANGUAGES],
        help_text=_("The language the document is written or spoken in. Screen readers use it to pronounce the text."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        record = getattr(self.instance, "language_record", None) if self.instance.pk else None
        language = record.language if record is not None else default_language()
        self.fields["language"].initial = language
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

    def full_clean(self):
        super().full_clean()
        # After every other check (the model's own included), so nothing re-validates the file.
        if self.is_bound and self.errors and self.add_prefix("file") in self.files and "file" not in self.errors:
            self.add_error("file", CHOOSE_FILE_AGAIN)

    def save(self, commit=True):
        document = super().save(commit=commit)
        language = self.cleaned_data.get("language") or default_language()
        if commit:
            save_document_language(document, language)
        else:
            # Wagtail's multiple uploader saves the document itself, later: record the language
            # when it does. The form holds the receiver (the signal keeps only a weak reference),
            # so it goes when the form does, whether or not the document was saved.
            def store_language(sender, instance, **kwargs):
                if instance is document:
                    post_save.disconnect(store_language, sender=sender)
                    save_document_language(instance, language)

            self._store_language = store_language
            post_save.connect(store_language, sender=type(document))
        return document


CHOOSE_FILE_AGAIN = _(
    "Choose the file again: browsers do not keep a chosen file when a form has a problem. "
    "Fix the problems above and below, then choose the file and save."
)


def default_language() -> str:
    """The site's default language (the default locale's), for a document with none chosen yet."""
    try:
        return Locale.get_default().language_code
    except Locale.DoesNotExist:
        return settings.LANGUAGE_CODE


def save_document_language(document, language):
    DocumentLanguage.objects.update_or_create(document=document, defaults={"language": language})
