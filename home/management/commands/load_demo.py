from importlib import import_module

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

# Each app contributes its own part of the demo, in this order; each part is idempotent.
# partners.demo after feedback.demo: it marks some demo responses as sent through a partner's embed.
DEMO_PARTS = ["home.demo", "consultations.demo", "feedback.demo", "feedback.demo_staff", "partners.demo", "youwedid.demo", "reporting.demo", "involvement.demo"]
# Issue 7: the accessibility statement, then translations of what the parts above made.
DEMO_PARTS += ["home.demo_accessibility", "home.demo_translations"]
# Issue 14: the cookies page (footer), in every language.
DEMO_PARTS += ["home.demo_cookies"]
# Issue 17: an unlisted and an invited consultation, with a demo invitation link.
DEMO_PARTS += ["feedback.demo_invited"]
# Issue 19: responses to the open consultation that make its cross-tab and reach worth a look.
DEMO_PARTS += ["reporting.demo_reach"]
# Issue 18: a demo intake API key (needs the consultations above).
DEMO_PARTS += ["partners.demo_intake"]
# Issue 18: the Easy Read version of the open Eastbrook form, in every language, with responses.
DEMO_PARTS += ["feedback.demo_easy_read"]
# Issue 18: BSL videos on the open consultation's form (before it is translated), then BSL
# responses awaiting transcription in every language (after).
DEMO_PARTS.insert(DEMO_PARTS.index("home.demo_translations"), "feedback.demo_bsl_videos")
DEMO_PARTS += ["feedback.demo_bsl_responses"]


class Command(BaseCommand):
    help = "Build (or bring up to date) a realistic demo site. Safe to run again: it changes nothing twice."

    def handle(self, *args, **options):
        context = {"stdout": self.stdout}
        for dotted in DEMO_PARTS:
            try:
                module = import_module(dotted)
            except ModuleNotFoundError as error:
                if error.name != dotted:
                    raise
                continue
            with transaction.atomic():
                module.load(context)
        call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
