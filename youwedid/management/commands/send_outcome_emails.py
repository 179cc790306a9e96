from django.core.management.base import BaseCommand

from youwedid.tasks import retry_pending_notifications


class Command(BaseCommand):
    help = "Retry outcome emails still pending (run from cron): never sends one twice."

    def handle(self, *args, **options):
        result = retry_pending_notifications.enqueue()
        self.stdout.write(f"Queued the pending outcome emails ({result.status}).")
