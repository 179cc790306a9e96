"""Outcome lists other apps' templates show (the home page), so those apps never import ours."""

from django import template

from youwedid.models import YouSaidWeDidPage

register = template.Library()


@register.simple_tag
def latest_outcomes(locale, limit=3):
    """The `limit` most recently published live outcomes in `locale`."""
    return list(
        YouSaidWeDidPage.objects.live().filter(locale=locale).order_by("-first_published_at")[:limit]
    )
