"""Serving an invited consultation (and the pages under it) only to those who may read it."""

from consultations import visibility
from consultations.views import by_invitation_response


def refusal(page, request):
    """The by-invitation page for a visitor who may not read ``page``, else None."""
    consultation = visibility.consultation_of(page)
    if consultation is None or visibility.may_read(request, consultation):
        return None
    return by_invitation_response(request, reason="invited")
