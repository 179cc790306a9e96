"""Numbers keep their order on right-to-left pages (issue 14): in Urdu, a phone number such as
"01632 960 001" must not be shown as "001 960 01632". The test reads the order in which Chromium
lays the characters out, left to right, and compares it with the number as written.

Without isolation, the Unicode bidi algorithm treats the spaces between the digit groups as
right-to-left (they sit in Urdu text), and the groups swap places.
"""

import pytest

from home.models import OrganisationSettings
from home.translation import translate_page, translated_instance
from tests.factories import make_consultation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ORGANISATION_PHONE = "01632 960 001"
CONSULTATION_PHONE = "0300 123 4567"

# The characters of the element's text, sorted by where they are drawn (left edge), spaces left out.
JS_VISUAL_ORDER = """(selector) => {
    const root = document.querySelector(selector);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const range = document.createRange(), drawn = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (let i = 0; i < node.data.length; i++) {
            if (!node.data[i].trim()) continue;
            range.setStart(node, i); range.setEnd(node, i + 1);
            drawn.push([range.getBoundingClientRect().left, node.data[i]]);
        }
    }
    return drawn.sort((a, b) => a[0] - b[0]).map(([, ch]) => ch).join('');
}"""


@pytest.fixture
def urdu_consultation(home_page, locales):
    from wagtail.models import Site

    settings = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    settings.phone = ORGANISATION_PHONE
    settings.save()
    consultation = make_consultation(home_page, title="Minor injuries in Northfield")
    consultation.response_phone = CONSULTATION_PHONE
    consultation.save_revision().publish()
    for source in (home_page, consultation.get_parent(), consultation):
        translate_page(
            source, "ur", {"Minor injuries in Northfield": "نارتھ فیلڈ میں معمولی چوٹیں"}
        )
    return translated_instance(consultation, "ur")


@pytest.mark.parametrize(
    "selector, number",
    [("footer a[href^='tel:']", ORGANISATION_PHONE), ("main a[href^='tel:']", CONSULTATION_PHONE)],
)
def test_phone_numbers_keep_their_digit_order_in_urdu(
    live_server, page, urdu_consultation, selector, number
):
    page.goto(live_server.url + urdu_consultation.url)
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate(JS_VISUAL_ORDER, selector) == number.replace(" ", "")
