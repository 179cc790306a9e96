import re

from django.urls import reverse

import pytest

from feedback.models import Response
from reporting import analysis
from reporting.models import ResponseTheme, Theme

pytestmark = pytest.mark.django_db


def _result(results, key):
    return next(result for result in results if result.key == key)


def _cells(breakdown):
    return {cell.key: cell for cell in breakdown.cells}


def test_choice_counts_combine_every_language(consultation, questions, respond):
    for _ in range(6):
        respond({"support": "agree"}, locale="en")
    for _ in range(4):
        respond({"support": "agree"}, locale="cy")
    for _ in range(7):
        respond({"support": "disagree"}, locale="pl")
    results = analysis.question_results(analysis.responses_for(consultation), questions)
    cells = _cells(_result(results, "support").breakdown)
    assert cells["agree"].count == 10
    assert cells["agree"].display == "10"
    assert cells["disagree"].display == "7"
    assert cells["agree"].display_percent == "59%"


def test_multiple_choice_grid_rating_and_free_text(consultation, questions, respond):
    for _ in range(5):
        respond({"travel": ["bus", "walk"], "priorities": {"parking": "very"}, "rating": 4, "reasons": "Buses are rare."})
    for _ in range(6):
        respond({"travel": ["bus"], "priorities": {"parking": "quite"}, "rating": 2, "reasons": ""})
    results = analysis.question_results(analysis.responses_for(consultation), questions)
    travel = _result(results, "travel")
    assert travel.answered == 11
    assert _cells(travel.breakdown)["bus"].count == 11
    assert _cells(travel.breakdown)["walk"].count == 5
    grid = _result(results, "priorities")
    parking = grid.rows[0][1]
    assert _cells(parking)["very"].count == 5 and _cells(parking)["quite"].count == 6
    rating = _result(results, "rating")
    assert _cells(rating.breakdown)["4"].count == 5
    assert rating.average == pytest.approx((5 * 4 + 6 * 2) / 11)
    assert _result(results, "reasons").answered == 5  # empty strings are not answers


def test_only_accepted_responses_count_but_totals_show_every_status(consultation, questions, respond):
    respond({"support": "agree"})
    respond({"support": "agree"}, status=Response.Status.HELD)
    respond({"support": "agree"}, status=Response.Status.REJECTED)
    totals = analysis.status_totals(consultation)
    assert totals == {"total": 3, "accepted": 1, "held": 1, "rejected": 1}
    results = analysis.question_results(analysis.responses_for(consultation), questions)
    assert _result(results, "support").answered == 1


def test_filters_by_channel_language_locality_date_and_theme(consultation, respond):
    a = respond({"reasons": "Parking"}, channel="paper", locale="cy", postcode_district="NF1", days_ago=10)
    respond({"reasons": "Buses"}, channel="online", locale="en", postcode_district="NF2", days_ago=1)
    theme = Theme.objects.create(consultation=consultation, name="Parking")
    ResponseTheme.objects.create(response=a, question_key="reasons", theme=theme)
    for data in ({"channel": "paper"}, {"language": "cy"}, {"locality": "nf1"}, {"theme": str(theme.pk)}):
        filters = analysis.parse_filters(data)
        assert list(analysis.responses_for(consultation, filters)) == [a], data
    import datetime

    from django.utils import timezone

    day = (timezone.localtime() - datetime.timedelta(days=10)).date()
    filters = analysis.parse_filters({"date_from": day.isoformat(), "date_to": day.isoformat()})
    assert list(analysis.responses_for(consultation, filters)) == [a]
    assert analysis.parse_filters({"date_from": "31/02/2026"}).errors


