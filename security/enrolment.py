"""First authenticator set-up needs more than the password: a one-time link emailed to the
account's own address.

A stolen password alone used to be enough to enrol the thief's authenticator on an account that
had none. Now the set-up page (QR code and key) opens only in a session that has used a link
from ``send_link``: the link is random, stored only as a hash, bound to one user, expires after
``MFA_ENROL_LINK_MINUTES`` and works once. Opening it also needs that user's password (the
views are behind sign-in), so a set-up needs both the password and the mailbox.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from security.models import EnrolmentLink

SESSION_KEY = "_security_mfa_enrol_user"


def link_minutes() -> int:
    return int(getattr(settings, "MFA_ENROL_LINK_MINUTES", 30))


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def can_receive_link(user) -> bool:
    return bool(getattr(user, "email", ""))


def send_link(user, base_url: str, now=None) -> EnrolmentLink:
    """Email a fresh set-up link to the user's own address; any earlier unused link stops working."""
    now = now or timezone.now()
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        EnrolmentLink.objects.filter(user=user, used_at__isnull=True).delete()
        link = EnrolmentLink.objects.create(
            user=user,
            token_hash=_hash(token),
            expires_at=now + datetime.timedelta(minutes=link_minutes()),
        )
    url = base_url.rstrip("/") + reverse("security_mfa_enrol_link", args=[token])
    context = {
        "user": user,
        "url": url,
        "minutes": link_minutes(),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    send_mail(
        render_to_string("security/email/enrol_link_subject.txt", context).strip(),
        render_to_string("security/email/enrol_link.txt", context),
        None,
        [user.email],
    )
    return link


def find_link(token: str, user, now=None) -> EnrolmentLink | None:
    """The unused, unexpired link for this token and this user, or None."""
    now = now or timezone.now()
    return EnrolmentLink.objects.filter(
        token_hash=_hash(str(token or "")), user=user, used_at__isnull=True, expires_at__gt=now
    ).first()


def use_link(request, link: EnrolmentLink, now=None) -> bool:
    """Spend the link (once, even under two clicks at the same moment) and let this session enrol."""
    used = EnrolmentLink.objects.filter(pk=link.pk, used_at__isnull=True).update(
        used_at=now or timezone.now()
    )
    if used:
        request.session[SESSION_KEY] = link.user_id
    return bool(used)


def session_may_enrol(request) -> bool:
    return request.user.is_authenticated and request.session.get(SESSION_KEY) == request.user.pk


def finish(request) -> None:
    request.session.pop(SESSION_KEY, None)
