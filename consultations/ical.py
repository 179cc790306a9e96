"""iCalendar (RFC 5545) files: when consultations open and close, and their events.

Written by hand — the format is small — with the details that calendars are strict about: CRLF
line endings, lines folded at 75 octets, text escaped, every time in UTC, a stable UID.
"""

from datetime import UTC

from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from consultations.templatetags.consultation_tags import date_words, time_words
from home.public_urls import public_host, public_url

PRODID = "-//Have Your Say//Consultations//EN"


def escape_text(value):
    """TEXT values: backslash, semicolon, comma and new lines escaped (RFC 5545 §3.3.11)."""
    value = str(value or "")
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line):
    """Lines longer than 75 octets continue on the next line after CRLF and a space (§3.1)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts = []
    current = ""
    limit = 75
    for char in line:
        if len((current + char).encode("utf-8")) > limit:
            parts.append(current)
            current = char
            limit = 74  # continuation lines start with a space
        else:
            current += char
    parts.append(current)
    return "\r\n ".join(parts)


def utc_stamp(moment):
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def vevent(uid, start, summary, *, stamp, end=None, description="", location="", url=""):
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{utc_stamp(stamp)}",
        f"DTSTART:{utc_stamp(start)}",
    ]
    if end is not None:
        lines.append(f"DTEND:{utc_stamp(end)}")
    lines.append(f"SUMMARY:{escape_text(summary)}")
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    if url:
        lines.append(f"URL:{url}")
    lines.append("END:VEVENT")
    return lines


def consultation_vevents(page, request):
    host = public_host()  # UIDs stay the same whichever host the file was fetched from
    url = public_url(page.get_url(request) or "/")
    stamp = page.last_published_at or page.first_published_at or timezone.now()
    lines = []
    lines += vevent(
        f"consultation-{page.translation_key}-{page.locale.language_code}-opens@{host}",
        page.opens_at,
        _("Consultation opens: %(title)s") % {"title": page.title},
        stamp=stamp,
        description=page.summary,
        url=url,
    )
    lines += vevent(
        f"consultation-{page.translation_key}-{page.locale.language_code}-closes@{host}",
        page.closes_at,
        _("Consultation closes: %(title)s") % {"title": page.title},
        stamp=stamp,
        description=_("Last chance to respond: %(time)s on %(date)s.")
        % {"time": time_words(page.closes_at), "date": date_words(page.closes_at)},
        url=url,
    )
    for event in page.events.all():
        access = ", ".join(str(feature) for feature in event.access_features)
        description = [page.title]
        if event.joining_details:
            description.append(event.joining_details)
        if event.booking:
            description.append(_("Booking: %(booking)s") % {"booking": event.booking})
        if access:
            description.append(_("Access: %(features)s.") % {"features": access})
        if event.adjustments:
            description.append(_("To ask for an adjustment: %(how)s") % {"how": event.adjustments})
        location = ", ".join(
            part for part in [event.venue, event.address.replace("\n", ", ")] if part
        )
        lines += vevent(
            f"event-{event.translation_key}-{page.locale.language_code}@{host}",
            event.starts_at,
            f"{event.title} ({event.get_kind_display()})",
            stamp=stamp,
            end=event.ends_at,
            description="\n".join(str(part) for part in description),
            location=location or event.joining_link,
            url=event.joining_link or url,
        )
    return lines


def calendar_text(name, pages, request):
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for page in pages:
        lines += consultation_vevents(page, request)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def _response(text, filename):
    response = HttpResponse(text.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def index_calendar_response(index_page, request):
    with translation.override(index_page.locale.language_code):
        pages = (
            index_page.consultations()
            .select_related("locale")
            .prefetch_related("events")
            .order_by("opens_at")
        )
        return _response(calendar_text(index_page.title, pages, request), "consultations.ics")


def consultation_calendar_response(page, request):
    with translation.override(page.locale.language_code):
        return _response(calendar_text(page.title, [page], request), f"{page.slug}.ics")
