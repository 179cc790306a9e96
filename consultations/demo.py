"""Demo consultations: an index page, topics and areas, six consultations in every status, with
materials in every format (real PDFs, a WAV, a Braille-ready file, a Word file and web pages made
here), events, and a request for Braille.

Puts in context:
- 'consultation_index': the ConsultationIndexPage (under the home page, in the menu);
- 'consultations': {slug: ConsultationPage}. Statuses, relative to the first time the demo loads:
  - open: 'eastbrook-minor-injuries-unit' (closes in 4 weeks; every format), 'young-peoples-mental-health'
    (closes in 6 days);
  - upcoming: 'northfield-maternity-services' (opens in 12 days);
  - closed recently, awaiting an outcome: 'gp-out-of-hours-phone-line' (closed 10 days ago);
  - closed more than 12 weeks ago, for outcomes: 'community-transport-to-hospital' (20 weeks ago),
    'stroke-rehabilitation-services' (16 weeks ago);
- 'topics', 'areas': {slug: snippet}; 'format_request': the demo request for Braille.

Idempotent: everything is found again by slug (pages, snippets) or title (documents).
"""

import datetime
import io

from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.models import Locale

from consultations.files import create_document, make_brf, make_pdf, make_wav
from consultations.format_requests import add_working_days
from consultations.models import (
    Area,
    ConsultationEvent,
    ConsultationIndexPage,
    ConsultationPage,
    FormatRequest,
    MaterialPage,
    Topic,
)
from home.demo import ensure_home_page
from home.models import HomePage

TOPICS = [
    ("gp-and-community-services", "GP and community services"),
    ("hospital-services", "Hospital services"),
    ("mental-health", "Mental health"),
    ("maternity-and-children", "Maternity and children"),
    ("urgent-and-emergency-care", "Urgent and emergency care"),
]
AREAS = [
    ("northfield", "Northfield"),
    ("eastbrook", "Eastbrook"),
    ("whole-area", "Northfield and Eastbrook"),
]
RESPONSE_POST = "Freepost HAVE YOUR SAY\nNorthfield House\nNorthfield NF1 2AB"


def at(days, hour, minute=0, now=None):
    """UK local time `days` from today at hour:minute, as an aware datetime."""
    now = now or timezone.now()
    day = timezone.localtime(now).date() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def ensure_terms(model, terms, locale):
    return {
        slug: model.objects.get_or_create(slug=slug, locale=locale, defaults={"name": name})[0]
        for slug, name in terms
    }


def ensure_document(title, filename, make):
    existing = get_document_model().objects.filter(title=title).first()
    return existing or create_document(title, filename, make())


def _docx(title, paragraphs):
    # python-docx is loaded only when the demo makes its files
    from docx import Document as WordDocument

    word = WordDocument()
    word.add_heading(title, level=1)
    for text in paragraphs:
        word.add_paragraph(text)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


MIU_PAGES = [
    [
        "NHS Northfield and Eastbrook Integrated Care Board wants to hear your views on the future of "
        "the Minor Injuries Unit at Eastbrook Community Hospital.",
        "The unit is open from 8am to 8pm. Fewer than 20 people use it after 6pm on most evenings, and "
        "we find it hard to staff in the evening.",
    ],
    [
        "What we are proposing",
        "Option 1: keep the unit open from 8am to 8pm, with staff shared with Northfield.",
        "Option 2: open from 8am to 6pm, and offer booked evening appointments through NHS 111.",
    ],
    [
        "How this could affect you",
        "We have looked at travel times, bus routes and who uses the unit in the evening. People without "
        "a car and carers of young children could be affected most. Our impact assessment explains this.",
    ],
    [
        "What happens next",
        "We will read every response, publish what we heard, and the board will decide in public.",
    ],
]
EASY_READ_PAGES = [
    [
        "This is about the Minor Injuries Unit in Eastbrook.",
        "A minor injury is a small hurt, like a cut or a sprain.",
    ],
    ["We want to change the opening times.", "We want to know what you think."],
    [
        "You can tell us on the website, by phone, by email or by post.",
        "You can come to a meeting.",
    ],
    ["Tell us by the closing date.", "Thank you."],
]
WELSH_PAGES = [
    [
        "Rydym eisiau clywed eich barn am ddyfodol yr Uned Man Anafiadau yn Ysbyty Cymuned Eastbrook."
    ],
    ["Gallwch ymateb ar-lein, dros y ffon, drwy e-bost neu drwy'r post."],
]


