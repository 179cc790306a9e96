"""Dates in plain words, status tags and 'closes in N days' for consultation templates."""

from django import template
from django.utils import formats, timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from consultations import listing
from consultations import status as status_module

register = template.Library()


@register.simple_tag
def listing_moment():
    """`{% listing_moment as moment %}`: for the key of a cached fragment that lists open
    consultations (consultations.listing.listing_moment), worked out only if the key is. It also
    tells the page cache when the list changes (consultations.listing.lists_change_at)."""
    now = timezone.now()
    listing.lists_change_at(now)
    return SimpleLazyObject(lambda: listing.listing_moment(now))


@register.simple_tag
def open_consultations(locale, limit=3):
    """For the home page: up to `limit` consultations open now for readers of `locale`."""
    return listing.open_now(locale)[:limit]


@register.filter
def date_words(moment):
    """'Friday 12 December 2026' in UK time, month and day names in the active language."""
    if not moment:
        return ""
    return formats.date_format(timezone.localtime(moment), "l j F Y")


@register.filter
def time_words(moment):
    """GOV.UK style in English ('5pm', '9:30am', 'midday', 'midnight'); 24-hour elsewhere ('17:00')."""
    if not moment:
        return ""
    local = timezone.localtime(moment)
    if (translation.get_language() or "en").split("-")[0] != "en":
        return local.strftime("%H:%M")
    if local.hour == 0 and local.minute == 0:
        return "midnight"
    if local.hour == 12 and local.minute == 0:
        return "midday"
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    return f"{hour}{suffix}" if local.minute == 0 else f"{hour}:{local.minute:02d}{suffix}"


@register.filter
def datetime_words(moment):
    if not moment:
        return ""
    return _("%(time)s on %(date)s") % {"time": time_words(moment), "date": date_words(moment)}


@register.simple_tag
def closes_in_words(days):
    if days is None:
        return ""
    if days <= 0:
        return _("Closes today")
    if days == 1:
        return _("Closes tomorrow")
    return ngettext("Closes in %(days)d day", "Closes in %(days)d days", days) % {"days": days}


@register.simple_tag
def opens_in_words(days):
    if days is None:
        return ""
    if days <= 0:
        return _("Opens today")
    if days == 1:
        return _("Opens tomorrow")
    return ngettext("Opens in %(days)d day", "Opens in %(days)d days", days) % {"days": days}


@register.inclusion_tag("consultations/includes/status_tag.html")
def status_tag(status):
    return {
        "status": status,
        "label": status_module.STATUS_LABELS.get(status, ""),
        "tag_class": status_module.STATUS_TAG_CLASSES.get(status, ""),
    }


@register.simple_tag
def consultation_status(consultation, now=None):
    """For templates that list consultations without the index page's annotations (the home page)."""
    return getattr(consultation, "status", None) or status_module.get_status(consultation, now)


@register.simple_tag
def days_until(moment, now=None):
    return status_module.days_until(moment, now)
