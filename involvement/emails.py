"""The emails the register sends, each in the member's own language: confirm, your link, an alert
and an invitation. Alerts and invitations carry List-Unsubscribe headers (one click)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from consultations.status import local
from home.public_urls import public_url
from involvement import register


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


PREVIEW_LINK = "https://example.invalid/invitation/…"


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
