"""Right to left in a real browser (issue 7): in Urdu the breadcrumb trail starts on the right, its
chevrons and the "Back" link's chevron are mirrored (still chevrons, not flattened triangles), and
the out-of-date notice is shown, accessible, with its border on the reading side. English is the
control: nothing is mirrored there."""

import pytest

from home.translation import translate_page, translated_instance
from tests.browser.conftest import axe_violations
from tests.factories import make_consultation
from tests.i18n.samples import page_texts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

URDU = page_texts("ur")

# Geometry of the trail and computed style of each chevron (a ::before pseudo-element).
JS_BREADCRUMB = """() => {
    const items = [...document.querySelectorAll('.nhsuk-breadcrumb__list-item')];
    return items.map(item => {
        const box = item.getBoundingClientRect(), chevron = getComputedStyle(item, '::before');
        return {left: box.left, right: box.right, display: chevron.display, scale: chevron.scale,
                transform: chevron.transform, side: chevron.right === '0px' ? 'right' : 'left'};
    });
}"""

JS_BACK_LINK = """() => {
    const link = document.querySelector('.nhsuk-breadcrumb .nhsuk-back-link');
    const style = getComputedStyle(link), chevron = getComputedStyle(link, '::before');
    return {visible: !!link.getClientRects().length, paddingLeft: parseFloat(style.paddingLeft),
            paddingRight: parseFloat(style.paddingRight), scale: chevron.scale, transform: chevron.transform,
            side: chevron.right === '0px' ? 'right' : 'left'};
}"""


def rotated(transform):
    """A chevron is a clipped box turned by 45° or 225°: its matrix has a non-zero skew term."""
    if not transform.startswith("matrix("):
        return False
    a, b, *_rest = (float(n) for n in transform[7:-1].split(","))
    return abs(b) > 0.5 and abs(a) > 0.5


@pytest.fixture
def urdu_consultation(home_page, locales):
    consultation = make_consultation(home_page)
    for source in (home_page, consultation.get_parent().specific, consultation):
        translate_page(source, "ur", URDU)
    # The English page changes after translation: the Urdu page says it may be out of date.
    consultation.summary = "We now propose to keep the unit where it is, open until 8pm."
    consultation.save_revision().publish()
    return consultation


@pytest.mark.parametrize("code", ["ur", "en"])
def test_breadcrumb_and_back_link_chevrons_point_the_reading_way(
    live_server, page, urdu_consultation, code
):
    target = translated_instance(urdu_consultation, code) if code != "en" else urdu_consultation
    mirrored = code == "ur"
    page.goto(live_server.url + target.url)
    assert page.evaluate("() => document.documentElement.dir") == ("rtl" if mirrored else "ltr")

    home, index = page.evaluate(JS_BREADCRUMB)  # Home › Consultations
    assert (home["left"] > index["left"]) is mirrored, "the trail starts on the reading side"
    assert index["display"] == "block" and rotated(index["transform"]), index
    assert index["scale"] == ("-1 1" if mirrored else "none"), index
    assert index["side"] == ("right" if mirrored else "left"), index

    page.set_viewport_size({"width": 320, "height": 800})  # the trail becomes a "Back" link
    back = page.evaluate(JS_BACK_LINK)
    assert back["visible"] and rotated(back["transform"]), back
    assert back["scale"] == ("-1 1" if mirrored else "none"), back
    assert back["side"] == ("right" if mirrored else "left"), back
    assert (back["paddingRight"] > back["paddingLeft"]) is mirrored, back


def test_out_of_date_notice_in_urdu_is_shown_right_to_left_and_accessible(
    live_server, page, axe, urdu_consultation
):
    page.goto(live_server.url + translated_instance(urdu_consultation, "ur").url)
    notice = page.locator(".nhsuk-warning-callout")
    assert notice.is_visible()
    assert (
        "یہ ترجمہ پرانا ہو سکتا ہے" in notice.inner_text()
    )  # "This translation may be out of date"
    borders = notice.evaluate(
        "el => [getComputedStyle(el).borderRightWidth, getComputedStyle(el).borderLeftWidth]"
    )
    assert borders[0] != "0px" and borders[1] == "0px", borders
    link = notice.locator("a")
    assert link.get_attribute("hreflang") == "en"
    assert link.get_attribute("href") == urdu_consultation.url
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        assert axe_violations(axe, page) == []
