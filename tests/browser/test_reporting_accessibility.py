import datetime

from django.utils import timezone

from wagtail.models import Locale

import pytest

from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published(home_page):
    from django.contrib.auth import get_user_model

    from feedback.models import Response
    from reporting import publication
    from tests.factories import add_form, make_consultation

    consultation = make_consultation(home_page, title="Stroke rehabilitation", slug="stroke-rehab", opens=-30, closes=-1)
    add_form(consultation)
    staff = get_user_model().objects.create_superuser("reporting-axe", "axe@example.org", "pw-for-tests-only")
    for text, consent in (("More physiotherapy at home, please.", "full"), ("Closer to where we live.", "anonymous")):
        response = Response.objects.create(
            consultation=consultation,
            locale=Locale.get_default(),
            answers={"reasons": text, "publication_consent": consent},
            name="Ann Example",
            submitted_at=timezone.now() - datetime.timedelta(days=3),
        )
        publication.approve(response, staff)
    return consultation, staff


def test_published_responses_page_has_no_wcag_violations(live_server, published, page, axe):
    consultation, _staff = published
    page.goto(f"{live_server.url}/published-responses/{consultation.pk}/")
    assert "More physiotherapy at home, please." in page.content()
    assert page.locator("h1").count() == 1
    assert axe_violations(axe, page) == []


def test_dashboard_has_no_wcag_violations(live_server, published, page, axe):
    consultation, staff = published
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", staff.username)
    page.fill("#id_password", "pw-for-tests-only")
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/admin/reporting/{consultation.pk}/")
    assert page.locator("svg[role=img] desc").count() == 1
    assert axe_violations(axe, page) == []


def test_printable_report_has_no_wcag_violations(live_server, published, page, axe):
    consultation, staff = published
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", staff.username)
    page.fill("#id_password", "pw-for-tests-only")
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/admin/reporting/{consultation.pk}/report/print/")
    assert page.locator("h1").inner_text().startswith("Engagement report")
    assert axe_violations(axe, page) == []
