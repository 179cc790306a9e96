"""A visitor's formula typed into "Share your views" reaches the staff download as text (issue 15)."""

import csv
import io

from django.contrib.auth import get_user_model
from django.core.cache import cache

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FORMULA = '=HYPERLINK("http://evil.example","Click me")'


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_share_your_views_download_csv_quotes_a_formula_the_public_typed(
    live_server, home_page, page
):
    page.goto(live_server.url + "/share-your-views/")
    page.get_by_label("A health or care service").check()
    page.get_by_label("What happened?").fill(FORMULA)
    page.get_by_role("button", name="Send feedback").click()
    assert page.locator("h1").inner_text() == "Thank you for your feedback"

    get_user_model().objects.create_superuser("comms", "comms@example.nhs.uk", "pw-for-tests-only")
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "comms")
    page.fill("#id_password", "pw-for-tests-only")
    page.click("button[type=submit]")
    page.get_by_role("button", name="Feedback").click()
    page.get_by_role("link", name="Share your views").click()
    page.get_by_role("button", name="Actions").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV").click()
    path = download_info.value.path()
    with open(path, encoding="utf-8-sig") as handle:
        rows = list(csv.reader(io.StringIO(handle.read())))
    cells = [cell for row in rows for cell in row]
    assert "'" + FORMULA in cells
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
