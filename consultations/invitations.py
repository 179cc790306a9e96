"""Invitation links to an invited consultation: make them, find the one a visitor came through.

A link is ``<public address>/<language>/invitation/<secret>/``. The secret is made with
`secrets` and only its SHA-256 is stored, so the links are shown once (when made, and in the CSV
staff download then) and a copy of the database does not hand anyone a way in. Opening a link
grants access for that browser's session to the consultation in every language (translations
share the source consultation's invitations); a revoked link stops working at once, for the
session too.
"""

import hashlib
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Locale

from consultations.models import ConsultationPage, Invitation
from home.public_urls import public_base_url
from outbox import sending
from outbox import tasks as outbox_tasks

SESSION_KEY = "consultation_invitations"
TOKEN_BYTES = 24
MAX_PER_BATCH = 5000  # links made at once in the admin (a CSV file someone can still handle)
EMAIL_KIND = "consultations.invitation"


def hash_token(raw_token: str) -> str:
    return hashlib.sha256(raw_token.encode()).hexdigest()


def source_consultation(consultation: ConsultationPage) -> ConsultationPage:
    """The source-language version (invitations always belong to it), else the page itself."""
    source = (
        ConsultationPage.objects.filter(
            translation_key=consultation.translation_key, locale=Locale.get_default()
        )
        .exclude(pk=consultation.pk)
        .first()
    )
    return source or consultation


def create_invitations(
    consultation: ConsultationPage, count: int, *, label: str = "", created_by=None
) -> list[tuple[Invitation, str]]:
    """Make ``count`` invitation links; returns (invitation, raw token) pairs. The raw tokens
    are not stored anywhere: hand them on now (`invitation_url`) or they are gone."""
    if count < 1:
        raise ValueError("count must be at least 1")
    source = source_consultation(consultation)
    made = []
    for _ in range(count):
        raw = secrets.token_urlsafe(TOKEN_BYTES)
        made.append(
            (
                Invitation(
                    consultation=source,
                    token=hash_token(raw),
                    label=label,
                    created_by=created_by,
                ),
                raw,
            )
        )
    with transaction.atomic():
        Invitation.objects.bulk_create([invitation for invitation, _raw in made], batch_size=1000)
    return made


def invitation_url(consultation: ConsultationPage, raw_token: str) -> str:
    """The absolute public address of an invitation link, in the consultation's language."""
    with translation.override(consultation.locale.language_code):
        path = reverse("consultation_invitation", kwargs={"token": raw_token})
    return public_base_url() + path


def invitation_for_token(raw_token: str) -> Invitation | None:
    """The invitation a raw token belongs to (revoked ones included), or None."""
    if not raw_token or len(raw_token) > 100:
        return None
    return (
        Invitation.objects.filter(token=hash_token(raw_token))
        .select_related("consultation")
        .first()
    )


def grant(request, invitation: Invitation) -> None:
    """Let this browser's session read and respond to the invitation's consultation."""
    granted = dict(request.session.get(SESSION_KEY, {}))
    granted[str(invitation.consultation.translation_key)] = invitation.pk
    request.session[SESSION_KEY] = granted


def invitation_from_request(request, consultation: ConsultationPage) -> Invitation | None:
    """The (unrevoked) invitation this browser opened for ``consultation`` in any language."""
    session = getattr(request, "session", None)
    if session is None:
        return None
    invitation_id = session.get(SESSION_KEY, {}).get(str(consultation.translation_key))
    if invitation_id is None:
        return None
    return (
        Invitation.objects.filter(
            pk=invitation_id,
            revoked_at__isnull=True,
            consultation__translation_key=consultation.translation_key,
        )
        .select_related("consultation")
        .first()
    )


def mark_opened(invitation: Invitation) -> None:
    """Record the first time the link was opened (later openings change nothing)."""
    now = timezone.now()
    updated = Invitation.objects.filter(pk=invitation.pk, first_opened_at__isnull=True).update(
        first_opened_at=now
    )
    if updated:
        invitation.first_opened_at = now


def revoke(invitation: Invitation) -> None:
    """Stop the link working, at once and for every browser that opened it."""
    now = timezone.now()
    Invitation.objects.filter(pk=invitation.pk, revoked_at__isnull=True).update(revoked_at=now)
    invitation.refresh_from_db(fields=["revoked_at"])


@dataclass(frozen=True)
class Recipient:
    key: str  # who this is within the send, e.g. a member's id: one invitation each, ever
    to: str
    language: str = ""


@dataclass
class InvitationSend:
    queued: list[tuple[Recipient, Invitation]]  # invited now (a new link each, email queued)
    already: int  # recipients of this send invited before: no new link, no second email
    email_ids: list[int]


def send_key_for(send_key: str, recipient: Recipient) -> str:
    return f"{send_key}:{recipient.key}"


def queue_invitation_emails(
    consultation: ConsultationPage,
    recipients: Iterable[Recipient],
    *,
    send_key: str,
    render: Callable[[str, Recipient], tuple[str, str, dict]],
    kind: str = EMAIL_KIND,
    label: str = "",
    created_by=None,
) -> InvitationSend:
    """Email each recipient their own invitation link, exactly once per (send_key, recipient).

    ``render(url, recipient)`` returns (subject, body, headers) and is called in the recipient's
    language. Run again with the same ``send_key`` (a double click, a retried request), a
    recipient already invited gets no second link and no second email. The emails go from the
    background worker (`outbox`) after the transaction commits.
    """
    source = source_consultation(consultation)
    by_key = {send_key_for(send_key, r): r for r in recipients}
    with transaction.atomic():
        # One send at a time per consultation, so two racing calls cannot both make links.
        ConsultationPage.objects.select_for_update().filter(pk=source.pk).first()
        existing = sending.existing_keys(kind, list(by_key))
        new = [(key, recipient) for key, recipient in by_key.items() if key not in existing]
        made = (
            create_invitations(source, len(new), label=label, created_by=created_by) if new else []
        )
        messages = []
        for (key, recipient), (_invitation, raw) in zip(new, made, strict=True):
            with translation.override(recipient.language or source.locale.language_code):
                subject, body, headers = render(invitation_url(source, raw), recipient)
            messages.append(
                sending.Message(
                    key=key,
                    to=recipient.to,
                    subject=subject,
                    body=body,
                    headers=headers,
                    language=recipient.language,
                )
            )
        queued = sending.queue(kind, messages)
        transaction.on_commit(lambda: outbox_tasks.enqueue(queued.ids))
    return InvitationSend(
        queued=[
            (recipient, invitation)
            for (_key, recipient), (invitation, _raw) in zip(new, made, strict=True)
        ],
        already=len(existing),
        email_ids=queued.ids,
    )
