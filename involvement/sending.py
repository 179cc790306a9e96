"""Alerts and invitations: which rows to create, and sending each exactly once (home.outbox).

Alerts: when a consultation opens (published while open, or its open date arrives) every
confirmed, unpaused person whose topics and areas match gets one "now open" email, and a week
before it closes one reminder. Rows are unique on (member, consultation, kind), so publishing
again, a translation, the sweep and a second worker add nothing twice. Never for a consultation
that is unlisted or invited (consultations.visibility.is_publicly_listed).

Invitations: staff invite a segment of the register (involvement.segments) to a consultation;
rows are unique on (consultation, member), so inviting an overlapping segment again reaches only
the people not yet invited. Each email carries its own consultations.Invitation link, made when
it is sent (the raw token is never stored).

Event invitations (involvement.events) are the same rows with `event` set, unique on (event,
member): staff can invite people to a consultation and, separately, to each of its events.
"""

from datetime import timedelta

from django.core import signing
from django.db.models import Q
from django.utils import timezone

from wagtail.models import Locale

from consultations.invitations import create_invitations, invitation_url
from consultations.models import ConsultationPage
from consultations.visibility import is_publicly_listed
from home import outbox
from home.fallback import source_page
from involvement import emails, events
from involvement.models import Alert, InvitationRound, Member, SegmentInvitation

VISIT_SALT = "involvement.visit"
REMINDER_BEFORE = timedelta(days=7)
# A consultation that opened up to this long ago still alerts people who join or confirm since.
OPENED_WINDOW = timedelta(days=7)
BATCH = 1000


def receiving():
    """People who get emails: confirmed and not paused."""
    return Member.objects.filter(status=Member.Status.ACTIVE, confirmed_at__isnull=False)


def matching_members(consultation):
    """Receiving members whose topics and areas match (none chosen matches everything; a
    consultation with no topic or no area matches every member on that count)."""
    source = source_page(consultation)
    members = receiving()
    topics = [topic.pk for topic in source.topics.all()]
    areas = [area.pk for area in source.areas.all()]
    if topics:
        members = members.filter(Q(topics__isnull=True) | Q(topics__in=topics))
    if areas:
        members = members.filter(Q(areas__isnull=True) | Q(areas__in=areas))
    return members.distinct()


def alert_kinds_due(consultation, now=None):
    """Which alerts a consultation is due to send now: opened, closing, both or none."""
    now = now or timezone.now()
    if not consultation.live or not (consultation.opens_at <= now < consultation.closes_at):
        return []
    if not is_publicly_listed(consultation):
        return []
    kinds = []
    if now - consultation.opens_at <= OPENED_WINDOW:
        kinds.append(Alert.Kind.OPENED)
    if consultation.closes_at - now <= REMINDER_BEFORE:
        kinds.append(Alert.Kind.CLOSING)
    return kinds


