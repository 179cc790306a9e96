"""Store a document's language when the multiple uploader saved it with ``form.save(commit=False)``."""

from django.db.models.signals import post_save

from wagtail.documents.models import Document

from home.forms import save_document_language


def connect():
    post_save.connect(store_document_language, sender=Document, dispatch_uid="home.document_language")


def store_document_language(sender, instance, **kwargs):
    language = getattr(instance, "_hys_language", None)
    if language:
        del instance._hys_language
        save_document_language(instance, language)
