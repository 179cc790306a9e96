from django.core.management.base import BaseCommand
from django.utils import timezone

from feedback.models import Draft


class Command(BaseCommand):
    help = "Delete saved drafts whose consultation has closed. Safe to run daily."

    def handle(self, *args, **options):
        now = timezone.now()
        expired = Draft.objects.filter(expires_at__lte=now) | Draft.objects.filter(consultation__closes_at__lte=now)
        count = expired.count()
        Draft.objects.filter(pk__in=list(expired.values_list("pk", flat=True))).delete()
        self.stdout.write(f"Deleted {count} expired draft(s).")
