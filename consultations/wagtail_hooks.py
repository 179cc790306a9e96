from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from consultations import access
from consultations.models import Area, Topic
from feedback.admin_format_requests import FormatRequestViewSet


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
