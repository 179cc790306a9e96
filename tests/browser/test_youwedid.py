import pytest

from tests.browser.conftest import axe_violations
from tests.youwedid.conftest import make_consultation, make_outcome, make_response

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_outcome_index_and_outcome_page_have_no_wcag_violations(live_server, home_page, locales, page, axe):
    consultation = make_consultation(home_page)
    for n in range(6):
        make_response(consultation, locales["en"], answers={"about_age_band": "25_34"}, email=f"{n}@example.org")
    outcome = make_outcome(home_page, [consultation])

    page.goto(live_server.url + outcome.get_parent().url)
    assert page.locator("h1").inner_text() == "You said, we did"
    assert page.locator(".nhsuk-card__link").first.inner_text() == outcome.title
    assert axe_violations(axe, page) == []

    page.locator(".nhsuk-card__link").first.click()
    assert page.locator("h1").inner_text() == outcome.title
    assert page.locator("[data-testid=outcome-item]").count() == 3
    assert axe_violations(axe, page) == []
    page.locator("[data-testid=consultation-link]").first.click()
    assert page.locator("h1").inner_text() == consultation.title
