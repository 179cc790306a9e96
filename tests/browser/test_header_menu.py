"""The header menu in large print reflows at 320 CSS px and 400% zoom, in every language.

NHS.UK's header keeps the menu on one line and its script moves the items that do not fit into a
"More" menu. At 24px text a single long label (Welsh, Polish) can be wider than the screen, and
before the script runs (or without it) nothing collapses: our large-print layer lets the list and
the labels wrap. Here a header with several long-labelled items is checked in each language:
nothing in it passes the edge of the viewport, the page never scrolls sideways, and every item
can be reached, either in the bar or in the "More" menu, which opens and is walked by keyboard.
"""

from django.conf import settings

import pytest

from home.display import DISPLAY_COOKIE, LARGE_PRINT
from home.models import StandardPage
from home.translation import translate_page
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = [code for code, _ in settings.LANGUAGES]

# Menu items: English title, then its translation per language (the longest real labels we have,
# and one long single word that cannot break at a space at 24px: "Współodpowiedzialność").
MENU = [
    ("Consultations", {"cy": "Ymgynghoriadau", "pl": "Konsultacje", "ur": "مشاورتیں"}),
    (
        "You said, we did",
        {
            "cy": "Dywedoch chi, gwnaethom ni",
            "pl": "Powiedzieliście, zrobiliśmy",
            "ur": "آپ نے کہا، ہم نے کیا",
        },
    ),
    (
        "How we use your views",
        {
            "cy": "Sut rydym yn defnyddio eich barn",
            "pl": "Jak wykorzystujemy Twoje opinie",
            "ur": "ہم آپ کی رائے کیسے استعمال کرتے ہیں",
        },
    ),
    (
        "Shared responsibility",
        {"cy": "Cyfrifoldebau cyffredinol", "pl": "Współodpowiedzialność", "ur": "مشترکہ ذمہ داری"},
    ),
]
HOME_STRINGS = {
    "cy": {"Have your say": "Dweud eich dweud", "Welcome.": "Croeso."},
    "pl": {"Have your say": "Wyraź swoją opinię", "Welcome.": "Witamy."},
    "ur": {"Have your say": "اپنی رائے دیں", "Welcome.": "خوش آمدید۔"},
}

# Everything drawn in the header (the visually hidden helper text aside) stays inside the viewport.
JS_HEADER_OUTSIDE_VIEWPORT = """() => {
    const out = [];
    const width = document.documentElement.clientWidth;
    for (const el of document.querySelectorAll('header.nhsuk-header, header.nhsuk-header *')) {
        if (el.closest('.nhsuk-u-visually-hidden, [hidden]') || !el.getClientRects().length) continue;
        const style = getComputedStyle(el);
        if (style.display === 'none' || style.visibility === 'hidden') continue;
        const box = el.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue;
        if (box.right > width + 1 || box.left < -1) {
            out.push(`${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]} `
                     + `[${Math.round(box.left)}, ${Math.round(box.right)}] “${el.textContent.trim().slice(0, 30)}”`);
        }
    }
    return out.slice(0, 5);
}"""

JS_SIDEWAYS = """() => ({scrollWidth: document.documentElement.scrollWidth,
                      clientWidth: document.documentElement.clientWidth})"""

# Where each menu link is: in the bar, in the "More" menu, or nowhere a person can reach.
JS_MENU_ITEMS = """() => [...document.querySelectorAll('.nhsuk-header__navigation .nhsuk-header__navigation-item a')].map(a => ({
    text: a.textContent.trim(),
    inMore: !!a.closest('.nhsuk-header__menu-list'),
    visible: !!a.getClientRects().length && getComputedStyle(a).visibility !== 'hidden',
}))"""

JS_NEXT_FRAME = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"


@pytest.fixture
def long_menu(home_page, locales):
    """A home page with four menu items, all translated into every enabled language."""
    for code, strings in HOME_STRINGS.items():
        translate_page(home_page, code, strings)
    for order, (title, translations) in enumerate(MENU):
        page = home_page.add_child(
            instance=StandardPage(
                title=title,
                slug=f"menu-item-{order}",
                summary="A page in the menu.",
                show_in_menus=True,
            )
        )
        page.save_revision().publish()
        for code, translated in translations.items():
            translate_page(page, code, {title: translated})
    return {
        code: [title if code == "en" else translations[code] for title, translations in MENU]
        for code in LANGUAGES
    }


