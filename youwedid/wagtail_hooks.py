from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from youwedid import admin_views


@hooks.register("register_admin_urls")
def register_outcome_report_url():
    return [path("reports/outcomes/", admin_views.outcome_report, name="youwedid_outcome_report")]


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
    from django.conf import settings

    from youwedid.overdue import overdue_consultations

    if not admin_views.can_see_report(request.user):
        return
    rows = overdue_consultations()
    if rows:
        panels.append(OverdueOutcomesPanel(rows, getattr(settings, "OUTCOME_OVERDUE_WEEKS", 12)))
