import pytest

from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_has_no_wcag_violations(live_server, home_page, page, axe):
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == home_page.title
    assert page.locator("a.nhsuk-skip-link").count() == 1
    assert axe_violations(axe, page) == []


def test_axe_check_catches_a_broken_page(live_server, home_page, page, axe):
    """The suite itself can fail: an image without alt text and an unlabelled input are reported."""
    page.goto(live_server.url + "/")
    page.evaluate(
        """() => {
            const main = document.querySelector('main');
            main.insertAdjacentHTML('beforeend', '<img src="/static/x.png"><input type="text">');
        }"""
    )
    violations = axe_violations(axe, page)
    assert any(v.startswith("image-alt") for v in violations)
    assert any(v.startswith("label") for v in violations)
