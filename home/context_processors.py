from django.conf import settings

from home.display import is_large_print


def display_preferences(request):
    return {"large_print": is_large_print(request)}


def visitor(request):
    # Staff are signed in through a session, so without a session cookie nobody can be: the page
    # skips what only staff see (Wagtail's user bar) without loading a session or a user.
    return {"may_be_signed_in": settings.SESSION_COOKIE_NAME in request.COOKIES}
