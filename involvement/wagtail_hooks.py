from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from involvement import admin_views, audit, segments


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("involvement/", admin_views.register_view, name="involvement_register"),
        path("involvement/invite/", admin_views.invite_view, name="involvement_invite"),
        path(
            "involvement/rounds/<int:round_id>/", admin_views.round_view, name="involvement_round"
        ),
    ]


class RegisterMenuItem(MenuItem):
    def is_shown(self, request):
        return segments.may_view(request.user)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return RegisterMenuItem(
        _("Involvement register"), reverse("involvement_register"), icon_name="group", order=650
    )


@hooks.register("register_permissions")
def register_permissions():
    # Granted to a group under Settings → Groups → "Involvement register".
    return Permission.objects.filter(
        content_type__app_label="involvement", codename__in=["view_register", "manage_register"]
    )


@hooks.register("register_log_actions")
def register_log_actions(actions):
    audit.register(actions)
