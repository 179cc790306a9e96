"""The register's section of the privacy notice, generated from what the code really does: the
retention periods come from reporting.retention (PERSONAL_DATA_RETENTION_DAYS or the defaults in
involvement.retention), so the notice cannot drift from them. Shown on the join page and added to
the demo's privacy notice page (`page_blocks`)."""

from django.utils.translation import gettext as _

from involvement import retention as register_retention
from reporting.retention import retention_days


def _days(name):
    kind = next(kind for kind in register_retention.KINDS if kind.name == name)
    return retention_days(kind)


def section():
    """(heading, [paragraphs]) in the active language."""
    paragraphs = [
        _(
            "If you join our involvement register or sign up for alerts we keep your email "
            "address, your "
            "language and only the other details you agreed to: your topics and areas, how you "
            "like to take "
            "part, your access needs and your answers about you. We use them to tell you about "
            "consultations "
            "and to check we hear from every part of our community. We never share them or publish "
            "them."
        ),
        _(
            "If you do not confirm your address, we delete it after %(unconfirmed)s days. We "
            "delete a "
            "membership after %(members)s days with no change and no email from us, and the record "
            "of each "
            "alert or invitation we sent after %(emails)s days."
        )
        % {
            "unconfirmed": _days("register_unconfirmed"),
            "members": _days("register_members"),
            "emails": _days("register_alerts"),
        },
        _(
            "A response is linked to your membership only if you tick the box when you send it. "
            "You can "
            "change your details, pause emails or leave at any time from the link in our emails. "
            "Leaving "
            "deletes everything the register holds about you at once."
        ),
    ]
    return _("The involvement register and alerts"), paragraphs


def page_blocks():
    """The section as blocks for a StandardPage body (a heading and paragraphs)."""
    heading, paragraphs = section()
    return [("heading", {"text": heading, "level": "h2"})] + [
        ("paragraph", f"<p>{text}</p>") for text in paragraphs
    ]
