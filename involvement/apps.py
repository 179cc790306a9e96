from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvolvementConfig(AppConfig):
    name = "involvement"
    verbose_name = _("Involvement register")

    def ready(self):
        # Signal receivers and retention kinds are wired once the app registry is ready.
        from involvement import retention, signals

        retention.register_personal_data()
        signals.connect()
