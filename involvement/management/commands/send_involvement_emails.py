from django.core.management.base import BaseCommand

from involvement.tasks import sweep


class Command(BaseCommand):
    help = (
        "Queue alerts for consultations that opened or close within a week, and retry pending "
        "alerts and invitations (run from cron): never sends one twice."
    )

    def handle(self, *args, **options):
        result = sweep.enqueue()
        self.stdout.write(f"Queued the register's alerts and invitations ({result.status}).")
