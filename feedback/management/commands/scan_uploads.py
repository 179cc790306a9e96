from django.core.management.base import BaseCommand

from feedback.uploads import rescan_unscanned


class Command(BaseCommand):
    help = (
        "Scan the uploaded files kept unscanned while clamd was unreachable "
        "(run from cron; safe to repeat)."
    )

    def handle(self, *args, **options):
        counts = rescan_unscanned()
        self.stdout.write(
            f"Clean: {counts['clean']}; infected (file removed): {counts['infected']}; "
            f"still unscanned: {counts['unscanned']}"
        )
