"""Inviting a segment of the register to a consultation or one of its events: preview, send
once, results.

The send itself is involvement.sending (rows unique per consultation and member, each email
claimed once by the worker, each carrying its own consultations.Invitation link)."""

from django.db.models import Count, Q

from feedback.models import Response
from home.fallback import source_page
from involvement import segments, sending
from involvement.models import SegmentInvitation


def preview(consultation, segment, event=None):
    """How many a send would reach now: in the segment, already invited (to this consultation,
    or to this event), and new."""
    source = source_page(consultation)
    members = segments.members_in(segment, receiving_only=True)
    already = sending.already_invited(source, event).filter(member__in=members.values("pk")).count()
    in_segment = members.count()
    return {"in_segment": in_segment, "already": already, "new": in_segment - already}


def invite_segment(consultation, segment, user, event=None):
    """Staff confirmed: create the round and its rows (only people not yet invited)."""
    members = segments.members_in(segment, receiving_only=True)
    return sending.queue_invitations(consultation, members, user=user, segment=segment, event=event)


def round_results(invitation_round):
    """Sent, waiting, failed, opened the page and responded, for one round. For an event,
    "responded" is the people who said they will come (`yes`; `no` said they cannot)."""
    rows = SegmentInvitation.objects.filter(round=invitation_round)
    totals = rows.aggregate(
        total=Count("pk"),
        sent=Count("pk", filter=Q(status=SegmentInvitation.Status.SENT)),
        waiting=Count(
            "pk",
            filter=Q(
                status__in=[SegmentInvitation.Status.PENDING, SegmentInvitation.Status.SENDING]
            ),
        ),
        failed=Count("pk", filter=Q(status=SegmentInvitation.Status.FAILED)),
        cancelled=Count("pk", filter=Q(status=SegmentInvitation.Status.CANCELLED)),
        opened=Count("pk", filter=Q(invitation__first_opened_at__isnull=False)),
        yes=Count("pk", filter=Q(reply=SegmentInvitation.Reply.YES)),
        no=Count("pk", filter=Q(reply=SegmentInvitation.Reply.NO)),
    )
    if invitation_round.event_id is not None:
        totals["responded"] = totals["yes"]
        return totals
    invitation_ids = rows.exclude(invitation=None).values("invitation_id")
    totals["responded"] = (
        Response.objects.filter(invitation_id__in=invitation_ids)
        .values("invitation_id")
        .distinct()
        .count()
    )
    return totals