def test_breakdowns_suppress_small_numbers(consultation, questions, respond):
    for _ in range(20):
        respond({"about_age_band": "35_44"}, channel="online")
    for _ in range(2):
        respond({"about_age_band": "75_plus"}, channel="paper")
    data = analysis.dashboard(consultation, questions)
    channel = next(b for b in data["breakdowns"] if b.key == "channel")
    assert _cells(channel)["paper"].display == "fewer than 5"
    age = next(b for b in data["about_breakdowns"] if b.key == "about_age_band")
    assert _cells(age)["75_plus"].suppressed
    # Secondary: another cell is hidden too, so 22 - 20 cannot reveal the 2.
    assert sum(cell.suppressed for cell in age.cells) >= 2


def test_responses_per_day_fills_gaps(consultation, respond):
    respond(days_ago=3)
    respond(days_ago=3)
    respond(days_ago=0)
    series = analysis.responses_per_day(analysis.responses_for(consultation))
    assert [count for _day, count in series] == [2, 0, 0, 1]
    chart = analysis.bar_chart(series)
    assert len(chart.bars) == 4 and "3 responses over 4 days" in chart.summary


def test_dashboard_page_shows_chart_table_and_true_counts(client, consultation, analyst, respond):
    for _ in range(8):
        respond({"support": "agree", "about_age_band": "35_44"})
    respond({"support": "disagree", "about_age_band": "16_24"}, channel="phone")
    client.force_login(analyst)
    response = client.get(reverse("reporting:dashboard", args=[consultation.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and 'role="img"' in html and "<desc id=\"chart-desc\">" in html
    assert "Data table: responses per day" in html
    # The analyst sees the true counts (issue 14): the one phone response is shown as 1.
    assert ">fewer than 5<" not in html
    assert re.search(r'<th scope="row">Phone</th>\s*<td class="reporting-number">1</td>', html)
    assert "How far do you agree with the proposal?" in html
    assert 'class="reporting-tabs"' in html and "Export CSV" in html


def test_dashboard_and_responses_keep_the_chosen_filters_selected(client, consultation, analyst, respond):
    import re

    theme = Theme.objects.create(consultation=consultation, name="Transport")
    Theme.objects.create(consultation=consultation, name="Parking")
    respond({"support": "agree"}, channel="phone")
    client.force_login(analyst)
    query = {"channel": "phone", "language": "cy", "theme": str(theme.pk), "status": "held"}

    def selected(html, name):
        select = re.search(rf'<select id="id_{name}" name="{name}">(.*?)</select>', html, re.S).group(1)
        return re.findall(r'<option value="([^"]*)" selected>', select)

    dashboard = client.get(reverse("reporting:dashboard", args=[consultation.pk]), query).content.decode()
    responses = client.get(reverse("reporting:responses", args=[consultation.pk]), query).content.decode()
    for html in (dashboard, responses):
        assert selected(html, "channel") == ["phone"]
        assert selected(html, "language") == ["cy"]
        assert selected(html, "theme") == [str(theme.pk)]
        assert '<label for="id_theme">Theme</label>' in html and ">Parking</option>" in html
    assert selected(responses, "status") == ["held"]
    unfiltered = client.get(reverse("reporting:dashboard", args=[consultation.pk])).content.decode()
    assert selected(unfiltered, "channel") == [] and selected(unfiltered, "theme") == []


def _fill(consultation, n):
    import datetime

    from django.utils import timezone

    from wagtail.models import Locale

    locales = list(Locale.objects.all())
    Response.objects.bulk_create(
        [
            Response(
                consultation=consultation,
                locale=locales[i % len(locales)],
                channel=["online", "paper", "phone"][i % 3],
                postcode_district=f"NF{i % 4}",
                submitted_at=timezone.now() - datetime.timedelta(days=i % 9),
                answers={"support": "agree", "travel": ["bus"], "reasons": f"text {i}", "rating": i % 5 + 1, "about_age_band": "35_44"},
                reference=f"HYS-T{i:07d}",
            )
            for i in range(n)
        ]
    )


def test_dashboard_query_count_does_not_grow_with_responses(client, consultation, analyst, django_assert_max_num_queries, locales):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(analyst)
    url = reverse("reporting:dashboard", args=[consultation.pk])
    _fill(consultation, 10)
    client.get(url)  # warm caches (site, locales)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _fill_more = 300
    Response.objects.filter(consultation=consultation).delete()
    _fill(consultation, _fill_more)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


def test_staff_without_permission_get_403_on_dashboard(client, consultation, outsider):
    client.force_login(outsider)
    assert client.get(reverse("reporting:dashboard", args=[consultation.pk])).status_code == 403
    assert client.get(reverse("reporting:index")).status_code == 403


def test_staff_without_permission_get_403_on_responses(client, consultation, outsider, respond):
    response = respond({"reasons": "hello"})
    client.force_login(outsider)
    assert client.get(reverse("reporting:responses", args=[consultation.pk])).status_code == 403
    assert client.get(reverse("reporting:response", args=[consultation.pk, response.reference])).status_code == 403
    assert client.get(reverse("reporting:themes", args=[consultation.pk])).status_code == 403


def test_staff_with_permission_on_another_consultation_get_403(client, consultation, home_page):
    from tests.factories import make_consultation

    from .conftest import _staff

    other = make_consultation(home_page, title="Another one", slug="another-one")
    user = _staff("elsewhere", "view_responses", page=other)
    client.force_login(user)
    assert client.get(reverse("reporting:dashboard", args=[consultation.pk])).status_code == 403
    assert client.get(reverse("reporting:dashboard", args=[other.pk])).status_code == 200


@pytest.mark.parametrize("query", [{}, {"channel": "paper"}, {"language": "cy", "date_from": "2000-01-01"}])
def test_one_scan_figures_match_the_query_per_figure(consultation, respond, query):
    """On PostgreSQL the dashboard reads totals, days and breakdowns in one GROUPING SETS query."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("GROUP BY GROUPING SETS: the dashboard uses it on PostgreSQL only")
    for i in range(23):
        respond(
            {"support": "agree"},
            channel=["online", "paper", "phone"][i % 3],
            locale=["en", "cy"][i % 2],
            postcode_district=f"NF{i % 4}" if i % 5 else "",
            days_ago=i % 6,
            status=Response.Status.HELD if i % 7 == 0 else Response.Status.ACCEPTED,
        )
    respond({}, status=Response.Status.REJECTED, channel="paper", locale="cy")
    filters = analysis.parse_filters(query)
    figures = analysis.figures_in_one_scan(consultation, filters)
    accepted = analysis.responses_for(consultation, filters)
    assert figures["totals"] == analysis.status_totals(consultation, filters)
    assert analysis.responses_per_day(figures["per_day"]) == analysis.responses_per_day(accepted)
    for name, breakdown in (
        ("channel", analysis.channel_breakdown),
        ("language", analysis.language_breakdown),
        ("partner", analysis.partner_breakdown),
        ("locality", analysis.locality_breakdown),
    ):
        one_scan, own_query = breakdown(accepted, figures[name]), breakdown(accepted)
        assert sorted(one_scan.cells, key=lambda cell: cell.key) == sorted(own_query.cells, key=lambda cell: cell.key), name
        assert (one_scan.total, one_scan.total_suppressed) == (own_query.total, own_query.total_suppressed)


def test_dashboard_figures_are_the_same_by_either_path(consultation, questions, respond, monkeypatch):
    """Whatever the database, the dashboard shows what the per-figure queries say."""
    for i in range(12):
        respond({"support": "agree", "about_age_band": "35_44"}, channel=["online", "paper"][i % 2], days_ago=i % 3)
    respond({"support": "agree"}, status=Response.Status.HELD)
    data = analysis.dashboard(consultation, questions)
    accepted = analysis.responses_for(consultation)
    assert data["totals"] == {"total": 13, "accepted": 12, "held": 1, "rejected": 0}
    assert data["per_day"] == analysis.responses_per_day(accepted)
    channel = next(b for b in data["breakdowns"] if b.key == "channel")
    assert {cell.key: cell.count for cell in channel.cells if cell.count} == {"online": 6, "paper": 6}
