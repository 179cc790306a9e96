"""Webhooks: record an event once per subscription, deliver it signed, retry with capped backoff.

Receivers check `X-HYS-Signature: sha256=<hex>` = HMAC-SHA256(secret, f"{timestamp}." + body)
with `X-HYS-Timestamp` (seconds since the epoch), and should refuse timestamps older than a few
minutes (replay). See docs/api.md.
"""

import hashlib
import hmac
import json
import logging
import urllib.error
import urllib.request
from datetime import timedelta

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Locale

from django_tasks import default_task_backend

from consultations.models import ConsultationPage
from consultations.status import get_status
from home.public_urls import public_url
from partners.models import EventCursor, WebhookDelivery, WebhookSubscription

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
BACKOFF_BASE_SECONDS = 60
BACKOFF_CAP_SECONDS = 6 * 60 * 60
TIMEOUT_SECONDS = 10
USER_AGENT = "HaveYourSay-Webhooks/1"


def sign(secret, timestamp, body):
    message = f"{timestamp}.".encode() + body
    return "sha256=" + hmac.new(str(secret).encode(), message, hashlib.sha256).hexdigest()


def verify(secret, timestamp, body, signature):
    return hmac.compare_digest(sign(secret, timestamp, body), str(signature or ""))


def backoff(attempts):
    """Seconds to wait after the n-th failed attempt: 1, 2, 4, 8 … minutes, never above the cap."""
    return min(BACKOFF_BASE_SECONDS * 2 ** max(0, attempts - 1), BACKOFF_CAP_SECONDS)


def subscriptions_for(event):
    return [s for s in WebhookSubscription.objects.filter(is_active=True).select_related("partner") if event in (s.events or [])]


def record_event(event, object_key, occurrence, payload):
    """Create one delivery per subscribed URL (at most once per occurrence) and send on commit."""
    created_ids = []
    for subscription in subscriptions_for(event):
        if subscription.partner_id and not subscription.partner.is_active:
            continue
        try:
            with transaction.atomic():
                delivery = WebhookDelivery.objects.create(
                    subscription=subscription,
                    event=event,
                    object_key=str(object_key),
                    occurrence=str(occurrence)[:64],
                    payload={"event": event, "delivery": None, "data": payload},
                )
        except IntegrityError:
            continue  # already recorded: this is the idempotency the unique constraint gives
        delivery.payload["delivery"] = delivery.pk
        delivery.save(update_fields=["payload"])
        created_ids.append(delivery.pk)
        transaction.on_commit(lambda pk=delivery.pk: enqueue_delivery(pk), robust=True)
    return created_ids


def enqueue_delivery(delivery_id, run_after=None):
    # circular: partners.tasks imports this module
    from partners.tasks import deliver_webhook

    task = deliver_webhook
    if run_after is not None and getattr(default_task_backend, "supports_defer", False):
        task = task.using(run_after=run_after)
    elif run_after is not None:
        return None  # `dispatch_consultation_events` sends it when it is due
    try:
        return task.enqueue(delivery_id)
    except Exception:  # the delivery is recorded; the next dispatch run retries it
        logger.exception("could not enqueue webhook delivery %s", delivery_id)
        return None


def body_of(delivery):
    return json.dumps(delivery.payload, cls=DjangoJSONEncoder, separators=(",", ":"), sort_keys=True).encode()


