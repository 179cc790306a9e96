"""Staff views in the Wagtail admin: the outcome report."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from youwedid.overdue import closed_consultations_report


def can_see_report(user):
    return user.is_active and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


def outcome_report(request):
    if not can_see_report(request.user):
        raise PermissionDenied
    rows = closed_consultations_report()
    return TemplateResponse(
        request,
        "youwedid/admin/outcome_report.html",
        {
            "rows": rows,
            "overdue_count": sum(1 for row in rows if row.overdue),
            "weeks": getattr(settings, "OUTCOME_OVERDUE_WEEKS", 12),
            "page_title": _("Outcomes of closed consultations"),
            "header_title": _("Outcomes of closed consultations"),
        },
    )
