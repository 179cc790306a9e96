"""Demo content for cross-tabulation and reach: more responses to the open Minor Injuries Unit
consultation, with a make-up unlike the local population's (older people, women and White
British people answer more; young people, Pakistani and Black African people less) and views
that differ by age, so its cross-tab and its reach panel have something to show.

Seeded and found again by idempotency key: running it twice changes nothing. Fast: one
bulk insert. Reads context['consultations'] ({slug: ConsultationPage}) or the database.
"""

import datetime
import random

from django.utils import timezone

from wagtail.models import Locale

from consultations.models import ConsultationPage
from feedback.models import Response, new_reference

from . import population

SLUG = "eastbrook-minor-injuries-unit"
RESPONSES = 240
KEY = "demo-reach-{:03d}"

AGES = [
    ("16_24", 3),
    ("25_34", 8),
    ("35_44", 12),
    ("45_54", 17),
    ("55_64", 22),
    ("65_74", 23),
    ("75_plus", 12),
    ("prefer_not_to_say", 3),
]
ETHNIC = [
    ("white_british", 88),
    ("white_other", 4),
    ("asian_indian", 3),
    ("asian_pakistani", 1),
    ("black_african", 1),
    ("mixed_white_asian", 1),
    ("prefer_not_to_say", 2),
]
DISTRICTS = [
    ("NF1", 30),
    ("NF2", 25),
    ("NF3", 12),
    ("NF4", 10),
    ("NF7", 8),
    ("NF9", 5),
    ("SF1", 4),
    ("SF2", 3),
    ("WF3", 2),
    ("WF4", 1),
]
# Older people are more against the change and more often travel by bus.
SUPPORT_BY_AGE = {
    "young": [
        ("strongly_agree", 25),
        ("agree", 35),
        ("neither", 15),
        ("disagree", 12),
        ("strongly_disagree", 8),
        ("dont_know", 5),
    ],
    "older": [
        ("strongly_agree", 8),
        ("agree", 17),
        ("neither", 12),
        ("disagree", 28),
        ("strongly_disagree", 30),
        ("dont_know", 5),
    ],
}


def pick(rng, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights, k=1)[0]


def _consultation(context):
    found = context.get("consultations")
    if isinstance(found, dict) and isinstance(found.get(SLUG), ConsultationPage):
        return found[SLUG]
    return ConsultationPage.objects.filter(slug=SLUG, locale=Locale.get_default()).first()


def answers_for(rng):
    age = pick(rng, AGES)
    older = age in ("55_64", "65_74", "75_plus")
    answers = {
        "support": pick(rng, SUPPORT_BY_AGE["older" if older else "young"]),
        "use_service": "yes" if rng.random() < (0.7 if older else 0.45) else "no",
        "travel": sorted(
            rng.sample(["bus", "walk", "taxi"], k=1)
            + (["car"] if rng.random() < (0.45 if older else 0.7) else [])
        ),
        "rating": str(rng.randint(2, 5) if not older else rng.randint(1, 4)),
        "about_age_band": age,
        "about_sex": pick(rng, [("female", 62), ("male", 35), ("prefer_not_to_say", 3)]),
        "about_ethnicity": pick(rng, ETHNIC),
        "about_disability": pick(rng, [("yes", 34), ("no", 60), ("prefer_not_to_say", 6)]),
        "about_carer": pick(rng, [("yes", 14), ("no", 86)]),
        "publication_consent": "none",
    }
    if answers["use_service"] == "yes":
        answers["visits"] = str(rng.randint(1, 6))
    return answers


def load(context):
    population.load_shipped()  # the figures reach is measured against (a migration loads them too)
    consultation = _consultation(context)
    if consultation is None or consultation.opens_at is None:
        return
    keys = [KEY.format(number) for number in range(RESPONSES)]
    if Response.objects.filter(idempotency_key__in=keys).exists():
        return
    rng = random.Random(19)  # noqa: S311 - demo data, not security
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    english = locales.get("en") or Locale.get_default()
    start = consultation.opens_at
    end = min(consultation.closes_at or timezone.now(), timezone.now()) - datetime.timedelta(
        minutes=5
    )
    span = max((end - start).total_seconds(), 60)
    batch = []
    for key in keys:
        district = pick(rng, DISTRICTS)
        language = pick(rng, [("en", 94), ("cy", 3), ("pl", 2), ("ur", 1)])
        batch.append(
            Response(
                reference=new_reference(),
                consultation=consultation,
                locale=locales.get(language, english),
                channel=pick(rng, [("online", 70), ("paper", 15), ("event", 8), ("phone", 7)]),
                answers={**answers_for(rng), "about_postcode_district": district},
                postcode_district=district,
                submitted_at=start + datetime.timedelta(seconds=span * rng.random()),
                idempotency_key=key,
            )
        )
    Response.objects.bulk_create(batch)
    stdout = context.get("stdout")
    if stdout is not None:
        stdout.write(
            f"reporting: {len(batch)} more responses to '{consultation.title}' (cross-tabs, reach)"
        )
