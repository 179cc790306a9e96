"""Demo content for reporting: themes and coded answers on a closed consultation, a few responses
approved for publication (one with a redaction), and an engagement report in the analyst's words.

Reads context['consultations'] ({slug: ConsultationPage}, from consultations.demo) defensively
and falls back to the database. Idempotent: running it twice changes nothing.
Puts in context: 'reporting_consultation' (the consultation it worked on) and
'engagement_report' (its EngagementReport).
"""

import datetime

from django.db.models import Count
from django.utils import timezone

from wagtail.models import Locale

from consultations.models import ConsultationPage
from feedback.models import Response

from . import campaigns, coding, publication, theme_suggestions
from .models import CampaignScan, EngagementReport, PublicationDecision, ThemeSuggestion

# Theme name -> words that put an answer in it (the demo's stand-in for an analyst's reading).
THEMES = {
    "Public transport": ("bus", "route", "drive", "walk", "villages"),
    "Parking": ("parking",),
    "Opening hours": ("opening hours", "evening", "a&e"),
    "Keep services local": ("villages", "short walk", "easier for me to get there"),
    "Staff and care": ("staff", "kind"),
    "Equipment on site": ("x-ray",),
    "Waiting times": ("waiting",),
}

REPORT = {
    "summary": (
        "Between the dates below we asked people across Northfield and Eastbrook what they thought "
        "of our proposal. People answered online, on partners' websites, on paper, by phone and at "
        "drop-in events. Most people understood why we want to change the service; many told us "
        "that how they would travel to it matters more to them than where it is."
    ),
    "engagement": (
        "We published the proposal with an Easy Read version, large print and audio, and in Welsh, "
        "Polish and Urdu. Local Healthwatch and two patient participation groups shared the survey "
        "with their members, and we held drop-in sessions in the town library and at the market.\n\n"
        "Staff typed in paper and phone responses as they arrived, so every voice is counted in the "
        "same way."
    ),
    "findings": (
        "Three themes came up again and again: getting there without a car, parking at the new "
        "site, and keeping evening opening so that people do not have to go to A&E.\n\n"
        "People who live in the villages were the most worried. People who had used the unit "
        "recently spoke warmly about the staff."
    ),
    "recommendations": (
        "Work with the bus operator on a stop at the new centre before it opens.\n\n"
        "Keep the unit open until 10pm, as proposed, and publish the opening hours widely.\n\n"
        "Review parking at the new site six months after opening."
    ),
    "next_steps": (
        "The board will consider this report at its meeting in public. We will publish its decision "
        "on our 'You said, we did' page and write to everyone who asked to hear the outcome."
    ),
}


# A campaign's template, sent with the small edits people make (an organised response to find).
CAMPAIGN = (
    "Keep our minor injuries unit open in the town centre. Moving it to the edge of town means "
    "two buses for families without a car, and nobody should travel that far for a sprain or a cut."
)
CAMPAIGN_EDITS = [
    "",
    " Thank you.",
    " Please listen to us.",
    " I have lived here for forty years.",
    " This matters to my whole family.",
]
# Answers in Welsh, Polish and Urdu that nobody has coded yet, for the suggested themes.
OWN_LANGUAGE_ANSWERS = {
    "cy": [
        "Does dim digon o le parcio yn y maes parcio.",
        "Mae'r maes parcio yn llawn bob amser.",
        "Nid yw'r bws yn rhedeg gyda'r nos o'r pentref.",
        "Mae angen llwybr bws o'r pentref i'r ganolfan.",
    ],
    "pl": [
        "Na parkingu zawsze brakuje miejsc parkingowych.",
        "Parking jest zawsze pełny, brak miejsc.",
        "Autobus nie kursuje wieczorem z naszej wsi.",
        "Potrzebna jest linia autobusowa ze wsi do centrum.",
    ],
    "ur": [
        "ہسپتال کی پارکنگ میں کبھی جگہ نہیں ہوتی۔",
        "پارکنگ ہمیشہ بھری رہتی ہے۔",
        "شام کو ہمارے گاؤں سے بس نہیں چلتی۔",
        "گاؤں سے نئے مرکز تک بس کا راستہ چاہیے۔",
    ],
}


