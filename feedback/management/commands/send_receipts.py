from django.core.management.base import BaseCommand

from feedback.tasks import resend_unsent_receipts


class Command(BaseCommand):
    help = "Send every receipt email that has not gone yet (the mail server was down). Safe to run often."

    def handle(self, *args, **options):
        sent, failed = resend_unsent_receipts()
        self.stdout.write(f"Receipts sent: {sent}; still unsent: {failed}")
