from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from wagtail.images import get_image_model

from feedback import paper

register = template.Library()


@register.simple_tag(takes_context=True)
def paper_questionnaire(context, form_page):
    """The paper questionnaire's PDFs for a response form (feedback.paper.downloads), or None.
    Consultation pages ask through this tag: consultations sits below feedback."""
    if form_page is None or not getattr(form_page, "live", False):
        return None
    return paper.downloads(form_page, context.get("request"))


@register.simple_tag
def describedby(field):
    ids = []
    if field.get("hint_id") or field["q"].type == "date":
        ids.append(field.get("hint_id") or f"{field['id']}-hint")
    if field.get("error"):
        ids.append(f"{field['id']}-error")
    if not ids:
        return ""
    return format_html(' aria-describedby="{}"', " ".join(ids))


@register.filter
def date_parts(field):
    return [("day", _("Day"), 2), ("month", _("Month"), 2), ("year", _("Year"), 4)]


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key, "")


@register.simple_tag
def question_picture(question):
    """The picture beside a question (Easy Read), with its description as the alternative text."""
    if not getattr(question, "image_id", None):
        return ""
    image = get_image_model().objects.filter(pk=question.image_id).first()
    if image is None:
        return ""
    rendition = image.get_rendition("max-240x240")
    return format_html(
        '<img class="hys-question-picture" src="{}" width="{}" height="{}" alt="{}">',
        rendition.url,
        rendition.width,
        rendition.height,
        question.image_alt,
    )
