"""Outcome published → webhook; a partner saved → cached embeds forgotten (wired in PartnersConfig.ready)."""

import logging

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.signals import page_published

from partners.models import Partner

logger = logging.getLogger(__name__)


@receiver([post_save, post_delete], sender=Partner, dispatch_uid="partners.partner_changed")
def partner_changed(sender, **kwargs):
    """Embeds are cached with their partner (partners.embed.embed_target): an untick of "active"
    or a new allowed origin must take effect at once."""
    from home.cache import clear_local

    clear_local()


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