def materials_every_format(page, docs, web_version):
    return [
        (
            "material",
            {
                "title": "Consultation document",
                "description": "What we are proposing, why, and how it could affect you.",
                "versions": [
                    {"format": "standard", "language": "en", "document": docs["standard"]},
                    {"format": "accessible_html", "language": "en", "page": web_version},
                    {
                        "format": "easy_read",
                        "language": "en",
                        "document": docs["easy_read"],
                        "title": "Consultation document: Easy Read",
                    },
                    {
                        "format": "large_print",
                        "language": "en",
                        "document": docs["large_print"],
                        "title": "Consultation document: large print",
                    },
                    {
                        "format": "audio",
                        "language": "en",
                        "document": docs["audio"],
                        "title": "Consultation document: audio",
                        "note": "A short recording (demo).",
                    },
                    {
                        "format": "bsl_video",
                        "language": "en",
                        "video_url": "https://video.example.nhs.uk/bsl/eastbrook-minor-injuries-unit",
                        "title": "Consultation document in British Sign Language",
                    },
                    {
                        "format": "braille",
                        "language": "en",
                        "document": docs["braille"],
                        "title": "Consultation document: Braille-ready file",
                    },
                    {
                        "format": "standard",
                        "language": "cy",
                        "document": docs["welsh"],
                        "title": "Dogfen ymgynghori",
                    },
                    {
                        "format": "other",
                        "language": "en",
                        "document": docs["word"],
                        "title": "Consultation document: Word version",
                    },
                ],
            },
        ),
        (
            "material",
            {
                "title": "Equality and health inequalities impact assessment",
                "description": "Who could be affected by each option, and what we would do about it.",
                "versions": [{"format": "standard", "language": "en", "document": docs["impact"]}],
            },
        ),
    ]


def build_documents():
    return {
        "standard": ensure_document(
            "Eastbrook Minor Injuries Unit: consultation document",
            "eastbrook-miu-consultation.pdf",
            lambda: make_pdf("The future of Eastbrook Minor Injuries Unit", MIU_PAGES),
        ),
        "easy_read": ensure_document(
            "Eastbrook Minor Injuries Unit: Easy Read",
            "eastbrook-miu-easy-read.pdf",
            lambda: make_pdf(
                "Eastbrook Minor Injuries Unit: Easy Read", EASY_READ_PAGES, font_size=18
            ),
        ),
        "large_print": ensure_document(
            "Eastbrook Minor Injuries Unit: large print",
            "eastbrook-miu-large-print.pdf",
            lambda: make_pdf(
                "The future of Eastbrook Minor Injuries Unit", MIU_PAGES, font_size=24
            ),
        ),
        "audio": ensure_document(
            "Eastbrook Minor Injuries Unit: audio",
            "eastbrook-miu-audio.wav",
            lambda: make_wav(seconds=2.0),
        ),
        "braille": ensure_document(
            "Eastbrook Minor Injuries Unit: Braille-ready",
            "eastbrook-miu-braille.brf",
            lambda: make_brf([text for page in MIU_PAGES for text in page]),
        ),
        "welsh": ensure_document(
            "Uned Man Anafiadau Eastbrook: dogfen ymgynghori (Cymraeg)",
            "eastbrook-miu-cymraeg.pdf",
            lambda: make_pdf("Dyfodol Uned Man Anafiadau Eastbrook", WELSH_PAGES, language="cy-GB"),
        ),
        "word": ensure_document(
            "Eastbrook Minor Injuries Unit: Word version",
            "eastbrook-miu-consultation.docx",
            lambda: _docx(
                "The future of Eastbrook Minor Injuries Unit",
                [t for page in MIU_PAGES for t in page],
            ),
        ),
        "impact": ensure_document(
            "Eastbrook Minor Injuries Unit: impact assessment",
            "eastbrook-miu-impact-assessment.pdf",
            lambda: make_pdf(
                "Equality and health inequalities impact assessment",
                [MIU_PAGES[2], ["Summary of impacts by group."], ["Actions we would take."]],
            ),
        ),
        "mh_summary": ensure_document(
            "Young people's mental health: summary",
            "young-peoples-mental-health-summary.pdf",
            lambda: make_pdf(
                "Mental health support for young people: summary",
                [
                    ["We want to hear from young people aged 11 to 25, their families and carers."],
                    ["Tell us what would help."],
                ],
            ),
        ),
        "mh_easy_read": ensure_document(
            "Young people's mental health: Easy Read",
            "young-peoples-mental-health-easy-read.pdf",
            lambda: make_pdf(
                "Mental health support for young people: Easy Read",
                [["We want to make support better."], ["Tell us what helps you."]],
                font_size=18,
            ),
        ),
        "mh_audio": ensure_document(
            "Young people's mental health: audio",
            "young-peoples-mental-health-audio.wav",
            lambda: make_wav(seconds=1.5),
        ),
        "maternity": ensure_document(
            "Northfield maternity services: proposals",
            "northfield-maternity-proposals.pdf",
            lambda: make_pdf(
                "Maternity services in Northfield",
                [
                    ["Our proposals for antenatal and postnatal care."],
                    ["Where care would happen."],
                    ["What it means for you."],
                ],
            ),
        ),
        "maternity_large": ensure_document(
            "Northfield maternity services: large print",
            "northfield-maternity-large-print.pdf",
            lambda: make_pdf(
                "Maternity services in Northfield",
                [["Our proposals for antenatal and postnatal care."], ["Where care would happen."]],
                font_size=24,
            ),
        ),
        "gp": ensure_document(
            "GP out-of-hours phone line: consultation document",
            "gp-out-of-hours.pdf",
            lambda: make_pdf(
                "Changes to the GP out-of-hours phone line",
                [["We proposed joining the out-of-hours line with NHS 111."]],
            ),
        ),
        "transport": ensure_document(
            "Community transport: consultation document",
            "community-transport.pdf",
            lambda: make_pdf(
                "Community transport to hospital appointments",
                [["Who can use patient transport."], ["Our proposals."]],
            ),
        ),
        "stroke": ensure_document(
            "Stroke rehabilitation: consultation document",
            "stroke-rehabilitation.pdf",
            lambda: make_pdf(
                "Stroke rehabilitation services",
                [["Rehabilitation at home and in hospital."], ["Our proposals."]],
            ),
        ),
    }


