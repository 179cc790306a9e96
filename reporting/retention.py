"""Retention and erasure of every kind of personal data the site holds.

Responses: personal data lives in `Response.email`, `Response.name` and answers in people's own
words (see docs/architecture.md). Anonymising blanks those and sets `anonymised_at`; answers to
closed questions (choices, scales, ratings, numbers, grids) stay, so every figure still adds up.
They are anonymised RESPONSE_RETENTION_YEARS after their consultation closed.

Everything else (format requests, general feedback, page comments, drafts, sessions, and the rows
higher apps keep, such as outcome emails and webhook logs) is a `PersonalData` kind in `KINDS`:
each says which rows are past its retention period (`PERSONAL_DATA_RETENTION_DAYS[name]`) and
which rows hold a given email address. A higher app registers its own kinds from its
`AppConfig.ready()` with `register()`, so this module never imports it.
"""

import datetime
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from consultations.models import ConsultationPage, FormatRequest
from feedback.models import (
    Draft,
    GeneralFeedback,
    PageUsefulness,
    Response,
    SignLanguageRequest,
    Upload,
)
from feedback.permissions import consultations_user_can_moderate_responses
from feedback.questions import questions_for
from feedback.uploads import BSL_VIDEO_KEY

from . import audit
from .analysis import CLOSED_TYPES
from .models import PublicationDecision

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
# A BSL video relay request's contact details go with the response's own (feedback.sign_language).
RELAY_CONTACT_BLANK = {"phone": "", "contact_times": "", "relay_service": ""}


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
            Upload.objects.filter(response__in=batch).delete()
            SignLanguageRequest.objects.filter(response__in=batch).update(**RELAY_CONTACT_BLANK)
    for consultation in ConsultationPage.objects.filter(pk__in=list(counts)):
        audit.record(consultation, audit.RETENTION, None, count=counts[consultation.pk], years=years or retention_years())
    return counts


def find_responses(query, user=None):
    """Responses matching a reference (exactly) or an email address (any case), newest first."""
    query = (query or "").strip()
    if not query:
        return Response.objects.none()

    queryset = Response.objects.filter(Q(reference__iexact=query) | Q(email__iexact=query)).select_related("consultation")
    if user is not None:
        queryset = queryset.filter(consultation_id__in=consultations_user_can_moderate_responses(user))
    return queryset.order_by("-submitted_at")


def erase(response, user, now=None):
    """Erase one person's personal data on request (the response's closed answers stay)."""
    with transaction.atomic():
        anonymise(response, _closed_keys(response.consultation_id, {}), now)
        response.save(update_fields=FIELDS)
        response.redactions.all().delete()
        response.uploads.all().delete()  # the files go with their rows (feedback.uploads)
        SignLanguageRequest.objects.filter(response=response).update(**RELAY_CONTACT_BLANK)

        PublicationDecision.objects.filter(response=response).delete()
        audit.record(response, audit.ERASE, user, consultation=response.consultation_id, reference=response.reference)
    return response


# --- Every other kind of personal data ------------------------------------------------------------


def _delete(queryset: QuerySet) -> int:
    return queryset.delete()[1].get(queryset.model._meta.label, 0)


@dataclass(frozen=True)
class PersonalData:
    """One kind of personal data: which rows retention removes, and which rows hold a person."""

    name: str  # the key in PERSONAL_DATA_RETENTION_DAYS
    label: Promise  # what staff read in the erasure report ("Format requests")
    expired: Callable[[datetime.datetime, datetime.datetime], QuerySet]  # (cutoff, now) → rows
    for_email: Callable[[str], QuerySet]  # rows holding this address (any case)
    remove: Callable[[QuerySet], int] = _delete  # what retention and erasure do to those rows
    default_days: int | None = None  # None: the five-year rule (RESPONSE_RETENTION_YEARS)


KINDS: dict[str, PersonalData] = {}


def register(kind: PersonalData) -> None:
    """Add a kind of personal data to retention and erasure (call from AppConfig.ready())."""
    KINDS[kind.name] = kind


def retention_days(kind: PersonalData) -> int:
    """PERSONAL_DATA_RETENTION_DAYS[kind], else the kind's default, else the five-year rule."""
    configured = getattr(settings, "PERSONAL_DATA_RETENTION_DAYS", {}).get(kind.name)
    if configured is not None:
        return int(configured)
    return kind.default_days if kind.default_days is not None else 365 * retention_years() + 1


def apply_personal_data_retention(*, dry_run=False, now=None) -> dict[str, int]:
    """Remove every registered kind's rows past its retention period. Returns {kind: count}."""
    now = now or timezone.now()
    counts = {}
    for kind in KINDS.values():
        rows = kind.expired(now - datetime.timedelta(days=retention_days(kind)), now)
        if dry_run:
            counts[kind.name] = rows.count()
        else:
            with transaction.atomic():
                counts[kind.name] = kind.remove(rows)
    return counts


def find_person(email: str) -> dict[str, int]:
    """How many rows of each kind hold this email address (responses included)."""
    email = (email or "").strip()
    if "@" not in email:
        return {}
    found = {"responses": Response.objects.filter(email__iexact=email, anonymised_at__isnull=True).count()}
    found.update({kind.name: kind.for_email(email).count() for kind in KINDS.values()})
    return {name: count for name, count in found.items() if count}


