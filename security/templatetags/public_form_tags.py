"""`{% honeypot %}`: the one hidden field every public form carries (security.public_forms)."""

from django import template

from security.public_forms import HONEYPOT_FIELD

register = template.Library()


@register.inclusion_tag("security/includes/honeypot.html")
def honeypot():
    return {"name": HONEYPOT_FIELD}
