"""The register in reporting's retention and erasure (registered from InvolvementConfig.ready()).

Periods (PERSONAL_DATA_RETENTION_DAYS, else these defaults): an unconfirmed sign-up goes after
30 days; a membership with no change and no alert or invitation email for 3 years is removed (members are told in
the privacy notice); sent, failed and cancelled alert and invitation rows after a year. Erasure
by email removes the member and, with them, every alert, invitation and response link."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from home.outbox import FINISHED
from involvement.models import Alert, Member, SegmentInvitation
from reporting.retention import PersonalData, register

UNCONFIRMED_DAYS = 30
MEMBERSHIP_DAYS = 3 * 365
EMAIL_LOG_DAYS = 365

KINDS = [
    PersonalData(
        name="register_alerts",
        label=_("Alert emails"),
        default_days=EMAIL_LOG_DAYS,
        expired=lambda cutoff, now: Alert.objects.filter(
            created_at__lt=cutoff, status__in=FINISHED
        ),
        for_email=lambda email: Alert.objects.filter(member__email__iexact=email),
    ),
    PersonalData(
        name="register_invitations",
        label=_("Invitation emails"),
        default_days=EMAIL_LOG_DAYS,
        expired=lambda cutoff, now: SegmentInvitation.objects.filter(
            created_at__lt=cutoff, status__in=FINISHED
        ),
        for_email=lambda email: SegmentInvitation.objects.filter(member__email__iexact=email),
    ),
    PersonalData(
        name="register_unconfirmed",
        label=_("Unconfirmed register and alert sign-ups"),
        default_days=UNCONFIRMED_DAYS,
        expired=lambda cutoff, now: Member.objects.filter(
            confirmed_at__isnull=True, created_at__lt=cutoff
        ),
        for_email=lambda email: Member.objects.filter(
            email__iexact=email, confirmed_at__isnull=True
        ),
    ),
    PersonalData(
        name="register_members",
        label=_("Involvement register members and alert sign-ups"),
        default_days=MEMBERSHIP_DAYS,
        # `last_emailed_at`, not the email records: those go after a year, so an alert sent
        # two years ago must still keep the membership (it once did not: the records were read).
        expired=lambda cutoff, now: Member.objects.filter(
            Q(last_emailed_at__isnull=True) | Q(last_emailed_at__lt=cutoff),
            confirmed_at__isnull=False,
            updated_at__lt=cutoff,
        ),
        for_email=lambda email: Member.objects.filter(
            email__iexact=email, confirmed_at__isnull=False
        ),
    ),
]


def register_personal_data() -> None:
    for kind in KINDS:
        register(kind)
