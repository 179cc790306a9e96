"""Outcome published → webhook; a partner saved → cached embeds forgotten (wired in PartnersConfig.ready)."""

import logging

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.signals import page_published

from home.cache import clear_local
from partners.models import Partner
from partners.webhooks import outcome_published as record
from youwedid.models import YouSaidWeDidPage

logger = logging.getLogger(__name__)


@receiver([post_save, post_delete], sender=Partner, dispatch_uid="partners.partner_changed")
def partner_changed(sender, **kwargs):
    """Embeds are cached with their partner (partners.embed.embed_target): an untick of "active"
    or a new allowed origin must take effect at once."""
    clear_local()


@receiver(page_published)
def outcome_published(sender, instance, **kwargs):
    if not isinstance(instance, YouSaidWeDidPage):
        return

    try:
        record(instance)
    except Exception:  # publishing must never fail because of a webhook
        logger.exception("could not record outcome.published for page %s", instance.pk)
