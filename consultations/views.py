"""Public views of the consultations app outside the page tree: opening an invitation link."""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache

from wagtail.models import Locale

from consultations import invitations


def by_invitation_response(request, *, reason: str, status: int = 403) -> TemplateResponse:
    """The page anyone without a working invitation sees instead of an invited consultation.

    403, not 404: the address is right and the page exists, and the visitor needs to hear that it
    is by invitation and how to get a link. It names nothing about the consultation itself.
    """
    response = TemplateResponse(
        request,
        "consultations/by_invitation.html",
        {"reason": reason},
        status=status,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
def open_invitation(request, token: str):
    invitation = invitations.invitation_for_token(token)
    if invitation is None or not invitation.consultation.live:
        return by_invitation_response(request, reason="unknown", status=404)
    if invitation.is_revoked:
        return by_invitation_response(request, reason="revoked")
    invitations.grant(request, invitation)
    invitations.mark_opened(invitation)
    consultation = invitation.consultation
    try:
        locale = Locale.objects.get(language_code=get_language())
    except Locale.DoesNotExist:
        locale = consultation.locale
    translated = consultation.get_translations(inclusive=True).live().filter(locale=locale).first()
    return redirect((translated or consultation).get_url(request))
