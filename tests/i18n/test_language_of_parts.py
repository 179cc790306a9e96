"""Language of parts (WCAG 3.1.2) on fallback pages: when a Welsh or Urdu address serves the
English page (home.fallback), only the page's own text (the editor's title, summary, body,
questions) is marked `lang="en" dir="ltr"`. Our interface strings around it (breadcrumbs,
"Respond online", the status tag, labels, "(optional)") are in the visitor's language and sit
under no element that says otherwise."""

import lxml.html
import pytest

from home.translation import translate_page
from tests.factories import add_form, make_consultation

pytestmark = pytest.mark.django_db

# The visitor's-language strings each fallback page shows (interface text, from our catalogues).
INTERFACE = {
    "cy": {
        "respond": "Ymateb ar-lein",
        "status": "Ar agor",
        "caption": "Ymgynghoriad",
        "optional": "(dewisol)",
        "home": "Hafan",
    },
    "ur": {
        "respond": "آن لائن جواب دیں",
        "status": "کھلی",
        "caption": "مشاورت",
        "optional": "(اختیاری)",
        "home": "ہوم",
    },
}


@pytest.fixture
def fallback(home_page, locales, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        translate_page(home_page, "cy", {"Have your say": "Dweud eich dweud"})
        translate_page(home_page, "ur", {"Have your say": "اپنی رائے دیں"})
    consultation = make_consultation(home_page, title="Minor injuries in Northfield")
    form = add_form(consultation)
    return consultation, form


def language_of(element):
    """(lang, dir) of the nearest element that says, as a browser and screen reader read it."""
    lang = direction = None
    for node in [element, *element.iterancestors()]:
        lang = lang or node.get("lang")
        direction = direction or node.get("dir")
        if lang and direction:
            break
    return lang, direction


def element_with_text(tree, text):
    found = [el for el in tree.iter() if isinstance(el.tag, str) and el.text and text in el.text]
    assert found, f"{text!r} is not on the page"
    return found[0]


@pytest.mark.parametrize("code", ["cy", "ur"])
def test_interface_strings_keep_the_visitors_language_and_the_editors_text_is_english(
    client, fallback, code
):
    consultation, form = fallback
    expected = (code, "rtl" if code == "ur" else "ltr")
    response = client.get(f"/{code}{consultation.url}")
    assert response.status_code == 200
    tree = lxml.html.fromstring(response.content.decode())
    assert tree.get("lang") == code
    assert tree.find(".//main").get("lang") is None  # not the whole of <main>
    for key in ("respond", "status"):
        assert language_of(element_with_text(tree, INTERFACE[code][key])) == expected, key
    assert language_of(tree.find(".//h1")) == ("en", "ltr")
    assert language_of(element_with_text(tree, consultation.summary)) == ("en", "ltr")
    body = tree.find(".//main")
    caption = element_with_text(body, INTERFACE[code]["caption"])  # "Consultation", above the title
    assert language_of(caption) == expected

    step = lxml.html.fromstring(client.get(f"/{code}{form.url}step/1/").content.decode())
    assert step.find(".//main").get("lang") is None
    label = element_with_text(step, "How far do you agree with the proposal?")
    assert language_of(label) == ("en", "ltr")
    optional = element_with_text(step, INTERFACE[code]["optional"])
    assert (
        language_of(optional) == expected
    )  # "(optional)" beside an English label stays Welsh/Urdu


def test_a_page_in_the_visitors_own_language_has_no_extra_marks(client, fallback):
    consultation, _form = fallback
    html = client.get(consultation.url).content.decode()
    assert 'lang="en" dir="ltr"' not in html.split("<main", 1)[1]
