from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from consultations import access, admin_invitations, visibility
from consultations.admin_format_requests import FormatRequestViewSet
from consultations.models import Area, ConsultationPage, Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]


class AreaViewSet(SnippetViewSet):
    model = Area
    icon = "site"
    menu_label = _("Areas")
    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]


class TaxonomyGroup(SnippetViewSetGroup):
    items = (TopicViewSet, AreaViewSet)
    menu_icon = "tag"
    menu_label = _("Topics and areas")
    menu_name = "consultation_taxonomies"


register_snippet(TaxonomyGroup)


@hooks.register("register_admin_viewset")
def register_format_request_viewset():
    return FormatRequestViewSet()


@hooks.register("before_serve_page")
def refuse_invited_consultations(page, request, serve_args, serve_kwargs):
    return access.refusal(page, request)


@hooks.register("hide_from_public_lists")
def hide_unlisted_and_invited_consultations(pages):
    return visibility.publicly_listed_pages(pages)


# --- Invitation links (invited consultations) --------------------------------------------------


@hooks.register("register_admin_urls")
def register_invitation_urls():
    return [
        path(
            "consultations/<int:page_id>/invitations/",
            admin_invitations.invitations_view,
            name="consultations_invitations",
        ),
        path(
            "consultations/<int:page_id>/invitations/<int:invitation_id>/revoke/",
            admin_invitations.revoke_view,
            name="consultations_invitation_revoke",
        ),
    ]


class InvitationsButton(PageMenuItem):
    label = _("Invitation links")
    icon_name = "link"
    url_name = "consultations_invitations"
    priority = 46

    def is_shown(self, user):
        return admin_invitations.may_manage(user, self.page)


def _invitation_buttons(page):
    if issubclass(page.specific_class or type(None), ConsultationPage):
        yield InvitationsButton(page=page)


@hooks.register("register_page_header_buttons")
def invitation_header_buttons(page, user, view_name, next_url=None):
    yield from _invitation_buttons(page)


@hooks.register("register_page_listing_more_buttons")
def invitation_listing_buttons(page, user, next_url=None):
    yield from _invitation_buttons(page)


@hooks.register("register_log_actions")
def register_invitation_actions(actions):
    @actions.register_action(admin_invitations.INVITATIONS_MADE)
    class InvitationsMade(LogFormatter):
        label = _("Make invitation links")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Invitation links made: %(count)s (%(label)s)") % {
                "count": data.get("count", 0),
                "label": data.get("label") or "—",
            }

    @actions.register_action(admin_invitations.INVITATION_REVOKED)
    class InvitationRevoked(LogFormatter):
        label = _("Revoke an invitation link")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Invitation %(number)s revoked") % {"number": data.get("invitation", "?")}