def large_print_page(browser, live_server, *, javascript=True):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=javascript
    )
    host = live_server.url.split("//", 1)[1].split(":")[0]
    context.add_cookies(
        [{"name": DISPLAY_COOKIE, "value": LARGE_PRINT, "domain": host, "path": "/"}]
    )
    return context, context.new_page()


def home_url(live_server, code):
    return live_server.url + ("/" if code == settings.LANGUAGE_CODE else f"/{code}/")


def reflow_problems(page):
    problems = []
    sideways = page.evaluate(JS_SIDEWAYS)
    if sideways["scrollWidth"] > sideways["clientWidth"]:
        problems.append(f"page scrolls sideways: {sideways}")
    outside = page.evaluate(JS_HEADER_OUTSIDE_VIEWPORT)
    if outside:
        problems.append(f"header parts past the viewport edge: {outside}")
    return problems


def tab_until(page, predicate_js, limit=40):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate_js):
            return True
    return False


@pytest.mark.parametrize("code", LANGUAGES)
def test_large_print_header_menu_reflows_at_320px_and_every_item_is_reachable_by_keyboard(
    live_server, browser, axe, long_menu, code
):
    labels = long_menu[code]
    context, page = large_print_page(browser, live_server)
    page.goto(home_url(live_server, code))
    html = page.locator("html")
    assert html.get_attribute("lang") == code
    assert html.get_attribute("dir") == ("rtl" if code == "ur" else "ltr")
    assert "hys-large-print" in html.get_attribute("class")

    for width, height, label in [
        (1280, 900, "1280px"),
        (320, 900, "320px"),
        (320, 225, "400% zoom"),
    ]:
        page.set_viewport_size({"width": width, "height": height})
        page.evaluate(JS_NEXT_FRAME)  # NHS.UK's script re-measures the menu on the next frame
        assert reflow_problems(page) == [], label
        items = page.evaluate(JS_MENU_ITEMS)
        assert sorted(item["text"] for item in items) == sorted(labels), label
        assert all(item["visible"] or item["inMore"] for item in items), (label, items)

    # At 320px (400% zoom) large print, the long labels do not all fit: some wait in "More".
    items = page.evaluate(JS_MENU_ITEMS)
    in_more = [item["text"] for item in items if item["inMore"]]
    assert in_more, items
    toggle = page.locator("#toggle-menu")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"

    # Keyboard only: Tab to "More", Enter opens it, Tab walks its links, Escape closes it,
    # Space opens it again.
    page.evaluate(
        "() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }"
    )
    assert tab_until(
        page, "() => document.activeElement && document.activeElement.id === 'toggle-menu'"
    ), "Tab never reached the More button"
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    page.evaluate(JS_NEXT_FRAME)
    assert reflow_problems(page) == [], "menu open"
    opened = page.evaluate(JS_MENU_ITEMS)
    assert all(item["visible"] for item in opened), opened
    focused = []
    for _ in in_more:
        page.keyboard.press("Tab")
        focused.append(page.evaluate("() => document.activeElement.textContent.trim()"))
        assert page.evaluate(
            "() => !!document.activeElement.closest('.nhsuk-header__menu-list')"
        ), focused
    assert focused == in_more
    assert axe_violations(axe, page) == []
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.focus()
    page.keyboard.press("Space")
    assert toggle.get_attribute("aria-expanded") == "true"
    # The visible label is part of the button's accessible name (WCAG 2.5.3) and is translated.
    name = toggle.evaluate("b => b.textContent.replace(/\\s+/g, ' ').trim()")
    visible = toggle.evaluate(
        "b => [...b.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim()"
    )
    assert visible and visible in name
    assert (visible == "More") == (code == "en")
    context.close()


@pytest.mark.parametrize("code", LANGUAGES)
def test_large_print_header_menu_wraps_at_320px_without_javascript(
    live_server, browser, long_menu, code
):
    """Before NHS.UK's script runs, or when it never does, the items wrap: all visible, nothing wider."""
    context, page = large_print_page(browser, live_server, javascript=False)
    page.set_viewport_size({"width": 320, "height": 900})
    page.goto(home_url(live_server, code))
    assert reflow_problems(page) == []
    items = page.evaluate(JS_MENU_ITEMS)
    assert sorted(item["text"] for item in items) == sorted(long_menu[code])
    assert all(item["visible"] and not item["inMore"] for item in items), items
    assert page.locator("#toggle-menu").is_hidden()  # no script, no "More" button
    context.close()
