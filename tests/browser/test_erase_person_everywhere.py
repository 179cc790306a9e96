"""A moderator erases one person everywhere through the real admin, is told what went, and the
public published-responses page no longer shows their words (issue 15)."""

import datetime

from django.utils import timezone

from wagtail.models import Locale

import pytest

from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "sam.person@example.org"


@pytest.fixture
def held(home_page):
    from django.contrib.auth import get_user_model

    from consultations.models import FormatRequest
    from feedback.models import GeneralFeedback, Response
    from reporting import publication
    from tests.factories import add_form, make_consultation

    consultation = make_consultation(
        home_page, title="Stroke rehabilitation", slug="stroke-rehab", opens=-30, closes=-1
    )
    add_form(consultation)
    staff = get_user_model().objects.create_superuser(
        "dpo", "dpo@example.nhs.uk", "pw-for-tests-only"
    )
    response = Response.objects.create(
        consultation=consultation,
        locale=Locale.get_default(),
        answers={"reasons": "Sam's own words about physiotherapy.", "publication_consent": "full"},
        email=EMAIL,
        name="Sam Person",
        submitted_at=timezone.now() - datetime.timedelta(days=3),
    )
    publication.approve(response, staff)
    FormatRequest.objects.create(
        consultation=consultation,
        format="braille",
        name="Sam Person",
        email=EMAIL,
        postal_address="4 Mill Lane",
    )
    GeneralFeedback.objects.create(
        what_happened="The car park was full.", email=EMAIL, name="Sam Person"
    )
    return consultation


def test_moderator_erases_a_person_everywhere(live_server, held, page, axe):
    public_url = f"{live_server.url}/published-responses/{held.pk}/"
    page.goto(public_url)
    assert "Sam's own words" in page.inner_text("main")

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "dpo")
    page.fill("input[name=password]", "pw-for-tests-only")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    page.get_by_role("link", name="Analysis and reports").first.click()
    page.get_by_role("link", name="Erase a person's personal data on request").click()
    page.fill("#id_q", EMAIL)
    page.get_by_role("button", name="Find").click()
    held_list = page.locator("section[aria-labelledby=held-heading]")
    assert (
        "Format requests: 1" in held_list.inner_text()
        and "General feedback: 1" in held_list.inner_text()
    )
    assert axe_violations(axe, page) == []

    held_list.get_by_label("I confirm the person asked for this").check()
    held_list.get_by_role("button", name="Erase everything for this address").click()
    page.wait_for_load_state()
    message = page.inner_text("body")
    assert "Erased everything held for this address" in message
    assert (
        "Responses: 1" in message
        and "Format requests: 1" in message
        and "General feedback: 1" in message
    )
    assert (
        page.locator("section[aria-labelledby=held-heading]").count() == 0
    )  # nothing left to find

    visitor = page.context.browser.new_page()
    visitor.goto(public_url)
    assert "Sam's own words" not in visitor.content() and "Sam Person" not in visitor.content()
    visitor.close()
