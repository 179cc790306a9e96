"""Staff views of the register (wired in wagtail_hooks.py): the register and its segments, the
invitation of a segment to a consultation, and each invitation round's results. Each view needs
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
from involvement import audit, emails, population, segments, tasks
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
            "rounds": InvitationRound.objects.select_related("consultation", "created_by")[:20]
            if manager
            else [],
            "population": population.comparison(members, limit),
        },
    )


def invite_view(request):
    """Choose a consultation and a segment → preview (how many, the email) → send, once."""
    _require(request.user, segments.may_manage)
    data = request.POST if request.method == "POST" else request.GET
    form = segments.SegmentForm(data or None)
    consultations = (
        ConsultationPage.objects.live()
        .filter(locale=Locale.get_default(), closes_at__gt=timezone.now())
        .order_by("closes_at")
    )
    consultation = consultations.filter(pk=data.get("consultation") or 0).first()
    context = {
        "page_title": _("Invite a segment of the register"),
        "header_title": _("Invite a segment of the register"),
        "form": form,
        "consultations": consultations,
        "consultation": consultation,
    }
    if consultation is not None:
        segment = form.segment()
        if request.method == "POST" and request.POST.get("confirm") == "yes":
            with transaction.atomic():
                invitation_round, count = invite_segment(consultation, segment, request.user)
                audit.record(
                    request.user,
                    audit.INVITE,
                    segment=segment,
                    consultation=consultation.pk,
                    round=invitation_round.pk,
                    count=count,
                )
                transaction.on_commit(
                    lambda: tasks.send_invitation_round.enqueue(invitation_round.pk)
                )
            if count:
                messages.success(
                    request,
                    _("Invitations queued: %(count)s. They are being sent now.") % {"count": count},
                )
            else:
                messages.warning(
                    request,
                    _("Nobody new to invite: everyone in this segment has been invited already."),
                )
            return redirect("involvement_round", round_id=invitation_round.pk)
        plan = preview(consultation, segment)
        with translation.override(Locale.get_default().language_code):
            subject, body = emails.invitation_preview(consultation)
        audit.record(
            request.user,
            audit.INVITE_PREVIEW,
            segment=segment,
            consultation=consultation.pk,
            count=plan["new"],
        )
        context.update({"plan": plan, "subject": subject, "body": body, "segment": segment})
    return TemplateResponse(request, "involvement/admin/invite.html", context)


def round_view(request, round_id):
    _require(request.user, segments.may_manage)
    invitation_round = get_object_or_404(
        InvitationRound.objects.select_related("consultation", "created_by"), pk=round_id
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
