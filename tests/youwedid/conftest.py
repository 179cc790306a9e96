import socket
from datetime import date, timedelta

from django.utils import timezone

import pytest
from aiosmtpd.controller import Controller

from consultations.models import ConsultationIndexPage, ConsultationPage
from feedback.models import Response
from youwedid.models import OutcomeItem, YouSaidWeDidIndexPage, YouSaidWeDidPage


def make_consultation(home, slug="minor-injuries", title="Minor injuries in Eastbrook", closed_days_ago=100, **fields):
    index = ConsultationIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(instance=ConsultationIndexPage(title="Consultations", slug="consultations"))
        index.save_revision().publish()
    closes = timezone.now() - timedelta(days=closed_days_ago)
    page = index.add_child(
        instance=ConsultationPage(
            title=title, slug=slug, summary="Where minor injuries should be treated.",
            opens_at=closes - timedelta(days=56), closes_at=closes, **fields,
        )
    )
    page.save_revision().publish()
    return page


def make_outcome(home, consultations, slug="minor-injuries-outcome", title="What changed at Eastbrook", publish=True, items=None):
    index = YouSaidWeDidIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(instance=YouSaidWeDidIndexPage(title="You said, we did", slug="you-said-we-did"))
        index.save_revision().publish()
    outcome = YouSaidWeDidPage(title=title, slug=slug, summary="We kept the unit open in the evenings.")
    outcome.consultations = list(consultations)
    items = items if items is not None else [
        OutcomeItem(you_said="Keep evening opening.", we_did="The unit stays open until 10pm.", status="changed"),
        OutcomeItem(you_said="More parking.", we_did="Twenty more spaces.", status="will_change", target_date=date(2027, 6, 1)),
        OutcomeItem(you_said="X-ray at weekends.", we_did="Not possible yet.", status="could_not_change", reason="We have no radiographers at weekends."),
    ]
    for position, item in enumerate(items):  # as the admin's ordering does: no sort_order is no order
        if item.sort_order is None:
            item.sort_order = position
    outcome.items = items
    index.add_child(instance=outcome)
    revision = outcome.save_revision()
    if publish:
        revision.publish()
        outcome.refresh_from_db()
    return outcome


def make_response(consultation, locale, email="", wants_outcome=False, status=Response.Status.ACCEPTED, **fields):
    return Response.objects.create(
        consultation=consultation, locale=locale, email=email, wants_outcome=wants_outcome, status=status, **fields
    )


def confirm_send(outcome, user=None, send_after=None):
    """What the confirm screen does once staff press the button (for tests of the machinery;
    the screen itself is tested through the admin and the browser)."""
    from youwedid import notifications, tasks

    ids = notifications.confirm_send(outcome, user, send_after=send_after)
    tasks.enqueue_confirmed(ids, send_after)
    return ids


@pytest.fixture
def consultation(home_page):
    return make_consultation(home_page)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 — aiosmtpd's hook name
        from email import message_from_bytes, policy

        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append({"to": list(envelope.rcpt_tos), "message": message})
        return "250 Message accepted"

    def recipients(self):
        return sorted(address for item in self.messages for address in item["to"])


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback; the site sends to it through Django's SMTP backend."""
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    inbox.controller = controller
    inbox.port = port
    yield inbox
    controller.stop()
