"""The moderation queue: responses held for review (low reCAPTCHA score, Google unreachable, …).

Nothing held is ever discarded by the site: a person with the "moderate responses" permission on
the consultation approves (→ accepted, counted) or rejects (→ rejected, kept but not counted) each
one, alone or in bulk. Every decision is written to Wagtail's audit log with who and when.
"""

from collections import OrderedDict

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from consultations.models import ConsultationPage
from feedback.admin_uploads import download_path
from feedback.models import Response
from feedback.permissions import (
    consultations_user_can_moderate_responses,
    responses_moderatable_by,
    responses_visible_to,
    user_can_moderate_any_responses,
    user_can_moderate_responses,
    user_can_view_any_responses,
    user_can_view_responses,
)
from feedback.questions import FILE_UPLOAD, answer_text, questions_for

APPROVE_ACTION = "feedback.response.approve"
REJECT_ACTION = "feedback.response.reject"
MODERATION_ACTIONS = (APPROVE_ACTION, REJECT_ACTION)
BULK_LIMIT = 500


def register_moderation_log_actions(actions):
    """Called from the ``register_log_actions`` hook."""
    actions.register_action(
        APPROVE_ACTION, _("Approve response"), _("Response approved after review")
    )
    actions.register_action(
        REJECT_ACTION, _("Reject response"), _("Response rejected after review")
    )


# --- Services --------------------------------------------------------------------------------------


def held_responses_for(user):
    """Held responses ``user`` may moderate, oldest first (first in, first reviewed)."""
    return (
        responses_moderatable_by(user)
        .filter(status=Response.Status.HELD)
        .select_related("consultation", "locale")
        .order_by("submitted_at")
    )


def held_count_for(user):
    return responses_moderatable_by(user).filter(status=Response.Status.HELD).count()


def _decide(user, response_ids, new_status, action):
    ids = [int(i) for i in response_ids][:BULK_LIMIT]
    with transaction.atomic():
        # Only responses still held and within the user's consultations; locked against a second
        # moderator deciding the same response at the same moment.
        queryset = held_responses_for(user).filter(pk__in=ids)
        if new_status == Response.Status.ACCEPTED:
            # A BSL response has no answers until transcribed (feedback.sign_language): approving
            # it would count an empty response. Rejecting it (spam) is fine.
            queryset = queryset.exclude(
                channel=Response.Channel.BSL, sign_language__transcribed_at__isnull=True
            )
        responses = list(queryset.select_for_update(of=("self",)).order_by("pk"))
        now = timezone.now()
        for response in responses:
            previous_reason = response.status_reason
            response.status = new_status
            response.save(update_fields=["status"])
            log(
                instance=response,
                action=action,
                user=user,
                data={"reason_held": previous_reason, "decided_at": now.isoformat()},
                title=response.reference,
            )
    return responses


def awaiting_transcription(response_ids):
    """The ids among `response_ids` of BSL responses with no transcription yet: approving them is
    refused (`_decide`), so the queue offers "Transcribe" instead and says why."""
    return set(
        Response.objects.filter(
            pk__in=response_ids, channel=Response.Channel.BSL, sign_language__transcribed_at__isnull=True
        ).values_list("pk", flat=True)
    )


def approve_responses(user, response_ids):
    """Accept held responses (they then count); returns those changed. Others are ignored."""
    return _decide(user, response_ids, Response.Status.ACCEPTED, APPROVE_ACTION)


def reject_responses(user, response_ids):
    """Reject held responses (kept, never counted); returns those changed. Others are ignored."""
    return _decide(user, response_ids, Response.Status.REJECTED, REJECT_ACTION)


def decision_history(responses=None, limit=20):
    """Recent moderation decisions from the audit log, newest first, with user and time."""
    entries = ModelLogEntry.objects.filter(action__in=MODERATION_ACTIONS).select_related("user")
    if responses is not None:
        entries = entries.filter(
            content_type=ContentType.objects.get_for_model(Response),
            object_id__in=[str(pk) for pk in responses],
        )
    return entries.order_by("-timestamp", "-pk")[:limit]


def answers_as_rows(response, questions):
    """[(label, text)] for a response's answers, in form order, then any keys the form no longer has."""
    answers = response.answers or {}
    rows = []
    seen = set()
    for question in questions:
        if question.key in answers:
            if question.type == FILE_UPLOAD and isinstance(answers[question.key], dict):
                rows.append((question.label, upload_link(answers[question.key])))
            else:
                rows.append((question.label, answer_text(question, answers[question.key])))
            seen.add(question.key)
    for key, value in answers.items():
        if key not in seen:
            rows.append((key, value if isinstance(value, str) else str(value)))
    return rows


def upload_link(answer):
    """A file answer for staff: its name as a link to the permission-checked download."""
    return format_html(
        '<a href="{}" download>{}</a> ({})', download_path(answer.get("upload")), answer.get("name", ""), filesizeformat(answer.get("size") or 0)
    )


def _questions(consultation):
    try:
        return questions_for(consultation)
    except Exception:  # a form mid-edit must not hide the queue; fall back to raw keys
        return []


