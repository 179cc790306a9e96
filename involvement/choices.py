"""What a member can tell us, as (key, model field, label): a list per question, a field each."""

from django.utils.translation import gettext_lazy as _

WAYS = [
    ("online", "way_online", _("Online")),
    ("events", "way_events", _("At events and meetings")),
    ("post", "way_post", _("On paper, by post")),
    ("phone", "way_phone", _("By phone")),
]
ACCESS_NEEDS = [
    ("large_print", "needs_large_print", _("Large print")),
    ("easy_read", "needs_easy_read", _("Easy Read")),
    ("bsl", "needs_bsl", _("British Sign Language (BSL)")),
    ("interpreter", "needs_interpreter", _("An interpreter")),
]
# Each part of a membership has its own consent: without it, nothing of that part is kept.
CONSENT_INTERESTS = "interests"
CONSENT_WAYS = "ways"
CONSENT_ACCESS = "access"
CONSENT_ABOUT_YOU = "about_you"
CONSENTS = [CONSENT_INTERESTS, CONSENT_WAYS, CONSENT_ACCESS, CONSENT_ABOUT_YOU]


def field_for(choices, key):
    return next(field for k, field, _label in choices if k == key)


def keys_set(member, choices):
    return [key for key, field, _label in choices if getattr(member, field)]
