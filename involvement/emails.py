"""The emails the register sends, each in the member's own language: confirm, your link, an alert,
an invitation to a consultation and one to an event. Alerts and invitations carry
List-Unsubscribe headers (one click)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from consultations.status import local
from home.public_urls import public_url
from involvement import events, register


def consultation_in(consultation, locale):
    """The consultation in the member's language when it is live in it, else the source page."""
    if consultation.locale_id == locale.pk:
        return consultation
    translated = consultation.get_translation_or_none(locale)
    return translated if translated is not None and translated.live else consultation


def _message(member, subject, template, context, *, list_headers=False):
    with translation.override(member.locale.language_code):
        context = {"manage_url": register.manage_url(member), **context}
        if list_headers:
            context["unsubscribe_url"] = register.unsubscribe_url(member)
        body = render_to_string(template, context)
    headers = {}
    if list_headers:
        headers = {
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[member.email],
        headers=headers,
    )


def confirmation_email(member):
    with translation.override(member.locale.language_code):
        subject = _("Confirm your email address")
    return _message(
        member,
        subject,
        "involvement/email/confirm.txt",
        {"confirm_url": register.confirm_url(member), "member": member},
    )


def manage_link_email(member):
    with translation.override(member.locale.language_code):
        subject = _("Your link to manage how we involve you")
    return _message(member, subject, "involvement/email/manage_link.txt", {"member": member})


def visit_url(member, token):
    with translation.override(member.locale.language_code):
        return public_url(reverse("involvement:visit", args=[token]))


def alert_email(alert, visit_token):
    member = alert.member
    page = consultation_in(alert.consultation, member.locale)
    with translation.override(member.locale.language_code):
        if alert.kind == alert.Kind.CLOSING:
            subject = _("Closes in a week: %(title)s") % {"title": page.title}
        else:
            subject = _("Now open: %(title)s") % {"title": page.title}
        closes = local(page.closes_at)
    context = {
        "alert": alert,
        "consultation": page,
        "closes": closes,
        "link": visit_url(member, visit_token),
        "member": member,
    }
    return _message(member, subject, "involvement/email/alert.txt", context, list_headers=True)


def invitation_email(invitation, link):
    member = invitation.member
    page = consultation_in(invitation.consultation, member.locale)
    with translation.override(member.locale.language_code):
        subject = _("You are invited to take part: %(title)s") % {"title": page.title}
        closes = local(page.closes_at)
    context = {"consultation": page, "closes": closes, "link": link, "member": member}
    return _message(member, subject, "involvement/email/invitation.txt", context, list_headers=True)


def place(event):
    """The venue and address on one line, for a plain-text email."""
    address = ", ".join(line.strip() for line in event.address.splitlines() if line.strip())
    return ", ".join(part for part in [event.venue, address] if part)


def event_invitation_email(row, links):
    """The invitation to an event: when, where or how to join, its access, and the member's own
    links (the event on the site, "I'll come", "I can't come")."""
    member = row.member
    page = consultation_in(row.consultation, member.locale)
    event = events.event_in(row.event, page)
    with translation.override(member.locale.language_code):
        subject = _("You are invited to an event: %(title)s") % {"title": event.title}
    context = {
        "consultation": page,
        "event": event,
        "where": place(event),
        "links": links,
        "member": member,
    }
    return _message(
        member, subject, "involvement/email/event_invitation.txt", context, list_headers=True
    )


PREVIEW_LINK = "https://example.invalid/invitation/…"
PREVIEW_EVENT_LINKS = {
    "open": "https://example.invalid/get-involved/event/…",
    "yes": "https://example.invalid/get-involved/event/…/reply/yes/",
    "no": "https://example.invalid/get-involved/event/…/reply/no/",
}


def event_invitation_preview(event):
    """Subject and body of an event invitation as an English reader gets it, stand-in links."""
    subject = _("You are invited to an event: %(title)s") % {"title": event.title}
    body = render_to_string(
        "involvement/email/event_invitation.txt",
        {
            "consultation": event.page,
            "event": event,
            "where": place(event),
            "links": PREVIEW_EVENT_LINKS,
            "manage_url": "https://example.invalid/get-involved/manage/…",
            "unsubscribe_url": "https://example.invalid/get-involved/unsubscribe/…",
        },
    )
    return subject, body


def invitation_preview(consultation):
    """Subject and body of the invitation as an English reader gets it, with stand-in links."""
    subject = _("You are invited to take part: %(title)s") % {"title": consultation.title}
    body = render_to_string(
        "involvement/email/invitation.txt",
        {
            "consultation": consultation,
            "closes": local(consultation.closes_at),
            "link": PREVIEW_LINK,
            "manage_url": "https://example.invalid/get-involved/manage/…",
            "unsubscribe_url": "https://example.invalid/get-involved/unsubscribe/…",
        },
    )
    return subject, body
