import secrets

from django import forms
from django.contrib.admin.utils import quote
from django.db import transaction
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet, SnippetViewSetGroup

from partners import admin_views, intake
from partners.models import IntakeToken, Partner, WebhookDelivery, WebhookSubscription


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    menu_label = _("Partners")
    list_display = ["name", "website", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]


class WebhookSubscriptionForm(WagtailAdminModelForm):
    events = forms.MultipleChoiceField(
        label=_("Events"), choices=WebhookSubscription.Event.choices, widget=forms.CheckboxSelectMultiple, required=True
    )


class WebhookSubscriptionViewSet(SnippetViewSet):
    model = WebhookSubscription
    icon = "link-external"
    menu_label = _("Webhooks")
    list_display = ["name", "url", "partner", "is_active"]
    panels = [
        FieldPanel("name"),
        FieldPanel("partner"),
        MultiFieldPanel([FieldPanel("url"), FieldPanel("secret")], heading=_("Where and how to sign")),
        FieldPanel("events"),
        FieldPanel("is_active"),
    ]


WebhookSubscription.base_form_class = WebhookSubscriptionForm


class WebhookDeliveryViewSet(SnippetViewSet):
    """The delivery log: read it here; deliveries are made by the system, never typed in."""

    model = WebhookDelivery
    icon = "list-ul"
    menu_label = _("Webhook deliveries")
    list_display = ["event", "subscription", "status", "attempts", "response_code", "created_at", "delivered_at"]
    list_filter = ["status", "event"]
    inspect_view_enabled = True
    panels = [
        FieldPanel("status", read_only=True),
        FieldPanel("attempts", read_only=True),
        FieldPanel("response_code", read_only=True),
        FieldPanel("error", read_only=True),
        FieldPanel("payload", read_only=True),
    ]


class IntakeTokenCreateView(CreateView):
    """A new intake API key: made here and shown once, on the page that answers the "Save" (never
    through Django's messages, which may sit in a cookie or the session and be shown again; never
    stored: only its hash is kept). As Wagtail's own API tokens do."""

    def save_instance(self):
        self.raw_key = intake.TOKEN_PREFIX + secrets.token_urlsafe(32)
        self.form.instance.token_hash = intake.hash_token(self.raw_key)
        self.form.instance.prefix = self.raw_key[:12]
        return super().save_instance()

    def form_valid(self, form):
        self.form = form
        with transaction.atomic():
            self.object = self.save_instance()
        hook_response = self.run_after_hook()
        if hook_response is not None:
            return hook_response
        context = self.get_context_data(key=self.raw_key)
        context.update(
            {
                "page_title": _("Intake API key created"),
                "header_title": _("Intake API key created"),
                "index_url": reverse(self.index_url_name),
                "edit_url": reverse(self.edit_url_name, args=[quote(self.object.pk)]),
            }
        )
        response = TemplateResponse(self.request, "partners/admin/intake_key_created.html", context)
        add_never_cache_headers(response)  # no cache, browser or proxy, may keep the key
        return response


class IntakeTokenViewSet(SnippetViewSet):
    model = IntakeToken
    icon = "key"
    menu_label = _("Intake API keys")
    add_view_class = IntakeTokenCreateView
    list_display = ["name", "partner", "prefix", "channel", "hold_for_review", "is_active", "last_used_at"]
    list_filter = ["is_active", "channel"]


class PartnersGroup(SnippetViewSetGroup):
    items = (PartnerViewSet, WebhookSubscriptionViewSet, WebhookDeliveryViewSet, IntakeTokenViewSet)
    menu_icon = "group"
    menu_label = _("Partners")
    menu_name = "partners"


register_snippet(PartnersGroup)


@hooks.register("register_admin_urls")
def register_embed_code_url():
    return [path("partners/embed-code/<id:page_id>/", admin_views.embed_code, name="partners_embed_code")]


def _embeddable(page):
    return admin_views.kind_of(page.specific_deferred) is not None


@hooks.register("register_page_header_buttons")
def embed_code_header_button(page, user, view_name, next_url=None):
    if _embeddable(page):
        yield Button(_("Get embed code"), url=reverse("partners_embed_code", args=[page.pk]), icon_name="code", priority=80)


@hooks.register("register_page_listing_more_buttons")
def embed_code_listing_button(page, user, next_url=None):
    if _embeddable(page):
        yield Button(_("Get embed code"), url=reverse("partners_embed_code", args=[page.pk]), icon_name="code", priority=70)
