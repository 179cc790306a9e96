"""Invitations to an event: which events staff may invite to, the member's personal links in the
email (open the event, reply "I'll come" / "I can't come"), and recording a reply.

An event round is an InvitationRound with `event` set; its rows are SegmentInvitations unique on
(event, member), sent through the same exactly-once machinery as a consultation's
(involvement.sending, home.outbox). Each email carries a consultations.Invitation made when it is
sent, so an event of an invited consultation lets the invitee in, as a consultation invitation
does; "opened" is that invitation's first opening. The links carry a signed token naming the row
and the member's secret; a reply link's GET only shows a page with a button (mail scanners open
links), and the POST records the answer.
"""

import secrets

from django.core import signing
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Locale

from consultations.invitations import grant, mark_opened
from consultations.models import ConsultationEvent, ConsultationPage
from home.public_urls import public_url
from involvement.models import SegmentInvitation

EVENT_SALT = "involvement.event"
ANSWERS = {"yes": SegmentInvitation.Reply.YES, "no": SegmentInvitation.Reply.NO}


def upcoming_events(now=None):
    """Source-language events, not yet started, of live consultations, soonest first."""
    now = now or timezone.now()
    return (
        ConsultationEvent.objects.filter(
            locale=Locale.get_default(),
            starts_at__gt=now,
            page__in=ConsultationPage.objects.live().filter(locale=Locale.get_default()),
        )
        .select_related("page")
        .order_by("starts_at", "pk")
    )


def has_started(event, now=None):
    return event.starts_at <= (now or timezone.now())


def event_in(event, page):
    """The event as `page` (a translation of its consultation) shows it, else the event itself."""
    if page.pk == event.page_id:
        return event
    return page.events.filter(translation_key=event.translation_key).first() or event


# --- The links in the email ----------------------------------------------------------------------


def token_for(row):
    return signing.dumps({"r": row.pk, "s": row.member.secret}, salt=EVENT_SALT)


def row_for_token(token):
    """The event invitation a token names, or None (not ours, or the member has left)."""
    try:
        data = signing.loads(token, salt=EVENT_SALT)
    except (signing.BadSignature, TypeError):
        return None
    if not isinstance(data, dict):
        return None
    row = (
        SegmentInvitation.objects.filter(pk=data.get("r"), event__isnull=False)
        .select_related("member__locale", "event", "consultation", "invitation")
        .first()
    )
    if row is None or not secrets.compare_digest(row.member.secret, str(data.get("s", ""))):
        return None
    return row


def links_for(row):
    """The member's own absolute links, in their language: open the event, and each reply."""
    token = token_for(row)
    with translation.override(row.member.locale.language_code):
        return {
            "open": public_url(reverse("involvement:event", args=[token])),
            "yes": public_url(reverse("involvement:event_yes", args=[token])),
            "no": public_url(reverse("involvement:event_no", args=[token])),
        }


def usable_invitation(row):
    """The consultation invitation the email carried, unless staff revoked it."""
    invitation = row.invitation
    if invitation is None or invitation.revoked_at is not None:
        return None
    return invitation


def open_link(request, row):
    """The member followed the event link: count it opened and let this browser in."""
    invitation = usable_invitation(row)
    if invitation is not None:
        grant(request, invitation)
        mark_opened(invitation)
    return invitation


def record_reply(row, answer):
    """Store the member's answer ('yes' or 'no'); a later answer replaces an earlier one."""
    reply = ANSWERS[answer]
    now = timezone.now()
    SegmentInvitation.objects.filter(pk=row.pk).update(reply=reply, replied_at=now)
    row.reply, row.replied_at = reply, now
    if row.invitation is not None:
        mark_opened(row.invitation)  # whoever replied read the email
    return reply
