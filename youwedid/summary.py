"""The engagement in figures, from the real responses: accepted ones only, small numbers hidden.

These figures are public, so they follow reporting's one suppression rule
(`reporting.suppression`): a count below settings.SMALL_NUMBER_THRESHOLD is shown as "fewer
than N", and another small one beside it is hidden too, so nobody can be picked out of a small
group or worked out by subtraction.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Max, Min
from django.db.models.fields.json import KT
from django.utils.translation import gettext as _

from feedback.about_you import AGE_BANDS
from feedback.models import Response
from reporting.suppression import fewer_than_text, suppress


@dataclass
class Figure:
    label: str
    count: int | None  # None when suppressed

    @property
    def text(self):
        if self.count is None:
            return fewer_than_text()
        return f"{self.count:,}"


@dataclass
class EngagementSummary:
    total: Figure
    opened: object = None
    closed: object = None
    first_response: object = None
    last_response: object = None
    channels: list = field(default_factory=list)
    languages: list = field(default_factory=list)
    age_bands: list = field(default_factory=list)
    areas: Figure | None = None

    @property
    def has_responses(self):
        return self.total.count is None or self.total.count > 0


def suppressed(count):
    """A single public count: None (shown as "fewer than N") when reporting's rule hides it."""
    if count == 0:
        return 0  # "no responses" identifies nobody
    (cell,) = suppress([("count", "", count)]).cells
    return None if cell.suppressed else count


def accepted_responses(consultations):
    """Accepted responses to these consultations, in every language (matched by translation_key)."""
    keys = {c.translation_key for c in consultations}
    return Response.objects.filter(consultation__translation_key__in=keys, status=Response.Status.ACCEPTED)


def _breakdown(rows, key, labels):
    """Figures, largest first, then the hidden ones (reporting's primary and secondary suppression)."""
    cells = suppress([(row[key], str(labels.get(row[key], row[key])), row["n"]) for row in rows if row[key]]).cells
    shown = sorted((cell for cell in cells if not cell.suppressed), key=lambda cell: -cell.count)
    hidden = sorted((cell for cell in cells if cell.suppressed), key=lambda cell: cell.label)  # no hint of size
    return [Figure(cell.label, cell.count) for cell in shown] + [Figure(cell.label, None) for cell in hidden]


def engagement_summary(consultations):
    """Figures for the "engagement in figures" section, with as few queries as there are rows."""

    consultations = list(consultations)
    responses = accepted_responses(consultations)
    totals = responses.aggregate(total=Count("pk"), first=Min("submitted_at"), last=Max("submitted_at"))
    summary = EngagementSummary(
        total=Figure(_("Responses"), suppressed(totals["total"])),
        opened=min((c.opens_at for c in consultations), default=None),
        closed=max((c.closes_at for c in consultations), default=None),
        first_response=totals["first"],
        last_response=totals["last"],
    )
    if summary.total.count is None or not totals["total"]:
        return summary  # too few to break down without identifying anyone
    channels = responses.values("channel").annotate(n=Count("pk")).order_by()
    summary.channels = _breakdown(channels, "channel", dict(Response.Channel.choices))
    languages = responses.values("locale__language_code").annotate(n=Count("pk")).order_by()
    summary.languages = _breakdown(languages, "locale__language_code", dict(settings.LANGUAGES))
    ages = responses.annotate(band=KT("answers__about_age_band")).values("band").annotate(n=Count("pk")).order_by()
    summary.age_bands = _breakdown(ages, "band", dict(AGE_BANDS))
    districts = responses.exclude(postcode_district="").values("postcode_district").distinct().count()
    summary.areas = Figure(_("Postcode districts"), districts) if districts else None
    return summary
