"""Keeping the loop honest: the staff report of closed consultations and the dashboard reminder."""

from datetime import timedelta

from django.utils import timezone

import pytest

from tests.youwedid.conftest import make_consultation, make_outcome
from youwedid.models import YouSaidWeDidPage
from youwedid.overdue import closed_consultations_report


@pytest.mark.django_db
def test_report_shows_days_since_closing_time_to_outcome_and_overdue_flag(home_page, settings, django_assert_max_num_queries):
    settings.OUTCOME_OVERDUE_WEEKS = 12
    waiting = make_consultation(home_page, slug="waiting", title="Waiting too long", closed_days_ago=100)
    recent = make_consultation(home_page, slug="recent", title="Closed recently", closed_days_ago=20)
    done = make_consultation(home_page, slug="done", title="Has an outcome", closed_days_ago=120)
    make_consultation(home_page, slug="open", title="Still open", closed_days_ago=-10)
    outcome = make_outcome(home_page, [done])
    YouSaidWeDidPage.objects.filter(pk=outcome.pk).update(first_published_at=done.closes_at + timedelta(days=45))

    with django_assert_max_num_queries(6):
        rows = {row.consultation.slug: row for row in closed_consultations_report(now=timezone.now())}
    assert set(rows) == {"waiting", "recent", "done"}
    assert rows["waiting"].overdue and rows["waiting"].days_since_closed == 100 and rows["waiting"].outcome is None
    assert not rows["recent"].overdue
    assert not rows["done"].overdue and rows["done"].days_to_outcome == 45
    assert waiting.pk and recent.pk


@pytest.mark.django_db
def test_staff_see_the_report_and_a_dashboard_reminder(admin_client, client, home_page):
    make_consultation(home_page, slug="waiting", title="Waiting too long", closed_days_ago=100)
    report = admin_client.get("/admin/reports/outcomes/").content.decode()
    assert "Waiting too long" in report and "data-overdue" in report
    dashboard = admin_client.get("/admin/").content.decode()
    assert "Outcomes overdue" in dashboard and "Waiting too long" in dashboard
    assert client.get("/admin/reports/outcomes/").status_code == 302  # not signed in: to the login page
