"""The demo's cookies page: in every language, linked from every page's footer, naming the cookies
the settings say the site sets; loading the demo again changes nothing."""

import re

from django.conf import settings

from wagtail.models import Page, Revision

import pytest

from home import demo_cookies
from home.display import DISPLAY_COOKIE
from home.models import StandardPage
from home.translation import translate_page
from tests.i18n.samples import page_texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_site(home_page):
    for code in ("cy", "pl", "ur"):
        translate_page(home_page, code, page_texts(code))
    demo_cookies.load({"home": home_page})
    return home_page


def prefix(code):
    return "" if code == settings.LANGUAGE_CODE else f"/{code}"


@pytest.mark.parametrize("code", [code for code, _ in settings.LANGUAGES])
def test_cookies_page_is_in_the_footer_and_names_each_cookie(client, demo_site, code):
    title = "Cookies" if code == "en" else demo_cookies.STRINGS[code]["Cookies"]
    home = client.get(f"{prefix(code)}/").content.decode()
    assert re.search(
        rf'<a class="nhsuk-footer__list-item-link" href="{prefix(code)}/cookies/">{title}</a>', home
    )

    response = client.get(f"{prefix(code)}/cookies/")
    assert response.status_code == 200
    assert response.context["page"].locale.language_code == code
    html = response.content.decode()
    assert f"<h1>{title}</h1>" in html or f">{title}</h1>" in html
    for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, DISPLAY_COOKIE):
        assert f"{name}:" in html, (code, name)
    assert f"{settings.SESSION_COOKIE_AGE // 60}" in html


def test_loading_the_cookies_demo_again_changes_nothing(demo_site):
    counts = (Page.objects.count(), StandardPage.objects.count(), Revision.objects.count())
    demo_cookies.load({"home": demo_site})
    assert (Page.objects.count(), StandardPage.objects.count(), Revision.objects.count()) == counts
    assert StandardPage.objects.filter(slug="cookies", live=True).count() == 4
