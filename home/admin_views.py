"""Admin screens of the home app: the per-page translation status (home.translation_report)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from wagtail.models import Page

from home.translation_report import translation_report


def translation_status(request, page_id: int):
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    rows = translation_report(page)
    return render(
        request,
        "home/admin/translation_status.html",
        {
            "page": page,
            "source": rows[0].page,
            "rows": rows,
            "locales": [status.locale for status in rows[0].languages],
            "page_title": _("Translation status: %(title)s") % {"title": rows[0].page.title},
            "header_icon": "globe",
        },
    )
