"""What a consultation page shows, computed in one place so tests and other views can call it.

Everything that needs the database is lazy: the page template keeps its main content in the
fragment cache (home.cache), and a cached fragment should not cost the queries that built it.
"""

from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from consultations import status as status_module
from consultations.choices import INVOLVEMENT_PLAIN_WORDS, STAGE_PLAIN_WORDS, Visibility
from consultations.materials import prepare_materials
from consultations.models.snippets import localized_terms
from consultations.outcomes import live_outcome_for
from home.request_memo import locale_of


def consultation_context(page, request, now=None):
    now = now or timezone.now()
    outcome_cache = {}

    def has_outcome():
        outcome_cache["outcome"] = live_outcome_for(page) if page.pk else None
        return outcome_cache["outcome"] is not None

    status = status_module.status_from_dates(page.opens_at, page.closes_at, now, has_outcome)
    forms = SimpleLazyObject(page.response_form_pages)  # both forms in one query
    response_form = SimpleLazyObject(lambda: forms.get("standard"))
    easy_read_form = SimpleLazyObject(lambda: forms.get("easy_read"))
    events = SimpleLazyObject(lambda: list(page.events.all()))
    stage = STAGE_PLAIN_WORDS.get(page.engagement_stage)
    involvement = INVOLVEMENT_PLAIN_WORDS.get(page.involvement_level)
    page_url = page.get_url(request) if page.pk else None
    return {
        "status": status,
        "status_label": status_module.STATUS_LABELS[status],
        "status_tag_class": status_module.STATUS_TAG_CLASSES[status],
        "days_to_close": status_module.days_until(page.closes_at, now),
        "days_to_open": status_module.days_until(page.opens_at, now),
        "outcome": outcome_cache.get("outcome"),
        "response_form": response_form,
        "easy_read_form": easy_read_form,
        "events": events,
        "upcoming_events": SimpleLazyObject(lambda: [e for e in events if (e.ends_at or e.starts_at) >= now]),
        "past_events": SimpleLazyObject(lambda: [e for e in events if (e.ends_at or e.starts_at) < now]),
        "materials": SimpleLazyObject(lambda: prepare_materials(page, request)),
        "topics": SimpleLazyObject(lambda: localized_terms(page.topics.all(), locale_of(page) if page.locale_id else None)),
        "areas": SimpleLazyObject(lambda: localized_terms(page.areas.all(), locale_of(page) if page.locale_id else None)),
        "stage_words": stage,
        "involvement_words": involvement,
        "ways_to_respond": SimpleLazyObject(
            lambda: page.ways_to_respond(has_events=bool(events), has_online_form=bool(response_form))
        ),
        "format_request_url": page_url + page.reverse_subpage("format_request") if page_url else "",
        "calendar_url": page_url + page.reverse_subpage("calendar") if page_url else "",
        "listed": page.visibility == Visibility.PUBLIC,
        "invited": page.visibility == Visibility.INVITED,
        "now": now,
    }
