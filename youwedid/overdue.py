"""Keeping the loop honest: how long each closed consultation has waited for its outcome."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from wagtail.models import Locale

from consultations.models import ConsultationPage
from youwedid.models import YouSaidWeDidPage


@dataclass
class ClosedConsultationRow:
    consultation: object
    closed_at: object
    days_since_closed: int
    outcome: object  # the earliest live outcome, or None
    days_to_outcome: int | None
    overdue: bool


def overdue_after():
    return timedelta(weeks=getattr(settings, "OUTCOME_OVERDUE_WEEKS", 12))


def closed_consultations_report(now=None):
    """Every closed source-language consultation, most overdue first, in a fixed number of queries."""

    now = now or timezone.now()
    consultations = list(
        ConsultationPage.objects.filter(locale=Locale.get_default(), closes_at__lte=now).order_by("closes_at")
    )
    keys = [c.translation_key for c in consultations]
    first_outcome = {}
    outcomes = (
        YouSaidWeDidPage.objects.live()
        .filter(locale=Locale.get_default(), consultations__translation_key__in=keys)
        .prefetch_related("consultations")
        .order_by("first_published_at")
        .distinct()
    )
    for outcome in outcomes:
        for consultation in outcome.consultations.all():
            first_outcome.setdefault(consultation.translation_key, outcome)
    rows = []
    for consultation in consultations:
        outcome = first_outcome.get(consultation.translation_key)
        days_to_outcome = None
        if outcome is not None and outcome.first_published_at:
            days_to_outcome = max((outcome.first_published_at - consultation.closes_at).days, 0)
        waited = now - consultation.closes_at
        rows.append(
            ClosedConsultationRow(
                consultation=consultation,
                closed_at=consultation.closes_at,
                days_since_closed=waited.days,
                outcome=outcome,
                days_to_outcome=days_to_outcome,
                overdue=outcome is None and waited > overdue_after(),
            )
        )
    rows.sort(key=lambda row: (not row.overdue, row.outcome is not None, -row.days_since_closed))
    return rows


def overdue_consultations(now=None):
    return [row for row in closed_consultations_report(now) if row.overdue]
