"""Reporting's entries in Wagtail's audit log (Reports → Site history), and their registration."""

from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log

EXPORT = "reporting.export"
PUBLICATION_APPROVE = "reporting.publication_approve"
PUBLICATION_WITHDRAW = "reporting.publication_withdraw"
REDACT = "reporting.redact"
REDACTION_REMOVE = "reporting.redaction_remove"
ERASE = "reporting.erase"
ERASE_PERSON = "reporting.erase_person"
RETENTION = "reporting.retention"
MODERATION_LOG_EXPORT = "reporting.moderation_log_export"

ACTIONS = [
    (EXPORT, _("Export responses"), _("Exported responses")),
    (PUBLICATION_APPROVE, _("Approve response for publication"), _("Approved a response for publication")),
    (PUBLICATION_WITHDRAW, _("Withdraw response from publication"), _("Withdrew a response from publication")),
    (REDACT, _("Redact a passage"), _("Redacted a passage of a response")),
    (REDACTION_REMOVE, _("Remove a redaction"), _("Removed a redaction")),
    (ERASE, _("Erase personal data"), _("Erased the personal data of a response on request")),
    (ERASE_PERSON, _("Erase a person's data everywhere"), _("Erased everything held about one person, on request")),
    (RETENTION, _("Apply retention"), _("Anonymised responses past their retention period")),
    (MODERATION_LOG_EXPORT, _("Export moderation log"), _("Exported the moderation log")),
]
# Actions that make up a consultation's moderation log (logged against each Response).
MODERATION_ACTIONS = [PUBLICATION_APPROVE, PUBLICATION_WITHDRAW, REDACT, REDACTION_REMOVE, ERASE]


def register(actions):
    for action, label, message in ACTIONS:
        actions.register_action(action, label, message)


def record(instance, action, user=None, **data):
    """Write one audit-log entry. Never put personal data (names, emails, answers) in `data`."""
    return log(instance, action, user=user, data=data)
