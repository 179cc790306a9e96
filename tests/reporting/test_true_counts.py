"""Staff who may analyse a consultation see its true counts; what is published stays suppressed.

One rule (reporting.suppression) decides what is hidden: the dashboard asks it for nothing to
hide, the engagement report and the "You said, we did" page ask it for the published threshold.
"""

import re

from django.urls import reverse

import pytest

from feedback.permissions import VIEW_RESPONSES
from reporting import analysis, engagement_report, suppression
from tests.factories import about_you_section, add_form, make_consultation
from tests.reporting.conftest import _staff, make_response
from tests.youwedid.conftest import make_outcome

pytestmark = pytest.mark.django_db


def row(html, label):
    """The number shown beside `label` in a table row, as the reader sees it."""
    found = re.search(
        rf'<th scope="row">{re.escape(label)}</th>\s*<td class="[^"]*">([^<]*)</td>', html
    )
    assert found, f"no row {label!r}"
    return found.group(1).strip()


@pytest.fixture
def analyst_of():
    """Staff given "view responses" (permission to analyse) on one consultation only."""
    return lambda consultation: _staff("eye-analyst", VIEW_RESPONSES, page=consultation)


@pytest.fixture
def closed_consultation(home_page, settings):
    settings.SMALL_NUMBER_THRESHOLD = 5
    page = make_consultation(home_page, title="Eye clinic in Westmoor", opens=-40, closes=-2)
    add_form(page, about_you=about_you_section())
    for _ in range(20):
        make_response(page, {"about_age_band": "35_44"}, channel="online")
    for _ in range(2):
        make_response(page, {"about_age_band": "75_plus"}, channel="paper")
    return page


def test_the_analyst_sees_true_counts_and_can_see_them_as_published(
    client, closed_consultation, analyst_of
):
    client.force_login(analyst_of(closed_consultation))
    url = reverse("reporting:dashboard", args=[closed_consultation.pk])

    true = client.get(url).content.decode()
    assert row(true, "Paper") == "2"
    assert row(true, "Online") == "20"
    assert ">fewer than 5<" not in true  # no figure hidden (the help text names the rule)
    assert "These are the true counts" in true

    published = client.get(url, {"figures": "published"}).content.decode()
    assert row(published, "Paper") == "fewer than 5"
    assert "Show the true counts" in published


def test_the_published_report_and_the_outcome_page_stay_suppressed(
    client, closed_consultation, analyst_of
):
    client.force_login(analyst_of(closed_consultation))
    report = client.get(
        reverse("reporting:report_print", args=[closed_consultation.pk])
    ).content.decode()
    assert row(report, "Paper") == "fewer than 5"
    data = engagement_report.report_for(closed_consultation)
    channels = {cell.key: cell for cell in data["channels"].cells}
    assert channels["paper"].suppressed and sum(cell.suppressed for cell in channels.values()) >= 2

    outcome = make_outcome(closed_consultation.get_parent().get_parent(), [closed_consultation])
    client.logout()
    public = client.get(outcome.url).content.decode()
    assert "<bdi>Paper</bdi>: fewer than 5" in public
    assert "<bdi>Paper</bdi>: 2<" not in public


def test_one_rule_with_a_limit_for_the_dashboard(closed_consultation):
    from feedback.questions import questions_for

    questions = questions_for(closed_consultation)
    published = analysis.dashboard(closed_consultation, questions)
    true = analysis.dashboard(closed_consultation, questions, limit=suppression.UNSUPPRESSED)
    channel = {b.key: b for b in published["breakdowns"]}["channel"]
    true_channel = {b.key: b for b in true["breakdowns"]}["channel"]
    assert {cell.key: cell.display for cell in channel.cells}["paper"] == "fewer than 5"
    assert {cell.key: cell.display for cell in true_channel.cells}["paper"] == "2"
    ages = {b.key: b for b in true["about_breakdowns"]}["about_age_band"]
    assert not ages.any_suppressed
    assert {cell.key: cell.count for cell in ages.cells}["75_plus"] == 2
