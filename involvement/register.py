"""Joining, confirming, changing, pausing and leaving the register; the links that do it.

There are no passwords: every emailed link carries a signed token naming the member and their
current `secret`. Leaving deletes the member (and, by cascade, their alerts, invitations and
response links), so no old link works afterwards.
"""

import secrets

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Locale

from consultations.models import Area, Topic
from home.public_urls import public_url
from involvement.choices import (
    ACCESS_NEEDS,
    CONSENT_ABOUT_YOU,
    CONSENT_ACCESS,
    CONSENT_INTERESTS,
    CONSENT_WAYS,
    WAYS,
)
from involvement.models import Member

CONFIRM_SALT = "involvement.confirm"
MANAGE_SALT = "involvement.manage"
CONFIRM_MAX_AGE = 7 * 24 * 60 * 60  # a week to click the confirmation link


def new_secret():
    return secrets.token_hex(16)


def normalise_email(email):
    return (email or "").strip().lower()


# --- Tokens -------------------------------------------------------------------------------------


def token_for(member, salt=MANAGE_SALT):
    return signing.dumps({"m": member.pk, "s": member.secret}, salt=salt)


def member_for_token(token, salt=MANAGE_SALT, max_age=None):
    """The member a token names, or None when it is not ours, too old or ended by leaving."""
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except (signing.BadSignature, TypeError):
        return None
    if not isinstance(data, dict):
        return None
    member = Member.objects.filter(pk=data.get("m")).select_related("locale").first()
    if member is None or not secrets.compare_digest(member.secret, str(data.get("s", ""))):
        return None
    return member


def link(member, name, token):
    """An absolute link in the member's language."""
    with translation.override(member.locale.language_code):
        return public_url(reverse(name, args=[token]))


def confirm_url(member):
    return link(member, "involvement:confirm", token_for(member, CONFIRM_SALT))


def manage_url(member):
    return link(member, "involvement:manage", token_for(member))


def unsubscribe_url(member):
    return link(member, "involvement:unsubscribe", token_for(member))


# --- Saving what people tell us -------------------------------------------------------------------


def active_locale():
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return Locale.get_default()


def apply_choices(member, data, consents):
    """Copy the consented parts of cleaned form data onto the member; clear the rest.

    Returns the topic and area pks to set once the member is saved."""
    now = timezone.now().isoformat()
    member.consents = {part: member.consents.get(part, now) for part in consents}
    ways = set(data.get("ways") or []) if CONSENT_WAYS in consents else set()
    needs = set(data.get("access_needs") or []) if CONSENT_ACCESS in consents else set()
    for key, field, _label in WAYS:
        setattr(member, field, key in ways)
    for key, field, _label in ACCESS_NEEDS:
        setattr(member, field, key in needs)
    member.interpreter_language = (
        data.get("interpreter_language", "") if CONSENT_ACCESS in consents else ""
    )
    about = {}
    if CONSENT_ABOUT_YOU in consents:
        about = {key: value for key, value in data.items() if key.startswith("about_") and value}
    member.about_you = about
    if CONSENT_INTERESTS not in consents:
        return [], []
    topics = Topic.objects.filter(pk__in=data.get("topics") or [], locale=Locale.get_default())
    areas = Area.objects.filter(pk__in=data.get("areas") or [], locale=Locale.get_default())
    return list(topics.values_list("pk", flat=True)), list(areas.values_list("pk", flat=True))


def join(data, consents, *, kind=Member.Kind.REGISTER, locale=None):
    """Someone joined (or signed up for alerts). Returns (member, email_to_send): "confirm" for a
    new or unconfirmed address, "manage" for one already confirmed (their settings are not
    changed by a stranger who knows their address; they get their own link instead)."""
    email = normalise_email(data["email"])
    locale = locale or active_locale()
    with transaction.atomic():
        member = Member.objects.select_for_update().filter(email=email).first()
        if member is not None and member.confirmed:
            return member, "manage"
        if member is None:
            member = Member(email=email, secret=new_secret())
        member.kind = kind
        member.locale = locale
        member.status = Member.Status.PENDING
        topics, areas = apply_choices(member, data, consents)
        member.save()
        member.topics.set(topics)
        member.areas.set(areas)
    return member, "confirm"


def confirm(member, now=None):
    if member.confirmed_at is None:
        Member.objects.filter(pk=member.pk).update(
            confirmed_at=now or timezone.now(), status=Member.Status.ACTIVE
        )
        member.refresh_from_db()
    return member


def update(member, data, consents):
    """A member changed their settings from their link."""
    with transaction.atomic():
        topics, areas = apply_choices(member, data, consents)
        if member.kind == Member.Kind.ALERTS and len(consents) > 1:
            member.kind = Member.Kind.REGISTER
        member.save()
        member.topics.set(topics)
        member.areas.set(areas)
    return member


def pause(member):
    Member.objects.filter(pk=member.pk).update(status=Member.Status.PAUSED)
    member.status = Member.Status.PAUSED
    return member


def resume(member):
    Member.objects.filter(pk=member.pk).update(status=Member.Status.ACTIVE)
    member.status = Member.Status.ACTIVE
    return member


def leave(member):
    """Erase the member and everything about them: alerts, invitations and response links go with
    the row (on_delete=CASCADE). Returns what was removed, by kind, for the page that says so."""
    counts = {
        "alerts": member.alerts.count(),
        "invitations": member.invitations.count(),
        "response_links": member.response_links.count(),
    }
    member.delete()
    return counts


def unsubscribe(member):
    """One-click unsubscribe from an email: an alert-only sign-up is removed; a register member is
    paused (no more emails) and keeps the way to come back or leave."""
    if member.kind == Member.Kind.ALERTS:
        leave(member)
        return "removed"
    pause(member)
    return "paused"


def initial_for(member):
    """The manage form, filled in with what the member told us."""
    initial = {
        "topics": list(member.topics.values_list("pk", flat=True)),
        "areas": list(member.areas.values_list("pk", flat=True)),
        "ways": [key for key, field, _label in WAYS if getattr(member, field)],
        "access_needs": [key for key, field, _label in ACCESS_NEEDS if getattr(member, field)],
        "interpreter_language": member.interpreter_language,
        **member.about_you,
    }
    for part in (CONSENT_INTERESTS, CONSENT_WAYS, CONSENT_ACCESS, CONSENT_ABOUT_YOU):
        initial[f"consent_{part}"] = part in member.consents
    return initial
