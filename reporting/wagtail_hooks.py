from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import access, admin_urls, audit
from .models import PopulationArea


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("reporting/", include((admin_urls.urlpatterns, "reporting"), namespace="reporting"))]


class ReportingMenuItem(MenuItem):
    def is_shown(self, request):
        return access.can_view_any(request.user)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return ReportingMenuItem(_("Analysis and reports"), reverse("reporting:index"), icon_name="table", order=250)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    audit.register(actions)


class PopulationAreaViewSet(SnippetViewSet):
    """The local population figures reach is measured against (Snippets → Population figures)."""

    model = PopulationArea
    icon = "group"
    list_display = ["name", "is_default"]


register_snippet(PopulationAreaViewSet)
