import datetime
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.core.management import call_command
from django.utils import timezone

import pytest

from partners import webhooks
from partners.models import WebhookDelivery, WebhookSubscription
from tests.factories import make_consultation

pytestmark = pytest.mark.django_db

SECRET = "s3cret-for-tests"


class Receiver:
    """A real HTTP server on loopback that records what it is sent and answers `status`."""

    def __init__(self, status=204):
        self.status = status
        self.received = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((self.headers, body))
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.close()


def subscribe(url, events=None):
    return WebhookSubscription.objects.create(
        name="Test receiver", url=url, secret=SECRET, events=events or [e.value for e in WebhookSubscription.Event]
    )


def test_opened_and_closed_are_sent_once_signed_however_often_the_command_runs(home_page, receiver, django_capture_on_commit_callbacks):
    subscribe(receiver.url)
    now = timezone.now()
    make_consultation(home_page, title="Opens soon", opens=0, closes=30)  # opened moments ago
    just_closed = make_consultation(home_page, title="Closed now", opens=-30, closes=-1)
    just_closed.closes_at = now - datetime.timedelta(minutes=2)
    just_closed.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("dispatch_consultation_events")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("dispatch_consultation_events")
    with django_capture_on_commit_callbacks(execute=True):
        webhooks.dispatch_consultation_events(now=timezone.now() + datetime.timedelta(seconds=30))
    events = sorted(json.loads(body)["event"] for _headers, body in receiver.received)
    assert events == ["consultation.closed", "consultation.opened"]
    for headers, body in receiver.received:
        assert webhooks.verify(SECRET, headers["X-HYS-Timestamp"], body, headers["X-HYS-Signature"])
        assert not webhooks.verify("wrong", headers["X-HYS-Timestamp"], body, headers["X-HYS-Signature"])
    assert WebhookDelivery.objects.filter(status="delivered").count() == 2
    delivery = WebhookDelivery.objects.get(event="consultation.opened")
    assert delivery.response_code == 204 and delivery.attempts == 1
    assert json.loads(receiver.received[0][1])["data"]["title"] in {"Opens soon", "Closed now"}


def test_failed_delivery_is_retried_with_capped_backoff_then_marked_failed(home_page):
    failing = Receiver(status=500)
    try:
        sub = subscribe(failing.url, ["outcome.published"])
        delivery = WebhookDelivery.objects.create(subscription=sub, event="outcome.published", object_key="k", occurrence="1", payload={"x": 1})
        first = webhooks.attempt(delivery.pk)
        assert first.status == "retrying" and first.response_code == 500 and first.attempts == 1
        assert first.next_attempt_at - first.last_attempt_at == datetime.timedelta(seconds=60)
        for _ in range(webhooks.MAX_ATTEMPTS - 1):
            last = webhooks.attempt(delivery.pk)
        assert last.status == "failed" and last.attempts == webhooks.MAX_ATTEMPTS
        assert len(failing.received) == webhooks.MAX_ATTEMPTS
    finally:
        failing.close()
    assert webhooks.backoff(100) == webhooks.BACKOFF_CAP_SECONDS


def test_due_retry_is_sent_by_the_dispatch_command(home_page, receiver):
    sub = subscribe(receiver.url)
    delivery = WebhookDelivery.objects.create(
        subscription=sub, event="outcome.published", object_key="k", occurrence="1", payload={"x": 1},
        status="retrying", attempts=1, next_attempt_at=timezone.now() - datetime.timedelta(seconds=1),
    )
    call_command("dispatch_consultation_events")
    delivery.refresh_from_db()
    assert delivery.status == "delivered" and delivery.attempts == 2


def test_record_event_is_idempotent_per_occurrence(home_page, receiver, django_capture_on_commit_callbacks):
    subscribe(receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        first = webhooks.record_event("outcome.published", "key-1", "2026-01-01", {"title": "x"})
        again = webhooks.record_event("outcome.published", "key-1", "2026-01-01", {"title": "x"})
    assert len(first) == 1 and again == []
    assert len(receiver.received) == 1
