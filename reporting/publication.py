"""Publishing responses on the consultation: consent, approval, redaction, the public list.

A response may be published only when the person said so (`publication_consent` answer `full`
or `anonymous`) and staff approved it. Free-text answers are shown with their redactions
applied; the name is shown only with `full` consent. Every decision is audit-logged against the
response, and the log of a consultation exports as CSV.
"""


from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import ModelLogEntry

from feedback import questions as q
from feedback.models import Response
from feedback.questions import questions_for
from security.spreadsheet import csv_text

from . import audit
from .models import PublicationDecision, Redaction

CONSENT_KEY = q.PUBLICATION_CONSENT_KEY
PUBLISHABLE = ("full", "anonymous")


class PublicationError(ValueError):
    pass


def consent_of(response):
    value = (response.answers or {}).get(CONSENT_KEY, "")
    return value if value in ("full", "anonymous", "none") else ""


def can_be_published(response):
    return (
        response.status == Response.Status.ACCEPTED
        and consent_of(response) in PUBLISHABLE
        and response.anonymised_at is None
    )


def approve(response, user):
    if not can_be_published(response):
        raise PublicationError(_("This response cannot be published: the person did not agree, or it is not accepted."))
    with transaction.atomic():
        PublicationDecision.objects.update_or_create(
            response=response,
            defaults={"status": PublicationDecision.Status.APPROVED, "decided_by": user, "decided_at": timezone.now()},
        )
        audit.record(response, audit.PUBLICATION_APPROVE, user, consultation=response.consultation_id, reference=response.reference)


def withdraw(response, user, note=""):
    with transaction.atomic():
        PublicationDecision.objects.update_or_create(
            response=response,
            defaults={"status": PublicationDecision.Status.WITHDRAWN, "decided_by": user, "decided_at": timezone.now()},
        )
        audit.record(
            response, audit.PUBLICATION_WITHDRAW, user, consultation=response.consultation_id, reference=response.reference, note=note[:200]
        )


def redact(response, question_key, start, end, reason, user, note=""):
    """Hide characters [start, end) of one text answer when published. Returns the Redaction."""
    text = (response.answers or {}).get(question_key)
    if not isinstance(text, str):
        raise PublicationError(_("That question has no text answer to redact."))
    if not (0 <= start < end <= len(text)):
        raise PublicationError(_("Choose a passage inside the answer: the start must come before the end."))
    if reason not in Redaction.Reason.values:
        raise PublicationError(_("Choose a reason for the redaction."))
    with transaction.atomic():
        redaction = Redaction.objects.create(
            response=response, question_key=question_key, start=start, end=end, reason=reason, note=note[:255], user=user
        )
        audit.record(
            response,
            audit.REDACT,
            user,
            consultation=response.consultation_id,
            reference=response.reference,
            question=question_key,
            start=start,
            end=end,
            reason=reason,
            note=note[:255],
        )
    return redaction


def redact_text(response, question_key, passage, reason, user, note=""):
    """Redact the first occurrence of `passage` in the answer (what staff type or paste)."""
    text = (response.answers or {}).get(question_key)
    if not isinstance(text, str) or not passage or passage not in text:
        raise PublicationError(_("That passage is not in the answer. Copy it exactly as written."))
    start = text.index(passage)
    return redact(response, question_key, start, start + len(passage), reason, user, note)


def remove_redaction(redaction, user):
    response = redaction.response
    with transaction.atomic():
        audit.record(
            response,
            audit.REDACTION_REMOVE,
            user,
            consultation=response.consultation_id,
            reference=response.reference,
            question=redaction.question_key,
            start=redaction.start,
            end=redaction.end,
        )
        redaction.delete()


def apply_redactions(text, redactions):
    """The text with each [start, end) replaced; overlapping passages merge."""
    spans = sorted((r.start, r.end, r.replacement) for r in redactions)
    out, position = [], 0
    for start, end, replacement in spans:
        if end <= position:
            continue
        start = max(start, position)
        out.append(text[position:start])
        out.append(replacement)
        position = end
    out.append(text[position:])
    return "".join(out)


def published_responses_for(consultation, questions=None):
    """Approved, consenting responses as plain data for the consultation page and the public list.

    [{'number': 1, 'name': 'A. Person' or '', 'received': datetime, 'answers': [(label, text)]}]
    Only free-text answers are shown (choices are in the figures), with redactions applied.
    """
    if questions is None:
        questions = questions_for(consultation)
    text_questions = [question for question in questions if question.type in (q.SHORT_TEXT, q.LONG_TEXT)]
    source = getattr(consultation, "pk", consultation)
    responses = (
        Response.objects.filter(
            consultation_id=source,
            status=Response.Status.ACCEPTED,
            anonymised_at__isnull=True,
            publication__status=PublicationDecision.Status.APPROVED,
            **{f"answers__{CONSENT_KEY}__in": list(PUBLISHABLE)},
        )
        .prefetch_related("redactions")
        .order_by("submitted_at", "pk")
    )
    out = []
    for number, response in enumerate(responses, start=1):
        redactions = list(response.redactions.all())
        answers = []
        for question in text_questions:
            text = (response.answers or {}).get(question.key)
            if isinstance(text, str) and text.strip():
                mine = [r for r in redactions if r.question_key == question.key]
                answers.append((question.label, apply_redactions(text, mine)))
        if not answers:
            continue
        name = response.name if consent_of(response) == "full" else ""
        out.append({"number": number, "name": name, "received": response.submitted_at, "answers": answers})
    return out


def moderation_log(consultation):
    """Audit-log entries for this consultation's moderation and redaction, oldest first."""
    return (
        ModelLogEntry.objects.filter(action__in=audit.MODERATION_ACTIONS, data__consultation=consultation.pk)
        .select_related("user")
        .order_by("timestamp", "pk")
    )


def moderation_log_csv(consultation):
    rows = [[_("When"), _("Who"), _("Action"), _("Response"), _("Question"), _("Passage"), _("Reason"), _("Note")]]
    for entry in moderation_log(consultation):
        data = entry.data or {}
        passage = f"{data['start']}-{data['end']}" if "start" in data else ""
        rows.append(
            [
                timezone.localtime(entry.timestamp).strftime("%Y-%m-%d %H:%M:%S"),
                entry.user.get_username() if entry.user else "",
                entry.action,
                data.get("reference", ""),
                data.get("question", ""),
                passage,
                data.get("reason", ""),
                data.get("note", ""),
            ]
        )
    return csv_text(rows)
