"""Site-wide WCAG 2.2 A/AA in a real browser: every public page type of the demo site, in every
enabled language it exists in, in normal and large print, at 1280 and 320 CSS pixels.

Checks per page: axe-core (WCAG 2.2 A/AA tags), no horizontal scrolling at 320 px and at 400%
zoom, text-spacing overrides (WCAG 1.4.12) clip nothing, focus is visible on links and buttons and
Tab never gets stuck. The demo is loaded once (load_demo) inside the live server's database, and
one browser context per display mode is reused, so the whole sweep is one test: loading the demo
again per test would cost minutes. ``test_checks_catch_a_broken_page`` shows each check can fail.
"""

from collections import defaultdict

from django.conf import settings
from django.core.management import call_command
from django.template.loader import render_to_string
from django.utils import translation

import pytest

from home.display import DISPLAY_COOKIE, LARGE_PRINT
from tests.browser.conftest import axe_violations
from tests.browser.display import display_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = [code for code, _ in settings.LANGUAGES]
WIDTHS = (1280, 320)
# Reflow at 400%, text spacing and the keyboard walk depend on layout, not on the words: they run
# in the source language and in the right-to-left one; axe and 320px reflow run in every language.
DEEP_CHECK_LANGUAGES = {"en", "ur"}

# WCAG 1.4.12: the bookmarklet's overrides, applied through CSSOM (allowed by a strict CSP).
TEXT_SPACING_CSS = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p, li, dd, dt, label, legend, h1, h2, h3, h4 { margin-bottom: 2em !important; }
"""

JS_APPLY_TEXT_SPACING = """(css) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}"""

# Text that a fixed-size box with hidden overflow would cut off once spacing grows.
JS_CLIPPED_TEXT = """() => {
    const clipped = [];
    for (const el of document.querySelectorAll('body *')) {
        if (!el.textContent.trim() || el.closest('.nhsuk-u-visually-hidden, .nhsuk-skip-link, [hidden]')) continue;
        const style = getComputedStyle(el);
        if (style.display === 'none' || style.visibility === 'hidden') continue;
        const hides = v => v === 'hidden' || v === 'clip';
        if (el.clientWidth <= 1 || el.clientHeight <= 1) continue;
        if ((hides(style.overflowY) && el.scrollHeight > el.clientHeight + 2) ||
            (hides(style.overflowX) && el.scrollWidth > el.clientWidth + 2)) {
            clipped.push(el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : '')
                         + ': ' + el.textContent.trim().slice(0, 40));
        }
    }
    return clipped.slice(0, 5);
}"""

JS_HORIZONTAL_OVERFLOW = """() => {
    const doc = document.documentElement;
    if (doc.scrollWidth <= window.innerWidth + 1) return null;
    const wide = [...document.querySelectorAll('body *')]
        // Past the right edge, or (right to left) past the left edge, which scrolls in RTL pages.
        .filter(el => { const box = el.getBoundingClientRect();
            return (box.right > window.innerWidth + 1 || box.left < -1) && el.getClientRects().length; })
        .slice(-3).map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className ? '.' + String(el.className).split(' ')[0] : ''));
    return {scrollWidth: doc.scrollWidth, innerWidth: window.innerWidth, widest: wide};
}"""

MEDIA_TAB_STOPS = 10  # at most, for Chromium's native media controls

JS_FOCUS_STYLE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    // NHS.UK draws some focus styles on a child (a details summary's text, a card's link text).
    const shows = node => { const s = getComputedStyle(node);
        return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none'); };
    const visible = shows(el) || [...el.querySelectorAll('*')].slice(0, 5).some(shows);
    return {tag: el.tagName.toLowerCase(), text: (el.textContent || el.value || '').trim().slice(0, 30),
            visible, key: [...document.querySelectorAll('*')].indexOf(el)};
}"""

JS_FOCUSABLE_COUNT = """() => {
    const radioGroups = new Set();
    return [...document.querySelectorAll(
        'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]')]
        .filter(el => {
            if (el.disabled || el.tabIndex < 0 || !el.getClientRects().length) return false;
            if (getComputedStyle(el).visibility === 'hidden' || el.closest('[aria-hidden="true"], [inert]')) return false;
            if (el.type === 'radio') {  // Tab stops once per radio group
                if (radioGroups.has(el.name)) return false;
                radioGroups.add(el.name);
            }
            return true;
        }).length;
}"""


def check_page(page, axe):
    """Every check on the page as loaded (at its current viewport). Returns a list of problems."""
    problems = [f"axe: {v}" for v in axe_violations(axe, page)]
    width = page.viewport_size["width"]
    if width <= 320:
        overflow = page.evaluate(JS_HORIZONTAL_OVERFLOW)
        if overflow:
            problems.append(f"scrolls sideways at 320px: {overflow}")
    return problems


