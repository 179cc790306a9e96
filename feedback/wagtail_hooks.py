"""Admin wiring for feedback: the moderation queue, general feedback lists, the dashboard panel,
audit-log actions and the "Responses" group permission panel."""

from django import forms
from django.conf import settings
from django.contrib.auth.models import Permission
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import GroupPagePermission, Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.users.forms import BaseGroupPagePermissionFormSet, PagePermissionsForm

from feedback import admin_form_copy, admin_uploads, moderation
from feedback.models import GeneralFeedback, PageUsefulness
from feedback.permissions import APP_LABEL, RESPONSE_PERMISSIONS, user_can_moderate_any_responses
from security.spreadsheet import SafeExportIndexView


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """What the public sent is evidence: staff may view and export it, never add, edit or delete it here."""

    def user_has_permission(self, user, action):
        if action != "view":
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and self.user_has_permission(user, "view")


register_permission_policy(
    GeneralFeedback, ReadOnlyPermissionPolicy(GeneralFeedback), exact_class=True
)
register_permission_policy(
    PageUsefulness, ReadOnlyPermissionPolicy(PageUsefulness), exact_class=True
)


class GeneralFeedbackViewSet(ModelViewSet):
    model = GeneralFeedback
    icon = "comment"
    menu_label = _("Share your views")
    name = "general_feedback"
    index_view_class = SafeExportIndexView  # what the public typed is never run as a formula
    url_prefix = "feedback/general"
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["reference", "about", "service_name", "rating", "created_at"]
    list_filter = ["about", "rating", "created_at"]
    list_export = [
        "reference",
        "created_at",
        "about",
        "service_name",
        "what_happened",
        "what_was_good",
        "what_could_be_better",
        "rating",
        "name",
        "email",
        "phone",
    ]
    search_fields = [
        "reference",
        "service_name",
        "what_happened",
        "what_was_good",
        "what_could_be_better",
    ]
    search_backend_name = None
    inspect_view_fields = [
        "reference",
        "created_at",
        "about",
        "service_name",
        "what_happened",
        "what_was_good",
        "what_could_be_better",
        "rating",
        "locale",
        "name",
        "email",
        "phone",
    ]
    form_fields = ["about"]  # never editable (read-only policy); required by ModelViewSet


class PageUsefulnessViewSet(ModelViewSet):
    model = PageUsefulness
    icon = "help"
    menu_label = _("Is this page useful?")
    name = "page_usefulness"
    index_view_class = SafeExportIndexView
    url_prefix = "feedback/page-usefulness"
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["path", "useful", "comment", "created_at"]
    list_filter = ["useful", "created_at"]
    list_export = ["created_at", "path", "page", "useful", "comment"]
    search_fields = ["path", "comment"]
    search_backend_name = None
    form_fields = ["useful"]  # never editable (read-only policy); required by ModelViewSet


class ModerationMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_moderate_any_responses(request.user)


class ModerationViewSet(ViewSet):
    name = "feedback_moderation"
    url_prefix = "feedback/moderation"
    icon = "warning"
    menu_label = _("Moderation queue")
    menu_item_class = ModerationMenuItem

    def get_urlpatterns(self):
        return [
            path("", moderation.ModerationQueueView.as_view(), name="queue"),
            path("decide/", moderation.ModerationQueueView.as_view(), name="decide"),
            path(
                "responses/<id:consultation_id>/",
                moderation.ConsultationResponsesView.as_view(),
                name="responses",
            ),
        ]


class FeedbackViewSetGroup(ViewSetGroup):
    menu_label = _("Feedback")
    menu_icon = "comment"
    menu_order = 250
    items = [ModerationViewSet, GeneralFeedbackViewSet, PageUsefulnessViewSet]


@hooks.register("register_admin_viewset")
def register_feedback_viewsets():
    return FeedbackViewSetGroup()


@hooks.register("register_log_actions")
def register_moderation_actions(actions):
    moderation.register_moderation_log_actions(actions)


@hooks.register("register_permissions")
def register_response_permissions():
    # Held globally by a group, these cover every consultation; per consultation, use the
    # "Responses" panel below.
    return Permission.objects.filter(
        content_type__app_label=APP_LABEL, codename__in=RESPONSE_PERMISSIONS
    )


