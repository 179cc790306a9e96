"""The editor's view of the emails sent about an outcome, shown in the page's edit view."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import Panel


class NotificationCountsPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "youwedid/admin/notification_counts_panel.html"

        def get_context_data(self, parent_context=None):
            from youwedid.notifications import notification_counts

            context = super().get_context_data(parent_context)
            page = self.instance
            context["counts"] = notification_counts(page) if page and page.pk else None
            context["help"] = _(
                "When this outcome is first published, everyone who responded to its consultations and "
                "asked to hear the outcome gets one email, in the language they responded in."
            )
            return context