def attempt(delivery_id, now=None):
    """One delivery attempt. Returns the delivery with its new status."""
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().select_related("subscription").filter(pk=delivery_id).first()
        if delivery is None or delivery.status in (WebhookDelivery.Status.DELIVERED, WebhookDelivery.Status.FAILED):
            return delivery
        delivery.attempts += 1
        delivery.last_attempt_at = now or timezone.now()
        delivery.save(update_fields=["attempts", "last_attempt_at"])
    subscription = delivery.subscription
    body = body_of(delivery)
    timestamp = str(int(delivery.last_attempt_at.timestamp()))
    request = urllib.request.Request(  # noqa: S310 (an http(s) URL validated by URLField)
        subscription.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "X-HYS-Event": delivery.event,
            "X-HYS-Delivery": str(delivery.pk),
            "X-HYS-Timestamp": timestamp,
            "X-HYS-Signature": sign(subscription.secret, timestamp, body),
        },
    )
    code, error = None, ""
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as reply:  # nosec B310 (URLField validation admits no file: URLs) # noqa: S310
            code = reply.status
    except urllib.error.HTTPError as failure:
        code, error = failure.code, f"HTTP {failure.code}"
    except (OSError, ValueError) as failure:
        error = str(failure)[:255] or failure.__class__.__name__
    delivery.response_code = code
    if code is not None and 200 <= code < 300:
        delivery.status, delivery.error, delivery.delivered_at, delivery.next_attempt_at = (
            WebhookDelivery.Status.DELIVERED, "", timezone.now(), None,
        )
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.status, delivery.error, delivery.next_attempt_at = WebhookDelivery.Status.FAILED, error[:255], None
    else:
        delivery.status, delivery.error = WebhookDelivery.Status.RETRYING, error[:255]
        delivery.next_attempt_at = delivery.last_attempt_at + timedelta(seconds=backoff(delivery.attempts))
    delivery.save(update_fields=["response_code", "status", "error", "delivered_at", "next_attempt_at"])
    if delivery.status == WebhookDelivery.Status.RETRYING:
        enqueue_delivery(delivery.pk, run_after=delivery.next_attempt_at)
    return delivery


def retry_due(now=None):
    """Send every delivery whose retry time has come (for backends that cannot defer tasks)."""
    now = now or timezone.now()
    due = list(
        WebhookDelivery.objects.filter(status__in=[WebhookDelivery.Status.RETRYING, WebhookDelivery.Status.PENDING], next_attempt_at__lte=now)
        .values_list("pk", flat=True)
    )
    for pk in due:
        enqueue_delivery(pk)
    return due


# --- Events ----------------------------------------------------------------------------------------
def page_payload(page, kind):

    data = {"id": page.pk, "title": page.title, "language": page.locale.language_code, "url": public_url(page)}
    if kind == "consultation":
        data.update(
            {
                "status": get_status(page),
                "opens_at": page.opens_at.isoformat(),
                "closes_at": page.closes_at.isoformat(),
                "api_url": public_url(reverse("partners:api_consultation", args=[page.pk])),
            }
        )
    else:
        data["summary"] = page.summary
    return data


def consultation_events(since, until):
    """(event, page, occurrence) for source-language consultations that opened/closed in (since, until]."""

    pages = ConsultationPage.objects.live().public().listed().filter(locale=Locale.get_default())
    out = []
    for page in pages.filter(opens_at__gt=since, opens_at__lte=until):
        out.append((WebhookSubscription.Event.CONSULTATION_OPENED, page, page.opens_at.isoformat()))
    for page in pages.filter(closes_at__gt=since, closes_at__lte=until):
        out.append((WebhookSubscription.Event.CONSULTATION_CLOSED, page, page.closes_at.isoformat()))
    return out


CURSOR = "consultation_events"
FIRST_RUN_LOOKBACK = timedelta(hours=1)
OVERLAP = timedelta(minutes=5)  # a late or overlapping run misses nothing; the constraint stops repeats


def dispatch_consultation_events(now=None):
    now = now or timezone.now()
    cursor = EventCursor.objects.filter(name=CURSOR).first()
    since = (cursor.checked_until - OVERLAP) if cursor else now - FIRST_RUN_LOOKBACK
    recorded = []
    with transaction.atomic():
        for event, page, occurrence in consultation_events(since, now):
            recorded += record_event(event, page.translation_key, occurrence, page_payload(page, "consultation"))
        EventCursor.objects.update_or_create(name=CURSOR, defaults={"checked_until": now})
    retried = retry_due(now)
    return recorded, retried


def outcome_published(page):
    """From Wagtail's page_published signal: once per outcome (its first publication)."""
    if page.locale_id != Locale.get_default().pk or page.first_published_at is None:
        return []
    return record_event(
        WebhookSubscription.Event.OUTCOME_PUBLISHED, page.translation_key, page.first_published_at.isoformat(), page_payload(page, "outcome")
    )
