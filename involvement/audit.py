"""The register's entries in Wagtail's audit log (Reports → Site history). Every staff view of the
register writes one, with the filters used and never a member's details."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from reporting import audit

VIEW = "involvement.view_register"
INVITE_PREVIEW = "involvement.invite_preview"
INVITE = "involvement.invite"
VIEW_ROUND = "involvement.view_round"

ACTIONS = [
    (VIEW, _("View the involvement register"), _("Viewed the involvement register")),
    (
        INVITE_PREVIEW,
        _("Preview an invitation to a segment"),
        _("Previewed an invitation to a segment of the register"),
    ),
    (INVITE, _("Invite a segment"), _("Invited a segment of the register to a consultation")),
    (VIEW_ROUND, _("View an invitation round"), _("Viewed the results of an invitation round")),
]


def register(actions):
    for action, label, message in ACTIONS:
        actions.register_action(action, label, message)


def record(user, action, **data):
    """Logged against the member of staff, as reporting logs a person's erasure. The user is
    loaded as a plain model instance: Wagtail's log registry finds no logger for the lazy
    `request.user` wrapper and would skip the entry without a word."""
    staff = get_user_model().objects.get(pk=user.pk)
    return audit.record(staff, action, staff, **data)