def check_zoom_spacing_and_keyboard(page):
    """Checks that change the page: run last, on a 1280px page, then reload before reusing it."""
    problems = []
    # 400% zoom of a 1280px window: browser zoom shrinks the viewport to 1280 / 4 = 320 CSS px
    # (how WCAG 1.4.10 defines it), so it is checked as a 320px viewport at 4 device pixels per
    # CSS pixel, on the page as it is.
    page.set_viewport_size({"width": 320, "height": 225})
    overflow = page.evaluate(JS_HORIZONTAL_OVERFLOW)
    page.set_viewport_size({"width": 1280, "height": 900})
    if overflow:
        problems.append(f"scrolls sideways at 400% zoom: {overflow}")
    # Keyboard: every focused link or button shows focus; Tab leaves the page in the end.
    count = page.evaluate(JS_FOCUSABLE_COUNT)
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    seen, invisible, escaped = set(), [], False
    # A <video controls> or <audio controls> is one element, but Tab stops on each of its native
    # controls (play, timeline, volume, captions, full screen, menu) before leaving it.
    media = page.evaluate("() => document.querySelectorAll('video[controls], audio[controls]').length")
    for _ in range(count + 3 + MEDIA_TAB_STOPS * media):
        page.keyboard.press("Tab")
        info = page.evaluate(JS_FOCUS_STYLE)
        if info is None:
            escaped = True
            break
        if not info["visible"] and info["tag"] in {"a", "button", "input", "select", "textarea", "summary"}:
            invisible.append(f"{info['tag']} “{info['text']}”")
        seen.add(info["key"])
    if invisible:
        problems.append(f"focus not visible on: {invisible[:3]}")
    if not escaped and len(seen) < count:
        problems.append(f"focus trapped: reached {len(seen)} of {count} focusable elements")
    # WCAG 1.4.12 text spacing: nothing is cut off.
    page.evaluate(JS_APPLY_TEXT_SPACING, TEXT_SPACING_CSS)
    clipped = page.evaluate(JS_CLIPPED_TEXT)
    if clipped:
        problems.append(f"text spacing clips: {clipped}")
    return problems


def public_urls():
    """One URL per public page type, in English, from the demo site: (label, path, method)."""
    from wagtail.models import Locale, Page

    from consultations.models import ConsultationIndexPage, ConsultationPage
    from consultations.status import get_status
    from home.models import AccessibilityStatementPage, StandardPage

    english = Locale.get_default()
    live = Page.objects.live().filter(locale=english)
    urls = [("home", "/")]
    index = ConsultationIndexPage.objects.live().filter(locale=english).first()
    if index:
        urls += [("consultation index", index.url), ("consultation index, filtered", index.url + "?status=open")]
    states = {}
    for consultation in ConsultationPage.objects.live().filter(locale=english, visibility="public").order_by("pk"):
        states.setdefault(get_status(consultation), consultation)
    for state, consultation in sorted(states.items()):
        urls.append((f"consultation ({state})", consultation.url))
    # Issue 17: an invited consultation answers the by-invitation page (403) to a visitor.
    invited = ConsultationPage.objects.live().filter(locale=english, visibility="invited").first()
    if invited:
        urls.append(("by invitation (403)", invited.url))
    open_consultation = states.get("open")
    if open_consultation:
        urls.append(("request a format", open_consultation.url + "request-another-format/"))
        for child in open_consultation.get_children().live().specific():
            kind = type(child).__name__
            version = " (Easy Read)" if getattr(child, "purpose", "") == "easy_read" else ""
            urls.append((kind + version, child.url))
            if kind == "ResponseFormPage":
                urls.append((f"response form{version}, step 2", child.url + "step/2/"))
                urls.append((f"respond in BSL{version}", child.url + "bsl/"))  # issue 18
    for model, label in [(StandardPage, "standard page"), (AccessibilityStatementPage, "accessibility statement")]:
        page = model.objects.live().filter(locale=english).first()
        if page:
            urls.append((label, page.url))
    for page in live.specific(defer=True):
        name = type(page).__name__
        if name in {"YouSaidWeDidIndexPage", "YouSaidWeDidPage"} and name not in {label for label, _ in urls}:
            urls.append((name, page.url))
    with translation.override("en"):
        from django.urls import reverse

        urls += [
            ("share your views", reverse("feedback:share_your_views")),
            ("search results", reverse("search") + "?q=transport"),
            ("search, no results", reverse("search") + "?q=zzzzqqq"),
            ("page not found", "/no-such-page-here/"),
        ]
        urls += register_urls()
    return [(label, path) for label, path in urls if path]


