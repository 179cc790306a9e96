"""The consultation index: groups people scan, filters that work without JavaScript, pages of results.

Everything is decided in the database: the status group of each consultation is an annotation
computed from its dates (and one query for which closed ones have an outcome), so filtering,
counting, ordering and paginating never load every consultation into Python.
"""

import bisect
import datetime

from django.core.paginator import Paginator
from django.db.models import Case, Count, DateTimeField, F, IntegerField, Value, When
from django.utils import timezone
from django.utils.http import urlencode

from consultations import status as status_module
from consultations.models.pages import ConsultationPage
from consultations.models.snippets import Area, Topic, localized_terms
from consultations.outcomes import translation_keys_with_live_outcome
from home.cache import cached_value, changes_at
from home.request_memo import default_locale, locale_of

PER_PAGE = 10
GROUP_RANKS = {
    status_module.OPEN: 0,
    status_module.UPCOMING: 1,
    status_module.CLOSED: 2,
    status_module.OUTCOME: 3,
}
RANK_STATUS = {rank: key for key, rank in GROUP_RANKS.items()}


def annotate_status(queryset, now):
    """Adds `status_rank` (0 open, 1 upcoming, 2 closed, 3 outcome) and a within-group sort key."""
    closed_keys = queryset.filter(closes_at__lte=now).values_list("translation_key", flat=True)
    outcome_keys = list(translation_keys_with_live_outcome(closed_keys))
    return queryset.annotate(
        status_rank=Case(
            When(opens_at__gt=now, then=Value(GROUP_RANKS[status_module.UPCOMING])),
            When(closes_at__gt=now, then=Value(GROUP_RANKS[status_module.OPEN])),
            When(translation_key__in=outcome_keys, then=Value(GROUP_RANKS[status_module.OUTCOME])),
            default=Value(GROUP_RANKS[status_module.CLOSED]),
            output_field=IntegerField(),
        ),
        # Open: closing soonest first. Coming soon: opening soonest first. Closed: most recent first.
        soonest=Case(
            When(opens_at__gt=now, then=F("opens_at")),
            When(closes_at__gt=now, then=F("closes_at")),
            default=Value(None),
            output_field=DateTimeField(),
        ),
    )


def _terms_for_filter(model, locale):
    """The terms of one taxonomy in this language, falling back to the default language's."""
    terms = list(model.objects.select_related("locale").order_by("name"))
    by_slug = {}
    for term in terms:
        if term.locale_id == locale.pk or term.slug not in by_slug:
            by_slug[term.slug] = term
    return sorted(by_slug.values(), key=lambda term: term.name.casefold())


def _clean_choice(value, allowed):
    value = (value or "").strip()
    return value if value in allowed else ""


