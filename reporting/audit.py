"""Reporting's entries in Wagtail's audit log (Reports → Site history), and their registration."""

from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log, registry

EXPORT = "reporting.export"
PUBLICATION_APPROVE = "reporting.publication_approve"
PUBLICATION_WITHDRAW = "reporting.publication_withdraw"
REDACT = "reporting.redact"
REDACTION_REMOVE = "reporting.redaction_remove"
ERASE = "reporting.erase"
ERASE_PERSON = "reporting.erase_person"
RETENTION = "reporting.retention"
MODERATION_LOG_EXPORT = "reporting.moderation_log_export"
THEME_CREATE = "reporting.theme_create"
CODE = "reporting.code"
UNCODE = "reporting.uncode"
SUGGEST_THEMES = "reporting.suggest_themes"
SUGGESTION_ACCEPT = "reporting.suggestion_accept"
SUGGESTION_RENAME = "reporting.suggestion_rename"
SUGGESTION_MERGE = "reporting.suggestion_merge"
SUGGESTION_REJECT = "reporting.suggestion_reject"
CAMPAIGN_DETECT = "reporting.campaign_detect"
CAMPAIGN_LABEL = "reporting.campaign_label"

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
    (THEME_CREATE, _("Add a theme"), _("Added a theme")),
    (CODE, _("Code answers with a theme"), _("Coded answers with a theme")),
    (UNCODE, _("Remove a theme from answers"), _("Removed a theme from answers")),
    (SUGGEST_THEMES, _("Suggest themes"), _("Asked for suggested themes")),
    (SUGGESTION_ACCEPT, _("Accept a suggested theme"), _("Accepted a suggested theme")),
    (SUGGESTION_RENAME, _("Rename a suggested theme"), _("Renamed a suggested theme")),
    (SUGGESTION_MERGE, _("Merge a suggested theme"), _("Merged a suggested theme")),
    (SUGGESTION_REJECT, _("Reject a suggested theme"), _("Rejected a suggested theme")),
    (CAMPAIGN_DETECT, _("Look for organised responses"), _("Looked for organised responses")),
    (CAMPAIGN_LABEL, _("Label a campaign cluster"), _("Labelled a campaign cluster")),
]
# Every coding decision: the engagement report's method section counts these.
CODING_ACTIONS = [THEME_CREATE, CODE, UNCODE, SUGGESTION_ACCEPT, SUGGESTION_RENAME, SUGGESTION_MERGE, SUGGESTION_REJECT, CAMPAIGN_LABEL]
# Actions that make up a consultation's moderation log (logged against each Response).
MODERATION_ACTIONS = [PUBLICATION_APPROVE, PUBLICATION_WITHDRAW, REDACT, REDACTION_REMOVE, ERASE]


def register(actions):
    for action, label, message in ACTIONS:
        actions.register_action(action, label, message)


def entries_for(instance, actions):
    """The log entries of `instance` (a consultation page) for `actions`, oldest first."""
    return registry.get_logs_for_instance(instance).filter(action__in=actions).select_related("user").order_by("timestamp", "pk")


def record(instance, action, user=None, **data):
    """Write one audit-log entry. Never put personal data (names, emails, answers) in `data`."""
    return log(instance, action, user=user, data=data)
