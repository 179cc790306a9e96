from django.apps import AppConfig
from django.db.models.signals import post_save


class ConsultationsConfig(AppConfig):
    name = "consultations"

    def ready(self):
        # ready(): the app registry is loaded only now
        from wagtail.documents import get_document_model

        # ready(): the app registry is loaded only now
        from consultations.documents import document_saved

        post_save.connect(
            document_saved, sender=get_document_model(), dispatch_uid="consultations_pdf_page_count"
        )
