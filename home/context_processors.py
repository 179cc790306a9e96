from home.display import is_large_print
from home.fallback import RequestLocales


def display_preferences(request):
    return {"large_print": is_large_print(request)}


def site_locales(request):
    """One ``RequestLocales`` per page render: the site's locales are read at most once, and only
    when a tag asks for one (so a page built from cached fragments reads none)."""
    return {"site_locales": RequestLocales()}