def listing_context(index_page, request, now=None):
    now = now or timezone.now()
    lists_change_at(now)  # the groups and the days left change then
    locale = locale_of(index_page)  # the request's locales: no query of its own
    topics = _terms_for_filter(Topic, locale)
    areas = _terms_for_filter(Area, locale)
    selected = {
        "topic": _clean_choice(request.GET.get("topic"), {t.slug for t in topics}),
        "area": _clean_choice(request.GET.get("area"), {a.slug for a in areas}),
        "status": _clean_choice(request.GET.get("status"), set(GROUP_RANKS)),
    }

    consultations = index_page.consultations()
    # Subqueries, not joins: a consultation tagged with a term in two languages is still listed once.
    if selected["topic"]:
        consultations = consultations.filter(
            pk__in=ConsultationPage.objects.filter(topics__slug=selected["topic"]).values("pk")
        )
    if selected["area"]:
        consultations = consultations.filter(
            pk__in=ConsultationPage.objects.filter(areas__slug=selected["area"]).values("pk")
        )
    consultations = annotate_status(consultations, now)

    counts = dict.fromkeys(GROUP_RANKS, 0)
    for row in consultations.order_by().values("status_rank").annotate(n=Count("pk")):
        counts[RANK_STATUS[row["status_rank"]]] = row["n"]
    if selected["status"]:
        consultations = consultations.filter(status_rank=GROUP_RANKS[selected["status"]])

    consultations = consultations.order_by(
        "status_rank", F("soonest").asc(nulls_last=True), "-closes_at", "title"
    )
    consultations = consultations.prefetch_related("topics", "areas")
    paginator = Paginator(consultations, PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))

    groups = []
    for consultation in page_obj.object_list:
        status = RANK_STATUS[consultation.status_rank]
        consultation.status = status
        consultation.status_label = status_module.STATUS_LABELS[status]
        consultation.status_tag_class = status_module.STATUS_TAG_CLASSES[status]
        consultation.days_to_close = status_module.days_until(consultation.closes_at, now)
        consultation.days_to_open = status_module.days_until(consultation.opens_at, now)
        consultation.localized_topics = localized_terms(consultation.topics.all(), locale)
        if not groups or groups[-1]["status"] != status:
            groups.append(
                {
                    "status": status,
                    "label": status_module.STATUS_LABELS[status],
                    "total": counts[status],
                    "items": [],
                }
            )
        groups[-1]["items"].append(consultation)

    query = {key: value for key, value in selected.items() if value}
    index_url = index_page.get_url(request) or ""
    return {
        "topics": topics,
        "areas": areas,
        "statuses": [(key, status_module.STATUS_LABELS[key]) for key in status_module.STATUSES],
        "selected": selected,
        "filtered": bool(query),
        "result_count": paginator.count,
        "status_counts": counts,
        "groups": groups,
        "page_obj": page_obj,
        "filter_query": urlencode(query),
        "feed_url": index_url + index_page.reverse_subpage("feed"),
        "calendar_url": index_url + index_page.reverse_subpage("calendar"),
        "now": now,
    }


def open_in_language(consultations, locale):
    """The consultations in ``locale``, and those not (yet) published in it in the source language,
    by closing date: a language with nothing translated never says "nothing open" while something
    is. The template marks the source-language ones (``lang`` and "Shown in English")."""
    in_language = consultations.filter(locale=locale).select_related("locale")
    default = default_locale()
    if locale.pk == default.pk:
        return list(in_language.order_by("closes_at"))
    untranslated = (
        consultations.filter(locale=default)
        .exclude(translation_key__in=in_language.values("translation_key"))
        .select_related("locale")
    )
    return sorted([*in_language, *untranslated], key=lambda page: page.closes_at)


def open_now(locale, now=None):
    """Every consultation open now for readers of ``locale`` (see open_in_language), soonest closing first."""
    now = now or timezone.now()
    return open_in_language(
        ConsultationPage.objects.live().listed().filter(opens_at__lte=now, closes_at__gt=now),
        locale,
    )


def listing_moment(now=None) -> str:
    """A value that changes whenever a list of open consultations would: when one opens or closes,
    and at midnight UK time (each card counts the days to its closing). For the key of a cached
    fragment that shows such a list; the moments are read once until the next publish."""
    now = now or timezone.now()
    return f"{timezone.localdate(now).isoformat()}|{bisect.bisect_right(_moments(), now)}"


def lists_change_at(now):
    """Tell the page cache (home.cache.changes_at) that this page lists consultations: it changes
    at the next opening or closing moment, or at midnight, whichever comes first. Worked out only
    if the page is stored."""

    def moment():
        moments = _moments()
        passed = bisect.bisect_right(moments, now)
        return min([next_midnight(now), *moments[passed : passed + 1]])

    changes_at(moment)


def next_midnight(now):
    """The next midnight in the site's time zone (UK)."""
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time()))


def _moments():
    return cached_value("consultation-moments", _opening_and_closing_moments)


def _opening_and_closing_moments():
    rows = ConsultationPage.objects.live().values_list("opens_at", "closes_at")
    return sorted(moment for row in rows for moment in row if moment is not None)