def erase_person(email: str, user, now=None) -> dict[str, int]:
    """Erase everything held about the person with this address, on their request.

    Responses are anonymised (closed answers stay in the figures); every other kind's rows are
    removed. Returns {kind: count} and writes one audit-log entry with the counts, never the
    address. The caller checks permission (`user_may_erase_everywhere`).
    """
    email = (email or "").strip()
    if "@" not in email:
        return {}
    counts = {}
    with transaction.atomic():
        # Other kinds first: some find the person through their responses (outcome emails).
        for kind in KINDS.values():
            removed = kind.remove(kind.for_email(email))
            if removed:
                counts[kind.name] = removed
        responses = list(Response.objects.filter(email__iexact=email, anonymised_at__isnull=True))
        for response in responses:
            erase(response, user, now)
        if responses:
            counts["responses"] = len(responses)
        audit.record(user, audit.ERASE_PERSON, user, counts=counts)
    return counts


def kind_label(name: str) -> str:
    return str(_("Responses")) if name == "responses" else str(KINDS[name].label)


# --- The kinds this app and the apps below it hold -------------------------------------------------


def _blank(fields: dict) -> Callable[[QuerySet], int]:
    return lambda queryset: queryset.update(**fields)


def _session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def _sessions_holding(email: str) -> QuerySet:
    """Sessions whose data mentions the address (a response or draft in progress)."""
    needle = email.lower()
    keys = []
    for session in Session.objects.iterator():
        # get_decoded() gives {} for a session that no longer decodes: it holds nothing we can read.
        if needle in json.dumps(session.get_decoded(), default=str).lower():
            keys.append(session.session_key)
    return Session.objects.filter(session_key__in=keys)


def _remove_sessions(queryset: QuerySet) -> int:
    keys = list(queryset.values_list("session_key", flat=True))
    store = _session_store()
    for key in keys:
        store(session_key=key).delete()  # through the engine, so a cached copy goes too
    Session.objects.filter(session_key__in=keys).delete()
    return len(keys)


register(
    PersonalData(
        name="format_requests",
        label=_("Format requests"),
        expired=lambda cutoff, now: FormatRequest.objects.filter(created_at__lt=cutoff),
        for_email=lambda email: FormatRequest.objects.filter(email__iexact=email),
        remove=_blank({"name": "", "email": "", "phone": "", "postal_address": "", "details": "", "staff_notes": ""}),
    )
)
register(
    PersonalData(
        name="general_feedback",
        label=_("General feedback"),
        expired=lambda cutoff, now: GeneralFeedback.objects.filter(created_at__lt=cutoff),
        for_email=lambda email: GeneralFeedback.objects.filter(email__iexact=email),
    )
)
register(
    PersonalData(
        name="page_comments",
        label=_("Comments on pages"),
        expired=lambda cutoff, now: PageUsefulness.objects.filter(created_at__lt=cutoff).exclude(comment=""),
        for_email=lambda email: PageUsefulness.objects.filter(comment__icontains=email),
        remove=_blank({"comment": ""}),
    )
)
def _uploads_in_drafts(email: str) -> QuerySet:
    """Files waiting in this person's saved drafts (the draft holds only their ids)."""
    ids = [
        value
        for data in Draft.objects.filter(email__iexact=email).values_list("data", flat=True)
        for values in (data or {}).values()
        if isinstance(values, list)
        for value in values
        if isinstance(value, str) and len(value) in (32, 36)
    ]
    return Upload.objects.filter(response__isnull=True, pk__in=[i for i in ids if _is_uuid(i)])


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


# Before "drafts": erasure finds a draft's files through the draft.
register(
    PersonalData(
        name="pending_uploads",
        label=_("Files in unsent responses"),
        default_days=30,  # as drafts: after the file was uploaded
        expired=lambda cutoff, now: Upload.objects.filter(response__isnull=True, created_at__lt=cutoff),
        for_email=_uploads_in_drafts,
    )
)
register(
    PersonalData(
        name="drafts",
        label=_("Saved drafts"),
        default_days=30,
        expired=lambda cutoff, now: Draft.objects.filter(Q(expires_at__lt=now) | Q(updated_at__lt=cutoff)),
        for_email=lambda email: Draft.objects.filter(Q(email__iexact=email) | Q(data__icontains=email)),
    )
)
register(
    PersonalData(
        name="sessions",
        label=_("Browser sessions"),
        default_days=1,  # after the session itself expired (30 minutes idle)
        expired=lambda cutoff, now: Session.objects.filter(expire_date__lt=cutoff),
        for_email=_sessions_holding,
        remove=_remove_sessions,
    )
)


# BSL video answers (feedback.sign_language): the video is kept only until staff have typed the
# answers in, then RETENTION_DAYS_BSL_VIDEOS (90) days; the transcribed answers stay.
register(
    PersonalData(
        name="bsl_videos",
        label=_("BSL video answers"),
        default_days=90,  # after the transcription
        expired=lambda cutoff, now: Upload.objects.filter(
            question_key=BSL_VIDEO_KEY, response__sign_language__transcribed_at__lt=cutoff
        ),
        for_email=lambda email: Upload.objects.filter(question_key=BSL_VIDEO_KEY, response__email__iexact=email),
    )
)
