"""Demo "Share your views" and "Is this page useful?" rows (called by feedback.demo_staff)."""

from feedback.models import GeneralFeedback, PageUsefulness

DEMO_GENERAL_FEEDBACK = [
    {
        "reference": "HYS-DEMOGF01",
        "about": GeneralFeedback.About.SERVICE,
        "service_name": "Riverside Health Centre",
        "what_happened": (
            "I rang for a same-day appointment for my son and was offered one within the "
            "hour."
        ),
        "what_was_good": "The receptionist listened and did not rush me.",
        "what_could_be_better": (
            "The phone queue message could say how many people are ahead of you."
        ),
        "rating": 4,
    },
    {
        "reference": "HYS-DEMOGF02",
        "about": GeneralFeedback.About.WEBSITE,
        "what_happened": "I looked for the easy read version of the stroke services consultation.",
        "what_was_good": "Once I found it, it was clear.",
        "what_could_be_better": "Put the other formats nearer the top of the page.",
        "rating": 3,
    },
    {
        "reference": "HYS-DEMOGF03",
        "about": GeneralFeedback.About.SERVICE,
        "service_name": "Community mental health team",
        "what_happened": (
            "My referral letter took six weeks to arrive and nobody told me about the delay."
        ),
        "what_could_be_better": (
            "A text message when a referral is received would stop people worrying."
        ),
        "rating": 2,
        "name": "Sam Example",
        "email": "sam@example.com",
    },
    {
        "reference": "HYS-DEMOGF04",
        "about": GeneralFeedback.About.OTHER,
        "what_happened": (
            "I came to the drop-in event at the library about the new urgent treatment "
            "centre."
        ),
        "what_was_good": "Staff explained the plans well and had printed copies to take away.",
    },
]

DEMO_PAGE_USEFULNESS = [
    ("/", True, ""),
    ("/", True, ""),
    ("/", False, "I could not see which consultations close soon."),
    ("/search/", True, ""),
    ("/share-your-views/", False, ""),
]


def load_general_feedback_demo(context=None):
    """A few GeneralFeedback and PageUsefulness rows for the demo site. Idempotent."""
    created = []
    for row in DEMO_GENERAL_FEEDBACK:
        row = dict(row)
        reference = row.pop("reference")
        feedback, made = GeneralFeedback.objects.get_or_create(reference=reference, defaults=row)
        if made:
            created.append(feedback)
    if not PageUsefulness.objects.filter(
        comment__startswith="I could not see which consultations"
    ).exists():
        home = (context or {}).get("home")
        for path, useful, comment in DEMO_PAGE_USEFULNESS:
            PageUsefulness.objects.create(
                path=path, useful=useful, comment=comment, page=home if path == "/" else None
            )
    return created
