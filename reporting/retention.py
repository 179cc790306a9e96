"""Retention and erasure of personal data in responses.

Personal data lives only in `Response.email`, `Response.name` and answers in people's own words
(see docs/architecture.md). Anonymising blanks those and sets `anonymised_at`; answers to closed
questions (choices, scales, ratings, numbers, grids) stay, so every figure still adds up.
"""


from django.conf import settings
from django.db import transaction
from django.utils import timezone

from consultations.models import ConsultationPage
from feedback.models import Response

from . import audit
from .analysis import CLOSED_TYPES

KEEP_KEYS = {"publication_consent"}


def retention_years():
    return int(getattr(settings, "RESPONSE_RETENTION_YEARS", 5))


def cutoff(now=None, years=None):
    """The moment before which a consultation must have closed for its responses to be anonymised."""
    now = now or timezone.now()
    years = retention_years() if years is None else years
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February
        return now.replace(year=now.year - years, day=28)


def due_for_retention(now=None, years=None):
    """Responses not yet anonymised whose consultation closed more than `years` years ago."""
    closed_before = cutoff(now, years)
    consultations = ConsultationPage.objects.filter(closes_at__lt=closed_before).values("pk")
    return Response.objects.filter(consultation_id__in=consultations, anonymised_at__isnull=True)


def _closed_keys(consultation_id, cache):
    if consultation_id not in cache:
        from feedback.questions import questions_for

        consultation = ConsultationPage.objects.filter(pk=consultation_id).first()
        questions = questions_for(consultation) if consultation else []
        cache[consultation_id] = {question.key for question in questions if question.type in CLOSED_TYPES} | KEEP_KEYS
    return cache[consultation_id]


def anonymised_answers(answers, closed_keys):
    """Only answers to closed questions stay; anything else (own words, unknown keys) goes."""
    return {key: value for key, value in (answers or {}).items() if key in closed_keys}


def anonymise(response, closed_keys, now=None):
    """Blank the personal data of one response in memory (the caller saves)."""
    response.answers = anonymised_answers(response.answers, closed_keys)
    response.email = ""
    response.name = ""
    response.wants_outcome = False
    response.wants_receipt = False
    response.anonymised_at = now or timezone.now()
    return response


FIELDS = ["answers", "email", "name", "wants_outcome", "wants_receipt", "anonymised_at"]


def apply_retention(*, dry_run=False, now=None, years=None, batch_size=500, questions_cache=None):
    """Anonymise every response past retention. Returns {consultation_id: count}. Safe to repeat."""
    now = now or timezone.now()
    cache = {} if questions_cache is None else questions_cache
    counts = {}
    queryset = due_for_retention(now, years).order_by("consultation_id", "pk")
    if dry_run:
        for row in queryset.values("consultation_id"):
            counts[row["consultation_id"]] = counts.get(row["consultation_id"], 0) + 1
        return counts
    while True:
        with transaction.atomic():
            batch = list(queryset[:batch_size])
            if not batch:
                break
            for response in batch:
                anonymise(response, _closed_keys(response.consultation_id, cache), now)
                counts[response.consultation_id] = counts.get(response.consultation_id, 0) + 1
            Response.objects.bulk_update(batch, FIELDS)
    for consultation in ConsultationPage.objects.filter(pk__in=list(counts)):
        audit.record(consultation, audit.RETENTION, None, count=counts[consultation.pk], years=years or retention_years())
    return counts


def find_responses(query, user=None):
    """Responses matching a reference (exactly) or an email address (any case), newest first."""
    query = (query or "").strip()
    if not query:
        return Response.objects.none()
    from django.db.models import Q

    queryset = Response.objects.filter(Q(reference__iexact=query) | Q(email__iexact=query)).select_related("consultation")
    if user is not None:
        from feedback.permissions import consultations_user_can_moderate_responses

        queryset = queryset.filter(consultation_id__in=consultations_user_can_moderate_responses(user))
    return queryset.order_by("-submitted_at")


def erase(response, user, now=None):
    """Erase one person's personal data on request (the response's closed answers stay)."""
    with transaction.atomic():
        anonymise(response, _closed_keys(response.consultation_id, {}), now)
        response.save(update_fields=FIELDS)
        response.redactions.all().delete()
        from .models import PublicationDecision

        PublicationDecision.objects.filter(response=response).delete()
        audit.record(response, audit.ERASE, user, consultation=response.consultation_id, reference=response.reference)
    return response
