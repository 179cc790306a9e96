from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class YouwedidConfig(AppConfig):
    name = "youwedid"
    verbose_name = _("You said, we did")

    def ready(self):
        # ready(): the app registry is loaded only now
        from wagtail.signals import page_published, page_unpublished

        # ready(): the app registry is loaded only now
        from youwedid import retention, signals

        # ready(): the app registry is loaded only now
        from youwedid.models import YouSaidWeDidPage

        retention.register_personal_data()  # outcome emails in reporting's retention and erasure
        page_published.connect(signals.outcome_published, sender=YouSaidWeDidPage, dispatch_uid="youwedid_published")
        page_unpublished.connect(signals.outcome_unpublished, sender=YouSaidWeDidPage, dispatch_uid="youwedid_unpublished")
