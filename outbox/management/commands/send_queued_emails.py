from django.core.management.base import BaseCommand

from outbox.tasks import send_due_emails


class Command(BaseCommand):
    help = "Send queued emails that are due and retry failed ones (run from cron): never twice."

    def handle(self, *args, **options):
        result = send_due_emails.enqueue()
        self.stdout.write(f"Queued the emails that are due ({result.status}).")
