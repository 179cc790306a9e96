"""Demo partners (runs after feedback's demo): a local Healthwatch and a GP patient participation
group, each allowed to embed our pages from a local address, and a webhook subscription. The demo
responses feedback made on the embed channel are marked as sent through the first partner's embed.

`make run` serves on 127.0.0.1:8000; /partners/demo/ is a stand-in partner page on that server.
Puts the partners in context["partners"] (a dict keyed by slug).
"""

from feedback.models import Response
from partners.models import Partner, WebhookSubscription

PARTNERS = [
    {
        "slug": "healthwatch-northfield",
        "name": "Healthwatch Northfield",
        "website": "https://healthwatch-northfield.example",
        "allowed_origins": "http://127.0.0.1:8001\nhttps://healthwatch-northfield.example",
        "contact_name": "Community engagement officer",
        "contact_email": "engagement@healthwatch-northfield.example",
    },
    {
        "slug": "riverside-surgery-ppg",
        "name": "Riverside Surgery Patient Participation Group",
        "website": "https://riverside-ppg.example",
        "allowed_origins": "http://localhost:8000\nhttp://127.0.0.1:8000",
        "contact_name": "PPG secretary",
        "contact_email": "ppg@riverside-surgery.example",
    },
]


def load(context):
    partners = {}
    for spec in PARTNERS:
        partner, _created = Partner.objects.get_or_create(slug=spec["slug"], defaults={k: v for k, v in spec.items() if k != "slug"})
        partners[partner.slug] = partner
    WebhookSubscription.objects.get_or_create(
        name="Healthwatch Northfield newsletter system",
        defaults={
            "partner": partners["healthwatch-northfield"],
            "url": "http://127.0.0.1:8001/hooks/have-your-say",
            "secret": "demo-webhook-secret-change-me",  # nosec B105 # noqa: S106 (demo only)
            "events": [event.value for event in WebhookSubscription.Event],
            "is_active": False,  # nothing listens on the demo address; staff can switch it on
        },
    )
    context["partners"] = partners
    embed_responses = [
        response.pk
        for response in context.get("demo_responses", [])
        if response.channel == Response.Channel.EMBED
    ]
    first = min(partners.values(), key=lambda partner: partner.pk)
    Response.objects.filter(pk__in=embed_responses, partner__isnull=True).update(partner=first)
    stdout = context.get("stdout")
    if stdout:
        stdout.write(f"Partners: {', '.join(p.name for p in partners.values())}; demo partner page at /partners/demo/")