def group_by_consultation(responses):
    groups = OrderedDict()
    questions = {}
    for response in responses:
        consultation = response.consultation
        if consultation.pk not in questions:
            questions[consultation.pk] = _questions(consultation)
        groups.setdefault(consultation, []).append(
            (response, answers_as_rows(response, questions[consultation.pk]))
        )
    return groups


# --- Admin views -----------------------------------------------------------------------------------


def forbidden(request):
    """A plain 403 (Wagtail would turn PermissionDenied into a redirect to the dashboard)."""
    return TemplateResponse(
        request,
        "feedback/moderation/forbidden.html",
        {
            "page_title": _("You do not have permission to see responses here"),
            "header_icon": "lock",
        },
        status=403,
    )


class BreadcrumbsMixin:
    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]


class ModerationQueueView(BreadcrumbsMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "feedback/moderation/queue.html"
    page_title = _("Moderation queue")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not user_can_moderate_any_responses(request.user):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        held = list(held_responses_for(self.request.user)[:BULK_LIMIT])
        context.update(
            awaiting_ids=awaiting_transcription([r.pk for r in held]),
            groups=group_by_consultation(held),
            held_total=held_count_for(self.request.user),
            bulk_limit=BULK_LIMIT,
            history=decision_history(
                responses=responses_moderatable_by(self.request.user)
                .exclude(status=Response.Status.HELD)
                .values_list("pk", flat=True)[:1000]
            ),
            action_url=reverse("feedback_moderation:decide"),
        )
        return context

    def post(self, request, *args, **kwargs):
        # Bulk buttons post "action"; each row's own buttons carry it in the form action's query.
        action = request.POST.get("action") or request.GET.get("action", "")
        single = request.POST.get("response")
        ids = [single] if single else request.POST.getlist("responses")
        ids = [i for i in ids if str(i).isdigit()]
        if action not in {"approve", "reject"} or not ids:
            messages.error(request, _("Choose one or more responses, then approve or reject them."))
            return redirect("feedback_moderation:queue")
        decide = approve_responses if action == "approve" else reject_responses
        changed = decide(request.user, ids)
        untranscribed = awaiting_transcription(ids) if action == "approve" else set()
        if action == "approve":
            text = ngettext(
                "%(count)d response approved.", "%(count)d responses approved.", len(changed)
            )
        else:
            text = ngettext(
                "%(count)d response rejected.", "%(count)d responses rejected.", len(changed)
            )
        messages.success(request, text % {"count": len(changed)})
        if untranscribed:
            messages.warning(
                request,
                ngettext(
                    "%(count)d BSL response was not approved: it has no answers until someone transcribes it. Open it from \"Transcribe\"; it counts once transcribed.",
                    "%(count)d BSL responses were not approved: they have no answers until someone transcribes them. Open each from \"Transcribe\"; they count once transcribed.",
                    len(untranscribed),
                )
                % {"count": len(untranscribed)},
            )
        if len(changed) + len(untranscribed) < len(ids):
            messages.warning(
                request,
                _(
                    "Some responses had already been decided or are outside your consultations, and were left as they were."
                ),
            )
        return redirect("feedback_moderation:queue")


class ConsultationResponsesView(BreadcrumbsMixin, WagtailAdminTemplateMixin, TemplateView):
    """Responses to one consultation (every status), for people who may view them."""

    template_name = "feedback/moderation/responses.html"
    header_icon = "list-ul"
    per_page = 50

    def dispatch(self, request, consultation_id, *args, **kwargs):
        self.consultation = ConsultationPage.objects.filter(pk=consultation_id).first()
        if self.consultation is None:
            raise Http404
        if not user_can_view_responses(request.user, self.consultation):
            return forbidden(request)
        return super().dispatch(request, consultation_id, *args, **kwargs)

    def get_page_title(self):
        return _("Responses: %(title)s") % {"title": self.consultation.title}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        status = self.request.GET.get("status", "")
        responses = (
            responses_visible_to(self.request.user)
            .filter(consultation=self.consultation)
            .select_related("locale")
        )
        if status in Response.Status.values:
            responses = responses.filter(status=status)
        page = Paginator(responses.order_by("-submitted_at"), self.per_page).get_page(
            self.request.GET.get("p")
        )
        questions = _questions(self.consultation)
        context.update(
            consultation=self.consultation,
            status=status,
            statuses=Response.Status.choices,
            page_obj=page,
            rows=[
                (response, answers_as_rows(response, questions)) for response in page.object_list
            ],
            can_moderate=user_can_moderate_responses(self.request.user, self.consultation),
            history=decision_history(responses=[r.pk for r in page.object_list]),
        )
        return context


def consultations_with_held_responses(user):
    """[(consultation, held count)] for the dashboard panel."""

    return list(
        ConsultationPage.objects.filter(
            pk__in=consultations_user_can_moderate_responses(user),
            responses__status=Response.Status.HELD,
        )
        .annotate(held=Count("responses"))
        .order_by("-held", "title")
    )


def user_can_use_queue(user):
    return user_can_moderate_any_responses(user) or user_can_view_any_responses(user)
