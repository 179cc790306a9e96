"""Outcome emails in reporting's retention and erasure (registered from YouwedidConfig.ready())."""

from django.utils.translation import gettext_lazy as _

from reporting.retention import PersonalData, register
from youwedid.models import OutcomeNotification

# Rows still to be sent, or being sent, are never removed by retention.
FINISHED = [
    OutcomeNotification.Status.SENT,
    OutcomeNotification.Status.FAILED,
    OutcomeNotification.Status.CANCELLED,
]


def register_personal_data() -> None:
    register(
        PersonalData(
            name="outcome_notifications",
            label=_("Outcome emails"),
            expired=lambda cutoff, now: OutcomeNotification.objects.filter(
                created_at__lt=cutoff, status__in=FINISHED
            ),
            # On an erasure request every row goes, pending ones too: the person asked for no more.
            for_email=lambda email: OutcomeNotification.objects.filter(
                response__email__iexact=email
            ),
        )
    )
