"""Staff see and handle requests for another format in the Wagtail admin ("Format requests").

Registered from consultations/wagtail_hooks.py.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.viewsets.model import ModelViewSet

from consultations.models import FormatRequest


class FormatRequestViewSet(ModelViewSet):
    model = FormatRequest
    name = "format_requests"
    url_prefix = "format-requests"
    icon = "doc-full"
    menu_label = _("Format requests")
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "reference",
        "format",
        "material_title",
        "consultation",
        "status",
        "created_at",
        "reply_due",
    ]
    list_filter = ["status", "format"]
    search_fields = ["reference", "name", "email", "material_title", "language"]
    ordering = ["status", "reply_due"]
    list_per_page = 50
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("consultation", read_only=True),
                FieldPanel("material_title", read_only=True),
                FieldRowPanel(
                    [FieldPanel("format", read_only=True), FieldPanel("language", read_only=True)]
                ),
                FieldPanel("details", read_only=True),
            ],
            heading=_("What they asked for"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("name", read_only=True),
                FieldRowPanel(
                    [FieldPanel("email", read_only=True), FieldPanel("phone", read_only=True)]
                ),
                FieldPanel("postal_address", read_only=True),
            ],
            heading=_("How to reply"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("status"), FieldPanel("reply_due")]),
                FieldPanel("staff_notes"),
            ],
            heading=_("Handling"),
        ),
    ]

    def get_queryset(self, request):
        return FormatRequest.objects.select_related("consultation")
