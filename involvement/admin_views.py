"""Staff views of the register (wired in wagtail_hooks.py): the register and its segments, the
invitation of a segment to a consultation or one of its events, and each invitation round's
results. Each view needs
a register permission (involvement.segments) and writes an audit-log entry (involvement.audit)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail.admin import messages
from wagtail.models import Locale

from consultations.models import ConsultationPage
from involvement import audit, emails, events, population, segments, tasks
from involvement.invitations import invite_segment, preview, round_results
from involvement.models import InvitationRound

MEMBER_LIST_SIZE = 100


def _require(user, check):
    if not check(user):
        raise PermissionDenied


def register_view(request):
    _require(request.user, segments.may_view)
    form = segments.SegmentForm(request.GET or None)
    segment = form.segment()
    members = segments.members_in(segment)
    limit = segments.limit_for(request.user)
    total, tables = segments.breakdowns(members, limit)
    manager = segments.may_manage(request.user)
    query = request.GET.get("q", "").strip()[:254] if manager else ""
    listed = members.order_by("email").select_related("locale")
    if query:
        listed = listed.filter(email__icontains=query)
    audit.record(request.user, audit.VIEW, segment=segment, searched=bool(query))
    return TemplateResponse(
        request,
        "involvement/admin/register.html",
        {
            "page_title": _("Involvement register"),
            "header_title": _("Involvement register"),
            "form": form,
            "total": segments.count_text(total, limit),
            "tables": tables,
            "manager": manager,
            "query": query,
            "members": list(listed[:MEMBER_LIST_SIZE]) if manager else [],
            "rounds": InvitationRound.objects.select_related("consultation", "event", "created_by")[
                :20
            ]
            if manager
            else [],
            "population": population.comparison(members, limit),
        },
    )


def _target(data, consultations, upcoming):
    """What staff chose to invite people to: ("consultation", page) or ("event", event).

    The choice is one field, `target` ("consultation-<id>" or "event-<id>"); a bare
    `consultation=<id>` is still understood."""
    kind, _sep, pk = (data.get("target") or "").partition("-")
    if not kind and data.get("consultation"):
        kind, pk = "consultation", data.get("consultation")
    if not pk.isdigit():
        return None, None
    if kind == "consultation":
        return consultations.filter(pk=pk).first(), None
    if kind == "event":
        event = upcoming.filter(pk=pk).first()
        return (event.page, event) if event is not None else (None, None)
    return None, None


def invite_view(request):
    """Choose a consultation or an event and a segment → preview (how many, the email) → send,
    once."""
    _require(request.user, segments.may_manage)
    data = request.POST if request.method == "POST" else request.GET
    form = segments.SegmentForm(data or None)
    consultations = (
        ConsultationPage.objects.live()
        .filter(locale=Locale.get_default(), closes_at__gt=timezone.now())
        .order_by("closes_at")
    )
    upcoming = events.upcoming_events()
    consultation, event = _target(data, consultations, upcoming)
    target = ""
    if consultation is not None:
        target = f"event-{event.pk}" if event is not None else f"consultation-{consultation.pk}"
    context = {
        "page_title": _("Invite a segment of the register"),
        "header_title": _("Invite a segment of the register"),
        "form": form,
        "consultations": consultations,
        "events": upcoming,
        "consultation": consultation,
        "event": event,
        "target": target,
    }
    if consultation is not None:
        segment = form.segment()
        where = {"consultation": consultation.pk}
        if event is not None:
            where["event"] = event.pk
        if request.method == "POST" and request.POST.get("confirm") == "yes":
            with transaction.atomic():
                invitation_round, count = invite_segment(
                    consultation, segment, request.user, event=event
                )
                audit.record(
                    request.user,
                    audit.INVITE,
                    segment=segment,
                    round=invitation_round.pk,
                    count=count,
                    **where,
                )
                transaction.on_commit(
                    lambda: tasks.send_invitation_round.enqueue(invitation_round.pk)
                )
            if count:
                messages.success(
                    request,
                    _("Invitations queued: %(count)s. They are being sent now.") % {"count": count},
                )
            elif event is not None:
                messages.warning(
                    request,
                    _(
                        "Nobody new to invite: everyone in this segment has been invited to "
                        "this event already."
                    ),
                )
            else:
                messages.warning(
                    request,
                    _("Nobody new to invite: everyone in this segment has been invited already."),
                )
            return redirect("involvement_round", round_id=invitation_round.pk)
        plan = preview(consultation, segment, event=event)
        with translation.override(Locale.get_default().language_code):
            if event is not None:
                subject, body = emails.event_invitation_preview(event)
            else:
                subject, body = emails.invitation_preview(consultation)
        audit.record(
            request.user, audit.INVITE_PREVIEW, segment=segment, count=plan["new"], **where
        )
        context.update({"plan": plan, "subject": subject, "body": body, "segment": segment})
    return TemplateResponse(request, "involvement/admin/invite.html", context)


def round_view(request, round_id):
    _require(request.user, segments.may_manage)
    invitation_round = get_object_or_404(
        InvitationRound.objects.select_related("consultation", "event", "created_by"),
        pk=round_id,
    )
    audit.record(request.user, audit.VIEW_ROUND, round=invitation_round.pk)
    return TemplateResponse(
        request,
        "involvement/admin/round.html",
        {
            "page_title": _("Invitation round"),
            "header_title": _("Invitation round"),
            "round": invitation_round,
            "results": round_results(invitation_round),
        },
    )
