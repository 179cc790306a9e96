"""Staff: make invitation links for an invited consultation, download them, see which were
opened and answered, and revoke one. Reached from the consultation's header menu, the page
listing's menu and the panel on its Settings tab; for staff who may edit the page."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wagtail.log_actions import log

from consultations import invitations
from consultations.choices import Visibility
from consultations.models import ConsultationPage, Invitation
from home.fallback import source_page
from security.spreadsheet import csv_text

INVITATIONS_MADE = "consultations.invitations_made"
INVITATION_REVOKED = "consultations.invitation_revoked"


class MakeInvitationsForm(forms.Form):
    count = forms.IntegerField(
        label=gettext_lazy("How many links"),
        min_value=1,
        max_value=invitations.MAX_PER_BATCH,
        initial=10,
        help_text=gettext_lazy(
            "One link for each person or printed card. Each link works in one browser at a time "
            "and for every language of the consultation."
        ),
    )
    label = forms.CharField(
        label=gettext_lazy("Who the links are for"),
        max_length=150,
        required=False,
        help_text=gettext_lazy("For example: Patient panel, North. Shown only to staff."),
    )


def may_manage(user, consultation) -> bool:
    return consultation.permissions_for_user(user).can_edit()


def consultation_or_403(request, page_id) -> ConsultationPage:
    page = get_object_or_404(ConsultationPage, pk=page_id)
    source = source_page(page)
    if not may_manage(request.user, source):
        raise PermissionDenied
    return source


def invitation_rows(consultation):
    return (
        Invitation.objects.filter(consultation=consultation)
        .select_related("created_by")
        .annotate(
            response_count=Count("responses", filter=Q(responses__status="accepted"), distinct=True)
        )
        .order_by("-created_at", "-pk")
    )


def summary(rows) -> dict:
    rows = list(rows)
    return {
        "total": len(rows),
        "opened": sum(1 for row in rows if row.first_opened_at),
        "responded": sum(1 for row in rows if row.response_count),
        "revoked": sum(1 for row in rows if row.revoked_at),
    }


def links_csv(consultation, made) -> HttpResponse:
    rows = [[_("Invitation"), _("Label"), _("Link")]]
    rows += [
        [invitation.pk, invitation.label, invitations.invitation_url(consultation, raw)]
        for invitation, raw in made
    ]
    response = HttpResponse(csv_text(rows), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    name = f"invitations-{slugify(consultation.slug)[:40]}-{stamp}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def invitations_view(request, page_id):
    consultation = consultation_or_403(request, page_id)
    form = MakeInvitationsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = invitations.create_invitations(
            consultation,
            form.cleaned_data["count"],
            label=form.cleaned_data["label"],
            created_by=request.user,
        )
        log(
            instance=consultation,
            action=INVITATIONS_MADE,
            user=request.user,
            data={"count": len(made), "label": form.cleaned_data["label"]},
        )
        messages.success(
            request,
            _(
                "Made %(count)s invitation links. They are in the file you downloaded and will "
                "not be shown again."
            )
            % {"count": len(made)},
        )
        return links_csv(consultation, made)
    rows = invitation_rows(consultation)
    return TemplateResponse(
        request,
        "consultations/admin/invitations.html",
        {
            "consultation": consultation,
            "page": consultation,
            "header_title": _("Invitation links: %(title)s") % {"title": consultation.title},
            "form": form,
            "invitations": rows,
            "summary": summary(rows),
            "is_invited": consultation.visibility == Visibility.INVITED,
            "edit_url": reverse("wagtailadmin_pages:edit", args=[consultation.pk]),
        },
    )


@require_POST
def revoke_view(request, page_id, invitation_id):
    consultation = consultation_or_403(request, page_id)
    invitation = get_object_or_404(Invitation, pk=invitation_id, consultation=consultation)
    if invitation.revoked_at is None:
        invitations.revoke(invitation)
        log(
            instance=consultation,
            action=INVITATION_REVOKED,
            user=request.user,
            data={"invitation": invitation.pk, "label": invitation.label},
        )
        messages.success(
            request, _("Invitation %(number)s no longer works.") % {"number": invitation.pk}
        )
    return redirect("consultations_invitations", consultation.pk)