def queue_alerts(consultation, now=None):
    """Create the alert rows a consultation is due (idempotent); return the ids still to send."""
    source = source_page(consultation)
    kinds = alert_kinds_due(source, now)
    for kind in kinds:
        member_ids = matching_members(source).values_list("pk", flat=True)
        Alert.objects.bulk_create(
            [Alert(member_id=pk, consultation=source, kind=kind) for pk in member_ids],
            ignore_conflicts=True,
            batch_size=BATCH,
        )
    return list(
        Alert.objects.filter(consultation=source, status=Alert.Status.PENDING)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def consultations_due(now=None):
    """Live source-language consultations open now that opened lately or close within a week."""
    now = now or timezone.now()
    return ConsultationPage.objects.live().filter(
        Q(opens_at__gte=now - OPENED_WINDOW) | Q(closes_at__lte=now + REMINDER_BEFORE),
        locale=Locale.get_default(),
        opens_at__lte=now,
        closes_at__gt=now,
    )


# --- The visit link in an alert ------------------------------------------------------------------


def visit_token(member, consultation):
    return signing.dumps({"m": member.pk, "c": consultation.pk}, salt=VISIT_SALT)


def read_visit_token(token):
    try:
        data = signing.loads(token, salt=VISIT_SALT)
    except (signing.BadSignature, TypeError):
        return None
    return data if isinstance(data, dict) else None


# --- Sending --------------------------------------------------------------------------------------


def still_receiving(row):
    member = row.member
    return member.status == Member.Status.ACTIVE and member.confirmed


def alert_wanted(alert):
    consultation = alert.consultation
    now = timezone.now()
    return (
        still_receiving(alert)
        and consultation.live
        and consultation.opens_at <= now < consultation.closes_at
        and is_publicly_listed(consultation)
    )


def build_alert(alert):
    return emails.alert_email(alert, visit_token(alert.member, alert.consultation))


def note_emailed(model, row_id, status):
    """A sent alert or invitation keeps its member's membership alive (involvement.retention)."""
    if status == outbox.Outbox.Status.SENT:
        member_ids = model.objects.filter(pk=row_id).values("member_id")
        Member.objects.filter(pk__in=member_ids).update(last_emailed_at=timezone.now())
    return status


def deliver_alert(alert_id, now=None):
    """Send one alert if this caller wins its claim. Returns the row's new status, or None."""
    rows = Alert.objects.select_related("member__locale", "consultation")
    status = outbox.deliver(
        Alert, alert_id, build_alert, wanted=alert_wanted, queryset=rows, now=now
    )
    return note_emailed(Alert, alert_id, status)


def invitation_wanted(row):
    if not (still_receiving(row) and row.consultation.live):
        return False
    if row.event_id is not None:
        return not events.has_started(row.event)
    return row.consultation.closes_at > timezone.now()


def build_invitation(row):
    """The email with a fresh invitation link (a retry makes a new one; the old was never sent).

    An event's email links to the event through the member's own signed link instead; the
    invitation it makes still lets them into an invited consultation and counts the opening."""
    label = f"Register {'event ' if row.event_id else ''}invitation round {row.round_id}"
    ((invitation, raw_token),) = create_invitations(row.consultation, 1, label=label)
    SegmentInvitation.objects.filter(pk=row.pk).update(invitation=invitation)
    row.invitation = invitation
    if row.event_id is not None:
        return emails.event_invitation_email(row, events.links_for(row))
    page = emails.consultation_in(row.consultation, row.member.locale)
    return emails.invitation_email(row, invitation_url(page, raw_token))


def deliver_invitation(row_id, now=None):
    rows = SegmentInvitation.objects.select_related("member__locale", "consultation", "event")
    status = outbox.deliver(
        SegmentInvitation,
        row_id,
        build_invitation,
        wanted=invitation_wanted,
        queryset=rows,
        now=now,
    )
    return note_emailed(SegmentInvitation, row_id, status)


def already_invited(consultation, event=None):
    """Rows for the same consultation (event None) or the same event: who is invited already."""
    if event is not None:
        return SegmentInvitation.objects.filter(event=event)
    return SegmentInvitation.objects.filter(consultation=source_page(consultation), event=None)


def queue_invitations(consultation, members, user=None, segment=None, event=None):
    """Create a round and its rows for the members not yet invited to this consultation (or,
    with `event`, a source-language event of it, to that event).

    Returns (round, number of new rows)."""
    source = source_page(consultation)
    if event is not None and event.page_id != source.pk:
        raise ValueError("the event must belong to the source-language consultation")
    invitation_round = InvitationRound.objects.create(
        consultation=source, event=event, segment=segment or {}, created_by=user
    )
    already = already_invited(source, event).values("member_id")
    member_ids = list(members.exclude(pk__in=already).values_list("pk", flat=True))
    SegmentInvitation.objects.bulk_create(
        [
            SegmentInvitation(
                round=invitation_round, member_id=pk, consultation=source, event=event
            )
            for pk in member_ids
        ],
        ignore_conflicts=True,
        batch_size=BATCH,
    )
    return invitation_round, len(member_ids)


def pending_ids(model, **filters):
    return list(
        model.objects.filter(outbox.due(), status=model.Status.PENDING, **filters)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def release_stale_claims(now=None):
    return outbox.release_stale_claims(Alert, now=now) + outbox.release_stale_claims(
        SegmentInvitation, now=now
    )