ADDED_PREFIXES = ("demo-campaign-", "demo-cy-", "demo-pl-", "demo-ur-")


def _add_answers(consultation):
    """The campaign copies and the answers in other languages (once: keyed by idempotency key)."""
    default = Locale.get_default()
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    start = (
        consultation.closes_at - datetime.timedelta(days=5)
        if consultation.closes_at
        else timezone.now()
    )
    wanted = [
        (f"demo-campaign-{i}", "en", CAMPAIGN + CAMPAIGN_EDITS[i % len(CAMPAIGN_EDITS)])
        for i in range(8)
    ]
    for language, texts in OWN_LANGUAGE_ANSWERS.items():
        wanted += [(f"demo-{language}-{i}", language, text) for i, text in enumerate(texts)]
    have = set(
        Response.objects.filter(
            idempotency_key__in=[key for key, _language, _text in wanted]
        ).values_list("idempotency_key", flat=True)
    )
    Response.objects.bulk_create(
        [
            Response(
                consultation=consultation,
                locale=locales.get(language, default),
                answers={"reasons": text},
                idempotency_key=key,
                submitted_at=start + datetime.timedelta(hours=i),
            )
            for i, (key, language, text) in enumerate(wanted)
            if key not in have
        ]
    )


def _candidates(context):
    found = context.get("consultations")
    pages = []
    if isinstance(found, dict):
        pages = [page for page in found.values() if isinstance(page, ConsultationPage)]
    if not pages:
        pages = list(ConsultationPage.objects.all())
    return pages


def pick_consultation(context):
    """The closed consultation with the most responses (or, failing that, any with responses)."""
    pages = _candidates(context)
    if not pages:
        return None
    counts = dict(
        Response.objects.filter(consultation__in=[p.pk for p in pages])
        .values_list("consultation_id")
        .annotate(n=Count("pk"))
    )
    now = timezone.now()
    with_responses = [p for p in pages if counts.get(p.pk)]
    closed = [p for p in with_responses if p.closes_at and p.closes_at < now]
    chosen = sorted(closed or with_responses, key=lambda p: -counts.get(p.pk, 0))
    return chosen[0] if chosen else None


def load(context):
    consultation = pick_consultation(context)
    if consultation is None:
        return
    admin = context.get("admin")
    _add_answers(consultation)
    # The campaign copies and the other languages' answers stay uncoded, for detection and suggestions.
    responses = [
        response
        for response in Response.objects.filter(consultation=consultation).order_by(
            "submitted_at", "pk"
        )
        if not (response.idempotency_key or "").startswith(ADDED_PREFIXES)
    ]
    coded = 0
    for name, words in THEMES.items():
        theme = coding.create_theme(consultation, name, admin)
        matching = [
            r
            for r in responses
            if any(word in str((r.answers or {}).get("reasons", "")).lower() for word in words)
        ]
        coded += coding.apply_theme(theme, matching, "reasons", admin)

    report, _created = EngagementReport.objects.get_or_create(
        consultation=consultation, defaults={**REPORT, "updated_by": admin}
    )

    approved = 0
    if not PublicationDecision.objects.filter(response__consultation=consultation).exists():
        publishable = [
            r
            for r in responses
            if publication.can_be_published(r) and (r.answers or {}).get("reasons")
        ]
        for response in publishable[:6]:
            publication.approve(response, admin)
            approved += 1
        mum = next(
            (r for r in publishable[:6] if "My mother" in r.answers.get("reasons", "")), None
        )
        if mum is not None:
            publication.redact_text(
                mum, "reasons", "My mother", "third_party", admin, "Demo: refers to a relative"
            )
    if not CampaignScan.objects.filter(consultation=consultation).exists():
        campaigns.detect(consultation, admin)
    if not ThemeSuggestion.objects.filter(consultation=consultation).exists():
        theme_suggestions.suggest(consultation, admin)
    context["reporting_consultation"] = consultation
    context["engagement_report"] = report
    stdout = context.get("stdout")
    if stdout is not None:
        stdout.write(
            f"reporting: {len(THEMES)} themes on '{consultation.title}', {coded} answers coded, {approved} approved for publication, "
            f"{consultation.campaign_clusters.count()} campaign cluster(s), {consultation.theme_suggestions.filter(status='pending').count()} suggested themes to decide"
        )
