"""Publishing or unpublishing an outcome changes its consultations' status: purge what shows it.

Publishing emails nobody (staff confirm the send: youwedid.admin_views.send_emails); unpublishing
the source outcome cancels any confirmed email not yet sent.

Connected in `YouwedidConfig.ready()`. The local page cache clears itself on any publish or
unpublish (home.cache); here we purge the CDN for every page that shows the outcome, and send
`outcome_pages_changed(pages=[...])` for anything else that caches them.
"""

import logging

from django.dispatch import Signal

from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache
from wagtail.models import Page

from consultations.models import ConsultationPage
from home.models import HomePage
from youwedid.models import YouSaidWeDidIndexPage
from youwedid.notifications import cancel_unsent, linked_consultation_keys, source_outcome

logger = logging.getLogger(__name__)

# Sent with pages=[...]: every page whose content depends on whether this outcome is live.
outcome_pages_changed = Signal()


def pages_affected_by(outcome):
    """The outcome's consultations in every language, the outcome itself and its index pages,
    and the home pages (which list the latest outcomes)."""

    keys = linked_consultation_keys(outcome)
    pages = list(ConsultationPage.objects.filter(translation_key__in=keys))
    pages += list(Page.objects.filter(translation_key=outcome.translation_key).specific())
    pages += list(YouSaidWeDidIndexPage.objects.all())
    pages += list(HomePage.objects.all())
    return pages


def purge_outcome_pages(outcome):
    pages = pages_affected_by(outcome)
    try:
        purge_pages_from_cache(pages)
    except Exception:  # a CDN being unreachable must never stop a publish
        logger.exception("Purging the front-end cache after an outcome change failed")
    # The local page cache is cleared by home.cache's own publish/unpublish receivers.
    outcome_pages_changed.send(sender=type(outcome), pages=pages)
    return pages


def outcome_published(sender, instance, **kwargs):
    purge_outcome_pages(instance)


def outcome_unpublished(sender, instance, **kwargs):
    purge_outcome_pages(instance)
    if not source_outcome(instance).live:
        cancel_unsent(instance)
