from django.apps import AppConfig
from django.db.models.signals import post_save


class ConsultationsConfig(AppConfig):
    name = "consultations"

    def ready(self):
        # ready(): the app registry is loaded only now
        from wagtail.documents import get_document_model
        from wagtail.signals import page_published

        # ready(): the app registry is loaded only now
        from consultations.documents import document_saved
        from consultations.models import ConsultationPage
        from consultations.visibility import keep_translations_in_step

        post_save.connect(
            document_saved, sender=get_document_model(), dispatch_uid="consultations_pdf_page_count"
        )
        page_published.connect(
            keep_translations_in_step,
            sender=ConsultationPage,
            dispatch_uid="consultations_visibility_in_every_language",
        )
