"""Every link an outcome page shows works for the public (issue 16: the "Engagement report" link
pointed nowhere, so it was removed: the report has no public address, only staff admin views)."""

import re
from urllib.parse import urlsplit

import pytest

from reporting.models import EngagementReport
from tests.youwedid.conftest import make_consultation, make_outcome

pytestmark = pytest.mark.django_db


def test_every_link_on_an_outcome_page_opens_for_a_visitor(client, home_page):
    consultation = make_consultation(home_page)
    EngagementReport.objects.create(consultation=consultation, summary="We heard from many people.")
    outcome = make_outcome(home_page, [consultation])

    page = client.get(outcome.url)
    assert page.status_code == 200
    html = page.content.decode()
    links = {
        href
        for href in re.findall(r'<a [^>]*href="([^"#]+)', html)
        if not urlsplit(href).netloc  # ours, not other websites
    }
    assert consultation.url in links  # the check found the page's own links
    for href in sorted(links):
        response = client.get(href, follow=True)
        final = response.redirect_chain[-1][0] if response.redirect_chain else href
        # A staff-only address would end on the admin's sign-in page.
        assert response.status_code == 200 and "/admin/" not in final, (href, final)
    assert "Engagement report" not in html
