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

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from consultations.models import ConsultationPage, Invitation
from home.fallback import source_page
from home.public_urls import public_base_url

SESSION_KEY = "consultation_invitations"
TOKEN_BYTES = 24
MAX_PER_BATCH = 5000  # links made at once in the admin (a CSV file someone can still handle)
def hash_token(raw_token: str) -> str:
    return hashlib.sha256(raw_token.encode()).hexdigest()


def create_invitations(
    consultation: ConsultationPage, count: int, *, label: str = "", created_by=None
) -> list[tuple[Invitation, str]]:
    """Make ``count`` invitation links; returns (invitation, raw token) pairs. The raw tokens
    are not stored anywhere: hand them on now (`invitation_url`) or they are gone."""
    if count < 1:
        raise ValueError("count must be at least 1")
    source = source_page(consultation)
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
