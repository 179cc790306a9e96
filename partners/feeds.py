"""Per-language Atom feeds at stable addresses: /feeds/<lang>/consultations.atom and outcomes.atom.

The consultations feed is the consultations app's own feed class (consultations.feeds), served
for that language's consultation index page; the outcomes feed is ours.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wagtail.models import Locale

from consultations.feeds import ConsultationAtomFeed
from consultations.models import ConsultationIndexPage
from home.public_urls import public_url
from youwedid.models import YouSaidWeDidPage

FEED_SIZE = 50


def locale_or_404(lang):
    if lang not in {code for code, _name in settings.LANGUAGES}:
        raise Http404("no such language")
    locale = Locale.objects.filter(language_code=lang).first()
    if locale is None:
        raise Http404("no such language")
    return locale


@require_GET
def consultations_feed(request, lang):

    locale = locale_or_404(lang)
    index = ConsultationIndexPage.objects.live().public().filter(locale=locale).order_by("path").first()
    if index is None:
        raise Http404("no consultations in this language")
    return ConsultationAtomFeed(index)(request)


class OutcomeAtomFeed(Feed):
    feed_type = Atom1Feed

    def __init__(self, locale):
        super().__init__()
        self.locale = locale
        # An attribute, not a method: Django's Feed reads `language` as a plain value.
        self.language = locale.language_code

    def __call__(self, request, *args, **kwargs):
        self.request = request
        with translation.override(self.locale.language_code):
            response = super().__call__(request, *args, **kwargs)
        response["Content-Type"] = "application/atom+xml; charset=utf-8"
        return response

    def title(self):
        return _("You said, we did: outcomes of our consultations")

    def subtitle(self):
        return _("What people told us, and what changed because of it.")

    def link(self):
        return public_url("/")

    def feed_url(self):
        return public_url(reverse("partners:outcomes_feed", args=[self.locale.language_code]))

    def feed_guid(self):
        return self.feed_url()

    def items(self):
        return (
            YouSaidWeDidPage.objects.live()
            .public()
            .filter(locale=self.locale)
            .order_by("-first_published_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return public_url(item, self.request)

    def item_guid(self, item):
        return public_url(item, self.request)

    def item_guid_is_permalink(self, item):
        return True

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at


@require_GET
def outcomes_feed(request, lang):
    return OutcomeAtomFeed(locale_or_404(lang))(request)
