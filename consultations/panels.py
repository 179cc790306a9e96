"""The invitation links' summary, in a consultation's edit view (Settings tab)."""

from django.urls import reverse

from wagtail.admin.panels import Panel

from home.fallback import source_page


class InvitationsPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "consultations/admin/invitations_panel.html"

        def get_context_data(self, parent_context=None):
            # admin_invitations imports the models, which import this panel.
            from consultations.admin_invitations import invitation_rows, may_manage, summary

            context = super().get_context_data(parent_context)
            saved = bool(self.instance and self.instance.pk)
            page = source_page(self.instance) if saved else self.instance
            context["saved"] = saved
            context["summary"] = summary(invitation_rows(page)) if saved else None
            context["url"] = (
                reverse("consultations_invitations", args=[page.pk])
                if saved and may_manage(self.request.user, page)
                else ""
            )
            return context
