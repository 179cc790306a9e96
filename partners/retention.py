"""Webhook delivery logs in reporting's retention and erasure (registered from PartnersConfig.ready())."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partners.models import WebhookDelivery
from reporting.retention import PersonalData, register

# Deliveries still to be tried are never removed by retention.
FINISHED = [WebhookDelivery.Status.DELIVERED, WebhookDelivery.Status.FAILED]


def register_personal_data() -> None:
    register(
        PersonalData(
            name="webhook_deliveries",
            label=_("Webhook delivery logs"),
            default_days=90,  # logs for troubleshooting deliveries, not a record of the consultation
            expired=lambda cutoff, now: WebhookDelivery.objects.filter(
                created_at__lt=cutoff, status__in=FINISHED
            ),
            for_email=lambda email: WebhookDelivery.objects.filter(
                Q(payload__icontains=email) | Q(error__icontains=email)
            ),
        )
    )
