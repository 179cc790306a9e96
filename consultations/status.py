"""A consultation's status: a pure function of its dates and whether an outcome is live.

Nothing stores the status, so nothing can drift, and no job has to run when a consultation
opens or closes: the next request simply sees a different answer.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consultations.outcomes import live_outcome_for

if TYPE_CHECKING:
    from wagtail.models import Page

UPCOMING = "upcoming"
OPEN = "open"
CLOSED = "closed"
OUTCOME = "outcome"
STATUSES = [OPEN, UPCOMING, CLOSED, OUTCOME]  # the order the index page shows its groups in

STATUS_LABELS = {
    UPCOMING: _("Coming soon"),
    OPEN: _("Open"),
    CLOSED: _("Closed"),
    OUTCOME: _("Outcome published"),
}
# NHS.UK tag colours: https://service-manual.nhs.uk/design-system/components/tag
STATUS_TAG_CLASSES = {
    UPCOMING: "nhsuk-tag--blue",
    OPEN: "nhsuk-tag--green",
    CLOSED: "nhsuk-tag--grey",
    OUTCOME: "nhsuk-tag--purple",
}


def status_from_dates(
    opens_at: datetime,
    closes_at: datetime,
    now: datetime,
    has_outcome: bool | Callable[[], bool] = False,
) -> str:
    """`upcoming` before opens_at, `open` from opens_at until closes_at, then `closed` or `outcome`.

    `has_outcome` may be a bool or a callable, so the outcome is only looked up once closed.
    """
    if now < opens_at:
        return UPCOMING
    if now < closes_at:
        return OPEN
    outcome = has_outcome() if callable(has_outcome) else has_outcome
    return OUTCOME if outcome else CLOSED


def get_status(page: Page, now: datetime | None = None) -> str:
    now = now or timezone.now()
    return status_from_dates(
        page.opens_at, page.closes_at, now, lambda: live_outcome_for(page) is not None
    )


def is_open(page: Page, now: datetime | None = None) -> bool:
    return get_status(page, now) == OPEN


def days_until(moment: datetime, now: datetime | None = None) -> int:
    """Whole calendar days in UK time from today until the day of `moment` (0 = today).

    Counted on the UK calendar, not in 24-hour blocks, so the clocks changing never makes
    "closes in 2 days" wrong.
    """
    now = now or timezone.now()
    return (timezone.localtime(moment).date() - timezone.localtime(now).date()).days


def closes_in_days(page: Page, now: datetime | None = None) -> int:
    return days_until(page.closes_at, now)


def local(moment: datetime) -> datetime:
    """The moment in UK time (Europe/London, the site's TIME_ZONE)."""
    if isinstance(moment, datetime) and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return timezone.localtime(moment)
