"""Demo intake API key (runs after the consultations and forms): Healthwatch Northfield's SMS
survey provider may send responses to the Eastbrook consultation. The key is a fixed, documented
demo value (docs/api.md) so `curl` works against `make run`; real keys are made in the admin."""

from partners.intake import hash_token, issue_token
from partners.models import IntakeToken, Partner

DEMO_KEY = "hys_demo-intake-key-healthwatch"  # nosec B105 (demo only, documented)
DEMO_CONSULTATION = "eastbrook-minor-injuries-unit"


def load(context):
    partner = Partner.objects.filter(slug="healthwatch-northfield").first()
    consultation = (context.get("consultations") or {}).get(DEMO_CONSULTATION)
    if partner is None or consultation is None:
        return
    token = IntakeToken.objects.filter(token_hash=hash_token(DEMO_KEY)).first()
    if token is None:
        token, _key = issue_token(
            partner,
            "SMS survey provider (demo)",
            [consultation],
            channel=IntakeToken.Channel.SMS,
            raw=DEMO_KEY,
        )
    stdout = context.get("stdout")
    if stdout:
        stdout.write(
            f"Intake API: demo key {DEMO_KEY} for consultation {consultation.pk} (docs/api.md)"
        )
