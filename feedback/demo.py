"""Demo content for the feedback app: a response form on every consultation that is open or has
closed, the shared "About you" section, and about a hundred responses spread over channels,
languages, areas and days, a few held for review. Seeded, so it is the same every time; running
it twice changes nothing.

Puts in context: 'about_you' (the AboutYouSection), 'response_forms' ({consultation slug: form
page}), 'demo_responses' (the list of demo Response objects).
"""

import datetime
import random

from django.utils import timezone

from wagtail.models import Locale

from consultations.models import ConsultationPage
from consultations.status import get_status
from feedback.demo_forms import STANDARD_QUESTIONS, about_you_section, add_form
from feedback.models import Response, ResponseFormPage
from feedback.services import (
    ConsultationNotOpen,
    scoped_idempotency_key,
    submit_response,
)
from home.models import StandardPage

DEMO_RESPONSES = 100
DEMO_CLIENT = "demo"  # the idempotency client of every demo response, so a re-run finds them
DISTRICTS = ["NF1", "NF2", "NF3", "NF4", "NF7", "NF9", "SF1", "SF2", "WF3", "WF4"]
POSTCODES = {"NF1": "NF1 2AB", "NF2": "NF2 4QT", "NF3": "NF3 8LS", "NF4": "NF4 1DU", "NF7": "NF7 6HH",
             "NF9": "NF9 3JP", "SF1": "SF1 5RN", "SF2": "SF2 9AW", "WF3": "WF3 7EX", "WF4": "WF4 2BB"}
REASONS = [
    "The new centre is on my bus route, so it would be easier for me to get there.",
    "I worry about parking at the new site; it is already full most mornings.",
    "Longer opening hours would mean I do not have to go to A&E in the evening.",
    "My mother does not drive, and the current unit is a short walk from her home.",
    "Please keep an X-ray machine on site, it saved us a trip last winter.",
    "I support the change if the waiting times really come down.",
    "Nobody asked people in the villages; the bus only runs twice a day.",
    "Staff at the unit were very kind when my son broke his wrist.",
    "",
    "",
]
CHANNEL_WEIGHTS = [("online", 62), ("embed", 10), ("paper", 12), ("phone", 6), ("email", 5), ("event", 5)]
LOCALE_WEIGHTS = [("en", 80), ("cy", 8), ("pl", 7), ("ur", 5)]


def pick(rng, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights, k=1)[0]


def source_consultations(context):
    found = context.get("consultations")
    if isinstance(found, dict) and found:
        pages = [page for page in found.values() if isinstance(page, ConsultationPage)]
    else:
        pages = list(ConsultationPage.objects.filter(locale=Locale.get_default()).order_by("path"))
    default = Locale.get_default()
    return [page for page in pages if page.locale_id == default.pk]


def random_answers(rng, with_about):
    answers = {"support": pick(rng, [("strongly_agree", 12), ("agree", 25), ("neither", 15), ("disagree", 20), ("strongly_disagree", 18), ("dont_know", 10)])}
    answers["use_service"] = rng.choice(["yes", "yes", "no"])
    if answers["use_service"] == "yes":
        answers["visits"] = str(rng.randint(1, 12))
    answers["travel"] = rng.sample(["car", "bus", "walk", "taxi"], k=rng.randint(0, 2))
    answers["reasons"] = rng.choice(REASONS)
    answers["priorities"] = {s: rng.choice(["very", "quite", "not"]) for s in ("parking", "hours", "xray") if rng.random() > 0.2}
    if rng.random() > 0.3:
        answers["rating"] = str(rng.randint(1, 5))
    district = rng.choice(DISTRICTS)
    if rng.random() > 0.4:
        answers["postcode"] = POSTCODES[district]
    answers["area"] = rng.choice(["north", "south", "east", "west", "elsewhere"])
    if with_about and rng.random() > 0.35:
        answers["about_age_band"] = rng.choice(["16_24", "25_34", "35_44", "45_54", "55_64", "65_74", "75_plus", "prefer_not_to_say"])
        answers["about_sex"] = rng.choice(["female", "male", "prefer_not_to_say"])
        answers["about_ethnicity"] = pick(rng, [("white_british", 70), ("asian_pakistani", 8), ("asian_indian", 5), ("black_african", 5), ("mixed_white_asian", 3), ("white_other", 6), ("prefer_not_to_say", 3)])
        answers["about_disability"] = rng.choice(["yes", "no", "no", "prefer_not_to_say"])
        answers["about_carer"] = rng.choice(["yes", "no", "no"])
        answers["about_postcode_district"] = district
    answers["publication_consent"] = rng.choice(["full", "anonymous", "anonymous", "none", ""])
    return {k: v for k, v in answers.items() if v not in ("", [], {})}, district


