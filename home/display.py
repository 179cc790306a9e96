"""Large-print mode: a cookie set by a plain form POST, so it works without JavaScript.

Caches must vary on this cookie (see home.cache); the page itself never varies on anything else.
"""

DISPLAY_COOKIE = "hys_display"
LARGE_PRINT = "large"


def is_large_print(request):
    return request.COOKIES.get(DISPLAY_COOKIE) == LARGE_PRINT
