"""Outcome published → webhook (wired in PartnersConfig.ready)."""

import logging

from django.dispatch import receiver

from wagtail.signals import page_published

logger = logging.getLogger(__name__)


@receiver(page_published)
def outcome_published(sender, instance, **kwargs):
    from youwedid.models import YouSaidWeDidPage

    if not isinstance(instance, YouSaidWeDidPage):
        return
    from partners.webhooks import outcome_published as record

    try:
        record(instance)
    except Exception:  # publishing must never fail because of a webhook
        logger.exception("could not record outcome.published for page %s", instance.pk)
