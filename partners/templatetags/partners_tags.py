from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.html import format_html

from home.public_urls import public_url
from partners.embed import consultation_model, outcome_model

register = template.Library()


@register.simple_tag(takes_context=True)
def oembed_discovery(context, page):
    """<link rel="alternate" type="application/json+oembed"> on consultation and outcome pages."""
    request = context.get("request")
    if request is None or page is None or not isinstance(page, (consultation_model(), outcome_model())) or not page.live:
        return ""
    query = urlencode({"url": public_url(page, request), "format": "json"})
    href = public_url(reverse("partners:oembed")) + "?" + query
    return format_html('<link rel="alternate" type="application/json+oembed" href="{}" title="{}">', href, page.title)
