"""The editor's view of the emails sent about an outcome, shown in the page's edit view."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import Panel

from youwedid.permissions import can_send_emails


class NotificationCountsPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "youwedid/admin/notification_counts_panel.html"

        def get_context_data(self, parent_context=None):
            # circular: notifications imports youwedid.models, which imports this panel
            from youwedid.notifications import notification_counts, send_plan

            context = super().get_context_data(parent_context)
            page = self.instance
            saved = bool(page and page.pk)
            context["counts"] = notification_counts(page) if saved else None
            context["waiting"] = send_plan(page).total if saved else 0
            may_send = saved and can_send_emails(self.request.user, page)
            context["send_url"] = (
                reverse("youwedid_send_emails", args=[page.pk]) if may_send else ""
            )
            context["help"] = _(
                "Publishing this outcome emails nobody. After publishing, review who asked to hear the outcome, "
                "preview the email and confirm the send: each person gets one email, in their language when "
                "the outcome is translated into it."
            )
            return context