def register_urls():
    """The involvement register's public pages (issue 17), with the demo's members' own links:
    join, alert sign-up, check your email, a link that does not work, manage, leave, unsubscribe
    and an event invitation's reply page."""
    from django.urls import reverse

    from involvement import events, register
    from involvement.models import Member, SegmentInvitation

    urls = [
        ("get involved: join", reverse("involvement:join")),
        ("get involved: alerts", reverse("involvement:alerts")),
        ("get involved: check your email", reverse("involvement:check_email")),
        ("link does not work (404)", reverse("involvement:confirm", args=["not-a-token"])),
    ]
    member = Member.objects.filter(status="active", confirmed_at__isnull=False).order_by("pk").first()
    if member:
        token = register.token_for(member)
        urls += [
            ("get involved: manage", reverse("involvement:manage", args=[token])),
            ("get involved: leave", reverse("involvement:leave", args=[token])),
            ("get involved: unsubscribe", reverse("involvement:unsubscribe", args=[token])),
        ]
    row = SegmentInvitation.objects.filter(event__isnull=False).select_related("member").first()
    if row:
        token = events.token_for(row)
        urls.append(("get involved: event reply", reverse("involvement:event_yes", args=[token])))
    return urls


# The demo translates its menu pages (Consultations, You said we did) into Polish and Urdu; the
# sweep adds Welsh, so the header has two or more long-labelled menu items in every language and
# the large-print reflow checks at 320px and 400% zoom see NHS.UK's "More" menu at work.
WELSH_MENU = {
    "Consultations": "Ymgynghoriadau",
    "You said, we did": "Dywedoch chi, gwnaethom ni",
    "What changed because people took part in our consultations, what will change, "
    "and what we could not change and why.": (
        "Beth newidiodd oherwydd i bobl gymryd rhan yn ein hymgynghoriadau, beth fydd yn newid, "
        "a beth na allem ei newid a pham."
    ),
}
MIN_MENU_ITEMS = 2


def translate_the_menu_into_welsh():
    from wagtail.models import Locale, Page

    from home.translation import translate_page

    welsh = Locale.objects.get(language_code="cy")
    for page in Page.objects.live().in_menu().filter(locale=Locale.get_default(), depth=3).specific():
        if page.get_translation_or_none(welsh) is None:
            translate_page(page, "cy", WELSH_MENU)


def localise(path, code):
    return path if code == settings.LANGUAGE_CODE else f"/{code}{path}"


def test_every_public_page_type_is_accessible_in_every_language_mode_and_width(live_server, browser, axe):
    call_command("load_demo", verbosity=0)
    translate_the_menu_into_welsh()
    urls = public_urls()
    labels = {label for label, _ in urls}
    assert {"home", "consultation index", "share your views", "search results", "page not found"} <= labels
    assert {"get involved: join", "get involved: manage", "get involved: event reply"} <= labels
    server_error_html = render_to_string("500.html")

    problems = defaultdict(list)
    visited = 0
    for mode in ("normal", "large print"):
        context = display_context(browser, live_server, mode)
        context.route(
            "**/__server-error__",
            lambda route: route.fulfill(status=500, content_type="text/html; charset=utf-8", body=server_error_html),
        )
        page = context.new_page()
        targets = [(f"{label} [{code}]", localise(path, code), code) for label, path in urls for code in LANGUAGES]
        targets.append(("server error (500.html)", "/__server-error__", "en"))
        for label, path, code in targets:
            page.set_viewport_size({"width": 1280, "height": 900})
            response = page.goto(live_server.url + path)
            expected_missing = label.startswith(
                ("page not found", "server error", "by invitation", "link does not work")
            )
            if response is None or (response.status >= 400 and not expected_missing):
                if code == settings.LANGUAGE_CODE:
                    problems[f"{label} ({mode})"].append(f"HTTP {response.status if response else '?'}")
                continue  # this page does not exist in this language
            visited += 1
            html_lang = page.evaluate("() => document.documentElement.lang")
            if not label.startswith("server error") and html_lang != code:
                problems[f"{label} ({mode})"].append(f'<html lang="{html_lang}">')
            if label.startswith("home ["):
                menu_items = page.locator(".nhsuk-header__navigation-item").count()
                if menu_items < MIN_MENU_ITEMS:
                    problems[f"{label} ({mode})"].append(
                        f"only {menu_items} header menu item(s): the reflow checks miss the menu"
                    )
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                for problem in check_page(page, axe):
                    problems[f"{label} ({mode}, {width}px)"].append(problem)
            if code not in DEEP_CHECK_LANGUAGES:
                continue
            page.set_viewport_size({"width": 1280, "height": 900})
            for problem in check_zoom_spacing_and_keyboard(page):
                problems[f"{label} ({mode}, 1280px)"].append(problem)
        context.close()

    report = "\n".join(f"{where}:\n    " + "\n    ".join(found) for where, found in problems.items())
    assert visited >= 2 * len(urls), f"only {visited} pages visited"
    assert not problems, f"{len(problems)} page/mode/width combinations fail:\n{report}"


