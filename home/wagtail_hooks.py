from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.widgets import Button

from home import admin_views


@hooks.register("register_admin_urls")
def register_translation_status_url():
    return [
        path(
            "translation-status/<int:page_id>/",
            admin_views.translation_status,
            name="home_translation_status",
        )
    ]


def _has_translations_to_show(page):
    return page.depth > 1


@hooks.register("register_page_header_buttons")
def translation_status_header_button(page, user, view_name, next_url=None):
    if _has_translations_to_show(page):
        yield Button(
            _("Translation status"),
            url=reverse("home_translation_status", args=[page.pk]),
            icon_name="globe",
            priority=60,
        )


@hooks.register("register_page_listing_more_buttons")
def translation_status_listing_button(page, user, next_url=None):
    if _has_translations_to_show(page):
        yield Button(
            _("Translation status"),
            url=reverse("home_translation_status", args=[page.pk]),
            icon_name="globe",
            priority=60,
        )
