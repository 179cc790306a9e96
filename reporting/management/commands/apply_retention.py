from django.core.management.base import BaseCommand

from reporting.retention import (
    KINDS,
    apply_personal_data_retention,
    apply_retention,
    cutoff,
    retention_days,
    retention_years,
)


class Command(BaseCommand):
    help = (
        "Anonymise responses whose consultation closed more than RESPONSE_RETENTION_YEARS ago: "
        "names, email addresses and answers in people's own words are removed, closed answers kept. "
        "Then remove every other kind of personal data past its period (PERSONAL_DATA_RETENTION_DAYS): "
        "format requests, general feedback, page comments, drafts, sessions, outcome emails, webhook logs. "
        "Safe to run daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be removed.")

    def handle(self, *args, dry_run=False, **options):
        counts = apply_retention(dry_run=dry_run)
        total = sum(counts.values())
        verb = "Would anonymise" if dry_run else "Anonymised"
        self.stdout.write(
            f"{verb} {total} responses in {len(counts)} consultations closed before "
            f"{cutoff():%Y-%m-%d} ({retention_years()} years)."
        )
        verb = "Would remove" if dry_run else "Removed"
        for name, count in apply_personal_data_retention(dry_run=dry_run).items():
            self.stdout.write(f"{verb} {count} {name.replace('_', ' ')} older than {retention_days(KINDS[name])} days.")
