"""An Atom feed of an index page's consultations, in that index page's language."""

from django.contrib.syndication.views import Feed
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from consultations import status as status_module
from consultations.models.snippets import localized_terms
from consultations.outcomes import translation_keys_with_live_outcome
from consultations.templatetags.consultation_tags import date_words, time_words
from home.models import OrganisationSettings
from home.public_urls import public_url

FEED_SIZE = 50


class ConsultationAtomFeed(Feed):
    feed_type = Atom1Feed

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page
        self.language = index_page.locale.language_code

    def __call__(self, request, *args, **kwargs):
        self.request = request
        self.now = timezone.now()
        with translation.override(self.index_page.locale.language_code):
            response = super().__call__(request, *args, **kwargs)
        response["Content-Type"] = "application/atom+xml; charset=utf-8"
        return response

    def title(self):
        return self.index_page.title

    def subtitle(self):
        return self.index_page.introduction or _(
            "Consultations: have your say on health and care services."
        )

    def _absolute(self, page, suffix=""):
        return public_url((page.get_url(self.request) or "/") + suffix)

    def link(self):
        return self._absolute(self.index_page)

    def feed_url(self):
        return self._absolute(self.index_page, self.index_page.reverse_subpage("feed"))

    def feed_guid(self):
        return self.feed_url()

    def items(self):
        items = list(
            self.index_page.consultations()
            .order_by("-first_published_at", "-pk")
            .prefetch_related("topics")
            .select_related("locale")[:FEED_SIZE]
        )
        # One query for every item's outcome, not one per item.
        self.outcome_keys = translation_keys_with_live_outcome(
            [item.translation_key for item in items]
        )
        return items

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        status = status_module.status_from_dates(
            item.opens_at, item.closes_at, self.now, item.translation_key in self.outcome_keys
        )
        opens = _("%(time)s on %(date)s") % {
            "time": time_words(item.opens_at),
            "date": date_words(item.opens_at),
        }
        closes = _("%(time)s on %(date)s") % {
            "time": time_words(item.closes_at),
            "date": date_words(item.closes_at),
        }
        return "\n\n".join(
            [
                item.summary,
                _("Status: %(status)s.") % {"status": status_module.STATUS_LABELS[status]},
                _("Opens at %(opens)s. Closes at %(closes)s.") % {"opens": opens, "closes": closes},
            ]
        )

    def item_link(self, item):
        return self._absolute(item)

    def item_guid(self, item):
        return self._absolute(item)

    def item_guid_is_permalink(self, item):
        return True

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at

    def item_categories(self, item):
        return [term.name for term in localized_terms(item.topics.all(), item.locale)]

    def item_author_name(self, item):
        return self.author_name

    @cached_property
    def author_name(self):
        site = self.index_page.get_site()
        return OrganisationSettings.for_site(site).name if site else None
