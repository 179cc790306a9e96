"""Send consultation.opened / consultation.closed webhooks, and retries that are due.

Opening and closing happen by the clock with no job behind them, so run this from cron, e.g.
every minute: it is idempotent (each event is recorded once per subscription, enforced by a
unique constraint) and covers the time since its last run, with a small overlap.
"""

from django.core.management.base import BaseCommand

from partners.webhooks import dispatch_consultation_events


class Command(BaseCommand):
    help = "Send webhooks for consultations that opened or closed since the last run, and due retries."

    def handle(self, *args, **options):
        recorded, retried = dispatch_consultation_events()
        self.stdout.write(f"{len(recorded)} new deliveries, {len(retried)} retries sent")
