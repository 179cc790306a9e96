"""Who may see what in reporting: asked only through feedback.permissions (see that module)."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from consultations.models import ConsultationPage
from feedback import permissions


def consultation_for_viewer(user, consultation_id):
    """The consultation, or 403 when `user` may not see its responses (404 when there is none)."""
    consultation = get_object_or_404(ConsultationPage, pk=consultation_id)
    if not permissions.user_can_view_responses(user, consultation):
        raise PermissionDenied
    return consultation


def consultation_for_moderator(user, consultation_id):
    """As above, but for changing responses: publication, redaction, erasure."""
    consultation = consultation_for_viewer(user, consultation_id)
    if not permissions.user_can_moderate_responses(user, consultation):
        raise PermissionDenied
    return consultation


def viewable_consultations(user):
    return ConsultationPage.objects.filter(id__in=permissions.consultations_user_can_view_responses(user))


def can_view_any(user):
    return permissions.user_can_view_any_responses(user)


def can_erase_everywhere(user) -> bool:
    """Erasing a person everywhere reaches data that belongs to no one consultation (format
    requests, general feedback, sessions…): only staff who may moderate every consultation."""
    if user.is_superuser:
        return True
    allowed = permissions.consultations_user_can_moderate_responses(user)
    return allowed.exists() and not ConsultationPage.objects.exclude(pk__in=allowed).exists()


def can_moderate(user, consultation):
    return permissions.user_can_moderate_responses(user, consultation)


def forbidden_as_403(view):
    """Wagtail's admin turns PermissionDenied into a redirect to the dashboard; we answer 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            return render(request, "reporting/admin/forbidden.html", {"page_title": "403"}, status=403)

    return wrapper