def _simple_material(title, document, description="", extra=()):
    versions = [{"format": "standard", "language": "en", "document": document}, *extra]
    return ("material", {"title": title, "description": description, "versions": versions})


def consultation_specs(now, docs, topics, areas):
    ways = {
        "response_email": "haveyoursay@example.nhs.uk",
        "response_postal_address": RESPONSE_POST,
        "response_phone": "0300 123 4567",
        "response_text_relay": "18001 0300 123 4567",
    }
    return [
        {
            "slug": "eastbrook-minor-injuries-unit",
            "title": "The future of Eastbrook Minor Injuries Unit",
            "summary": (
                "We are proposing to change the opening hours of the Minor Injuries Unit at Eastbrook "
                "Community Hospital. Tell us how this would affect you before we decide."
            ),
            "opens_at": at(-21, 9, now=now),
            "closes_at": at(28, 23, 59, now=now),
            "topics": ["urgent-and-emergency-care", "hospital-services"],
            "areas": ["eastbrook"],
            "engagement_stage": "improve_services",
            "involvement_level": "consult",
            "who_decides": (
                "The Integrated Care Board decides at its public meeting. Board members will read a report of "
                "everything people told us, and the report will be published first."
            ),
            "key_dates": [
                (
                    "key_date",
                    {
                        "when": "Within 6 weeks of closing",
                        "what": "We publish a report of what people told us",
                        "details": "",
                    },
                ),
                (
                    "key_date",
                    {
                        "when": "Spring",
                        "what": "The board decides at a public meeting",
                        "details": "You can come and listen, or watch online.",
                    },
                ),
            ],
            "body": [
                (
                    "paragraph",
                    "<p>The Minor Injuries Unit treats cuts, sprains, minor burns and broken bones. "
                    "Most people who use it live within five miles of the hospital.</p>",
                ),
                ("heading", {"text": "Why we want to make a change", "level": "h2"}),
                (
                    "paragraph",
                    "<p>Few people use the unit after 6pm, and we cannot always find the nurses "
                    "to staff it safely in the evening.</p>",
                ),
                (
                    "callout",
                    {
                        "heading": "No decision has been made",
                        "text": "<p>We will read every response before the board decides.</p>",
                    },
                ),
                (
                    "faq",
                    {
                        "heading": "Questions people ask",
                        "items": [
                            {
                                "question": "Will the unit close?",
                                "answer": "<p>No. Both options keep the unit open in the daytime.</p>",
                            },
                            {
                                "question": "Where would I go in the evening?",
                                "answer": "<p>Call NHS 111, who can book you an appointment.</p>",
                            },
                        ],
                    },
                ),
            ],
            "events": [
                {
                    "kind": "listening_event",
                    "title": "Drop-in at Eastbrook Library",
                    "starts_at": at(5, 14, now=now),
                    "ends_at": at(5, 16, now=now),
                    "venue": "Eastbrook Library, Room 2",
                    "address": "1 High Street\nEastbrook EB1 1AA",
                    "step_free": True,
                    "hearing_loop": True,
                    "bsl_interpreter": True,
                    "quiet_space": True,
                    "accessible_toilet": True,
                    "adjustments": "Tell us what would help by calling 0300 123 4567 at least three days before.",
                },
                {
                    "kind": "online_session",
                    "title": "Online question and answer session",
                    "starts_at": at(12, 18, 30, now=now),
                    "ends_at": at(12, 19, 30, now=now),
                    "joining_link": "https://meet.example.nhs.uk/eastbrook-miu",
                    "joining_details": "Or join by phone on 0300 123 4568, code 4412.",
                    "booking": "No need to book.",
                    "adjustments": "Live captions are on. Ask for a BSL interpreter by email at least a week before.",
                },
                {
                    "kind": "public_meeting",
                    "title": "Public meeting at Eastbrook Community Hospital",
                    "starts_at": at(-7, 18, now=now),
                    "ends_at": at(-7, 20, now=now),
                    "venue": "Eastbrook Community Hospital, Outpatients Hall",
                    "address": "Hospital Road\nEastbrook EB2 4CD",
                    "step_free": True,
                    "hearing_loop": True,
                },
            ],
            "materials": "every_format",
            **ways,
        },
        {
            "slug": "young-peoples-mental-health",
            "title": "Mental health support for young people",
            "summary": "We want to hear from young people, their families and carers about what would make mental health support better.",
            "opens_at": at(-30, 9, now=now),
            "closes_at": at(6, 23, 59, now=now),
            "topics": ["mental-health"],
            "areas": ["whole-area"],
            "engagement_stage": "identify_needs",
            "involvement_level": "involve",
            "who_decides": "The mental health programme board, with young people from our youth panel.",
            "materials": [
                _simple_material(
                    "Summary",
                    docs["mh_summary"],
                    "What we want to find out.",
                    [
                        {
                            "format": "easy_read",
                            "language": "en",
                            "document": docs["mh_easy_read"],
                            "title": "Summary: Easy Read",
                        },
                        {
                            "format": "audio",
                            "language": "en",
                            "document": docs["mh_audio"],
                            "title": "Summary: audio",
                        },
                    ],
                ),
            ],
            "events": [
                {
                    "kind": "focus_group",
                    "title": "Focus group for young people aged 16 to 25",
                    "starts_at": at(3, 17, now=now),
                    "ends_at": at(3, 18, 30, now=now),
                    "venue": "Northfield Youth Centre",
                    "address": "Park Lane\nNorthfield NF3 5EF",
                    "booking": "Book by emailing haveyoursay@example.nhs.uk.",
                    "step_free": True,
                    "quiet_space": True,
                },
            ],
            "response_email": ways["response_email"],
            "response_phone": ways["response_phone"],
        },
        {
            "slug": "northfield-maternity-services",
            "title": "Maternity services in Northfield",
            "summary": "We are planning where antenatal and postnatal care happens in Northfield, and want to design it with parents.",
            "opens_at": at(12, 9, now=now),
            "closes_at": at(68, 23, 59, now=now),
            "topics": ["maternity-and-children"],
            "areas": ["northfield"],
            "engagement_stage": "set_priorities",
            "involvement_level": "coproduce",
            "who_decides": "The Local Maternity and Neonatal System board.",
            "materials": [
                _simple_material(
                    "Our proposals",
                    docs["maternity"],
                    "",
                    [
                        {
                            "format": "large_print",
                            "language": "en",
                            "document": docs["maternity_large"],
                            "title": "Our proposals: large print",
                        },
                    ],
                )
            ],
            **ways,
        },
        {
            "slug": "gp-out-of-hours-phone-line",
            "title": "Changes to the GP out-of-hours phone line",
            "summary": "We asked for views on joining the GP out-of-hours phone line with NHS 111.",
            "opens_at": at(-66, 9, now=now),
            "closes_at": at(-10, 23, 59, now=now),
            "topics": ["gp-and-community-services", "urgent-and-emergency-care"],
            "areas": ["whole-area"],
            "engagement_stage": "improve_services",
            "involvement_level": "consult",
            "materials": [_simple_material("Consultation document", docs["gp"])],
            **ways,
        },
        {
            "slug": "community-transport-to-hospital",
            "title": "Community transport to hospital appointments",
            "summary": "We asked who should be able to use free transport to hospital appointments.",
            "opens_at": at(-7 * 32, 9, now=now),
            "closes_at": at(-7 * 20, 23, 59, now=now),
            "topics": ["hospital-services"],
            "areas": ["eastbrook"],
            "engagement_stage": "procure",
            "involvement_level": "consult",
            "materials": [_simple_material("Consultation document", docs["transport"])],
            **ways,
        },
        {
            "slug": "stroke-rehabilitation-services",
            "title": "Stroke rehabilitation services",
            "summary": "We asked people who have had a stroke, and their carers, how rehabilitation should work.",
            "opens_at": at(-7 * 28, 9, now=now),
            "closes_at": at(-7 * 16, 23, 59, now=now),
            "topics": ["hospital-services"],
            "areas": ["northfield"],
            "engagement_stage": "monitor",
            "involvement_level": "involve",
            "materials": [_simple_material("Consultation document", docs["stroke"])],
            **ways,
        },
    ]


