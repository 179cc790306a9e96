from datetime import datetime

from django.conf import settings
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.log_actions import LogFormatter

from youwedid import admin_views, notifications
from youwedid.models import YouSaidWeDidPage
from youwedid.overdue import overdue_consultations
from youwedid.permissions import can_send_emails


@hooks.register("register_admin_urls")
def register_outcome_report_url():
    return [
        path("reports/outcomes/", admin_views.outcome_report, name="youwedid_outcome_report"),
        path("outcomes/<int:page_id>/emails/", admin_views.send_emails, name="youwedid_send_emails"),
    ]


class OutcomeReportMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_see_report(request.user)


@hooks.register("register_reports_menu_item")
def register_outcome_report_menu_item():
    return OutcomeReportMenuItem(_("Outcomes"), reverse("youwedid_outcome_report"), icon_name="tasks", order=700)


class OverdueOutcomesPanel(Component):
    name = "overdue_outcomes"
    order = 90
    template_name = "youwedid/admin/overdue_panel.html"

    def __init__(self, rows, weeks):
        self.rows = rows
        self.weeks = weeks

    def get_context_data(self, parent_context=None):
        return {"rows": self.rows, "weeks": self.weeks, "report_url": reverse("youwedid_outcome_report")}


@hooks.register("construct_homepage_panels")
def add_overdue_outcomes_panel(request, panels):

    if not admin_views.can_see_report(request.user):
        return
    rows = overdue_consultations()
    if rows:
        panels.append(OverdueOutcomesPanel(rows, getattr(settings, "OUTCOME_OVERDUE_WEEKS", 12)))


# --- Emailing the people who took part: a deliberate step after publishing --------------------


class SendEmailsButton(PageMenuItem):
    label = _("Email people who took part")
    icon_name = "mail"
    url_name = "youwedid_send_emails"
    priority = 45

    def is_shown(self, user):
        return can_send_emails(user, self.page)


def _send_emails_buttons(page):
    if isinstance(page.specific_deferred, YouSaidWeDidPage):
        yield SendEmailsButton(page=page)


@hooks.register("register_page_header_buttons")
def outcome_header_buttons(page, user, view_name, next_url=None):
    yield from _send_emails_buttons(page)


@hooks.register("register_page_listing_more_buttons")
def outcome_listing_buttons(page, user, next_url=None):
    yield from _send_emails_buttons(page)


@hooks.register("after_publish_page")
def tell_the_editor_nobody_was_emailed(request, page):
    if not isinstance(page.specific_deferred, YouSaidWeDidPage):
        return
    waiting = notifications.send_plan(page).total
    if waiting and can_send_emails(request.user, page):
        url = reverse("youwedid_send_emails", args=[page.pk])
        messages.warning(
            request,
            _("Nobody has been emailed yet. People who asked to hear this outcome: %(count)s.") % {"count": waiting},
            buttons=[messages.button(url, _("Review and send the emails"))],
        )


@hooks.register("register_log_actions")
def register_outcome_email_actions(actions):
    @actions.register_action(notifications.SEND_CONFIRMED)
    class SendConfirmed(LogFormatter):
        label = _("Confirm outcome emails")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            if data.get("send_after"):
                return _("Emails confirmed (%(count)s), to be sent at %(when)s") % {
                    "count": data.get("recipients", 0),
                    "when": formats.date_format(timezone.localtime(datetime.fromisoformat(data["send_after"])), "DATETIME_FORMAT"),
                }
            return _("Emails confirmed (%(count)s) and sent at once") % {"count": data.get("recipients", 0)}

    @actions.register_action(notifications.SEND_CANCELLED)
    class SendCancelled(LogFormatter):
        label = _("Cancel outcome emails")

        def format_message(self, log_entry):
            count = (log_entry.data or {}).get("cancelled", 0)
            return _("Unpublished before sending: emails cancelled (%(count)s)") % {"count": count}
