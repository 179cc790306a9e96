"""Which member a visitor came from (an alert or invitation link), and linking their response.

Following an alert's link stores {consultation translation key: member id} in the session; an
invitation link is recognised through the consultations.Invitation the session holds. Either way
the check-answers page offers a box to link the response to the membership, and only a ticked
box creates a ResponseLink. The Response itself never records the member."""

from consultations.invitations import invitation_from_request
from involvement.models import Member, ResponseLink, SegmentInvitation

SESSION_KEY = "involvement_visits"
CONSENT_FIELD = "involvement_link"


def remember_visit(request, member, consultation):
    visits = dict(request.session.get(SESSION_KEY, {}))
    visits[str(consultation.translation_key)] = member.pk
    request.session[SESSION_KEY] = visits


def member_from_request(request, consultation):
    """The register member whose emailed link brought this visitor to the consultation, or None."""
    session = getattr(request, "session", None)
    if session is None or consultation is None:
        return None
    member_id = session.get(SESSION_KEY, {}).get(str(consultation.translation_key))
    if member_id is None:
        invitation = invitation_from_request(request, consultation)
        if invitation is not None:
            member_id = (
                SegmentInvitation.objects.filter(invitation=invitation)
                .values_list("member_id", flat=True)
                .first()
            )
    if member_id is None:
        return None
    return Member.objects.filter(pk=member_id, confirmed_at__isnull=False).first()


def link_response(request, response, consultation):
    """Called when a response is sent: link it only when the visitor ticked the box."""
    if request.POST.get(CONSENT_FIELD) != "yes":
        return None
    member = member_from_request(request, consultation)
    if member is None:
        return None
    link, _created = ResponseLink.objects.get_or_create(
        response=response, defaults={"member": member}
    )
    return link
