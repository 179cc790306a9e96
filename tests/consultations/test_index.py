"""The index page: groups, filters (plain GET, no JavaScript), pagination and a result count."""

import datetime
import re

from django.utils import timezone

import pytest

from tests.factories import AreaFactory, ConsultationPageFactory, TopicFactory

pytestmark = pytest.mark.django_db


def in_days(n, hour=12):
    return timezone.localtime(timezone.now()).replace(
        hour=hour, minute=0, second=0, microsecond=0
    ) + datetime.timedelta(days=n)


@pytest.fixture
def taxonomy():
    return {
        "mental": TopicFactory(name="Mental health"),
        "maternity": TopicFactory(name="Maternity"),
        "north": AreaFactory(name="Northfield"),
        "east": AreaFactory(name="Eastbrook"),
    }


@pytest.fixture
def listing(index_page, taxonomy, home_page):
    t = taxonomy
    pages = {
        "open_late": ConsultationPageFactory(
            parent=index_page,
            title="Open closing late",
            opens_at=in_days(-5),
            closes_at=in_days(20),
            topics=[t["mental"]],
            areas=[t["north"]],
        ),
        "open_soon": ConsultationPageFactory(
            parent=index_page,
            title="Open closing soon",
            opens_at=in_days(-5),
            closes_at=in_days(3),
            topics=[t["maternity"]],
            areas=[t["east"]],
        ),
        "upcoming": ConsultationPageFactory(
            parent=index_page,
            title="Coming next month",
            opens_at=in_days(30),
            closes_at=in_days(60),
            topics=[t["mental"]],
            areas=[t["east"]],
        ),
        "closed": ConsultationPageFactory(
            parent=index_page,
            title="Closed last week",
            opens_at=in_days(-60),
            closes_at=in_days(-7),
            topics=[t["maternity"]],
            areas=[t["north"]],
        ),
        "outcome": ConsultationPageFactory(
            parent=index_page,
            title="Closed with outcome",
            opens_at=in_days(-200),
            closes_at=in_days(-120),
            topics=[t["mental"]],
            areas=[t["north"]],
        ),
    }
    from youwedid.models import YouSaidWeDidIndexPage, YouSaidWeDidPage

    outcomes = home_page.add_child(
        instance=YouSaidWeDidIndexPage(title="You said, we did", slug="you-said-we-did")
    )
    outcome = YouSaidWeDidPage(title="What changed", slug="what-changed", summary="We listened.")
    outcome.consultations = [pages["outcome"]]
    outcomes.add_child(instance=outcome)
    outcome.save_revision().publish()
    return pages


def titles(html):
    return re.findall(r'class="nhsuk-card__link" href="[^"]+">([^<]+)</a>', html)


def test_groups_in_order_open_closing_soonest_first(client, index_page, listing):
    html = client.get(index_page.url).content.decode()
    assert titles(html) == [
        "Open closing soon",
        "Open closing late",
        "Coming next month",
        "Closed last week",
        "Closed with outcome",
    ]
    headings = re.findall(r'<h2 id="group-(\w+)">', html)
    assert headings == ["open", "upcoming", "closed", "outcome"]
    assert "Closes in 3 days" in html and "Closes in 20 days" in html
    assert "5 consultations" in html
    assert "Closed: awaiting outcome" in html and "Outcome published" in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "open"}, ["Open closing soon", "Open closing late"]),
        ({"status": "upcoming"}, ["Coming next month"]),
        ({"status": "closed"}, ["Closed last week"]),
        ({"status": "outcome"}, ["Closed with outcome"]),
        (
            {"topic": "mental-health"},
            ["Open closing late", "Coming next month", "Closed with outcome"],
        ),
        ({"area": "eastbrook"}, ["Open closing soon", "Coming next month"]),
        ({"topic": "mental-health", "area": "northfield", "status": "open"}, ["Open closing late"]),
        (
            {"topic": "no-such-topic"},
            [
                "Open closing soon",
                "Open closing late",
                "Coming next month",
                "Closed last week",
                "Closed with outcome",
            ],
        ),
    ],
)
def test_filters_are_plain_get_parameters(client, index_page, listing, params, expected):
    html = client.get(index_page.url, params).content.decode()
    assert titles(html) == expected
    count = len(expected)
    assert f"{count} consultation{'s' if count != 1 else ''}</strong>" in html


def test_filter_form_works_without_javascript(client, index_page, listing):
    html = client.get(index_page.url, {"topic": "maternity"}).content.decode()
    form = re.search(r'<form class="hys-filters" method="get" action="([^"]+)"', html)
    assert form and form.group(1) == index_page.url
    for name in ("status", "topic", "area"):
        assert re.search(rf'<label class="nhsuk-label" for="filter-{name}">', html)
        assert f'name="{name}"' in html
    assert '<option value="maternity" selected>' in html
    assert "Clear filters" in html
    assert 'type="submit"' in html


def test_no_matches_says_so(client, index_page, listing):
    html = client.get(index_page.url, {"status": "upcoming", "area": "northfield"}).content.decode()
    assert "No consultations match your filters." in html
    assert "0 consultations" in html


def test_pagination_keeps_the_filters(client, index_page, taxonomy):
    for n in range(13):
        ConsultationPageFactory(
            parent=index_page,
            title=f"Open {n:02d}",
            closes_at=in_days(n + 1),
            topics=[taxonomy["mental"]],
        )
    ConsultationPageFactory(parent=index_page, title="Other topic", topics=[taxonomy["maternity"]])
    first = client.get(index_page.url, {"topic": "mental-health"}).content.decode()
    assert "13 consultations" in first
    assert len(titles(first)) == 10
    assert titles(first)[0] == "Open 00"
    assert 'href="?topic=mental-health&amp;page=2"' in first
    second = client.get(index_page.url, {"topic": "mental-health", "page": 2}).content.decode()
    assert titles(second) == ["Open 10", "Open 11", "Open 12"]
    assert "Page 1 of 2" in second
    # Out-of-range pages show the last page rather than an error.
    assert titles(
        client.get(index_page.url, {"topic": "mental-health", "page": 99}).content.decode()
    ) == titles(second)


def test_index_query_count_does_not_grow_with_consultations(
    client, index_page, taxonomy, django_assert_max_num_queries
):
    for n in range(3):
        ConsultationPageFactory(
            parent=index_page, title=f"A{n}", topics=[taxonomy["mental"]], areas=[taxonomy["north"]]
        )
    client.get(index_page.url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(index_page.url)
    for n in range(9):
        ConsultationPageFactory(
            parent=index_page,
            title=f"B{n}",
            topics=[taxonomy["maternity"]],
            areas=[taxonomy["east"]],
        )
    with django_assert_max_num_queries(len(small)):
        html = client.get(index_page.url).content.decode()
    assert len(titles(html)) == 10


def test_only_live_public_children_are_listed(client, index_page):
    ConsultationPageFactory(parent=index_page, title="Draft one", publish=False)
    ConsultationPageFactory(parent=index_page, title="Live one")
    assert titles(client.get(index_page.url).content.decode()) == ["Live one"]


def test_home_page_cards_show_status_and_days_left(client, index_page):
    ConsultationPageFactory(parent=index_page, title="Open on the home page", closes_at=in_days(4))
    html = client.get("/").content.decode()
    assert "Open on the home page" in html
    assert "Closes in 4 days" in html
