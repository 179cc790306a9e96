"""`form|error_summary`: a Django form's errors as the one error summary include wants them."""

from django import template

from home.forms import error_summary_items

register = template.Library()


@register.filter
def error_summary(form):
    return error_summary_items(form)
