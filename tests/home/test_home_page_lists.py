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


def open_section_of(client, home_page):
    html = client.get(home_page.url).content.decode()
    return html.split('id="open-heading"', 1)[1].split('id="outcomes-heading"', 1)[0]


def test_the_kept_lists_change_when_a_consultation_opens_or_closes_and_at_midnight(
    client, home_page, fragments, monkeypatch, django_assert_max_num_queries
):
    """The lists are a cached fragment (nothing is published when a consultation opens or
    closes): its key changes at each opening and closing moment, and at midnight UK time, when
    every card's "closes in N days" moves on."""
    import datetime

    from django.utils import timezone

    real_now = timezone.now()
    soon = make_consultation(home_page, title="Dental care in Westford", opens=1, closes=40)
    ending = make_consultation(home_page, title="Urgent care in Northfield", opens=-5, closes=2)
    clock = {"now": real_now}
    monkeypatch.setattr(timezone, "now", lambda: clock["now"])

    first = open_section_of(client, home_page)
    assert ending.title in first and soon.title not in first
    with django_assert_max_num_queries(12):  # the lists come from the fragment cache now
        assert open_section_of(client, home_page) == first

    clock["now"] = soon.opens_at + datetime.timedelta(seconds=1)
    opened = open_section_of(client, home_page)
    assert soon.title in opened and ending.title in opened

    clock["now"] = ending.closes_at + datetime.timedelta(seconds=1)
    closed = open_section_of(client, home_page)
    assert soon.title in closed and ending.title not in closed

    days_before = timezone.localtime(clock["now"])
    clock["now"] = (days_before + datetime.timedelta(days=1)).replace(hour=0, minute=0, second=5)
    next_day = open_section_of(client, home_page)
    assert next_day != closed  # "closes in N days" counted from the new day
    assert soon.title in next_day