class FeedbackStatusPanel(Component):
    name = "feedback_status"
    template_name = "feedback/moderation/dashboard_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        context = super().get_context_data(parent_context)
        can_moderate = user_can_moderate_any_responses(request.user)
        context.update(
            request=request,
            recaptcha_enabled=getattr(settings, "RECAPTCHA_ENABLED", False),
            can_moderate=can_moderate,
            held=moderation.consultations_with_held_responses(request.user) if can_moderate else [],
            held_total=moderation.held_count_for(request.user) if can_moderate else 0,
        )
        return context


@hooks.register("construct_homepage_panels")
def add_feedback_status_panel(request, panels):
    panels.insert(0, FeedbackStatusPanel())


# --- "Responses" panel on Settings → Groups: who may see/moderate responses, per consultation -----


class ResponsePermissionsForm(PagePermissionsForm):
    page = forms.ModelChoiceField(
        queryset=Page.objects.all(),
        widget=AdminPageChooser(
            target_models=["consultations.ConsultationIndexPage", "consultations.ConsultationPage"],
            show_edit_link=False,
        ),
        help_text=_("A consultation, or the consultation index for every consultation in it."),
    )
    permissions = forms.ModelMultipleChoiceField(
        queryset=Permission.objects.filter(
            content_type__app_label=APP_LABEL, codename__in=RESPONSE_PERMISSIONS
        )
        .select_related("content_type")
        .order_by("codename"),
        to_field_name="codename",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class BaseGroupResponsePermissionFormSet(BaseGroupPagePermissionFormSet):
    # In the order of the permissions' codenames (the checkboxes' order).
    permission_types = [
        ("change_response", _("Moderate"), _("Approve or reject responses held for review")),
        ("view_responses", _("View"), _("See the responses to these consultations")),
    ]

    def __init__(self, data=None, files=None, instance=None, prefix="response_permissions"):
        super().__init__(data, files, instance=instance, prefix=prefix)
        # Keep only the rows that carry a response permission (the parent loaded every page permission).
        initial = []
        for row in self.initial or []:
            perms = [p for p in row["permissions"] if self._is_response_permission(p)]
            if perms:
                initial.append({"page": row["page"], "permissions": perms})
        self.initial = initial  # forms are built lazily, from this

    @staticmethod
    def _is_response_permission(permission):
        return (
            permission.content_type.app_label == APP_LABEL
            and permission.codename in RESPONSE_PERMISSIONS
        )

    @transaction.atomic
    def save(self):
        if self.instance.pk is None:
            raise ValueError("Cannot save response permissions for an unsaved group")
        wanted = set()
        for form in self.forms:
            if form in self.deleted_forms or "page" not in form.cleaned_data:
                continue
            for permission in form.cleaned_data["permissions"]:
                wanted.add((form.cleaned_data["page"].pk, permission.pk))
        existing = GroupPagePermission.objects.filter(
            group=self.instance,
            permission__content_type__app_label=APP_LABEL,
            permission__codename__in=RESPONSE_PERMISSIONS,
        )
        have = set()
        for row in existing:
            key = (row.page_id, row.permission_id)
            if key in wanted:
                have.add(key)
            else:
                row.delete()
        GroupPagePermission.objects.bulk_create(
            [
                GroupPagePermission(group=self.instance, page_id=page_id, permission_id=perm_id)
                for page_id, perm_id in wanted - have
            ]
        )

    def as_admin_panel(self):
        return render_to_string(
            "feedback/moderation/group_permissions_formset.html", {"formset": self}
        )


GroupResponsePermissionFormSet = forms.formset_factory(
    ResponsePermissionsForm,
    formset=BaseGroupResponsePermissionFormSet,
    extra=0,
    can_delete=True,
)


@hooks.register("register_group_permission_panel")
def register_response_permission_panel():
    return GroupResponsePermissionFormSet


# --- "Copy questions from another consultation" --------------------------------------------------


@hooks.register("register_admin_urls")
def register_copy_questions_url():
    return [
        path(
            "feedback/copy-questions/<int:consultation_id>/",
            admin_form_copy.copy_questions_view,
            name=admin_form_copy.URL_NAME,
        )
    ]


@hooks.register("register_page_header_buttons")
def copy_questions_header_button(page, user, view_name, next_url=None):
    button = admin_form_copy.copy_questions_button(page, user)
    if button is not None:
        yield button


# --- Uploaded answers: staff download ---------------------------------------------------------


@hooks.register("register_admin_urls")
def register_upload_download_url():
    return admin_uploads.admin_urls()
