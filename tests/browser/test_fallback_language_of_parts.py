"""Language of parts (WCAG 3.1.2) on real Welsh and Urdu fallback pages in Chromium: a consultation
and its form with no translation, served in English at /cy/… and /ur/… (home.fallback). The
browser's own reading of each element's language (`closest('[lang]')`) is the visitor's for our
interface strings and English for the editor's text; axe (experimental rules on) finds nothing,
in normal and large print, at 1280 and 320 px."""

import pytest

from home.translation import translate_page
from tests.browser.display import display_context
from tests.browser.test_site_wide_accessibility import check_page
from tests.factories import add_form, make_consultation

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

INTERFACE = {
    "cy": ["Ymateb ar-lein", "Ar agor", "Ymgynghoriad"],
    "ur": ["آن لائن جواب دیں", "کھلی", "مشاورت"],
}
LANGUAGE_OF = """(text) => {
    const all = [...document.querySelectorAll('main *')].filter(
        (el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.includes(text)));
    if (!all.length) return null;
    const el = all[0], lang = el.closest('[lang]'), dir = el.closest('[dir]');
    return [lang.getAttribute('lang'), dir.getAttribute('dir')];
}"""


def test_fallback_pages_mark_only_the_editors_text_as_english(
    live_server, browser, axe, home_page, locales
):
    translate_page(home_page, "cy", {"Have your say": "Dweud eich dweud"})
    translate_page(home_page, "ur", {"Have your say": "اپنی رائے دیں"})
    consultation = make_consultation(home_page, title="Minor injuries in Northfield")
    form = add_form(consultation)
    problems, wrong = {}, {}
    for mode in ("normal", "large print"):
        context = display_context(browser, live_server, mode)
        page = context.new_page()
        for code in ("cy", "ur"):
            visitor = [code, "rtl" if code == "ur" else "ltr"]
            for name, url in (("consultation", consultation.url), ("form", f"{form.url}step/1/")):
                page.goto(f"{live_server.url}/{code}{url}")
                assert page.evaluate("() => document.documentElement.lang") == code
                assert (
                    page.evaluate("() => document.querySelector('main').getAttribute('lang')")
                    is None
                )
                checks = {
                    "title": (
                        page.evaluate("() => document.querySelector('h1').textContent").strip(),
                        ["en", "ltr"],
                    )
                }
                if name == "consultation":
                    checks.update({text: (text, visitor) for text in INTERFACE[code]})
                    checks["summary"] = (consultation.summary, ["en", "ltr"])
                else:
                    checks["label"] = ("How far do you agree with the proposal?", ["en", "ltr"])
                for what, (text, expected) in checks.items():
                    seen = page.evaluate(LANGUAGE_OF, text)
                    if seen != expected:
                        wrong[f"{code} {name} {what}"] = seen
                for width in (1280, 320):
                    page.set_viewport_size({"width": width, "height": 900})
                    found = check_page(page, axe)
                    if found:
                        problems[f"{code} {mode} {name} {width}px"] = found
                page.set_viewport_size({"width": 1280, "height": 900})
        context.close()
    assert wrong == {}
    assert problems == {}
