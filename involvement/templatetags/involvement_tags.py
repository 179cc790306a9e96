"""Template tags feedback's templates use to show the register's part of the response form."""

from django import template

from involvement.links import CONSENT_FIELD, member_from_request

register = template.Library()


@register.inclusion_tag("involvement/includes/response_link_consent.html", takes_context=True)
def response_link_consent(context, consultation):
    """The box to link a response to the register membership, for a visitor who came from one."""
    request = context.get("request")
    member = member_from_request(request, consultation) if request is not None else None
    return {"show": member is not None, "field": CONSENT_FIELD}