def ensure_consultation(index, spec, docs, topics, areas):
    existing = ConsultationPage.objects.child_of(index).filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing
    spec = dict(spec)
    events = spec.pop("events", [])
    materials = spec.pop("materials", [])
    topic_slugs = spec.pop("topics", [])
    area_slugs = spec.pop("areas", [])
    page = ConsultationPage(**spec)
    page.topics = [topics[slug] for slug in topic_slugs]
    page.areas = [areas[slug] for slug in area_slugs]
    page.events = [ConsultationEvent(**event) for event in events]
    if materials != "every_format":
        page.materials = materials
    page = index.add_child(instance=page)
    if materials == "every_format":
        web_version = page.add_child(
            instance=MaterialPage(
                title="Consultation document (web page)",
                slug="consultation-document",
                summary="The whole consultation document as an accessible web page.",
                body=[
                    ("heading", {"text": text[0], "level": "h2"})
                    if index_
                    else ("paragraph", f"<p>{text[0]}</p>")
                    for index_, text in enumerate(MIU_PAGES)
                ]
                + [("paragraph", "".join(f"<p>{t}</p>" for page_ in MIU_PAGES for t in page_[1:]))],
            )
        )
        web_version.save_revision().publish()
        page.materials = materials_every_format(page, docs, web_version)
        page.save()
    page.save_revision().publish()
    return page


