"""Browser contexts in each display mode the site offers (home.display): normal and large print."""

from home.display import DISPLAY_COOKIE, LARGE_PRINT


def display_context(browser, live_server, mode, *, width=1280, height=900):
    """A new browser context at this viewport, with large print chosen (its cookie set for the
    live server's host) when `mode` is "large print"."""
    context = browser.new_context(viewport={"width": width, "height": height})
    if mode == "large print":
        host = live_server.url.split("//", 1)[1].split(":")[0]
        context.add_cookies([{"name": DISPLAY_COOKIE, "value": LARGE_PRINT, "domain": host, "path": "/"}])
    return context