BROKEN_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Broken</title>
<link rel="stylesheet" href="/static/dist/css/main.css"></head><body>
<main id="maincontent"><h1>Broken fixture page</h1>
<img src="/static/nothing.png">
<input type="text">
<p class="low-contrast">Pale grey text on white</p>
<div class="too-wide">A table laid out at a fixed 900 pixels</div>
<div class="fixed-box">This box is a fixed 20px high and hides what does not fit in it at all</div>
<a href="#x" class="no-focus">A link with its focus style removed</a>
</main></body></html>"""

BROKEN_CSS = """
.low-contrast { color: #ccc; }
.too-wide { width: 900px; }
.fixed-box { height: 20px; overflow: hidden; width: 200px; }
.no-focus:focus, .no-focus:focus-visible { outline: none !important; box-shadow: none !important; background: none !important; }
"""


def test_checks_catch_a_broken_page(live_server, home_page, browser, axe):
    """The suite can fail: a test-only fixture page breaks each rule and each check reports it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/__broken__", lambda route: route.fulfill(status=200, content_type="text/html", body=BROKEN_PAGE))
    page = context.new_page()
    page.goto(live_server.url + "/__broken__")
    page.evaluate(JS_APPLY_TEXT_SPACING, BROKEN_CSS)

    desktop = check_page(page, axe)
    assert any(p.startswith("axe: image-alt") for p in desktop)
    assert any(p.startswith("axe: label") for p in desktop)
    assert any(p.startswith("axe: color-contrast") for p in desktop)

    page.set_viewport_size({"width": 320, "height": 900})
    assert any("scrolls sideways at 320px" in p for p in check_page(page, axe))

    page.set_viewport_size({"width": 1280, "height": 900})
    rest = check_zoom_spacing_and_keyboard(page)
    assert any("scrolls sideways at 400% zoom" in p for p in rest)
    assert any("focus not visible" in p and "A link with its focus" in p for p in rest)
    assert any("text spacing clips" in p for p in rest)
    context.close()


LONG_LIST = (
    "<ul><li>Some consultation documents published as PDFs before 2024 are not tagged for screen"
    " readers.</li><li>Embedded videos from other websites may have automatic captions.</li></ul>"
)


def test_english_shown_in_an_urdu_page_keeps_its_left_to_right_layout(live_server, home_page, browser):
    """A page with no Urdu translation is served in English inside the Urdu page (home.fallback:
    its own text marked ``lang="en" dir="ltr"``). The right-to-left mirroring must stop there: once it
    reached in (rules under ``[dir="rtl"] …``), the English bullet list lost its left indent, its
    bullets hung 6px past the left edge in large print at 320px (a sideways scroll) and the
    English text was right-aligned. The Urdu note above it stays mirrored."""
    from wagtail.rich_text import RichText

    from home.models import StandardPage
    from home.translation import translate_page

    translate_page(home_page, "ur", {"Have your say": "اپنی رائے دیں"})
    statement = home_page.add_child(
        instance=StandardPage(
            title="Accessibility statement",
            slug="accessibility-statement",
            body=[("paragraph", RichText(LONG_LIST))],
            show_in_menus=False,
        )
    )
    statement.save_revision().publish()

    context = browser.new_context(viewport={"width": 320, "height": 900})
    host = live_server.url.split("//", 1)[1].split(":")[0]
    context.add_cookies([{"name": DISPLAY_COOKIE, "value": LARGE_PRINT, "domain": host, "path": "/"}])
    page = context.new_page()
    page.goto(live_server.url + "/ur/accessibility-statement/")
    layout = page.evaluate("""() => {
        const main = document.querySelector('main'), list = main.querySelector('ul:not([class])');
        const note = document.querySelector('.hys-translation-missing');
        const own = list.closest('[lang]');
        return {html: document.documentElement.dir, main: [own.lang, own.dir],
                scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth,
                mainAlign: getComputedStyle(main.querySelector('p, li')).textAlign,
                listPadding: [getComputedStyle(list).paddingLeft, getComputedStyle(list).paddingRight],
                noteBorder: [getComputedStyle(note).borderLeftWidth, getComputedStyle(note).borderRightWidth]};
    }""")
    context.close()
    assert layout["html"] == "rtl" and layout["main"] == ["en", "ltr"], layout
    assert layout["scrollWidth"] <= layout["width"], layout
    assert layout["mainAlign"] in ("start", "left"), layout
    assert layout["listPadding"][1] == "0px" and layout["listPadding"][0] != "0px", layout
    assert layout["noteBorder"] == ["0px", "8px"], layout  # the Urdu note: border on the right