def load(context):

    # Fresh from the database: publishing a revision saves a copy, so an object held since the home
    # page was renamed can carry a stale url_path, which children would inherit.
    home = HomePage.objects.get(pk=(context.get("home") or ensure_home_page()).pk)
    locale = Locale.get_default()
    index = ConsultationIndexPage.objects.child_of(home).filter(slug="consultations").first()
    if index is None:
        index = home.add_child(
            instance=ConsultationIndexPage(
                title="Consultations",
                slug="consultations",
                show_in_menus=True,
                introduction=(
                    "Read what we are proposing, get the documents in the format you need, and tell us what you think."
                ),
            )
        )
        index.save_revision().publish()
    topics = ensure_terms(Topic, TOPICS, locale)
    areas = ensure_terms(Area, AREAS, locale)
    docs = build_documents()
    now = timezone.now()
    consultations = {}
    for spec in consultation_specs(now, docs, topics, areas):
        consultations[spec["slug"]] = ensure_consultation(index, spec, docs, topics, areas)

    miu = consultations["eastbrook-minor-injuries-unit"]
    format_request = FormatRequest.objects.filter(
        consultation=miu, format=FormatRequest.Format.BRAILLE
    ).first()
    if format_request is None:
        format_request = FormatRequest.objects.create(
            consultation=miu,
            material_title="Equality and health inequalities impact assessment",
            format=FormatRequest.Format.BRAILLE,
            details="Grade 2 Braille, please, posted to me.",
            name="Sam Taylor",
            postal_address="12 Mill Road\nEastbrook EB3 6GH",
            phone="07700 900123",
            reply_due=add_working_days(timezone.localdate(), 10),
        )

    context["consultation_index"] = index
    context["consultations"] = consultations
    context["topics"] = topics
    context["areas"] = areas
    context["format_request"] = format_request
