"""Demo register (runs after consultations): members in every language the site offers, with
different interests, ways of taking part, access needs and About you answers, one paused, one
waiting for confirmation, and an alert-only sign-up; and an invitation round to the drop-in event
of the minor injuries consultation, with some replies ("I'll come", "I can't come") and openings.
Addresses are example.org; nothing is sent."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone, translation

from wagtail.models import Locale

from consultations.invitations import create_invitations
from consultations.models import Area, ConsultationEvent, Topic
from home.models import StandardPage
from involvement import privacy, register, sending
from involvement.models import InvitationRound, Member, SegmentInvitation

MEMBERS = [
    # email, language, kind, status, topics, areas, fields, About you
    (
        "amira.register@example.org",
        "en",
        "register",
        "active",
        ["mental-health"],
        ["northfield"],
        {"way_online": True, "way_events": True},
        {"about_age_band": "25_34", "about_ethnicity": "asian_pakistani", "about_sex": "female"},
    ),
    (
        "bryn.register@example.org",
        "cy",
        "register",
        "active",
        ["hospital-services"],
        ["eastbrook"],
        {"way_post": True, "needs_large_print": True},
        {"about_age_band": "65_74", "about_disability": "yes"},
    ),
    ("celyn.register@example.org", "cy", "register", "active", [], [], {"way_phone": True}, {}),
    (
        "dorota.register@example.org",
        "pl",
        "register",
        "active",
        ["maternity-and-children"],
        ["whole-area"],
        {"way_online": True, "needs_interpreter": True, "interpreter_language": "Polski"},
        {"about_age_band": "35_44", "about_ethnicity": "white_other"},
    ),
    (
        "farhan.register@example.org",
        "ur",
        "register",
        "active",
        ["gp-and-community-services"],
        ["northfield"],
        {"way_events": True, "needs_interpreter": True, "interpreter_language": "اردو"},
        {"about_age_band": "45_54", "about_religion": "muslim"},
    ),
    (
        "gwen.register@example.org",
        "en",
        "register",
        "paused",
        ["urgent-and-emergency-care"],
        [],
        {"needs_bsl": True, "way_events": True},
        {"about_age_band": "55_64"},
    ),
    ("harry.register@example.org", "en", "register", "pending", [], [], {}, {}),
    (
        "isla.alerts@example.org",
        "en",
        "alerts",
        "active",
        ["hospital-services", "urgent-and-emergency-care"],
        ["eastbrook"],
        {},
        {},
    ),
]


def load(context):
    default = Locale.get_default()
    languages = {code for code, _name in settings.LANGUAGES}
    now = timezone.now()
    made = 0
    for email, code, kind, status, topics, areas, fields, about in MEMBERS:
        if code not in languages or Member.objects.filter(email=email).exists():
            continue
        consents = {}
        if topics or areas:
            consents["interests"] = now.isoformat()
        if any(name.startswith("way_") for name in fields):
            consents["ways"] = now.isoformat()
        if any(name.startswith("needs_") for name in fields):
            consents["access"] = now.isoformat()
        if about:
            consents["about_you"] = now.isoformat()
        member = Member.objects.create(
            email=email,
            kind=kind,
            status=status,
            locale=Locale.objects.get(language_code=code),
            secret=register.new_secret(),
            confirmed_at=None if status == "pending" else now,
            about_you=about,
            consents=consents,
            **fields,
        )
        member.topics.set(Topic.objects.filter(locale=default, slug__in=topics))
        member.areas.set(Area.objects.filter(locale=default, slug__in=areas))
        made += 1
    add_privacy_section()
    event_round = add_event_round()
    stdout = context.get("stdout")
    if stdout:
        stdout.write(
            f"Involvement register: {Member.objects.count()} members and sign-ups ({made} new); "
            "join at /get-involved/"
        )
        if event_round is not None:
            stdout.write(
                f"Event invitation round: /admin/involvement/rounds/{event_round.pk}/ "
                f"({event_round.event.title})"
            )


EVENT_CONSULTATION = "eastbrook-minor-injuries-unit"
EVENT_TITLE = "Drop-in at Eastbrook Library"
# What each invited member did with the email: replied yes or no, only opened it, or nothing yet.
EVENT_REPLIES = {
    "amira.register@example.org": "yes",
    "bryn.register@example.org": "yes",
    "dorota.register@example.org": "no",
    "celyn.register@example.org": "opened",
}


def add_event_round():
    """An invitation round to the drop-in event, as if sent a day ago (once)."""
    event = ConsultationEvent.objects.filter(
        page__slug=EVENT_CONSULTATION, locale=Locale.get_default(), title=EVENT_TITLE
    ).first()
    if event is None:
        return None
    existing = InvitationRound.objects.filter(event=event).first()
    if existing is not None:
        return existing
    consultation = event.page
    members = sending.receiving().filter(kind=Member.Kind.REGISTER)
    invitation_round, _count = sending.queue_invitations(
        consultation, members, segment={"area": None, "topic": None}, event=event
    )
    sent_at = timezone.now() - timedelta(days=1)
    for row in SegmentInvitation.objects.filter(round=invitation_round).select_related("member"):
        ((invitation, _raw),) = create_invitations(
            consultation, 1, label=f"Register event invitation round {invitation_round.pk}"
        )
        did = EVENT_REPLIES.get(row.member.email)
        if did:
            invitation.first_opened_at = sent_at + timedelta(hours=2)
            invitation.save(update_fields=["first_opened_at"])
        SegmentInvitation.objects.filter(pk=row.pk).update(
            status=SegmentInvitation.Status.SENT,
            attempts=1,
            sent_at=sent_at,
            invitation=invitation,
            reply=did if did in ("yes", "no") else "",
            replied_at=sent_at + timedelta(hours=3) if did in ("yes", "no") else None,
        )
    return invitation_round


def add_privacy_section():
    """Append the register's generated section to the demo privacy notice (once)."""
    page = StandardPage.objects.filter(slug="privacy-notice", locale=Locale.get_default()).first()
    if page is None:
        return
    with translation.override(Locale.get_default().language_code):
        heading, _paragraphs = privacy.section()
        if any(
            block.block_type == "heading" and block.value.get("text") == heading
            for block in page.body
        ):
            return
        for block_type, value in privacy.page_blocks():
            page.body.append((block_type, value))
    page.save_revision().publish()
