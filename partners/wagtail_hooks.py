import secrets

from django import forms
from django.contrib import messages
from django.urls import path, reverse
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
    """A new intake API key: made here, shown once to the member of staff, stored only hashed."""

    def save_instance(self):
        raw = intake.TOKEN_PREFIX + secrets.token_urlsafe(32)
        self.form.instance.token_hash = intake.hash_token(raw)
        self.form.instance.prefix = raw[:12]
        instance = super().save_instance()
        messages.warning(
            self.request,
            _("The key is %(key)s — copy it now and give it to the partner securely: it is never shown again.") % {"key": raw},
        )
        return instance


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
