"""`{% honeypot %}`: the one hidden field every public form carries (security.public_forms)."""

from django import template

from security.public_forms import HONEYPOT_FIELD

register = template.Library()


@register.inclusion_tag("security/includes/honeypot.html")
def honeypot(form_id=""):
    """`form_id` tells two forms on one page apart (element ids must be unique)."""
    return {"name": HONEYPOT_FIELD, "id": f"{HONEYPOT_FIELD}-{form_id}" if form_id else HONEYPOT_FIELD}
