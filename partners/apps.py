from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners")

    def ready(self):
        # ready(): the app registry is loaded only now; signals connects its receivers
        from partners import retention, signals  # noqa: F401

        retention.register_personal_data()  # webhook logs in reporting's retention and erasure
