"""Status is a pure function of the dates (and a live outcome), correct to the minute, in UK time."""

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from consultations import status
from consultations.templatetags.consultation_tags import (
    closes_in_words,
    date_words,
    datetime_words,
    time_words,
)

LONDON = ZoneInfo("Europe/London")
UTC = datetime.UTC
MINUTE = datetime.timedelta(minutes=1)


def london(*args, fold=0):
    return datetime.datetime(*args, tzinfo=LONDON).replace(fold=fold)


def page(opens_at, closes_at):
    return SimpleNamespace(opens_at=opens_at, closes_at=closes_at)


def test_status_changes_at_the_exact_minute_it_opens_and_closes():
    opens, closes = london(2026, 6, 1, 9, 0), london(2026, 7, 1, 23, 59)
    assert status.status_from_dates(opens, closes, opens - MINUTE) == status.UPCOMING
    assert status.status_from_dates(opens, closes, opens) == status.OPEN
    assert status.status_from_dates(opens, closes, closes - MINUTE) == status.OPEN
    assert status.status_from_dates(opens, closes, closes) == status.CLOSED
    assert status.status_from_dates(opens, closes, closes, has_outcome=True) == status.OUTCOME


def test_outcome_is_only_looked_up_once_closed():
    calls = []

    def has_outcome():
        calls.append(1)
        return True

    opens, closes = london(2026, 6, 1, 9, 0), london(2026, 7, 1, 17, 0)
    assert status.status_from_dates(opens, closes, opens, has_outcome) == status.OPEN
    assert calls == []
    assert status.status_from_dates(opens, closes, closes, has_outcome) == status.OUTCOME
    assert calls == [1]


def test_opening_the_morning_after_the_clocks_go_forward():
    # Clocks go forward at 01:00 GMT on Sunday 29 March 2026: 9am on Monday is 08:00 UTC.
    opens = london(2026, 3, 30, 9, 0)
    closes = london(2026, 5, 1, 17, 0)
    assert opens.astimezone(UTC) == datetime.datetime(2026, 3, 30, 8, 0, tzinfo=UTC)
    assert (
        status.status_from_dates(opens, closes, datetime.datetime(2026, 3, 30, 7, 59, tzinfo=UTC))
        == status.UPCOMING
    )
    assert (
        status.status_from_dates(opens, closes, datetime.datetime(2026, 3, 30, 8, 0, tzinfo=UTC))
        == status.OPEN
    )


def test_closing_in_the_night_the_clocks_go_back():
    # 01:30 happens twice on Sunday 25 October 2026; the first (BST, fold=0) is 00:30 UTC.
    opens = london(2026, 9, 1, 9, 0)
    closes = london(2026, 10, 25, 1, 30)
    assert closes.astimezone(UTC) == datetime.datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert (
        status.status_from_dates(opens, closes, datetime.datetime(2026, 10, 25, 0, 29, tzinfo=UTC))
        == status.OPEN
    )
    assert (
        status.status_from_dates(opens, closes, datetime.datetime(2026, 10, 25, 0, 30, tzinfo=UTC))
        == status.CLOSED
    )
    # An hour later the wall clock reads 01:30 again (GMT): still closed.
    assert (
        status.status_from_dates(opens, closes, datetime.datetime(2026, 10, 25, 1, 30, tzinfo=UTC))
        == status.CLOSED
    )


def test_closing_at_midnight_after_the_clocks_go_back_is_in_gmt():
    closes = london(2026, 10, 26, 0, 0)  # midnight after the change: GMT, so 00:00 UTC
    assert closes.astimezone(UTC) == datetime.datetime(2026, 10, 26, 0, 0, tzinfo=UTC)
    opens = london(2026, 9, 1, 9, 0)
    assert (
        status.status_from_dates(opens, closes, datetime.datetime(2026, 10, 25, 23, 59, tzinfo=UTC))
        == status.OPEN
    )
    assert (
        status.status_from_dates(opens, closes, datetime.datetime(2026, 10, 26, 0, 0, tzinfo=UTC))
        == status.CLOSED
    )


def test_days_left_counts_uk_calendar_days_across_the_clocks_changing():
    # Saturday 6pm GMT to Monday 5pm BST is 46 hours, but two days on the calendar.
    now = london(2026, 3, 28, 18, 0)
    closes = london(2026, 3, 30, 17, 0)
    assert closes.astimezone(UTC) - now.astimezone(UTC) == datetime.timedelta(hours=46)
    assert status.days_until(closes, now) == 2
    assert closes_in_words(status.days_until(closes, now)) == "Closes in 2 days"
    # Late on the Sunday evening in October (GMT again), it closes "tomorrow".
    assert status.days_until(london(2026, 10, 26, 17, 0), london(2026, 10, 25, 23, 30)) == 1
    assert closes_in_words(1) == "Closes tomorrow"
    assert closes_in_words(0) == "Closes today"


def test_days_left_uses_uk_date_not_utc_date():
    # 23:30 UTC on 30 June is already 1 July in London (BST).
    now = datetime.datetime(2026, 6, 30, 23, 30, tzinfo=UTC)
    assert status.days_until(london(2026, 7, 1, 17, 0), now) == 0


def test_dates_in_plain_words_are_in_uk_time():
    moment = datetime.datetime(2026, 7, 1, 22, 59, tzinfo=UTC)  # 11:59pm BST
    assert time_words(moment) == "11:59pm"
    assert date_words(moment) == "Wednesday 1 July 2026"
    assert datetime_words(moment) == "11:59pm on Wednesday 1 July 2026"
    assert time_words(london(2026, 1, 5, 9, 0)) == "9am"
    assert time_words(london(2026, 1, 5, 12, 0)) == "midday"
    assert time_words(london(2026, 1, 5, 0, 0)) == "midnight"


@pytest.mark.django_db
def test_status_follows_the_clock_with_no_job_and_no_writes(
    open_consultation, django_assert_num_queries
):
    before_close = open_consultation.closes_at - MINUTE
    with django_assert_num_queries(0):
        assert status.get_status(open_consultation, before_close) == status.OPEN
        assert (
            status.get_status(open_consultation, open_consultation.opens_at - MINUTE)
            == status.UPCOMING
        )
    assert status.get_status(open_consultation, open_consultation.closes_at) == status.CLOSED


@pytest.mark.django_db
def test_status_is_outcome_once_a_you_said_we_did_page_is_live(home_page, make_consultation):
    from youwedid.models import YouSaidWeDidIndexPage, YouSaidWeDidPage

    closed = make_consultation(
        title="Closed one", opens_at=status_days(-60), closes_at=status_days(-30)
    )
    assert status.get_status(closed) == status.CLOSED
    outcomes = home_page.add_child(
        instance=YouSaidWeDidIndexPage(title="You said, we did", slug="you-said-we-did")
    )
    outcome = YouSaidWeDidPage(title="What changed", slug="what-changed", summary="We listened.")
    outcome.consultations = [closed]
    outcome.live = False
    outcomes.add_child(instance=outcome)
    assert status.get_status(closed) == status.CLOSED  # a draft outcome does not count
    outcome.save_revision().publish()
    assert status.get_status(closed) == status.OUTCOME


def status_days(n):
    from django.utils import timezone

    return timezone.now() + datetime.timedelta(days=n)
