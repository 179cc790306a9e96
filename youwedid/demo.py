"""Demo outcomes: a "You said, we did" page for each demo consultation that closed long enough ago.

Reads context['home'] and context['consultations'] ({slug: ConsultationPage}); puts the index in
context['outcome_index'] and the outcomes in context['outcomes'] ({consultation slug: outcome}).
Idempotent: outcomes are found again by slug, and the notification log is only written once.
One outcome's emails are left for staff to send (`AWAITING_SEND`), so the demo shows the send
screen with people waiting in several languages; the others show a log of emails already sent.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from wagtail.models import Locale

from youwedid.models import (
    OutcomeItem,
    OutcomeNotification,
    YouSaidWeDidIndexPage,
    YouSaidWeDidPage,
)
from youwedid.notifications import queue_notifications

# This outcome's respondents have not been emailed: staff review and confirm the send in the admin.
AWAITING_SEND = "stroke-rehabilitation-services"


def _update(when, text):
    return ("update", {"date": when, "text": text})


def _content(consultation, today):
    """Our own words for the two demo consultations we know; plain, general words for any other."""
    if consultation.slug == "community-transport-to-hospital":
        return {
            "title": "Community transport to hospital: what changed",
            "summary": "You told us the rules for free transport left out carers and people on low incomes. "
            "We have widened who can use it, and we are adding evening journeys.",
            "who_took_part": "Patients who use the service, carers, and volunteers from two community transport "
            "groups. We heard less from younger people, so we met a sixth-form college too.",
            "decision_maker": "The primary care commissioning committee of the integrated care board",
            "items": [
                ("Carers cannot travel with the person they look after.",
                 "One carer can now travel free with every patient who needs help.", "changed", None, "",
                 [_update(today - timedelta(days=40), "The new rules were sent to every transport provider.")]),
                ("There is no transport back after evening appointments.",
                 "We are adding journeys until 9pm on weekdays.", "will_change", today + timedelta(days=120), "",
                 [_update(today - timedelta(days=30), "Two providers have agreed to run evening journeys."),
                  _update(today - timedelta(days=5), "Drivers are being recruited for the new evening rota.")]),
                ("Everyone should get free transport, whatever their income.",
                 "We have kept the income test for people who are able to use buses.", "could_not_change", None,
                 "The budget covers about 9,000 journeys a year. Without a test, people with the greatest "
                 "medical need would wait longer for a place.", []),
                ("Booking by phone only is hard for people who are deaf.",
                 "You can now book by text message or online.", "changed", None, "", []),
            ],
        }
    if consultation.slug == "stroke-rehabilitation-services":
        return {
            "title": "Stroke rehabilitation: what you said and what we did",
            "summary": "People who have had a stroke and their carers asked for more therapy at home and one "
            "person to contact. Both are happening; a new unit at Northfield is not possible yet.",
            "who_took_part": "Stroke survivors, carers, the stroke association's local groups and staff "
            "from the community therapy teams.",
            "decision_maker": "The board of the integrated care board, in public",
            "items": [
                ("We want therapy at home, not only in hospital.",
                 "Early supported discharge now covers the whole of Northfield.", "changed", None, "",
                 [_update(today - timedelta(days=20), "The team has taken on four more therapists.")]),
                ("We never know who to call after we leave hospital.",
                 "Everyone will have a named stroke coordinator.", "will_change", today + timedelta(days=90), "",
                 [_update(today - timedelta(days=8), "The first two coordinators started work this month.")]),
                ("Build a stroke rehabilitation unit in Northfield.",
                 "We will keep the unit at Eastbrook for now.", "could_not_change", None,
                 "There is no suitable building, and the staff it needs are not there yet. We will look at "
                 "this again in the 2028 estates plan.", []),
            ],
        }
    return {
        "title": f"{consultation.title}: what changed",
        "summary": "Thank you to everyone who took part. This page sets out what you told us and what we did.",
        "who_took_part": "People who use the service, carers, and local voluntary groups.",
        "decision_maker": "The board of the integrated care board",
        "items": [
            ("Give people more notice of changes.", "We now write to patients six weeks before a change.", "changed", None, "", []),
            ("Explain the choices in plain words.", "We are rewriting our leaflets with patients.", "will_change", today + timedelta(days=60), "",
             [_update(today - timedelta(days=10), "A first draft is with our readers' panel.")]),
            ("Keep every site open.", "Two sites will share one team.", "could_not_change", None,
             "There are not enough staff to run both sites safely all day.", []),
        ],
    }


def ensure_index(home):
    index = YouSaidWeDidIndexPage.objects.child_of(home).filter(slug="you-said-we-did").first()
    if index is None:
        index = home.add_child(
            instance=YouSaidWeDidIndexPage(
                title="You said, we did",
                slug="you-said-we-did",
                show_in_menus=True,
                introduction="What changed because people took part in our consultations, what will change, "
                "and what we could not change and why.",
            )
        )
        index.save_revision().publish()
    return index


def closed_long_enough(context, now):
    cutoff = now - timedelta(weeks=getattr(settings, "OUTCOME_OVERDUE_WEEKS", 12))
    consultations = context.get("consultations") or {}
    if not isinstance(consultations, dict):
        consultations = {getattr(page, "slug", str(i)): page for i, page in enumerate(consultations)}
    default = Locale.get_default()
    chosen = {}
    for slug, page in consultations.items():
        page = getattr(page, "specific", page)
        closes_at = getattr(page, "closes_at", None)
        if closes_at and closes_at < cutoff and page.locale_id == default.pk:
            chosen[slug] = page
    return chosen


def ensure_outcome(index, consultation, now):
    slug = f"{consultation.slug}-outcome"[:255]
    existing = YouSaidWeDidPage.objects.child_of(index).filter(slug=slug).first()
    if existing is not None:
        return existing
    today = timezone.localdate(now)
    content = _content(consultation, today)
    outcome = YouSaidWeDidPage(
        title=content["title"],
        slug=slug,
        summary=content["summary"],
        who_took_part=content["who_took_part"],
        decision_maker=content["decision_maker"],
        decision_date=timezone.localdate(consultation.closes_at) + timedelta(weeks=6),
        decision_papers_url="https://www.example.nhs.uk/about-us/board-meetings",
        decision="<p>The decision was taken in public after reading the engagement report and an "
        "equality impact assessment.</p>",
        what_happens_next="<p>We will add an update here each time one of the changes is made, and "
        "report progress to the board every six months.</p>",
        stay_involved="<p>Join our patient panel, or email haveyoursay@example.nhs.uk to hear about "
        "new consultations.</p>",
    )
    outcome.consultations = [consultation]
    outcome.items = [
        OutcomeItem(you_said=said, we_did=did, status=status, target_date=target, reason=reason, progress_updates=updates)
        for said, did, status, target, reason, updates in content["items"]
    ]
    index.add_child(instance=outcome)
    outcome.save_revision().publish()
    # Published some weeks after the decision, as it would have been.
    published_at = consultation.closes_at + timedelta(weeks=10)
    published_at = min(published_at, now - timedelta(days=3))
    YouSaidWeDidPage.objects.filter(pk=outcome.pk).update(first_published_at=published_at, last_published_at=published_at)
    outcome.refresh_from_db()
    return outcome


def record_delivered_notifications(outcome):
    """The demo's notification log: the opted-in demo respondents, each told once, already sent.

    Publishing sends nothing by itself; these rows stand for a send confirmed long ago.
    """
    ids = queue_notifications(outcome)
    sent_at = (outcome.first_published_at or timezone.now()) + timedelta(minutes=2)
    return OutcomeNotification.objects.filter(pk__in=ids).update(
        status=OutcomeNotification.Status.SENT, attempts=1, sent_at=sent_at
    )


def load(context):
    # Fresh from the database: an in-memory home page can carry a stale url_path after a slug change.
    home = type(context["home"]).objects.get(pk=context["home"].pk)
    now = timezone.now()
    index = ensure_index(home)
    context["outcome_index"] = index
    outcomes = {}
    for slug, consultation in closed_long_enough(context, now).items():
        outcome = ensure_outcome(index, consultation, now)
        if slug != AWAITING_SEND:
            record_delivered_notifications(outcome)
        outcomes[slug] = outcome
    context["outcomes"] = outcomes
    stdout = context.get("stdout")
    if stdout is not None:
        stdout.write(f"youwedid: {len(outcomes)} published outcomes")