def load(context):
    about = about_you_section()
    context["about_you"] = about
    forms = {}
    now = timezone.now()
    for consultation in source_consultations(context):
        status = get_status(consultation)
        if status == "upcoming":
            continue
        forms[consultation.slug] = add_form(consultation, STANDARD_QUESTIONS, about_you=about, title=f"Respond to: {consultation.title}"[:255])
    context["response_forms"] = forms

    privacy = StandardPage.objects.filter(slug__icontains="privacy", locale=Locale.get_default()).first()
    if privacy is not None:
        ResponseFormPage.objects.filter(pk__in=[f.pk for f in forms.values()], privacy_notice__isnull=True).update(privacy_notice=privacy)

    created = []
    form_list = list(forms.values())
    demo_keys = [
        scoped_idempotency_key(form_list[number % len(form_list)], f"demo-{number:03d}", DEMO_CLIENT)
        for number in range(DEMO_RESPONSES * 2)
    ] if form_list else []
    if not forms or Response.objects.filter(idempotency_key__in=demo_keys).exists():
        context["demo_responses"] = list(Response.objects.filter(idempotency_key__in=demo_keys))
        return
    rng = random.Random(20261121)  # noqa: S311 - demo data, not security
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    admin = context.get("admin")
    for number in range(DEMO_RESPONSES * 2):
        if len(created) >= DEMO_RESPONSES:
            break
        form_page = form_list[number % len(form_list)]
        consultation = form_page.get_parent().specific
        start = consultation.opens_at
        end = min(consultation.closes_at, now) - datetime.timedelta(minutes=5)
        if end <= start:
            continue
        when = start + (end - start) * rng.random()
        channel = pick(rng, CHANNEL_WEIGHTS)
        language = pick(rng, LOCALE_WEIGHTS) if channel in ("online", "embed") else "en"
        answers, _district = random_answers(rng, with_about=channel in ("online", "embed", "paper"))
        if rng.random() < 0.3:
            answers.update({"wants_outcome": True, "respondent_email": f"respondent{number}@example.org"})
        try:
            response, was_created = submit_response(
                form_page,
                answers,
                locale=locales.get(language) or form_page.locale,
                channel=channel,
                entered_by=admin if channel in ("paper", "phone", "email", "event") else None,
                idempotency_key=f"demo-{number:03d}",
                client=DEMO_CLIENT,
                submitted_at=when,
                now=when,
            )
        except ConsultationNotOpen:
            continue
        if was_created and channel == "online" and number % 23 == 5:
            Response.objects.filter(pk=response.pk).update(status=Response.Status.HELD, status_reason="reCAPTCHA score 0.2 below 0.5")
        elif was_created and number == 41:
            Response.objects.filter(pk=response.pk).update(status=Response.Status.HELD, status_reason="reCAPTCHA unreachable: URLError")
        created.append(response)
    context["demo_responses"] = created
    stdout = context.get("stdout")
    if stdout is not None:
        stdout.write(f"feedback: {len(forms)} response forms, {len(created)} demo responses")
