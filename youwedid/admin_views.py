"""Staff views in the Wagtail admin: the outcome report, and confirming an outcome's emails."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from wagtail.admin import messages
from wagtail.models import Locale

from youwedid import notifications, tasks
from youwedid.forms import ConfirmSendForm
from youwedid.models import YouSaidWeDidPage
from youwedid.overdue import closed_consultations_report
from youwedid.permissions import can_send_emails


def can_see_report(user):
    return user.is_active and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


def outcome_report(request):
    if not can_see_report(request.user):
        raise PermissionDenied
    rows = closed_consultations_report()
    return TemplateResponse(
        request,
        "youwedid/admin/outcome_report.html",
        {
            "rows": rows,
            "overdue_count": sum(1 for row in rows if row.overdue),
            "weeks": getattr(settings, "OUTCOME_OVERDUE_WEEKS", 12),
            "page_title": _("Outcomes of closed consultations"),
            "header_title": _("Outcomes of closed consultations"),
        },
    )


def send_emails(request, page_id):
    """Review (how many, which languages, a preview in each) and confirm or schedule the send."""
    outcome = notifications.source_outcome(get_object_or_404(YouSaidWeDidPage, pk=page_id))
    if not can_send_emails(request.user, outcome):
        raise PermissionDenied
    plan = notifications.send_plan(outcome)
    form = ConfirmSendForm(request.POST or None)
    if request.method == "POST" and outcome.live and plan.total and form.is_valid():
        send_after = form.send_after
        with transaction.atomic():
            ids = notifications.confirm_send(outcome, request.user, send_after=send_after)
            transaction.on_commit(lambda: tasks.enqueue_confirmed(ids, send_after))
        if send_after:
            when = formats.date_format(timezone.localtime(send_after), "DATETIME_FORMAT")
            messages.success(
                request,
                _("Emails confirmed: %(count)s. They will be sent at %(when)s.")
                % {"count": len(ids), "when": when},
            )
        else:
            messages.success(
                request,
                _("Emails confirmed: %(count)s. They are being sent now.") % {"count": len(ids)},
            )
        return redirect("youwedid_send_emails", outcome.pk)

    locales = [line.locale for line in plan.languages] or [outcome.locale]
    chosen = request.GET.get("language", "")
    preview_locale = next(
        (locale for locale in locales if locale.language_code == chosen), locales[0]
    )
    subject, body = notifications.preview_email(outcome, preview_locale)
    return TemplateResponse(
        request,
        "youwedid/admin/send_emails.html",
        {
            "outcome": outcome,
            "plan": plan,
            "counts": notifications.notification_counts(outcome),
            "scheduled_for": notifications.scheduled_for(outcome),
            "form": form,
            "preview_locales": locales,
            "preview_locale": preview_locale,
            "preview_subject": subject,
            "preview_body": body,
            "default_locale": Locale.get_default(),
            "page_title": _("Email the people who took part"),
            "header_title": _("Email the people who took part"),
            "header_icon": "mail",
            "edit_url": reverse("wagtailadmin_pages:edit", args=[outcome.pk]),
        },
    )
