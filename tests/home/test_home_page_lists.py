"""The home page lists what is open now and the latest outcomes (issue 16: home imports neither
app; the lists come from template tags consultations and youwedid register)."""



import pytest

from tests.factories import make_consultation
from tests.youwedid.conftest import make_outcome

pytestmark = pytest.mark.django_db


def test_the_home_page_lists_open_consultations_soonest_closing_first_and_the_latest_outcome(
    client, home_page
):
    later = make_consultation(home_page, title="Stroke services in Northfield", closes=30)
    sooner = make_consultation(home_page, title="Urgent care in Northfield", closes=5)
    closed = make_consultation(home_page, title="Eastbrook pharmacy hours", opens=-60, closes=-20)
    upcoming = make_consultation(home_page, title="Dental care in Westford", opens=5, closes=40)
    make_outcome(home_page, [closed], title="What changed at the pharmacy")

    html = client.get(home_page.url).content.decode()
    open_section = html.split('id="open-heading"', 1)[1].split('id="outcomes-heading"', 1)[0]
    assert open_section.index(sooner.title) < open_section.index(later.title)
    assert closed.title not in open_section and upcoming.title not in open_section
    outcomes_section = html.split('id="outcomes-heading"', 1)[1]
    assert "What changed at the pharmacy" in outcomes_section
    assert "See every outcome" in outcomes_section


def test_with_nothing_open_or_published_the_home_page_says_so(client, home_page):
    make_consultation(home_page, title="Eastbrook pharmacy hours", opens=-60, closes=-20)
    html = client.get(home_page.url).content.decode()
    assert "There are no consultations open right now." in html
    assert "No outcomes have been published yet." in html
