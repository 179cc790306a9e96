"""The engagement in figures, from the real responses: accepted ones only, small numbers hidden.

Every count below settings.SMALL_NUMBER_THRESHOLD is shown as "fewer than N" so nobody can be
picked out of a small group.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Max, Min
from django.db.models.fields.json import KT
from django.utils.translation import gettext as _


@dataclass
class Figure:
    label: str
    count: int | None  # None when suppressed

    @property
    def text(self):
        if self.count is None:
            return _("fewer than %(threshold)s") % {"threshold": threshold()}
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


def threshold():
    return getattr(settings, "SMALL_NUMBER_THRESHOLD", 5)


def suppressed(count):
    return count if count == 0 or count >= threshold() else None


def accepted_responses(consultations):
    """Accepted responses to these consultations, in every language (matched by translation_key)."""
    from feedback.models import Response

    keys = {c.translation_key for c in consultations}
    return Response.objects.filter(consultation__translation_key__in=keys, status=Response.Status.ACCEPTED)


def _breakdown(rows, key, labels):
    figures = [Figure(str(labels.get(row[key], row[key])), suppressed(row["n"])) for row in rows if row[key]]
    shown = sorted((f for f in figures if f.count is not None), key=lambda f: -f.count)
    hidden = [f for f in figures if f.count is None]
    if len(hidden) == 1 and shown:
        # One hidden figure could be worked out from the total: hide the next smallest too.
        smallest = shown.pop()
        hidden.insert(0, Figure(smallest.label, None))
    return shown + hidden


def engagement_summary(consultations):
    """Figures for the "engagement in figures" section, with as few queries as there are rows."""
    from feedback.about_you import AGE_BANDS
    from feedback.models import Response

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
